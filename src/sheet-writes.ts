// What every Workbook implementation does alike: read a grid of cells as a table the way
// getDataRange sees it, refuse a mistaken write before any sheet is touched, find a column by its
// title as readers do, and place appended columns under the header with the same title (people may
// reorder columns) or at the right.
import { cellText, type CellValue, type Table } from './domain/table';
import { titleKey } from './domain/text';
import type { SheetFormat, SheetWrite } from './ports';

/** The rows and columns up to the last non-empty cell, as getDataRange bounds a sheet. */
export function gridExtent(grid: readonly (readonly CellValue[])[]): { height: number; width: number } {
  let height = 0;
  let width = 0;
  grid.forEach((row, rowIndex) =>
    row.forEach((value, columnIndex) => {
      if (value === null) return;
      height = Math.max(height, rowIndex + 1);
      width = Math.max(width, columnIndex + 1);
    }),
  );
  return { height, width };
}

/** The table in a grid of cells: the first row as headers, without the empty rows and columns at its end. */
export function tableFromGrid(name: string, grid: readonly (readonly CellValue[])[]): Table {
  const { height, width } = gridExtent(grid);
  const sized = (row: readonly CellValue[] | undefined): CellValue[] =>
    Array.from({ length: width }, (_, index) => row?.[index] ?? null);
  return {
    name,
    headers: height === 0 ? [] : sized(grid[0]).map(cellText),
    rows: grid.slice(1, height).map(sized),
  };
}

/** A write that names a column it does not have, or gives a row wider than its headers: a bug. */
export class SheetWriteError extends Error {
  override readonly name = 'SheetWriteError';
  constructor(sheet: string, detail: string) {
    super(`Cannot write sheet "${sheet}": ${detail}`);
  }
}

/** `A`, `B`, … `Z`, `AA`, … for a 1-based column. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

/** 1-based position of `column` among `headers`, matched as readers match titles. */
export function columnPosition(sheet: string, headers: readonly string[], column: string): number {
  const key = titleKey(column);
  const index = headers.findIndex((header) => titleKey(header) === key);
  if (index < 0) {
    throw new SheetWriteError(sheet, `the format names a column "${column}" that is not a header.`);
  }
  return index + 1;
}

function checkFormatColumns(
  sheet: string,
  headers: readonly string[],
  format: SheetFormat | undefined,
): void {
  if (!format) return;
  [
    ...(format.dateColumns ?? []),
    ...(format.dateTimeColumns ?? []),
    ...(format.valueColors ?? []).map((rule) => rule.column),
  ].forEach((column) => columnPosition(sheet, headers, column));
}

/** Throws SheetWriteError for the first mistaken write of a batch; checks row widths and format columns. */
export function checkWrites(writes: readonly SheetWrite[]): void {
  for (const write of writes) {
    write.rows.forEach((row, index) => {
      if (row.length > write.headers.length) {
        throw new SheetWriteError(
          write.sheet,
          `row ${index + 2} has ${row.length} values for ${write.headers.length} headers.`,
        );
      }
    });
    if (write.kind === 'replace') checkFormatColumns(write.sheet, write.headers, write.format);
  }
}

/**
 * Where each written column goes in a sheet that already has `existing` headers (0-based), the
 * headers to add at the right, and the width after adding them.
 */
export function placeColumns(
  existing: readonly string[],
  headers: readonly string[],
): { positions: number[]; added: string[]; width: number } {
  const positionByKey = new Map<string, number>();
  existing.forEach((header, index) => {
    const key = titleKey(header);
    if (key && !positionByKey.has(key)) positionByKey.set(key, index);
  });
  const added: string[] = [];
  const positions = headers.map((header) => {
    const key = titleKey(header);
    const found = positionByKey.get(key);
    if (found !== undefined) return found;
    const position = existing.length + added.length;
    added.push(header);
    positionByKey.set(key, position);
    return position;
  });
  return { positions, added, width: existing.length + added.length };
}

function sameCell(before: CellValue | undefined, after: CellValue | undefined): boolean {
  const a = before === undefined || before === '' ? null : before;
  const b = after === undefined || after === '' ? null : after;
  if (a instanceof Date || b instanceof Date) {
    // A date goes to Sheets as a serial number of days and comes back rounded to the millisecond.
    return a instanceof Date && b instanceof Date && Math.abs(a.getTime() - b.getTime()) <= 1;
  }
  return a === b;
}

/** A run of consecutive rows to send: `start` is the 0-based index of its first row in `after`. */
export interface ChangedRun {
  readonly start: number;
  readonly rows: readonly (readonly CellValue[])[];
}

/**
 * The rows of `after` that differ from the rows the sheet holds (`before`, as read), as runs of
 * consecutive rows, so that a write sends what changed and not the whole sheet. Rows in `always`
 * are sent whatever they hold (their format may have changed).
 */
export function changedRuns(
  before: readonly (readonly CellValue[])[],
  after: readonly (readonly CellValue[])[],
  width: number,
  always: ReadonlySet<number> = new Set(),
): ChangedRun[] {
  const runs: ChangedRun[] = [];
  let current: { start: number; rows: (readonly CellValue[])[] } | null = null;
  after.forEach((row, index) => {
    const old = before[index];
    let same = old !== undefined && !always.has(index);
    for (let column = 0; same && column < width; column += 1) same = sameCell(old?.[column], row[column]);
    if (same) {
      current = null;
      return;
    }
    if (!current) {
      current = { start: index, rows: [] };
      runs.push(current);
    }
    current.rows.push(row);
  });
  return runs;
}
