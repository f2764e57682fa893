// A cell as the remote shell sends it to the Sheets API: values as `updateCells` writes them, and
// dates as serial numbers of days from 1899-12-30 on Vietnam's clock (the spreadsheet must keep it).
import type { sheets_v4 } from 'googleapis';
import type { CellValue } from '../ports';
import { toSerial } from '../domain/time';

export const DATE_PATTERN = 'dd/mm/yyyy';
export const DATE_TIME_PATTERN = 'dd/mm/yyyy hh:mm:ss';

/**
 * What a rewritten cell sets: its value, number format and bold. A field named here and absent from
 * a cell is emptied, so a row written with it holds nothing of what was there before.
 */
export const CELL_FIELDS =
  'userEnteredValue,userEnteredFormat.numberFormat,userEnteredFormat.textFormat.bold';
/** The same without the number format, for a sheet whose dates are all in columns formatted whole. */
export const CELL_FIELDS_BUT_NUMBER_FORMAT = 'userEnteredValue,userEnteredFormat.textFormat.bold';

/**
 * A cell as `updateCells` writes it with the field mask `userEnteredValue`: a cell without a value
 * is emptied; a string is a stringValue, kept as it is (RAW, in the values API's words).
 */
export function cellData(value: CellValue | undefined): sheets_v4.Schema$CellData {
  if (value === null || value === undefined || value === '') return {};
  if (value instanceof Date) return { userEnteredValue: { numberValue: toSerial(value) } };
  if (typeof value === 'number') return { userEnteredValue: { numberValue: value } };
  if (typeof value === 'boolean') return { userEnteredValue: { boolValue: value } };
  return { userEnteredValue: { stringValue: value } };
}

/** Which cells of a sheet carry a format: 0-based columns, and 0-based rows of the grid (0 the header). */
export interface CellFormats {
  /** Columns the sheet's format gives a date pattern whole (`repeatCell`), and those of them with no time. */
  readonly formattedColumns: ReadonlySet<number>;
  readonly dateColumns: ReadonlySet<number>;
  readonly boldGridRows: ReadonlySet<number>;
}

/**
 * A cell for the mask `CELL_FIELDS` (`withNumberFormat`): a date carries its number format (a date
 * column's pattern, else date and time), as SpreadsheetApp does when given a Date, and what tells a
 * date from a number when the sheet is read back; any other cell has none, so a date that became a
 * number stops showing as a date. A bold row is bold, any other not.
 */
export function formattedCellData(
  value: CellValue | undefined,
  column: number,
  gridRow: number,
  formats: CellFormats,
  withNumberFormat: boolean,
): sheets_v4.Schema$CellData {
  const cell = cellData(value);
  if (withNumberFormat && value instanceof Date) {
    cell.userEnteredFormat = {
      numberFormat: formats.dateColumns.has(column)
        ? { type: 'DATE', pattern: DATE_PATTERN }
        : { type: 'DATE_TIME', pattern: DATE_TIME_PATTERN },
    };
  }
  if (formats.boldGridRows.has(gridRow)) {
    cell.userEnteredFormat = { ...cell.userEnteredFormat, textFormat: { bold: true } };
  }
  return cell;
}
