// The values of a sheet through SpreadsheetApp, as Google's limits want them moved (issue 15):
// - only the cells that differ from what this execution read or wrote are sent (a submission changes
//   a row or two of a 2,000-row register; a day, one column of `Tổng hợp`): each run of changed rows
//   over the columns that changed in it, in at most MAX_CHANGED_RUNS ranges, else one span;
// - no `setValues` carries more than MAX_REQUEST_BYTES (Google recommends 2 MB a request);
// - a call Google refuses for its own reasons (rate, a service failure, a time-out) is retried with
//   exponential backoff within RETRY_BUDGET_MS, then fails naming the sheet.
// The rules (what to retry, how long to wait, how to cut) are the domain's, shared with the Advanced
// Sheets adapter (src/domain/time-budget.ts); this file only measures, sleeps and calls.
import type { CellValue, Table } from '../ports';
import {
  chunksUnder,
  isRetryableError,
  MAX_REQUEST_BYTES,
  retryDelayMs,
  utf8Bytes,
} from '../domain/time-budget';
import { blockOver, changedBlocks, columnLetter, joinedBlocks, tableFromGrid } from '../sheet-writes';

type Range = GoogleAppsScript.Spreadsheet.Range;
export type SheetCell = string | number | boolean | Date;
type Rows = readonly (readonly CellValue[])[];

/** Above this many separate runs of changed rows, one range from the first to the last is cheaper in calls. */
export const MAX_CHANGED_RUNS = 4;

/** How to wait before a retry (Utilities.sleep); without it, nothing is retried. */
export interface RetryWait {
  readonly sleep: (ms: number) => void;
  readonly random?: () => number;
}

/** Google kept refusing a call on a sheet for the whole retry budget: the run stops, the trigger rethrows. */
export class SheetServiceError extends Error {
  override readonly name = 'SheetServiceError';
  constructor(
    readonly sheet: string,
    readonly attempts: number,
    cause: unknown,
  ) {
    super(
      `Google Sheets không phục vụ trang «${sheet}» sau ${attempts} lần thử: ` +
        `${String((cause as { message?: unknown } | null)?.message ?? cause)}`,
    );
  }
}

function messageOf(error: unknown): string {
  return String((error as { message?: unknown } | null)?.message ?? error);
}

/**
 * One SpreadsheetApp call on `sheet`, retried while Google answers with a rate or service failure
 * and the budget lasts. A mistake of the call (a bad range, a cell too long) is thrown at once.
 */
export function withRetry<T>(retry: RetryWait | null, sheet: string, call: () => T): T {
  let waitedMs = 0;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return call();
    } catch (error) {
      if (!retry || !isRetryableError(messageOf(error))) throw error;
      const delay = retryDelayMs(attempt, waitedMs, (retry.random ?? Math.random)());
      if (delay === null) throw new SheetServiceError(sheet, attempt, error);
      retry.sleep(delay);
      waitedMs += delay;
    }
  }
}

/**
 * What Sheets must store for a value. A string is entered as a person would type it, so it is
 * prefixed with an apostrophe: then `=1+1`, `0901234567`, `30/03/2023` or `TRUE` stay the text
 * they are instead of becoming a formula, a number, a date or a boolean.
 */
export function toSheetCell(value: CellValue | undefined): SheetCell {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string') return `'${value}`;
  return value;
}

export function fromSheetCell(value: unknown): CellValue {
  if (value === '' || value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  return String(value);
}

/** The table in a data range, without the empty rows and columns at its bottom and right. */
export function tableFromValues(name: string, values: readonly (readonly unknown[])[]): Table {
  return tableFromGrid(
    name,
    values.map((row) => row.map(fromSheetCell)),
  );
}

/** The cells of headers + rows, padded with blanks to `height` × `width` so that stale cells are emptied. */
export function gridOf(
  headers: readonly string[],
  rows: Rows,
  height = rows.length + 1,
  width = headers.length,
): SheetCell[][] {
  return Array.from({ length: height }, (_, rowIndex) => {
    const row = rowIndex === 0 ? headers : rows[rowIndex - 1];
    return Array.from({ length: width }, (_, column) =>
      row && column < headers.length ? toSheetCell(row[column]) : '',
    );
  });
}

/** `'Tổng hợp'!A1:Q2001`: a range addressed with its sheet's name, quoted and its quotes doubled. */
export function sheetRange(
  sheet: string,
  row: number,
  column: number,
  height: number,
  width: number,
): string {
  const cells = `${columnLetter(column)}${row}:${columnLetter(column + width - 1)}${row + height - 1}`;
  return `'${sheet.replace(/'/g, "''")}'!${cells}`;
}

/**
 * Writes `grid` from row `firstRow` (1-based), `width` columns, in as few `setValues` as keep each
 * under MAX_REQUEST_BYTES; `rangeAt(row, height)` gives the range (one call each).
 */
export function setValuesUnderLimit(
  retry: RetryWait | null,
  sheet: string,
  rangeAt: (row: number, height: number) => Range,
  firstRow: number,
  grid: readonly SheetCell[][],
  width: number,
): void {
  if (grid.length === 0 || width === 0) return;
  let row = firstRow;
  // A row's JSON and the comma after it; the brackets of the whole take the last byte.
  const sizeOf = (cells: readonly SheetCell[]) => utf8Bytes(JSON.stringify(cells)) + 1;
  for (const chunk of chunksUnder(grid, sizeOf, MAX_REQUEST_BYTES - 1)) {
    const at = row;
    withRetry(retry, sheet, () => rangeAt(at, chunk.length).setValues(chunk));
    row += chunk.length;
  }
}

/**
 * Cells of data rows (below the header) a rewrite must send: rows from `start` (0-based), columns
 * from `firstColumn` (0-based), `width` of them; `rows` holds those cells, blanks included.
 */
export interface RowSpan {
  readonly start: number;
  readonly firstColumn: number;
  readonly width: number;
  readonly rows: Rows;
}

/**
 * The spans of cells to send so that the sheet, holding `before` (as read or last written,
 * `height` rows with its header), ends up holding `after`: each run of changed rows over the
 * columns that changed in it (one range, as many calls as whole rows cost), or one span over them
 * all when there are too many runs, and the rows below `after` that held something emptied.
 */
export function rowsToRewrite(before: Rows, after: Rows, width: number, height: number): RowSpan[] {
  const blocks = changedBlocks(before, after, width);
  const runs = joinedBlocks(after, blocks);
  const spans = runs.length <= MAX_CHANGED_RUNS ? runs : [blockOver(after, runs)];
  const staleRows = Math.max(before.length, height - 1) - after.length;
  if (staleRows <= 0) return spans;
  return [
    ...spans,
    { start: after.length, firstColumn: 0, width, rows: Array.from({ length: staleRows }, () => []) },
  ];
}
