// The Workbook port over a Google Spreadsheet. Every SpreadsheetApp call is a round trip, so the
// adapter spends a fixed number per sheet whatever the row count, and as few as it can:
// - a read costs three calls per sheet (look-up, data range, values); a sheet read or written
//   once is not looked up again by the same adapter;
// - formatting a sheet costs dozens of calls (rule builders, ranges, filter, protection), so the
//   adapter records in one spreadsheet-level developer metadata entry (three calls to read) what
//   it last wrote to each sheet: its headers and format, the extent written and how many rows of
//   the grid the formats cover. A replace that matches the record rewrites the values only —
//   `Spreadsheet.getRange('Sheet'!A1:…)` and `setValues`, padded with blanks over the extent
//   written before, or only the rows that differ from what this execution read — because the
//   formats are still there: the daily case, and every submission (written-shapes.ts).
//   Any other replace clears the sheet and formats it afresh. A sheet someone deleted is created
//   and formatted again. The record goes by sheet name: a sheet renamed away and replaced by hand
//   with a blank one of the same name gets its values but not its formats back until the shape
//   changes (deleting it restores both), and a filter or protection someone removed stays
//   removed until then.
// Nothing here runs per row or per cell. How the values move (only what changed, under the size
// limit, retried when Google fails on its side) is spreadsheet-values.ts; the formats, sheet-format.ts.

import type { CellValue, SheetFormat, SheetWrite, Table, Workbook } from '../ports';
import { cellText } from '../domain/table';
import { checkWrites, placeColumns } from '../sheet-writes';
import {
  fromSheetCell,
  gridOf,
  rowsToRewrite,
  setValuesUnderLimit,
  sheetRange,
  tableFromValues,
  toSheetCell,
  withRetry,
  type RetryWait,
  type SheetCell,
} from './spreadsheet-values';
import { applyFormat, growGrid, type SpreadsheetServices } from './sheet-format';
import { coversRows, parseShapes, shapeOf, WRITTEN_SHAPES_KEY, type WrittenShape } from './written-shapes';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type DeveloperMetadata = GoogleAppsScript.Spreadsheet.DeveloperMetadata;
type Rows = readonly (readonly CellValue[])[];

export { DATE_FORMAT, DATE_TIME_FORMAT, type SpreadsheetServices } from './sheet-format';
export { WRITTEN_SHAPES_KEY } from './written-shapes';

/** A sheet as this adapter last saw it: its object and the extent of its data (rows × columns, header included). */
interface KnownSheet {
  readonly sheet: Sheet;
  rows: number;
  columns: number;
  /** Its headers and data rows as read or last written in this execution: a rewrite sends what differs. */
  data?: { readonly headers: readonly string[]; readonly rows: Rows };
}

function sameHeaders(before: readonly string[], after: readonly string[]): boolean {
  return before.length === after.length && before.every((header, index) => header === after[index]);
}

export class SpreadsheetWorkbook implements Workbook {
  private readonly known = new Map<string, KnownSheet | null>();
  private shapes: { metadata: DeveloperMetadata | null; bySheet: Map<string, WrittenShape> } | null = null;

  constructor(
    private readonly spreadsheet: Spreadsheet,
    private readonly services: SpreadsheetServices,
    /** How to wait before retrying a read or a write Google failed (Utilities.sleep); null: no retry. */
    private readonly retry: RetryWait | null = null,
  ) {}

  private lookUp(name: string): KnownSheet | null {
    if (this.known.has(name)) return this.known.get(name) ?? null;
    const sheet = withRetry(this.retry, name, () => this.spreadsheet.getSheetByName(name));
    const known = sheet ? { sheet, rows: 0, columns: 0 } : null;
    this.known.set(name, known);
    return known;
  }

  private create(name: string): KnownSheet {
    const known = { sheet: this.spreadsheet.insertSheet(name), rows: 0, columns: 0 };
    this.known.set(name, known);
    return known;
  }

  read(sheetNames: readonly string[]): ReadonlyMap<string, Table> {
    const tables = new Map<string, Table>();
    sheetNames.forEach((name) => {
      if (tables.has(name)) return;
      const known = this.lookUp(name);
      if (!known) return;
      const values = withRetry(this.retry, name, () => known.sheet.getDataRange().getValues());
      known.rows = Math.max(known.rows, values.length);
      known.columns = Math.max(known.columns, values[0]?.length ?? 0);
      const table = tableFromValues(name, values);
      known.data = { headers: table.headers.map(cellText), rows: table.rows };
      tables.set(name, table);
    });
    return tables;
  }

  write(writes: readonly SheetWrite[]): void {
    // A mistaken write is refused before any sheet of the batch is touched.
    checkWrites(writes);
    const replaces = writes.filter((write) => write.kind === 'replace');
    // Read afresh for every batch: another adapter may have written since.
    this.shapes = null;
    // Appends alone leave the record be: the sheets that grow by appends (logs) are read before
    // any replace of them, and a replace empties what it read.
    const shapes = replaces.length > 0 ? this.writtenShapes() : new Map<string, WrittenShape>();
    // A sheet about to be formatted afresh loses its record first: if the batch fails half way,
    // the next run must not trust formats that were cleared.
    const reformatted = replaces.filter((write) => !this.isFormatted(shapes.get(write.sheet), write));
    if (reformatted.some((write) => shapes.has(write.sheet))) {
      reformatted.forEach((write) => shapes.delete(write.sheet));
      this.saveShapes(shapes);
    }
    let changed = false;
    writes.forEach((write) => {
      if (write.kind === 'append') {
        this.append(write.sheet, write.headers, write.rows);
        // Its extent is no longer the one recorded: a later replace of this batch clears it whole.
        if (shapes.delete(write.sheet)) changed = true;
        return;
      }
      const recorded = shapes.get(write.sheet);
      let written: WrittenShape;
      if (recorded && this.isFormatted(recorded, write) && this.rewriteValues(write.sheet, recorded, write)) {
        written = {
          ...recorded,
          rows: Math.max(recorded.rows, write.rows.length + 1),
          columns: Math.max(recorded.columns, write.headers.length),
        };
      } else {
        const existing = this.lookUp(write.sheet);
        const formattedRows = this.replace(
          existing ?? this.create(write.sheet),
          !existing,
          write.sheet,
          write.headers,
          write.rows,
          write.format,
        );
        written = {
          shape: shapeOf(write.headers, write.format),
          rows: write.rows.length + 1,
          columns: write.headers.length,
          formattedRows,
        };
      }
      if (JSON.stringify(written) !== JSON.stringify(recorded)) changed = true;
      shapes.set(write.sheet, written);
    });
    if (changed) this.saveShapes(shapes);
  }

  /** Whether the sheet still has the formats `write` asks for, as recorded when they were applied. */
  private isFormatted(recorded: WrittenShape | undefined, write: SheetWrite & { kind: 'replace' }): boolean {
    if (!recorded || recorded.shape !== shapeOf(write.headers, write.format)) return false;
    return !coversRows(write.format) || write.rows.length + 1 <= recorded.formattedRows;
  }

  private writtenShapes(): Map<string, WrittenShape> {
    if (!this.shapes) {
      const metadata =
        this.spreadsheet.getDeveloperMetadata().find((entry) => entry.getKey() === WRITTEN_SHAPES_KEY) ??
        null;
      this.shapes = { metadata, bySheet: parseShapes(metadata?.getValue() ?? '') };
    }
    return this.shapes.bySheet;
  }

  private saveShapes(shapes: ReadonlyMap<string, WrittenShape>): void {
    const json = JSON.stringify(Object.fromEntries(shapes));
    if (this.shapes?.metadata) {
      this.shapes.metadata.setValue(json);
    } else {
      this.spreadsheet.addDeveloperMetadata(WRITTEN_SHAPES_KEY, json);
      // The entry is found by its key the next time a batch needs it.
      this.shapes = null;
    }
  }

  /**
   * The formats are in place: only the values change, over the extent ever written so stale cells
   * are emptied — or, for a sheet read in this execution with the same headers, only the rows that
   * differ. A sheet not looked up yet is reached by its name in the range's address (one call
   * instead of two); false when it no longer exists.
   */
  private rewriteValues(
    name: string,
    recorded: WrittenShape,
    write: { readonly headers: readonly string[]; readonly rows: Rows },
  ): boolean {
    const { headers, rows } = write;
    const cached = this.known.get(name);
    if (cached === null) return false;
    const height = Math.max(rows.length + 1, recorded.rows, cached?.rows ?? 0);
    const width = Math.max(headers.length, recorded.columns, cached?.columns ?? 0);
    if (width === 0) return cached !== undefined || this.lookUp(name) !== null;
    if (cached?.data && sameHeaders(cached.data.headers, headers) && width === headers.length) {
      this.rewriteChangedRows(name, cached, headers, rows);
      return true;
    }
    let whole: Range;
    try {
      whole = cached
        ? cached.sheet.getRange(1, 1, height, width)
        : this.spreadsheet.getRange(sheetRange(name, 1, 1, height, width));
    } catch {
      // Deleted since the record was made: it is created and formatted again.
      return false;
    }
    const rangeAt = (row: number, rowCount: number): Range => {
      if (row === 1 && rowCount === height) return whole;
      return cached
        ? cached.sheet.getRange(row, 1, rowCount, width)
        : this.spreadsheet.getRange(sheetRange(name, row, 1, rowCount, width));
    };
    setValuesUnderLimit(this.retry, name, rangeAt, 1, gridOf(headers, rows, height, width), width);
    if (cached) {
      cached.rows = rows.length + 1;
      cached.columns = headers.length;
      cached.data = { headers: [...headers], rows };
    }
    return true;
  }

  /** The cells that differ from what the sheet holds (known from this execution), and the stale rows emptied. */
  private rewriteChangedRows(name: string, known: KnownSheet, headers: readonly string[], rows: Rows): void {
    const width = headers.length;
    const before = known.data?.rows ?? [];
    rowsToRewrite(before, rows, width, known.rows).forEach((span) => {
      const cells = span.rows.map((row) =>
        Array.from({ length: span.width }, (_, column): SheetCell => toSheetCell(row[column])),
      );
      setValuesUnderLimit(
        this.retry,
        name,
        (row, rowCount) => known.sheet.getRange(row, span.firstColumn + 1, rowCount, span.width),
        span.start + 2,
        cells,
        span.width,
      );
    });
    known.rows = rows.length + 1;
    known.columns = width;
    known.data = { headers: [...headers], rows };
  }

  /** Clears the sheet, writes the values and applies the format; returns the rows the format covers. */
  private replace(
    known: KnownSheet,
    isNew: boolean,
    name: string,
    headers: readonly string[],
    rows: readonly (readonly CellValue[])[],
    format: SheetFormat | undefined,
  ): number {
    const { sheet } = known;
    // A filter left over a stale range would hide new rows and forbids creating a new one.
    if (format?.filter && !isNew) sheet.getFilter()?.remove();
    // Contents and formats go in one call: rows and columns the new table no longer reaches are
    // emptied, and a total row that moved down is no longer bold where it was.
    sheet.clear();
    known.rows = headers.length === 0 ? 0 : rows.length + 1;
    known.columns = headers.length;
    if (headers.length === 0) return 0;
    // Formats that follow the rows cover the whole grid, so that a later write with more rows
    // (up to the grid's size) finds them in place. The grid grows before the values go in.
    const gridRows = coversRows(format) ? growGrid(sheet, rows.length + 1) : 0;
    const table = sheet.getRange(1, 1, rows.length + 1, headers.length);
    setValuesUnderLimit(
      this.retry,
      name,
      (row, rowCount) =>
        row === 1 && rowCount === rows.length + 1 ? table : sheet.getRange(row, 1, rowCount, headers.length),
      1,
      gridOf(headers, rows),
      headers.length,
    );
    known.data = { headers: [...headers], rows };
    if (!format) return 0;
    applyFormat(this.services, sheet, isNew, table, name, headers, rows.length, gridRows, format);
    return gridRows;
  }

  private append(name: string, headers: readonly string[], rows: readonly (readonly CellValue[])[]): void {
    const grid = gridOf(headers, rows);
    const existing = this.lookUp(name);
    const known = existing ?? this.create(name);
    const { sheet } = known;
    // What this execution knew of its rows no longer holds: a later replace rewrites it whole.
    delete known.data;
    const lastRow = existing ? withRetry(this.retry, name, () => sheet.getLastRow()) : 0;
    if (lastRow === 0) {
      setValuesUnderLimit(
        this.retry,
        name,
        (row, rowCount) => sheet.getRange(row, 1, rowCount, headers.length),
        1,
        grid,
        headers.length,
      );
      known.rows = headers.length > 0 ? grid.length : 0;
      known.columns = headers.length;
      return;
    }
    if (rows.length === 0) return;
    const [headerRow = []] = withRetry(this.retry, name, () =>
      sheet.getRange(1, 1, 1, Math.max(1, sheet.getLastColumn())).getValues(),
    );
    const existingHeaders = headerRow.map((value) => cellText(fromSheetCell(value)));
    const placement = placeColumns(existingHeaders, headers);
    if (placement.added.length > 0) {
      withRetry(this.retry, name, () =>
        sheet
          .getRange(1, existingHeaders.length + 1, 1, placement.added.length)
          .setValues([placement.added.map(toSheetCell)]),
      );
    }
    const placed = grid.slice(1).map((values) => {
      const row = new Array<SheetCell>(placement.width).fill('');
      values.forEach((value, index) => {
        row[placement.positions[index] as number] = value;
      });
      return row;
    });
    setValuesUnderLimit(
      this.retry,
      name,
      (row, rowCount) => sheet.getRange(row, 1, rowCount, placement.width),
      lastRow + 1,
      placed,
      placement.width,
    );
    known.rows = Math.max(known.rows, lastRow + placed.length);
    known.columns = Math.max(known.columns, placement.width);
  }
}
