// What the remote save sends for a sheet a job replaced, and how a save too large for one request
// is cut. A sheet read in this execution is not cleared and written whole: only the cells that
// differ from what was READ are sent (`changedBlocks`, as the Advanced Sheets adapter does), each
// with its value and format, and what the table no longer reaches is emptied. So a person's
// edit to a derived sheet is still put back (the read saw it), and a routine day sends kilobytes
// where a rewrite sent megabytes. Rows are written over, never cleared first: a save cut in parts
// that stops between them leaves each row old or new, never a sheet emptied of its rows.

import type { sheets_v4 } from 'googleapis';
import type { CellValue } from '../ports';
import { cellText } from '../domain/table';
import { utf8Bytes } from '../domain/time-budget';
import { changedBlocks, type ChangedBlock } from '../sheet-writes';
import {
  CELL_FIELDS,
  CELL_FIELDS_BUT_NUMBER_FORMAT,
  formattedCellData,
  type CellFormats,
} from './sheets-api-cells';

type Request = sheets_v4.Schema$Request;

function widthOf(grid: readonly (readonly CellValue[])[]): number {
  return Math.max(0, ...grid.map((row) => row.length));
}

function sameHeaders(
  before: readonly CellValue[] | undefined,
  after: readonly CellValue[] | undefined,
): boolean {
  const width = Math.max(before?.length ?? 0, after?.length ?? 0);
  for (let column = 0; column < width; column += 1) {
    if (cellText(before?.[column] ?? null) !== cellText(after?.[column] ?? null)) return false;
  }
  return before !== undefined;
}

/** Whether a Date sits, in either grid, in a column the sheet's format does not give a date pattern. */
function hasLooseDates(grids: readonly (readonly (readonly CellValue[])[])[], formats: CellFormats): boolean {
  return grids.some((grid) =>
    grid.some(
      (row, index) =>
        index > 0 &&
        row.some((value, column) => value instanceof Date && !formats.formattedColumns.has(column)),
    ),
  );
}

/**
 * What brings a sheet holding `before` (as read, header row first) to `after`. `rows`: with the same
 * headers, the blocks of cells that differ (a new row whole); with other headers (columns moved, a column a person added), every
 * row; as wide as the wider of the two. `clear`: the rows below the table emptied of values and
 * formats, when it shrank or its headers changed (a date column that moved leaves no date format
 * behind); to send before the sheet's column formats. `isNew`: nothing to empty.
 */
export function rewriteRequests(
  sheetId: number,
  before: readonly (readonly CellValue[])[],
  after: readonly (readonly CellValue[])[],
  formats: CellFormats,
  isNew: boolean,
): { readonly clear: Request | null; readonly rows: Request[] } {
  const width = Math.max(widthOf(before), widthOf(after));
  const keepsHeaders = !isNew && sameHeaders(before[0], after[0]);
  // A bold row whose cells did not change is not sent: the sheet's format makes it bold
  // (`repeatCell`), and a sent cell carries its bold, so a total row that moved loses it.
  const blocks: readonly ChangedBlock[] = keepsHeaders
    ? changedBlocks(before, after, width)
    : after.length > 0 && width > 0
      ? [{ start: 0, firstColumn: 0, width, rows: after }]
      : [];
  // Cells of a column formatted whole keep that format: only dates elsewhere need one of their own.
  const withNumberFormat = hasLooseDates([before, after], formats);
  // Last rows first: cut between parts, a table grown in its middle has copied its rows lower
  // before overwriting them (saveParts cuts a block the same way).
  const rows: Request[] = [...blocks].reverse().map((block) => ({
    updateCells: {
      start: { sheetId, rowIndex: block.start, columnIndex: block.firstColumn },
      rows: block.rows.map((row, offset) => ({
        values: Array.from({ length: block.width }, (_, index) =>
          formattedCellData(
            row[index],
            block.firstColumn + index,
            block.start + offset,
            formats,
            withNumberFormat,
          ),
        ),
      })),
      fields: withNumberFormat ? CELL_FIELDS : CELL_FIELDS_BUT_NUMBER_FORMAT,
    },
  }));
  const clear: Request | null =
    !isNew && (!keepsHeaders || before.length > after.length)
      ? { updateCells: { range: { sheetId, startRowIndex: after.length }, fields: CELL_FIELDS } }
      : null;
  return { clear, rows };
}

function requestBytes(request: Request): number {
  return utf8Bytes(JSON.stringify(request));
}

/**
 * The requests of a save cut, in order, into parts whose bodies stay under `limit` bytes: one part
 * whenever they fit (Google applies a batchUpdate all or nothing), else as few as the bytes need,
 * each atomic, an `updateCells` too large for the room left cut into pieces that write the same
 * cells. The pieces go last rows first: a table that grew in its middle (a response registered
 * between two others) pushed rows down, and a save that stops between pieces has then copied them
 * lower before overwriting them — a row shown twice until the next run, never a row lost.
 */
export function saveParts(requests: readonly Request[], limit: number): Request[][] {
  // The body is `{"requests":[…]}`: the list's own bytes and a comma per request come on top.
  const partLimit = limit - 64;
  const parts: Request[][] = [];
  let current: Request[] = [];
  let size = 0;
  const close = () => {
    if (current.length > 0) parts.push(current);
    current = [];
    size = 0;
  };
  for (const request of requests) {
    const bytes = requestBytes(request) + 1;
    const update = request.updateCells;
    if (size + bytes <= partLimit || !update?.rows || !update.start) {
      if (size + bytes > partLimit) close();
      current.push(request);
      size += bytes;
      continue;
    }
    const rows = update.rows;
    const firstRow = update.start.rowIndex ?? 0;
    const shellBytes = requestBytes({ updateCells: { ...update, rows: [] } }) + 1;
    const piece = (from: number, to: number): Request => ({
      updateCells: {
        ...update,
        start: { ...update.start, rowIndex: firstRow + from },
        rows: rows.slice(from, to),
      },
    });
    let end = rows.length;
    let pieceBytes = shellBytes;
    for (let index = rows.length - 1; index >= 0; index -= 1) {
      const rowBytes = utf8Bytes(JSON.stringify(rows[index])) + 1;
      if (size + pieceBytes + rowBytes > partLimit) {
        if (index + 1 < end) {
          current.push(piece(index + 1, end));
          end = index + 1;
          pieceBytes = shellBytes;
        }
        close();
      }
      pieceBytes += rowBytes;
    }
    current.push(piece(0, end));
    size += pieceBytes;
  }
  close();
  return parts;
}
