// The Workbook port over the Advanced Sheets service (the `Sheets` global: the Sheets API v4,
// synchronous in Apps Script). SpreadsheetApp costs at least two round trips per sheet to read and
// two to write; the API reads any number of sheets in one request and writes them in one, so an
// execution costs:
// - one `Spreadsheets.get` for the sheets' properties (ids, grid sizes, frozen panes, colour rules,
//   protections, filters), made once and kept for the adapter's life (one execution);
// - one `Spreadsheets.get` per `read` for the values of the sheets asked for, with each cell's
//   number format type, so that a date (a serial number to the API) comes back as a Date;
// - one `Spreadsheets.batchUpdate` per `write`, with every request of the batch in order: new
//   sheets, grids grown, values (`userEnteredValue`: a `stringValue` is never parsed, so no text
//   becomes a formula, a number or a date), stale cells emptied, and the format requests only
//   where the sheet's format differs from the one asked for — daily, the values alone: of a sheet
//   read in the execution, only the cells that changed, a long run of one cell once
//   (cell-requests.ts), so the batch stays one request at 5,000 units.
// Serial numbers count days from 1899-12-30 00:00 on the spreadsheet's clock, which must be
// Vietnam's (setup sets it).

import type { CellValue, SheetFormat, SheetWrite, Table, ValueColorRule, Workbook } from '../ports';
import { fromSerial } from '../domain/time';
import { chunksUnder, isRetryableError, MAX_REQUEST_BYTES, retryDelayMs } from '../domain/time-budget';
import { changedBlocks, checkWrites, columnPosition, placeColumns, tableFromGrid } from '../sheet-writes';
import {
  CELL_FIELDS,
  NO_FORMATS,
  requestBytes,
  requestParts,
  rowsOf,
  type CellFormats,
} from './cell-requests';
import { WRITTEN_SHAPES_KEY } from './spreadsheet-workbook';

type Request = GoogleAppsScript.Sheets.Schema.Request;
type CellData = GoogleAppsScript.Sheets.Schema.CellData;
type RowData = GoogleAppsScript.Sheets.Schema.RowData;
type GridRange = GoogleAppsScript.Sheets.Schema.GridRange;
type ConditionalFormatRule = GoogleAppsScript.Sheets.Schema.ConditionalFormatRule;
type Color = GoogleAppsScript.Sheets.Schema.Color;
type Spreadsheet = GoogleAppsScript.Sheets.Schema.Spreadsheet;

/** What the adapter needs of the `Sheets` advanced service, passed in rather than global. */
export interface AdvancedSheetsService {
  readonly Spreadsheets: {
    get(spreadsheetId: string, optionalArgs: object): Spreadsheet;
    batchUpdate(
      resource: GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetRequest,
      spreadsheetId: string,
    ): GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetResponse;
  };
}

// The same patterns as the SpreadsheetApp adapter writes, so a sheet it formatted counts as formatted.
export { DATE_PATTERN, DATE_TIME_PATTERN } from './cell-requests';
const PROTECTION_DESCRIPTION = 'hannop tạo lại trang này sau mỗi lần chạy: sửa trực tiếp ở đây sẽ bị ghi đè.';
const DATE_TYPES: ReadonlySet<string> = new Set(['DATE', 'DATE_TIME', 'TIME']);
const PROPERTIES_FIELDS =
  'developerMetadata(metadataId,metadataKey),sheets(properties(sheetId,title,gridProperties(rowCount,columnCount,frozenRowCount,frozenColumnCount)),' +
  'conditionalFormats,protectedRanges(protectedRangeId,range),basicFilter(range))';
const CELL_VALUE_FIELDS = 'data(rowData(values(effectiveValue,effectiveFormat(numberFormat(type)))))';
const VALUES_FIELDS = `sheets(properties(title),${CELL_VALUE_FIELDS})`;
const FIRST_READ_FIELDS =
  'developerMetadata(metadataId,metadataKey),sheets(properties(sheetId,title,gridProperties(rowCount,columnCount,frozenRowCount,frozenColumnCount)),' +
  `conditionalFormats,protectedRanges(protectedRangeId,range),basicFilter(range),${CELL_VALUE_FIELDS})`;

/** `'Tổng hợp'`: a whole sheet in A1 notation, its quotes doubled. */
function sheetA1(title: string): string {
  return `'${title.replace(/'/g, "''")}'`;
}

function colorOf(hex: string): Color {
  const digits = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(hex.trim())?.[1];
  if (!digits) throw new Error(`Colour "${hex}" is not #RRGGBB.`);
  const full = digits.length === 3 ? [...digits].map((digit) => digit + digit).join('') : digits;
  const channel = (at: number) => parseInt(full.slice(at, at + 2), 16) / 255;
  return { red: channel(0), green: channel(2), blue: channel(4) };
}

/** `#rrggbb` of an API colour (absent channels are 0), for comparing rules. */
function hexOf(color: Color | undefined): string | null {
  if (!color) return null;
  const channel = (value: number | undefined) =>
    Math.round((value ?? 0) * 255)
      .toString(16)
      .padStart(2, '0');
  return `#${channel(color.red)}${channel(color.green)}${channel(color.blue)}`;
}

/**
 * A rule reduced to what decides whether it is the one wanted. A range that reaches the end of a
 * grid of `rowCount` rows counts as open-ended, however Google spells it.
 */
function ruleKey(rule: ConditionalFormatRule, rowCount: number): string {
  const ranges = (rule.ranges ?? []).map((range) => [
    range.startRowIndex ?? 0,
    range.endRowIndex === undefined || range.endRowIndex >= rowCount ? null : range.endRowIndex,
    range.startColumnIndex ?? 0,
    range.endColumnIndex ?? null,
  ]);
  const condition = rule.booleanRule?.condition;
  const format = rule.booleanRule?.format;
  return JSON.stringify([
    ranges,
    condition?.type ?? null,
    (condition?.values ?? []).map((value) => value.userEnteredValue ?? null),
    hexOf(format?.backgroundColor),
    hexOf(format?.textFormat?.foregroundColor),
  ]);
}

function fromApiValue(cell: CellData | undefined): CellValue {
  const value = cell?.effectiveValue;
  if (!value) return null;
  if (value.stringValue !== undefined) return value.stringValue === '' ? null : value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.numberValue !== undefined) {
    const type = cell?.effectiveFormat?.numberFormat?.type ?? '';
    return DATE_TYPES.has(type) ? fromSerial(value.numberValue) : value.numberValue;
  }
  if (value.errorValue) return '#ERROR!';
  return null;
}

/** The table in a sheet's cells, without the empty rows and columns at its bottom and right. */
function tableOf(name: string, rowData: readonly RowData[]): Table {
  return tableFromGrid(
    name,
    rowData.map((row) => (row.values ?? []).map(fromApiValue)),
  );
}

/**
 * The id a new sheet asks for: a 31-bit hash of its title. A batch must name the sheets it adds
 * before Google answers, and a small count (max + 1) would collide with a sheet that FormApp or a
 * person added since the properties were read; Google's own ids are as large and as scattered.
 */
function sheetIdFor(title: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < title.length; index += 1) {
    hash = Math.imul(hash ^ title.charCodeAt(index), 16777619);
  }
  return hash >>> 1 || 1;
}

function sameHeaders(before: readonly string[], after: readonly string[]): boolean {
  return before.length === after.length && before.every((header, index) => header === after[index]);
}

/** A sheet as the adapter knows it: its properties, and the extent of its data once read or written. */
interface KnownSheet {
  readonly sheetId: number;
  rowCount: number;
  columnCount: number;
  frozenRows: number;
  frozenColumns: number;
  rules: ConditionalFormatRule[];
  hasProtection: boolean;
  filter: GridRange | null;
  /** Header row first: rows × columns of the data, and its headers; undefined until read. */
  extent?: { height: number; width: number; headers: string[] };
  /** The data rows as read (or last written) in this execution: a replace sends only the rows that differ. */
  rows?: readonly (readonly CellValue[])[];
}

export class AdvancedSheetsWorkbook implements Workbook {
  private sheets: Map<string, KnownSheet> | null = null;
  /** Whether `sheets` holds only the sheets a first read asked for. */
  private partial = false;
  /**
   * The SpreadsheetApp adapter's record of what it wrote (spreadsheet-workbook.ts), if any. Once
   * this adapter writes, the record no longer tells the truth, so the first batch deletes it: were
   * the service ever disabled, the SpreadsheetApp adapter would then format and empty afresh
   * instead of trusting extents this adapter outgrew.
   */
  private staleRecordId: number | null = null;

  constructor(
    private readonly service: AdvancedSheetsService,
    private readonly spreadsheetId: string,
    /** How to wait before a retry (Utilities.sleep); without it, nothing is retried. */
    private readonly retry: {
      readonly sleep: (ms: number) => void;
      readonly random?: () => number;
    } | null = null,
  ) {}

  /** One request, retried with exponential backoff while Google answers 429 or 5xx and the budget lasts. */
  private call<T>(request: () => T): T {
    let waitedMs = 0;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return request();
      } catch (error) {
        const message = String((error as { message?: unknown } | null)?.message ?? error);
        const delay =
          this.retry && isRetryableError(message)
            ? retryDelayMs(attempt, waitedMs, (this.retry.random ?? Math.random)())
            : null;
        if (delay === null || !this.retry) throw error;
        this.retry.sleep(delay);
        waitedMs += delay;
      }
    }
  }

  /**
   * The sheets' properties, fetched once; fetched again when only some sheets are known and one
   * of `names` (all of them, when not given) is not among them.
   */
  private known(names?: readonly string[]): Map<string, KnownSheet> {
    const current = this.sheets;
    if (current && (!this.partial || (names && names.every((name) => current.has(name))))) return current;
    const previous = this.sheets;
    const spreadsheet = this.call(() =>
      this.service.Spreadsheets.get(this.spreadsheetId, { fields: PROPERTIES_FIELDS }),
    );
    this.learn(spreadsheet, false);
    const sheets = this.sheets as unknown as Map<string, KnownSheet>;
    // What the reads of this execution learned of the extents and rows still holds.
    previous?.forEach((before, name) => {
      const sheet = sheets.get(name);
      if (sheet && before.sheetId === sheet.sheetId && before.extent) {
        sheet.extent = before.extent;
        if (before.rows) sheet.rows = before.rows;
      }
    });
    return sheets;
  }

  /** Keeps the properties of the sheets `spreadsheet` holds; `partial`: only some of the sheets. */
  private learn(spreadsheet: Spreadsheet, partial: boolean): void {
    this.staleRecordId =
      (spreadsheet.developerMetadata ?? []).find((entry) => entry.metadataKey === WRITTEN_SHAPES_KEY)
        ?.metadataId ?? null;
    const sheets = new Map<string, KnownSheet>();
    (spreadsheet.sheets ?? []).forEach((sheet) => {
      const properties = sheet.properties;
      if (!properties?.title) return;
      const grid = properties.gridProperties ?? {};
      // The API leaves out what is zero, the first sheet's id among them.
      const sheetId = properties.sheetId ?? 0;
      const wholeSheet = (sheet.protectedRanges ?? []).some(
        ({ range }) =>
          range !== undefined &&
          (range.sheetId ?? 0) === sheetId &&
          range.startRowIndex === undefined &&
          range.endRowIndex === undefined &&
          range.startColumnIndex === undefined &&
          range.endColumnIndex === undefined,
      );
      sheets.set(properties.title, {
        sheetId,
        rowCount: grid.rowCount ?? 0,
        columnCount: grid.columnCount ?? 0,
        frozenRows: grid.frozenRowCount ?? 0,
        frozenColumns: grid.frozenColumnCount ?? 0,
        rules: sheet.conditionalFormats ?? [],
        hasProtection: wholeSheet,
        filter: sheet.basicFilter?.range ?? null,
      });
    });
    this.sheets = sheets;
    this.partial = partial;
  }

  /**
   * The first read of an execution asks for the sheets' properties and values in one request. A
   * range naming a sheet that does not exist fails the request ("Unable to parse range"): then
   * the properties come first, and the values of the sheets that exist after them.
   */
  private firstRead(names: readonly string[]): Spreadsheet | null {
    try {
      const spreadsheet = this.call(() =>
        this.service.Spreadsheets.get(this.spreadsheetId, {
          ranges: names.map(sheetA1),
          fields: FIRST_READ_FIELDS,
        }),
      );
      this.learn(spreadsheet, true);
      return spreadsheet;
    } catch (error) {
      // Apps Script's errors may come from another realm: the message is what tells.
      const message = String((error as { message?: unknown } | null)?.message ?? error);
      if (/unable to parse range/i.test(message)) return null;
      throw error;
    }
  }

  read(sheetNames: readonly string[]): ReadonlyMap<string, Table> {
    const wanted = [...new Set(sheetNames)];
    let spreadsheet = this.sheets === null && wanted.length > 0 ? this.firstRead(wanted) : null;
    const sheets = this.known(wanted);
    const names = wanted.filter((name) => sheets.has(name));
    const tables = new Map<string, Table>();
    if (names.length === 0) return tables;
    spreadsheet ??= this.call(() =>
      this.service.Spreadsheets.get(this.spreadsheetId, {
        ranges: names.map(sheetA1),
        fields: VALUES_FIELDS,
      }),
    );
    const rowsByTitle = new Map<string, RowData[]>();
    (spreadsheet.sheets ?? []).forEach((sheet) => {
      const title = sheet.properties?.title;
      if (title !== undefined) rowsByTitle.set(title, sheet.data?.[0]?.rowData ?? []);
    });
    names.forEach((name) => {
      const table = tableOf(name, rowsByTitle.get(name) ?? []);
      const known = sheets.get(name) as KnownSheet;
      known.extent = {
        height: table.headers.length === 0 ? 0 : table.rows.length + 1,
        width: table.headers.length,
        headers: [...table.headers],
      };
      known.rows = table.rows;
      tables.set(name, table);
    });
    // In the order asked for, as the other adapters give them.
    return new Map(
      sheetNames.filter((name) => tables.has(name)).map((name) => [name, tables.get(name) as Table]),
    );
  }

  write(writes: readonly SheetWrite[]): void {
    // A mistaken write is refused before any call.
    checkWrites(writes);
    // A sheet to be added may have been added since the properties were read (by FormApp, or a
    // person): they are read again rather than letting the batch fail on a title already taken.
    const previous = this.sheets;
    if (previous && writes.some((write) => !previous.has(write.sheet))) this.partial = true;
    const sheets = this.known(writes.map((write) => write.sheet));
    // An append goes under the data: a sheet not read yet is read first (one call for all of them).
    const unread = writes
      .filter(
        (write) => write.kind === 'append' && sheets.get(write.sheet) && !sheets.get(write.sheet)?.extent,
      )
      .map((write) => write.sheet);
    if (unread.length > 0) this.read(unread);
    const requests: Request[] = [];
    writes.forEach((write) => {
      if (write.kind === 'replace')
        this.planReplace(requests, write.sheet, write.headers, write.rows, write.format);
      else this.planAppend(requests, write.sheet, write.headers, write.rows);
    });
    if (requests.length === 0) return;
    if (this.staleRecordId !== null) {
      requests.unshift({
        deleteDeveloperMetadata: {
          dataFilter: { developerMetadataLookup: { metadataId: this.staleRecordId } },
        },
      });
    }
    try {
      // Google recommends at most 2 MB a request: a larger batch goes as several, in order. Each
      // is atomic; were the run to end between them, the next run writes the same cells again.
      // An updateCells and the repeatCells that fill the cells it leaves empty are never apart.
      const partBytes = (part: readonly Request[]) =>
        part.reduce((sum, request) => sum + requestBytes(request), 0);
      for (const batch of chunksUnder(requestParts(requests), partBytes, MAX_REQUEST_BYTES)) {
        this.call(() =>
          this.service.Spreadsheets.batchUpdate({ requests: batch.flat() }, this.spreadsheetId),
        );
      }
      this.staleRecordId = null;
    } catch (error) {
      // Nothing was applied (a batch is atomic), but what the plan assumed is no longer known.
      this.sheets = null;
      throw error;
    }
  }

  /** The sheet, added to the batch when it does not exist yet (1000 × 26, as Sheets makes them). */
  private sheetFor(requests: Request[], name: string): { sheet: KnownSheet; isNew: boolean } {
    const sheets = this.known([name]);
    const existing = sheets.get(name);
    if (existing) return { sheet: existing, isNew: false };
    const taken = new Set([...sheets.values()].map((sheet) => sheet.sheetId));
    let sheetId = sheetIdFor(name);
    while (taken.has(sheetId)) sheetId = (sheetId + 1) % 0x7fffffff;
    requests.push({ addSheet: { properties: { sheetId, title: name } } });
    const sheet: KnownSheet = {
      sheetId,
      rowCount: 1000,
      columnCount: 26,
      frozenRows: 0,
      frozenColumns: 0,
      rules: [],
      hasProtection: false,
      filter: null,
      extent: { height: 0, width: 0, headers: [] },
    };
    sheets.set(name, sheet);
    return { sheet, isNew: true };
  }

  /** Grows the grid so that `rows` × `columns` fit. */
  private grow(requests: Request[], sheet: KnownSheet, rows: number, columns: number): void {
    if (rows > sheet.rowCount) {
      requests.push({
        appendDimension: { sheetId: sheet.sheetId, dimension: 'ROWS', length: rows - sheet.rowCount },
      });
      sheet.rowCount = rows;
    }
    if (columns > sheet.columnCount) {
      requests.push({
        appendDimension: {
          sheetId: sheet.sheetId,
          dimension: 'COLUMNS',
          length: columns - sheet.columnCount,
        },
      });
      sheet.columnCount = columns;
    }
  }

  private planReplace(
    requests: Request[],
    name: string,
    headers: readonly string[],
    rows: readonly (readonly CellValue[])[],
    format: SheetFormat | undefined,
  ): void {
    const { sheet, isNew } = this.sheetFor(requests, name);
    const { sheetId } = sheet;
    const width = headers.length;
    const height = width === 0 ? 0 : rows.length + 1;
    this.grow(requests, sheet, height, width);
    const formats = this.cellFormats(name, headers, format);
    const before = sheet.extent;
    const known = !isNew && before !== undefined && sheet.rows !== undefined;
    if (known && sameHeaders(before.headers, headers)) {
      // The sheet was read in this execution: only the cells that differ from it are sent. A row
      // sent in part was perhaps bold (a total that the rows moved): it loses its bold whole first,
      // as it would were it written whole.
      changedBlocks(sheet.rows ?? [], rows, width, formats.boldRows).forEach((block) => {
        if (block.width < width) {
          requests.push({
            repeatCell: {
              range: {
                sheetId,
                startRowIndex: block.start + 1,
                endRowIndex: block.start + 1 + block.rows.length,
                startColumnIndex: 0,
                endColumnIndex: width,
              },
              cell: {},
              fields: 'userEnteredFormat.textFormat.bold',
            },
          });
        }
        requests.push({
          updateCells: {
            start: { sheetId, rowIndex: block.start + 1, columnIndex: block.firstColumn },
            rows: rowsOf(block.rows, block.width, block.start, formats, block.firstColumn),
            fields: CELL_FIELDS,
          },
        });
      });
    } else if (height > 0) {
      requests.push({
        updateCells: {
          start: { sheetId, rowIndex: 0, columnIndex: 0 },
          rows: [...rowsOf([headers], width, -1, NO_FORMATS), ...rowsOf(rows, width, 0, formats)],
          fields: CELL_FIELDS,
        },
      });
    }
    if (!isNew) {
      // What the table no longer reaches is emptied, values and the formats written with them; a
      // sheet read in this execution is known to be empty below and right of what it held.
      if (height < (known ? before.height : sheet.rowCount)) {
        requests.push({ updateCells: { range: { sheetId, startRowIndex: height }, fields: CELL_FIELDS } });
      }
      if (height > 0 && width < (known ? before.width : sheet.columnCount)) {
        requests.push({
          updateCells: {
            range: { sheetId, startRowIndex: 0, endRowIndex: height, startColumnIndex: width },
            fields: CELL_FIELDS,
          },
        });
      }
    }
    sheet.rows = rows;
    sheet.extent = { height, width, headers: [...headers] };
    if (format && width > 0) this.planFormat(requests, sheet, name, headers, format);
  }

  private cellFormats(
    name: string,
    headers: readonly string[],
    format: SheetFormat | undefined,
  ): CellFormats {
    if (!format) return NO_FORMATS;
    const positions = (columns: readonly string[] | undefined) =>
      new Set((columns ?? []).map((column) => columnPosition(name, headers, column) - 1));
    return {
      dateColumns: positions(format.dateColumns),
      dateTimeColumns: positions(format.dateTimeColumns),
      boldRows: new Set(format.boldRows ?? []),
    };
  }

  /** The format requests for what differs from the sheet's current format; none in the steady state. */
  private planFormat(
    requests: Request[],
    sheet: KnownSheet,
    name: string,
    headers: readonly string[],
    format: SheetFormat,
  ): void {
    const { sheetId } = sheet;
    const frozenRows = format.frozenRows ?? sheet.frozenRows;
    const frozenColumns = format.frozenColumns ?? sheet.frozenColumns;
    if (frozenRows !== sheet.frozenRows || frozenColumns !== sheet.frozenColumns) {
      requests.push({
        updateSheetProperties: {
          properties: {
            sheetId,
            gridProperties: { frozenRowCount: frozenRows, frozenColumnCount: frozenColumns },
          },
          fields: 'gridProperties.frozenRowCount,gridProperties.frozenColumnCount',
        },
      });
      sheet.frozenRows = frozenRows;
      sheet.frozenColumns = frozenColumns;
    }
    if (format.valueColors) {
      const wanted = format.valueColors.map((rule) => this.valueColorRule(sheetId, name, headers, rule));
      const same =
        wanted.length === sheet.rules.length &&
        wanted.every(
          (rule, index) =>
            ruleKey(rule, sheet.rowCount) ===
            ruleKey(sheet.rules[index] as ConditionalFormatRule, sheet.rowCount),
        );
      if (!same) {
        // Rebuilt whole, so that rules never pile up run after run.
        sheet.rules.forEach(() => requests.push({ deleteConditionalFormatRule: { sheetId, index: 0 } }));
        wanted.forEach((rule, index) => requests.push({ addConditionalFormatRule: { index, rule } }));
        sheet.rules = wanted;
      }
    }
    if (format.filter) {
      const filter = sheet.filter;
      const covers =
        filter !== null &&
        (filter.startRowIndex ?? 0) === 0 &&
        (filter.startColumnIndex ?? 0) === 0 &&
        filter.endColumnIndex === headers.length &&
        (filter.endRowIndex === undefined || filter.endRowIndex >= sheet.rowCount);
      if (!covers) {
        // Every row of the sheet, so that rows a later write adds are inside it.
        const range: GridRange = {
          sheetId,
          startRowIndex: 0,
          startColumnIndex: 0,
          endColumnIndex: headers.length,
        };
        requests.push({ setBasicFilter: { filter: { range } } });
        sheet.filter = range;
      }
    }
    if (format.protectedWarningOnly && !sheet.hasProtection) {
      requests.push({
        addProtectedRange: {
          protectedRange: { range: { sheetId }, description: PROTECTION_DESCRIPTION, warningOnly: true },
        },
      });
      sheet.hasProtection = true;
    }
  }

  /** A colour rule over the column below the header, to the end of the sheet, so it follows new rows. */
  private valueColorRule(
    sheetId: number,
    name: string,
    headers: readonly string[],
    rule: ValueColorRule,
  ): ConditionalFormatRule {
    const position = columnPosition(name, headers, rule.column);
    return {
      ranges: [{ sheetId, startRowIndex: 1, startColumnIndex: position - 1, endColumnIndex: position }],
      booleanRule: {
        condition: { type: 'TEXT_EQ', values: [{ userEnteredValue: rule.equals }] },
        format: {
          backgroundColor: colorOf(rule.background),
          ...(rule.font ? { textFormat: { foregroundColor: colorOf(rule.font) } } : {}),
        },
      },
    };
  }

  private planAppend(
    requests: Request[],
    name: string,
    headers: readonly string[],
    rows: readonly (readonly CellValue[])[],
  ): void {
    const { sheet } = this.sheetFor(requests, name);
    const { sheetId } = sheet;
    const extent = sheet.extent ?? { height: 0, width: 0, headers: [] };
    if (extent.height === 0) {
      if (headers.length === 0) return;
      const height = rows.length + 1;
      this.grow(requests, sheet, height, headers.length);
      requests.push({
        updateCells: {
          start: { sheetId, rowIndex: 0, columnIndex: 0 },
          rows: [
            ...rowsOf([headers], headers.length, -1, NO_FORMATS),
            ...rowsOf(rows, headers.length, 0, NO_FORMATS),
          ],
          fields: CELL_FIELDS,
        },
      });
      sheet.extent = { height, width: headers.length, headers: [...headers] };
      sheet.rows = rows;
      return;
    }
    if (rows.length === 0) return;
    const placement = placeColumns(extent.headers, headers);
    this.grow(requests, sheet, extent.height + rows.length, placement.width);
    if (placement.added.length > 0) {
      requests.push({
        updateCells: {
          start: { sheetId, rowIndex: 0, columnIndex: extent.width },
          rows: rowsOf([placement.added], placement.added.length, -1, NO_FORMATS),
          fields: CELL_FIELDS,
        },
      });
    }
    const placed = rows.map((values) => {
      const row = new Array<CellValue>(placement.width).fill(null);
      values.forEach((value, index) => {
        row[placement.positions[index] as number] = value;
      });
      return row;
    });
    requests.push({
      updateCells: {
        start: { sheetId, rowIndex: extent.height, columnIndex: 0 },
        rows: rowsOf(placed, placement.width, extent.height - 1, NO_FORMATS),
        fields: CELL_FIELDS,
      },
    });
    if (sheet.rows)
      sheet.rows = [...sheet.rows.map((row) => [...row, ...placement.added.map(() => null)]), ...placed];
    sheet.extent = {
      height: extent.height + rows.length,
      width: placement.width,
      headers: [...extent.headers, ...placement.added],
    };
  }
}
