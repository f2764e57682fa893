// The Workbook port over a Google Spreadsheet. Every SpreadsheetApp call is a round trip, so the
// adapter spends a fixed number per sheet whatever the row count, and as few as it can:
// - a read costs three calls per sheet (look-up, data range, values); a sheet read or written
//   once is not looked up again by the same adapter;
// - formatting a sheet costs dozens of calls (rule builders, ranges, filter, protection), so the
//   adapter records in one spreadsheet-level developer metadata entry (three calls to read) what
//   it last wrote to each sheet: its headers and format, the extent written and how many rows of
//   the grid the formats cover. A replace that matches the record rewrites the values only —
//   `Spreadsheet.getRange('Sheet'!A1:…)` and `setValues`, padded with blanks over the extent
//   written before — because the formats are still there: the daily case, and every submission.
//   Any other replace clears the sheet and formats it afresh. A sheet someone deleted is created
//   and formatted again. The record goes by sheet name: a sheet renamed away and replaced by hand
//   with a blank one of the same name gets its values but not its formats back until the shape
//   changes (deleting it restores both), and a filter or protection someone removed stays
//   removed until then.
// Nothing here runs per row or per cell.

import type { CellValue, SheetFormat, SheetWrite, Table, ValueColorRule, Workbook } from '../ports';
import { cellText } from '../domain/table';
import { checkWrites, columnLetter, columnPosition, placeColumns, tableFromGrid } from '../sheet-writes';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type DeveloperMetadata = GoogleAppsScript.Spreadsheet.DeveloperMetadata;
type SheetCell = string | number | boolean | Date;

/** What the adapter needs of SpreadsheetApp: a rule builder and an enum, passed in rather than global. */
export type SpreadsheetServices = Pick<
  GoogleAppsScript.Spreadsheet.SpreadsheetApp,
  'newConditionalFormatRule' | 'ProtectionType'
>;

export const DATE_FORMAT = 'dd/MM/yyyy';
export const DATE_TIME_FORMAT = 'dd/MM/yyyy HH:mm:ss';
const PROTECTION_DESCRIPTION = 'hannop tạo lại trang này sau mỗi lần chạy: sửa trực tiếp ở đây sẽ bị ghi đè.';
/** The developer metadata key under which the shapes written are recorded (see the top of the file). */
export const WRITTEN_SHAPES_KEY = 'hannop.writtenShapes';
const GRID_HEADROOM_ROWS = 1000;

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
  return tableFromGrid(
    name,
    values.map((row) => row.map(fromSheetCell)),
  );
}

/** The cells of headers + rows, padded with blanks to `height` × `width` so that stale cells are emptied. */
function gridOf(
  headers: readonly string[],
  rows: readonly (readonly CellValue[])[],
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

/** A short, stable digest (53 bits, cyrb53) of a shape description. */
function digest(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * Everything about a replace that the formats on a sheet depend on. Not the row count: number
 * formats, colour rules and the filter cover every row of the grid (see `formattedRows`).
 */
function shapeOf(headers: readonly string[], format: SheetFormat | undefined): string {
  return digest(JSON.stringify([headers, format ?? null]));
}

interface WrittenShape {
  readonly shape: string;
  /** The largest extent ever written (header included): cells the next write must empty. */
  readonly rows: number;
  readonly columns: number;
  /** How many rows of the grid the formats cover (its size when formatted); 0 when none depend on rows. */
  readonly formattedRows: number;
}

function parseShapes(json: string): Map<string, WrittenShape> {
  const shapes = new Map<string, WrittenShape>();
  try {
    const parsed: unknown = JSON.parse(json);
    if (!parsed || typeof parsed !== 'object') return shapes;
    Object.entries(parsed as Record<string, unknown>).forEach(([sheet, value]) => {
      const { shape, rows, columns, formattedRows } = (value ?? {}) as Partial<WrittenShape>;
      if (
        typeof shape === 'string' &&
        typeof rows === 'number' &&
        typeof columns === 'number' &&
        typeof formattedRows === 'number'
      ) {
        shapes.set(sheet, { shape, rows, columns, formattedRows });
      }
    });
  } catch {
    // Unreadable: as if nothing were recorded, so every sheet is formatted afresh.
  }
  return shapes;
}

/** Whether the formats of `format` depend on the rows they cover. */
function coversRows(format: SheetFormat | undefined): boolean {
  return Boolean(
    format &&
    (format.filter ||
      (format.valueColors ?? []).length > 0 ||
      (format.dateColumns ?? []).length > 0 ||
      (format.dateTimeColumns ?? []).length > 0),
  );
}

/** `C2:C1000`-like ranges of the distinct `columns` (by title), from row 2 to `gridRows`, left to right. */
function columnRanges(
  sheet: string,
  headers: readonly string[],
  columns: readonly string[],
  gridRows: number,
): string[] {
  const positions = [...new Set(columns.map((column) => columnPosition(sheet, headers, column)))];
  return positions
    .sort((a, b) => a - b)
    .map((position) => `${columnLetter(position)}2:${columnLetter(position)}${gridRows}`);
}

/** `'Tổng hợp'!A1:Q2001`: a range addressed with its sheet's name, quoted and its quotes doubled. */
function sheetRange(sheet: string, row: number, column: number, height: number, width: number): string {
  const cells = `${columnLetter(column)}${row}:${columnLetter(column + width - 1)}${row + height - 1}`;
  return `'${sheet.replace(/'/g, "''")}'!${cells}`;
}

/** A sheet as this adapter last saw it: its object and the extent of its data (rows × columns, header included). */
interface KnownSheet {
  readonly sheet: Sheet;
  rows: number;
  columns: number;
}

export class SpreadsheetWorkbook implements Workbook {
  private readonly known = new Map<string, KnownSheet | null>();
  private shapes: { metadata: DeveloperMetadata | null; bySheet: Map<string, WrittenShape> } | null = null;

  constructor(
    private readonly spreadsheet: Spreadsheet,
    private readonly services: SpreadsheetServices,
  ) {}

  private lookUp(name: string): KnownSheet | null {
    if (this.known.has(name)) return this.known.get(name) ?? null;
    const sheet = this.spreadsheet.getSheetByName(name);
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
      const values = known.sheet.getDataRange().getValues();
      known.rows = Math.max(known.rows, values.length);
      known.columns = Math.max(known.columns, values[0]?.length ?? 0);
      tables.set(name, tableFromValues(name, values));
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
   * are emptied. A sheet not looked up yet is reached by its name in the range's address (one call
   * instead of two); false when it no longer exists.
   */
  private rewriteValues(
    name: string,
    recorded: WrittenShape,
    write: { readonly headers: readonly string[]; readonly rows: readonly (readonly CellValue[])[] },
  ): boolean {
    const { headers, rows } = write;
    const cached = this.known.get(name);
    if (cached === null) return false;
    const height = Math.max(rows.length + 1, recorded.rows, cached?.rows ?? 0);
    const width = Math.max(headers.length, recorded.columns, cached?.columns ?? 0);
    if (width === 0) return cached !== undefined || this.lookUp(name) !== null;
    let range: Range;
    if (cached) {
      range = cached.sheet.getRange(1, 1, height, width);
    } else {
      try {
        range = this.spreadsheet.getRange(sheetRange(name, 1, 1, height, width));
      } catch {
        // Deleted since the record was made: it is created and formatted again.
        return false;
      }
    }
    range.setValues(gridOf(headers, rows, height, width));
    if (cached) {
      cached.rows = rows.length + 1;
      cached.columns = headers.length;
    }
    return true;
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
    const gridRows = coversRows(format) ? this.growGrid(sheet, rows.length + 1) : 0;
    const table = sheet.getRange(1, 1, rows.length + 1, headers.length);
    table.setValues(gridOf(headers, rows));
    if (!format) return 0;
    this.applyFormat(sheet, isNew, table, name, headers, rows.length, gridRows, format);
    return gridRows;
  }

  /**
   * The grid's row count, grown first when fewer than GRID_HEADROOM_ROWS rows are left under the
   * data: a register that gains a row per submission is then formatted again once in a thousand.
   */
  private growGrid(sheet: Sheet, dataRows: number): number {
    const maxRows = sheet.getMaxRows();
    if (maxRows >= dataRows + GRID_HEADROOM_ROWS / 2) return maxRows;
    const added = dataRows + GRID_HEADROOM_ROWS - maxRows;
    sheet.insertRowsAfter(maxRows, added);
    return maxRows + added;
  }

  private applyFormat(
    sheet: Sheet,
    isNew: boolean,
    table: Range,
    name: string,
    headers: readonly string[],
    rowCount: number,
    gridRows: number,
    format: SheetFormat,
  ): void {
    if (format.frozenRows !== undefined) sheet.setFrozenRows(format.frozenRows);
    if (format.frozenColumns !== undefined) sheet.setFrozenColumns(format.frozenColumns);
    if (format.valueColors && format.valueColors.length > 0 && gridRows >= 2) {
      sheet.setConditionalFormatRules(
        this.valueColorRules(sheet, name, headers, gridRows, format.valueColors),
      );
    }
    const numberFormats: [readonly string[] | undefined, string][] = [
      [format.dateColumns, DATE_FORMAT],
      [format.dateTimeColumns, DATE_TIME_FORMAT],
    ];
    numberFormats.forEach(([columns, numberFormat]) => {
      if (!columns || columns.length === 0 || gridRows < 2) return;
      // One call per number format, whatever the number of columns.
      sheet.getRangeList(columnRanges(name, headers, columns, gridRows)).setNumberFormat(numberFormat);
    });
    const boldRows = new Set(format.boldRows ?? []);
    if (boldRows.size > 0 && rowCount > 0) {
      table.setFontWeights(
        Array.from({ length: rowCount + 1 }, (_, index) =>
          new Array<GoogleAppsScript.Spreadsheet.FontWeight | null>(headers.length).fill(
            index > 0 && boldRows.has(index - 1) ? 'bold' : null,
          ),
        ),
      );
    }
    // Over the whole grid, so that rows a later write adds are inside it.
    if (format.filter) sheet.getRange(1, 1, Math.max(gridRows, rowCount + 1), headers.length).createFilter();
    if (format.protectedWarningOnly) {
      const protection =
        (isNew ? undefined : sheet.getProtections(this.services.ProtectionType.SHEET)[0]) ?? sheet.protect();
      protection.setWarningOnly(true);
      protection.setDescription(PROTECTION_DESCRIPTION);
    }
  }

  /**
   * Colour rules over whole columns from row 2. One rule per colour, over every column it applies
   * to (texts compared for equality never match the same cell twice), and one call for the ranges.
   */
  private valueColorRules(
    sheet: Sheet,
    name: string,
    headers: readonly string[],
    gridRows: number,
    rules: readonly ValueColorRule[],
  ): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
    const grouped = new Map<string, { rule: ValueColorRule; columns: string[] }>();
    rules.forEach((rule) => {
      const key = JSON.stringify([rule.equals, rule.background, rule.font ?? null]);
      const group = grouped.get(key);
      if (!group) grouped.set(key, { rule, columns: [rule.column] });
      else group.columns.push(rule.column);
    });
    const a1Notations = columnRanges(
      name,
      headers,
      rules.map((rule) => rule.column),
      gridRows,
    );
    const ranges =
      a1Notations.length === 1
        ? [sheet.getRange(a1Notations[0] as string)]
        : sheet.getRangeList(a1Notations).getRanges();
    const rangeByA1 = new Map(a1Notations.map((a1, index) => [a1, ranges[index] as Range]));
    return [...grouped.values()].map(({ rule, columns }) => {
      let builder = this.services
        .newConditionalFormatRule()
        .whenTextEqualTo(rule.equals)
        .setBackground(rule.background);
      if (rule.font) builder = builder.setFontColor(rule.font);
      const groupRanges = columnRanges(name, headers, columns, gridRows).map(
        (a1) => rangeByA1.get(a1) as Range,
      );
      return builder.setRanges(groupRanges).build();
    });
  }

  private append(name: string, headers: readonly string[], rows: readonly (readonly CellValue[])[]): void {
    const grid = gridOf(headers, rows);
    const existing = this.lookUp(name);
    const known = existing ?? this.create(name);
    const { sheet } = known;
    const lastRow = existing ? sheet.getLastRow() : 0;
    if (lastRow === 0) {
      if (headers.length > 0) sheet.getRange(1, 1, grid.length, headers.length).setValues(grid);
      known.rows = headers.length > 0 ? grid.length : 0;
      known.columns = headers.length;
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
    known.rows = Math.max(known.rows, lastRow + placed.length);
    known.columns = Math.max(known.columns, placement.width);
  }
}
