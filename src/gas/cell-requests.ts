// The cells of a write as Sheets API requests, small (issue 15): a block of changed cells is one
// `updateCells` from its first column; a long vertical run of one same cell in it (`Mã kỳ` down a
// new block of `Số liệu`, «Chưa nộp» down `Tổng hợp`) is sent once, as a `repeatCell` right after
// the `updateCells`, which leaves `{}` in its place. A batchUpdate applies its requests in order
// and atomically, and the two always go in the same batch, so no cell is ever left emptied.
import type { CellValue } from '../ports';
import { toSerial } from '../domain/time';
import { chunksUnder, MAX_REQUEST_BYTES, utf8Bytes } from '../domain/time-budget';

type Request = GoogleAppsScript.Sheets.Schema.Request;
type CellData = GoogleAppsScript.Sheets.Schema.CellData;
type RowData = GoogleAppsScript.Sheets.Schema.RowData;
type UpdateCellsRequest = GoogleAppsScript.Sheets.Schema.UpdateCellsRequest;

export const DATE_PATTERN = 'dd/MM/yyyy';
export const DATE_TIME_PATTERN = 'dd/MM/yyyy HH:mm:ss';
/** Every field a written cell sets; a field named here and absent from a cell is emptied. */
export const CELL_FIELDS =
  'userEnteredValue,userEnteredFormat.numberFormat,userEnteredFormat.textFormat.bold';

export interface CellFormats {
  readonly dateColumns: ReadonlySet<number>;
  readonly dateTimeColumns: ReadonlySet<number>;
  /** 0-based data rows (below the header). */
  readonly boldRows: ReadonlySet<number>;
}

export const NO_FORMATS: CellFormats = {
  dateColumns: new Set(),
  dateTimeColumns: new Set(),
  boldRows: new Set(),
};

export function cellData(
  value: CellValue | undefined,
  column: number,
  dataRow: number,
  formats: CellFormats,
): CellData {
  const cell: CellData = {};
  if (typeof value === 'string' && value !== '') cell.userEnteredValue = { stringValue: value };
  else if (typeof value === 'number') cell.userEnteredValue = { numberValue: value };
  else if (typeof value === 'boolean') cell.userEnteredValue = { boolValue: value };
  else if (value instanceof Date) {
    cell.userEnteredValue = { numberValue: toSerial(value) };
    cell.userEnteredFormat = {
      numberFormat: formats.dateColumns.has(column)
        ? { type: 'DATE', pattern: DATE_PATTERN }
        : { type: 'DATE_TIME', pattern: DATE_TIME_PATTERN },
    };
  }
  if (formats.boldRows.has(dataRow)) {
    cell.userEnteredFormat = { ...cell.userEnteredFormat, textFormat: { bold: true } };
  }
  return cell;
}

/**
 * Rows of cells for the API; `firstDataRow` is the data row (0-based, -1 the header) of the first,
 * `firstColumn` the sheet's column (0-based) of the first cell of each row.
 */
export function rowsOf(
  rows: readonly (readonly CellValue[])[],
  width: number,
  firstDataRow: number,
  formats: CellFormats,
  firstColumn = 0,
): RowData[] {
  return rows.map((row, index) => ({
    values: Array.from({ length: width }, (_, offset) =>
      cellData(row[offset], firstColumn + offset, firstDataRow + index, formats),
    ),
  }));
}

/** A vertical run of one same cell: rows `firstRow`… (0-based, of the grid given), `rowCount` of them. */
export interface RepeatedRun {
  readonly column: number;
  readonly firstRow: number;
  readonly rowCount: number;
}

/**
 * The vertical runs of one same cell (the same JSON: value and format) in `cells` (rows of each
 * cell's JSON) that are worth sending once: what the run's cells weigh beyond the `{}` left in
 * their place is more than the cell once and `overheadBytes` (the rest of a repeatCell).
 */
export function repeatedRuns(cells: readonly (readonly string[])[], overheadBytes: number): RepeatedRun[] {
  const runs: RepeatedRun[] = [];
  const width = Math.max(0, ...cells.map((row) => row.length));
  for (let column = 0; column < width; column += 1) {
    let firstRow = 0;
    for (let row = 1; row <= cells.length; row += 1) {
      const json = cells[firstRow]?.[column];
      if (row < cells.length && json !== undefined && cells[row]?.[column] === json) continue;
      const rowCount = row - firstRow;
      if (json !== undefined && rowCount > 1) {
        const bytes = utf8Bytes(json);
        if (rowCount * (bytes - 2) > bytes + overheadBytes) runs.push({ column, firstRow, rowCount });
      }
      firstRow = row;
    }
  }
  return runs;
}

export function requestBytes(request: Request): number {
  return utf8Bytes(JSON.stringify(request));
}

/** An updateCells from `start` with its long runs of one cell sent once, each as a repeatCell after it. */
function withRepeats(update: UpdateCellsRequest): Request[] {
  const start = update.start ?? {};
  const rows = update.rows ?? [];
  const sheetId = start.sheetId ?? 0;
  const firstRow = start.rowIndex ?? 0;
  const firstColumn = start.columnIndex ?? 0;
  const cells = rows.map((row) => (row.values ?? []).map((cell) => JSON.stringify(cell)));
  // The largest a repeatCell's range and mask can be, its cell aside.
  const overheadBytes = requestBytes({
    repeatCell: {
      range: {
        sheetId,
        startRowIndex: 0x7fffffff,
        endRowIndex: 0x7fffffff,
        startColumnIndex: 0x7fffffff,
        endColumnIndex: 0x7fffffff,
      },
      cell: {},
      fields: update.fields ?? '',
    },
  });
  const runs = repeatedRuns(cells, overheadBytes);
  if (runs.length === 0) return [{ updateCells: update }];
  const holes = rows.map((row) => ({ values: [...(row.values ?? [])] }));
  const repeats: Request[] = runs.map(({ column, firstRow: runRow, rowCount }) => {
    const cell = holes[runRow]?.values[column] as CellData;
    for (let row = runRow; row < runRow + rowCount; row += 1)
      (holes[row] as { values: CellData[] }).values[column] = {};
    return {
      repeatCell: {
        range: {
          sheetId,
          startRowIndex: firstRow + runRow,
          endRowIndex: firstRow + runRow + rowCount,
          startColumnIndex: firstColumn + column,
          endColumnIndex: firstColumn + column + 1,
        },
        cell,
        ...(update.fields !== undefined ? { fields: update.fields } : {}),
      },
    };
  });
  // When the runs cover every cell, the repeatCells alone write them all.
  const covered = runs.reduce((sum, run) => sum + run.rowCount, 0);
  const cellCount = cells.reduce((sum, row) => sum + row.length, 0);
  if (covered === cellCount) return repeats;
  return [{ updateCells: { ...update, rows: holes } }, ...repeats];
}

/**
 * The requests of a batch as parts that must go in one request each: an updateCells with its
 * repeatCells; an updateCells too large for one request is cut into rows that fit, each part with
 * its own repeatCells. Every other request is a part alone.
 */
export function requestParts(requests: readonly Request[]): Request[][] {
  return requests.flatMap((request): Request[][] => {
    const update = request.updateCells;
    if (!update?.rows || !update.start) return [[request]];
    const whole = withRepeats(update);
    if (whole.reduce((sum, part) => sum + requestBytes(part), 0) <= MAX_REQUEST_BYTES) return [whole];
    const start = update.start;
    let offset = 0;
    return chunksUnder(update.rows, (row) => utf8Bytes(JSON.stringify(row)), MAX_REQUEST_BYTES).map(
      (rows) => {
        const part = withRepeats({
          ...update,
          start: { ...start, rowIndex: (start.rowIndex ?? 0) + offset },
          rows,
        });
        offset += rows.length;
        return part;
      },
    );
  });
}
