// The Workbook port over a Google Spreadsheet. Every SpreadsheetApp call is a round trip, so a
// read costs three calls per sheet and a write a fixed number per sheet, whatever the row count:
// nothing here runs per row or per cell.

import type { CellValue, SheetFormat, SheetWrite, Table, ValueColorRule, Workbook } from '../ports';
import { cellText } from '../domain/table';
import { checkWrites, columnLetter, columnPosition, placeColumns } from '../sheet-writes';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type SheetCell = string | number | boolean | Date;

/** What the adapter needs of SpreadsheetApp: a rule builder and an enum, passed in rather than global. */
export type SpreadsheetServices = Pick<
  GoogleAppsScript.Spreadsheet.SpreadsheetApp,
  'newConditionalFormatRule' | 'ProtectionType'
>;

export const DATE_FORMAT = 'dd/MM/yyyy';
export const DATE_TIME_FORMAT = 'dd/MM/yyyy HH:mm:ss';
const PROTECTION_DESCRIPTION = 'hannop tạo lại trang này sau mỗi lần chạy: sửa trực tiếp ở đây sẽ bị ghi đè.';

/**
 * What Sheets must store for a value. A string is entered as a person would type it, so it is
 * prefixed with an apostrophe: then `=1+1`, `0901234567`, `30/03/2023` or `TRUE` stay the text
 * they are instead of becoming a formula, a number, a date or a boolean.
 */
function toSheetCell(value: CellValue | undefined): SheetCell {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string') return `'${value}`;
  return value;
}

function fromSheetCell(value: unknown): CellValue {
  if (value === '' || value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  return String(value);
}

/** The table in a data range, without the empty rows and columns at its bottom and right. */
function tableFromValues(name: string, values: readonly (readonly unknown[])[]): Table {
  const cells = values.map((row) => row.map(fromSheetCell));
  let height = 0;
  let width = 0;
  cells.forEach((row, rowIndex) => {
    row.forEach((value, columnIndex) => {
      if (value === null) return;
      height = Math.max(height, rowIndex + 1);
      width = Math.max(width, columnIndex + 1);
    });
  });
  const sized = (row: readonly CellValue[] | undefined): CellValue[] =>
    Array.from({ length: width }, (_, index) => row?.[index] ?? null);
  return {
    name,
    headers: height === 0 ? [] : sized(cells[0]).map(cellText),
    rows: cells.slice(1, height).map(sized),
  };
}

function gridOf(headers: readonly string[], rows: readonly (readonly CellValue[])[]): SheetCell[][] {
  return [headers, ...rows].map((row) =>
    Array.from({ length: headers.length }, (_, column) => toSheetCell(row[column])),
  );
}

export class SpreadsheetWorkbook implements Workbook {
  constructor(
    private readonly spreadsheet: Spreadsheet,
    private readonly services: SpreadsheetServices,
  ) {}

  read(sheetNames: readonly string[]): ReadonlyMap<string, Table> {
    const tables = new Map<string, Table>();
    sheetNames.forEach((name) => {
      if (tables.has(name)) return;
      const sheet = this.spreadsheet.getSheetByName(name);
      if (sheet) tables.set(name, tableFromValues(name, sheet.getDataRange().getValues()));
    });
    return tables;
  }

  write(writes: readonly SheetWrite[]): void {
    // A mistaken write is refused before any sheet of the batch is touched.
    checkWrites(writes);
    writes.forEach((write) => {
      if (write.kind === 'replace') this.replace(write.sheet, write.headers, write.rows, write.format);
      else this.append(write.sheet, write.headers, write.rows);
    });
  }

  private replace(
    name: string,
    headers: readonly string[],
    rows: readonly (readonly CellValue[])[],
    format: SheetFormat | undefined,
  ): void {
    const grid = gridOf(headers, rows);
    const sheet = this.spreadsheet.getSheetByName(name) ?? this.spreadsheet.insertSheet(name);
    // A filter left over a stale range would hide new rows and forbids creating a new one.
    if (format?.filter) sheet.getFilter()?.remove();
    // Contents and formats go in one call: rows and columns the new table no longer reaches are
    // emptied, and a total row that moved down is no longer bold where it was.
    sheet.clear();
    if (headers.length === 0) return;
    const table = sheet.getRange(1, 1, grid.length, headers.length);
    table.setValues(grid);
    if (format) this.applyFormat(sheet, table, name, headers, rows.length, format);
  }

  private applyFormat(
    sheet: Sheet,
    table: Range,
    name: string,
    headers: readonly string[],
    rowCount: number,
    format: SheetFormat,
  ): void {
    if (format.frozenRows !== undefined) sheet.setFrozenRows(format.frozenRows);
    if (format.frozenColumns !== undefined) sheet.setFrozenColumns(format.frozenColumns);
    if (format.valueColors) {
      sheet.setConditionalFormatRules(this.valueColorRules(sheet, name, headers, format.valueColors));
    }
    if (rowCount > 0) {
      const numberFormats: [readonly string[] | undefined, string][] = [
        [format.dateColumns, DATE_FORMAT],
        [format.dateTimeColumns, DATE_TIME_FORMAT],
      ];
      numberFormats.forEach(([columns, numberFormat]) =>
        (columns ?? []).forEach((column) =>
          sheet.getRange(2, columnPosition(name, headers, column), rowCount, 1).setNumberFormat(numberFormat),
        ),
      );
      const boldRows = new Set(format.boldRows ?? []);
      if (boldRows.size > 0) {
        table.setFontWeights(
          Array.from({ length: rowCount + 1 }, (_, index) =>
            new Array<GoogleAppsScript.Spreadsheet.FontWeight | null>(headers.length).fill(
              index > 0 && boldRows.has(index - 1) ? 'bold' : null,
            ),
          ),
        );
      }
    }
    if (format.filter) table.createFilter();
    if (format.protectedWarningOnly) {
      const protection = sheet.getProtections(this.services.ProtectionType.SHEET)[0] ?? sheet.protect();
      protection.setWarningOnly(true);
      protection.setDescription(PROTECTION_DESCRIPTION);
    }
  }

  /** Rules over whole columns from row 2, so the colours follow edits and new rows. */
  private valueColorRules(
    sheet: Sheet,
    name: string,
    headers: readonly string[],
    rules: readonly ValueColorRule[],
  ): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
    const rangeByColumn = new Map<number, Range>();
    return rules.map((rule) => {
      const position = columnPosition(name, headers, rule.column);
      let range = rangeByColumn.get(position);
      if (!range) {
        range = sheet.getRange(`${columnLetter(position)}2:${columnLetter(position)}`);
        rangeByColumn.set(position, range);
      }
      let builder = this.services
        .newConditionalFormatRule()
        .whenTextEqualTo(rule.equals)
        .setBackground(rule.background);
      if (rule.font) builder = builder.setFontColor(rule.font);
      return builder.setRanges([range]).build();
    });
  }

  private append(name: string, headers: readonly string[], rows: readonly (readonly CellValue[])[]): void {
    const grid = gridOf(headers, rows);
    const existingSheet = this.spreadsheet.getSheetByName(name);
    const sheet = existingSheet ?? this.spreadsheet.insertSheet(name);
    const lastRow = existingSheet ? sheet.getLastRow() : 0;
    if (lastRow === 0) {
      if (headers.length > 0) sheet.getRange(1, 1, grid.length, headers.length).setValues(grid);
      return;
    }
    if (rows.length === 0) return;
    const [headerRow = []] = sheet.getRange(1, 1, 1, Math.max(1, sheet.getLastColumn())).getValues();
    const existingHeaders = headerRow.map((value) => cellText(fromSheetCell(value)));
    const placement = placeColumns(existingHeaders, headers);
    if (placement.added.length > 0) {
      sheet
        .getRange(1, existingHeaders.length + 1, 1, placement.added.length)
        .setValues([placement.added.map(toSheetCell)]);
    }
    const placed = grid.slice(1).map((values) => {
      const row = new Array<SheetCell>(placement.width).fill('');
      values.forEach((value, index) => {
        row[placement.positions[index] as number] = value;
      });
      return row;
    });
    sheet.getRange(lastRow + 1, 1, placed.length, placement.width).setValues(placed);
  }
}
