// The one codec between sheets and records: columns are found by header title (normalised as
// titleKey does), never by position, so a department may reorder or add columns freely.
import { InputError, type InputProblem } from './problems';
import { titleKey } from './text';
import { parseIsoDate, parseMoment, parseVietnameseDate, vietnamDateOf, type IsoDate } from './time';

/** What a cell holds once read: text, a number, a boolean, an instant, or nothing. */
export type CellValue = string | number | boolean | Date | null;

/** A sheet read whole: its header row and the rows below it, as stored. */
export interface Table {
  readonly name: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly CellValue[])[];
}

/** One row of a sheet, read by header title. */
export interface SheetRecord {
  readonly sheet: string;
  /** 1-based row number in the sheet (the header is row 1). */
  readonly rowNumber: number;
  get(column: string): CellValue;
  has(column: string): boolean;
}

export interface ColumnSpec {
  readonly required: readonly string[];
  readonly optional?: readonly string[];
}

function isBlank(value: CellValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/**
 * The records of a sheet, skipping blank rows. Throws an InputError naming the sheet when it is
 * missing or when a required header is not there.
 */
export function readRecords(table: Table | undefined, sheet: string, columns: ColumnSpec): SheetRecord[] {
  if (!table) throw new InputError([{ where: sheet, message: `không có trang «${sheet}» trong bảng tính.` }]);
  const indexByKey = new Map<string, number>();
  table.headers.forEach((header, index) => {
    const key = titleKey(String(header ?? ''));
    if (key && !indexByKey.has(key)) indexByKey.set(key, index);
  });
  const missing = columns.required.filter((column) => !indexByKey.has(titleKey(column)));
  if (missing.length > 0) {
    const problems: InputProblem[] = missing.map((column) => ({
      where: sheet,
      row: 1,
      column,
      message: `thiếu cột «${column}» ở dòng tiêu đề.`,
    }));
    throw new InputError(problems);
  }
  const records: SheetRecord[] = [];
  table.rows.forEach((row, index) => {
    if (row.every(isBlank)) return;
    records.push({
      sheet,
      rowNumber: index + 2,
      get(column) {
        const position = indexByKey.get(titleKey(column));
        return position === undefined ? null : (row[position] ?? null);
      },
      has(column) {
        return indexByKey.has(titleKey(column));
      },
    });
  });
  return records;
}

/** A cell as text: NFC, trimmed; numbers without a trailing `.0`; dates as dd/MM/yyyy. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const [year, month, day] = vietnamDateOf(value).split('-');
    return `${day}/${month}/${year}`;
  }
  return String(value).normalize('NFC').trim();
}

/** A cell as a Vietnamese calendar day: a date cell, `dd/MM/yyyy` or `YYYY-MM-DD` text. */
export function cellDate(value: CellValue): IsoDate | null {
  // A date cell far outside the calendar (year 0, say) gives no IsoDate: treat it as no date.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : parseIsoDate(vietnamDateOf(value));
  if (typeof value !== 'string') return null;
  return parseVietnameseDate(value) ?? parseIsoDate(value);
}

/**
 * A cell as an instant: a date-time cell, or ISO text (Vietnam wall-clock time unless it names its
 * offset). Not `new Date(text)`: that reads a time without offset in the machine's zone.
 */
export function cellInstant(value: CellValue): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'string') return parseMoment(value);
  return null;
}

/** Rows in the order of `headers`, from records keyed by header title. */
export function encodeRows(
  headers: readonly string[],
  records: readonly Readonly<Record<string, CellValue | undefined>>[],
): CellValue[][] {
  return records.map((record) => headers.map((header) => record[header] ?? null));
}
