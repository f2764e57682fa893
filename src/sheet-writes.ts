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

/**
 * The columns of `row` that differ from `old` (the row as the sheet holds it), as the first and
 * last of them (0-based, inclusive), or null when the row is the same. A short row lacks nothing:
 * what it does not reach is empty, as in the sheet.
 */
export function changedSpan(
  old: readonly CellValue[],
  row: readonly CellValue[],
  width: number,
): readonly [number, number] | null {
  let first = -1;
  let last = -1;
  for (let column = 0; column < width; column += 1) {
    if (sameCell(old[column], row[column])) continue;
    if (first < 0) first = column;
    last = column;
  }
  return first < 0 ? null : [first, last];
}

/**
 * Cells to send: rows `start`… of `after` (0-based), the columns from `firstColumn`, `rows` holding
 * exactly those cells (`rows[i][j]` is column `firstColumn + j` of row `start + i`).
 */
export interface ChangedBlock {
  readonly start: number;
  readonly firstColumn: number;
  readonly width: number;
  readonly rows: readonly (readonly CellValue[])[];
}

/**
 * The cells of `after` that differ from what the sheet holds (`before`, as read), so that a write
 * sends what changed and not the whole sheet: consecutive changed rows with the same span of
 * changed columns make one block. A new row (beyond `before`) and a row in `always` (its format
 * may have changed: a bold row) are sent whole, `width` cells.
 */
export function changedBlocks(
  before: readonly (readonly CellValue[])[],
  after: readonly (readonly CellValue[])[],
  width: number,
  always: ReadonlySet<number> = new Set(),
): ChangedBlock[] {
  const blocks: ChangedBlock[] = [];
  let current: { start: number; firstColumn: number; width: number; rows: CellValue[][] } | null = null;
  after.forEach((row, index) => {
    const old = before[index];
    const span: readonly [number, number] | null =
      old === undefined || always.has(index) ? [0, width - 1] : changedSpan(old, row, width);
    if (span === null || width === 0) {
      current = null;
      return;
    }
    const [first, last] = span;
    if (!current || current.firstColumn !== first || current.width !== last - first + 1) {
      current = { start: index, firstColumn: first, width: last - first + 1, rows: [] };
      blocks.push(current);
    }
    current.rows.push(Array.from({ length: last - first + 1 }, (_, offset) => row[first + offset] ?? null));
  });
  return blocks;
}

/** One block over the rows and columns of `blocks` (in order, of `after`): what lies between is sent again. */
export function blockOver(
  after: readonly (readonly CellValue[])[],
  blocks: readonly ChangedBlock[],
): ChangedBlock {
  const first = blocks[0];
  const last = blocks[blocks.length - 1];
  if (!first || !last) throw new Error('blockOver needs at least one block.');
  const firstColumn = Math.min(...blocks.map((block) => block.firstColumn));
  const width = Math.max(...blocks.map((block) => block.firstColumn + block.width)) - firstColumn;
  return {
    start: first.start,
    firstColumn,
    width,
    rows: after
      .slice(first.start, last.start + last.rows.length)
      .map((row) => Array.from({ length: width }, (_, offset) => row[firstColumn + offset] ?? null)),
  };
}

/** The blocks of consecutive rows joined, each run of changed rows one block over the columns of its rows. */
export function joinedBlocks(
  after: readonly (readonly CellValue[])[],
  blocks: readonly ChangedBlock[],
): ChangedBlock[] {
  const runs: ChangedBlock[][] = [];
  blocks.forEach((block) => {
    const run = runs[runs.length - 1];
    const previous = run?.[run.length - 1];
    if (run && previous && previous.start + previous.rows.length === block.start) run.push(block);
    else runs.push([block]);
  });
  return runs.map((run) => (run.length === 1 ? (run[0] as ChangedBlock) : blockOver(after, run)));
}
