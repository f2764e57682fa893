// The Workbook port over a real Google Sheet through the Sheets API v4 (googleapis), for the
// remote shell. The ports are synchronous, so `open` loads every sheet at once — one
// `spreadsheets.get` for the sheets' properties and which cells are dates, one `values.batchGet`
// for the values — jobs read and write in memory, and `save` sends back what changed since that
// read in ONE `spreadsheets.batchUpdate` (new sheets, formats, and as `updateCells` rows the rows
// that differ from what was read), which Google applies all or nothing. A daily job thus costs
// three requests whatever the number of units. A save over MAX_REQUEST_BYTES (a day when
// thousands of rows really change) goes in parts, in order, each atomic (sheets-api-rewrite.ts).
//
// Dates: with UNFORMATTED_VALUE and SERIAL_NUMBER a date comes back as a day count from
// 1899-12-30 in the spreadsheet's time zone; only the cell's number format says it is a date,
// which is why the first request reads the formats. The spreadsheet must keep Vietnam's clock.

import type { sheets_v4 } from 'googleapis';
import type { CellValue, SheetFormat, SheetWrite, Table, ValueColorRule, Workbook } from '../ports';
import { cellText } from '../domain/table';
import { MAX_REQUEST_BYTES } from '../domain/time-budget';
import { checkWrites, columnPosition, gridExtent, placeColumns, tableFromGrid } from '../sheet-writes';
import { fromSerial } from '../domain/time';
import { cellData, DATE_PATTERN, DATE_TIME_PATTERN, type CellFormats } from './sheets-api-cells';
import { rewriteRequests, saveParts } from './sheets-api-rewrite';
import {
  SheetsRateLimitError,
  SpreadsheetAccessError,
  SpreadsheetTimeZoneError,
} from './remote-shell-errors';

export { DATE_PATTERN, DATE_TIME_PATTERN } from './sheets-api-cells';
const PROTECTION_DESCRIPTION = 'hannop tạo lại trang này sau mỗi lần chạy: sửa trực tiếp ở đây sẽ bị ghi đè.';
/** A sheet Sheets creates has this grid; writing past it needs the grid grown first. */
const NEW_SHEET_ROWS = 1000;
const NEW_SHEET_COLUMNS = 26;
const DATE_TYPES: ReadonlySet<string> = new Set(['DATE', 'DATE_TIME', 'TIME']);

const GET_FIELDS =
  'properties(timeZone),sheets(properties(sheetId,title,sheetType,gridProperties),conditionalFormats(ranges),' +
  'protectedRanges(protectedRangeId,range,description),basicFilter(range),' +
  'data(rowData(values(effectiveFormat(numberFormat(type))))))';

export interface SheetsApiOptions {
  /** The service account's address, named in the message when the sheet is not shared with it. */
  readonly accountEmail?: string;
  /** Tries per request while Google answers 429; the waits double from `firstRetryDelayMs`. */
  readonly maxAttempts?: number;
  /**
   * Retries this workbook may spend in all, whatever request they repeat: a daily run loads in two
   * requests and saves in one, and passes 2 so that it never sends more than five. Unlimited when
   * absent (then only `maxAttempts` bounds each request).
   */
  readonly maxRetries?: number;
  /** Requests this workbook may send in all; one past them is not sent (throws). Unlimited when absent. */
  readonly maxRequests?: number;
  readonly firstRetryDelayMs?: number;
  /** Waits between retries; tests pass one that does not really wait. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** An A1 range for a whole sheet or part of it; the title quoted, its quotes doubled. */
export function a1Range(title: string, cells?: string): string {
  const sheet = `'${title.replace(/'/g, "''")}'`;
  return cells ? `${sheet}!${cells}` : sheet;
}

/** Whether a zone keeps GMT+07:00 all year, as Vietnam does (Asia/Ho_Chi_Minh, its alias Asia/Saigon…). */
function isVietnamClock(timeZone: string): boolean {
  try {
    const offsetOf = (instant: Date) =>
      new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
        .formatToParts(instant)
        .find((part) => part.type === 'timeZoneName')?.value;
    return [new Date('2023-01-15T00:00:00Z'), new Date('2023-07-15T00:00:00Z')].every(
      (instant) => offsetOf(instant) === 'GMT+07:00',
    );
  } catch {
    return false;
  }
}

function rgbOf(color: string): sheets_v4.Schema$Color {
  const hex = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(color.trim())?.[1];
  if (!hex) throw new Error(`Colour "${color}" is not #RRGGBB.`);
  const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex;
  const channel = (at: number) => parseInt(full.slice(at, at + 2), 16) / 255;
  return { red: channel(0), green: channel(2), blue: channel(4) };
}

function statusOf(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const direct = (error as { status?: unknown }).status;
  if (typeof direct === 'number') return direct;
  const response = (error as { response?: { status?: unknown } }).response;
  return typeof response?.status === 'number' ? response.status : undefined;
}

/** Google's passing failures (500, 502, 503) and a network that dropped: worth another try. */
const PASSING_STATUSES = new Set([500, 502, 503]);
const PASSING_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ETIMEDOUT',
  'ECONNREFUSED',
  'EAI_AGAIN',
  'EPIPE',
  'ENETUNREACH',
]);

function isPassingFailure(status: number | undefined, error: unknown): boolean {
  if (status !== undefined) return PASSING_STATUSES.has(status);
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && PASSING_NETWORK_CODES.has(code);
}

function googleMessageOf(error: unknown): string {
  const data = (error as { response?: { data?: { error?: { message?: unknown } } } }).response?.data;
  const message = data?.error?.message;
  return typeof message === 'string' ? message : error instanceof Error ? error.message : String(error);
}

/** A sheet as loaded, what the jobs changed in it, and what must be sent back. */
interface SheetState {
  sheetId: number;
  title: string;
  rowCount: number;
  columnCount: number;
  conditionalRuleCount: number;
  /** The protection of the whole sheet, if any (the one a warning-only format reuses). */
  protectionId: number | null;
  /** Header row first; dates as Date, empty cells as null. */
  grid: CellValue[][];
  /**
   * What the spreadsheet holds, as read at `open` (or as a save wrote it whole): a replaced sheet
   * sends only the rows that differ from it. Never what a failed save meant to write.
   */
  readGrid: readonly (readonly CellValue[])[];
  isNew: boolean;
  /** Replaced by a job: its rows are compared with `readGrid` on save. */
  replaced: boolean;
  format: { headers: readonly string[]; rowCount: number; format: SheetFormat } | null;
  /** First row of the grid (0-based) that appends added, and first header column they added. */
  appendedFromRow: number | null;
  addedFromColumn: number | null;
}

export class SheetsApiWorkbook implements Workbook {
  private requestCount = 0;
  private retryCount = 0;
  /** Requests allowed past `maxRequests`: the parts of a save too large for one. */
  private partAllowance = 0;

  private constructor(
    private readonly api: sheets_v4.Sheets,
    private readonly spreadsheetId: string,
    private readonly options: SheetsApiOptions,
    private readonly sheets: Map<string, SheetState>,
  ) {}

  /** Loads every sheet of the spreadsheet in two requests. */
  static async open(
    api: sheets_v4.Sheets,
    spreadsheetId: string,
    options: SheetsApiOptions = {},
  ): Promise<SheetsApiWorkbook> {
    const workbook = new SheetsApiWorkbook(api, spreadsheetId, options, new Map());
    await workbook.load();
    return workbook;
  }

  /** HTTP requests this workbook has sent, retries included. */
  get requestsSent(): number {
    return this.requestCount;
  }

  read(sheetNames: readonly string[]): ReadonlyMap<string, Table> {
    const tables = new Map<string, Table>();
    sheetNames.forEach((name) => {
      const sheet = this.sheets.get(name);
      if (!sheet || tables.has(name)) return;
      tables.set(name, tableFromGrid(name, sheet.grid));
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

  /**
   * Sends every change since the load or the last save in ONE `spreadsheets.batchUpdate`: new
   * sheets, formats and the rows that differ from what was read. Google applies the requests of a
   * batchUpdate "together atomically" and, if any is not valid, "the entire request will fail and
   * nothing will be applied" (Sheets API reference, spreadsheets.batchUpdate), so a failure — or a
   * kill — leaves the spreadsheet as it was. A save over MAX_REQUEST_BYTES (Google recommends at
   * most 2 MB a request) goes in parts, in order, each atomic: rows are written over, never
   * cleared first, so a run that stops between parts leaves each row old or new, and the next run,
   * comparing with what it reads, sends what is still missing.
   */
  async save(): Promise<void> {
    const requests: sheets_v4.Schema$Request[] = [];
    // What each request changes in this workbook's picture of the spreadsheet once applied: after a
    // part fails, a second save (the one recording the failure) is planned from what did land.
    const effects = new Map<sheets_v4.Schema$Request, () => void>();
    const add = (request: sheets_v4.Schema$Request, applied?: () => void) => {
      requests.push(request);
      if (applied) effects.set(request, applied);
    };
    const changed = [...this.sheets.values()].filter(
      (sheet) =>
        sheet.isNew || sheet.replaced || sheet.appendedFromRow !== null || sheet.addedFromColumn !== null,
    );
    changed.forEach((sheet) => this.planSave(sheet, add));
    const parts = saveParts(requests, MAX_REQUEST_BYTES);
    // A part past the first is a request the caller's cap did not plan for: it comes on top.
    this.partAllowance += Math.max(0, parts.length - 1);
    for (const part of parts) {
      const response = await this.call(() =>
        this.api.spreadsheets.batchUpdate(
          { spreadsheetId: this.spreadsheetId, requestBody: { requests: part } },
          { retry: false },
        ),
      );
      (response.data.replies ?? []).forEach((reply) => {
        const added = reply.addProtectedRange?.protectedRange;
        const sheet = changed.find((candidate) => candidate.sheetId === added?.range?.sheetId);
        if (sheet && typeof added?.protectedRangeId === 'number') sheet.protectionId = added.protectedRangeId;
      });
      part.forEach((request) => effects.get(request)?.());
    }
    changed.forEach((sheet) => {
      sheet.isNew = false;
      sheet.replaced = false;
      sheet.format = null;
      sheet.appendedFromRow = null;
      sheet.addedFromColumn = null;
      sheet.readGrid = sheet.grid.map((row) => [...row]);
    });
  }

  private async load(): Promise<void> {
    const { data: spreadsheet } = await this.call(() =>
      this.api.spreadsheets.get(
        { spreadsheetId: this.spreadsheetId, includeGridData: true, fields: GET_FIELDS },
        { retry: false },
      ),
    );
    const timeZone = spreadsheet.properties?.timeZone;
    if (timeZone && !isVietnamClock(timeZone)) throw new SpreadsheetTimeZoneError(timeZone);
    const grids = (spreadsheet.sheets ?? []).filter(
      (sheet) => (sheet.properties?.sheetType ?? 'GRID') === 'GRID' && sheet.properties?.title,
    );
    if (grids.length === 0) return;
    const { data: values } = await this.call(() =>
      this.api.spreadsheets.values.batchGet(
        {
          spreadsheetId: this.spreadsheetId,
          ranges: grids.map((sheet) => a1Range(sheet.properties?.title as string)),
          majorDimension: 'ROWS',
          valueRenderOption: 'UNFORMATTED_VALUE',
          dateTimeRenderOption: 'SERIAL_NUMBER',
        },
        { retry: false },
      ),
    );
    grids.forEach((sheet, index) => {
      const properties = sheet.properties as sheets_v4.Schema$SheetProperties;
      const rowData = sheet.data?.[0]?.rowData ?? [];
      const isDate = (row: number, column: number): boolean =>
        DATE_TYPES.has(rowData[row]?.values?.[column]?.effectiveFormat?.numberFormat?.type ?? '');
      const rows = (values.valueRanges?.[index]?.values ?? []) as unknown[][];
      const grid = rows.map((row, rowIndex) =>
        row.map((value, columnIndex): CellValue => {
          if (value === '' || value === null || value === undefined) return null;
          if (typeof value === 'number') return isDate(rowIndex, columnIndex) ? fromSerial(value) : value;
          if (typeof value === 'string' || typeof value === 'boolean') return value;
          return String(value);
        }),
      );
      const wholeSheet = (sheet.protectedRanges ?? []).find(
        (range) =>
          range.range?.sheetId === properties.sheetId &&
          range.range?.startRowIndex == null &&
          range.range?.endRowIndex == null &&
          range.range?.startColumnIndex == null &&
          range.range?.endColumnIndex == null,
      );
      this.sheets.set(properties.title as string, {
        sheetId: properties.sheetId ?? 0,
        title: properties.title as string,
        rowCount: properties.gridProperties?.rowCount ?? NEW_SHEET_ROWS,
        columnCount: properties.gridProperties?.columnCount ?? NEW_SHEET_COLUMNS,
        conditionalRuleCount: sheet.conditionalFormats?.length ?? 0,
        protectionId: wholeSheet?.protectedRangeId ?? null,
        grid,
        readGrid: grid.map((row) => [...row]),
        isNew: false,
        replaced: false,
        format: null,
        appendedFromRow: null,
        addedFromColumn: null,
      });
    });
  }

  /**
   * Runs one request, waiting and retrying while Google answers 429, 500, 502, 503 or the network
   * drops, within `maxAttempts` and the workbook's `maxRetries`; turns access errors into messages.
   */
  private async call<T>(request: () => Promise<T>): Promise<T> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    const firstDelayMs = this.options.firstRetryDelayMs ?? 1000;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
    let waitedMs = 0;
    for (let attempt = 1; ; attempt += 1) {
      if (this.requestCount >= (this.options.maxRequests ?? Infinity) + this.partAllowance) {
        throw new Error(`The run's ${this.requestCount} Sheets API requests are spent.`);
      }
      this.requestCount += 1;
      try {
        return await request();
      } catch (error) {
        const status = statusOf(error);
        if (status === 429 || isPassingFailure(status, error)) {
          if (attempt >= maxAttempts || this.retryCount >= (this.options.maxRetries ?? Infinity)) {
            if (status === 429) throw new SheetsRateLimitError(attempt, waitedMs);
            throw error;
          }
          this.retryCount += 1;
          const delayMs = firstDelayMs * 2 ** (attempt - 1);
          waitedMs += delayMs;
          await sleep(delayMs);
          continue;
        }
        throw this.accessError(status, error) ?? error;
      }
    }
  }

  private accessError(status: number | undefined, error: unknown): SpreadsheetAccessError | null {
    const id = this.spreadsheetId;
    const said = `(Google trả lời: ${googleMessageOf(error)})`;
    const account = this.options.accountEmail;
    if (status === 403) {
      return new SpreadsheetAccessError(
        403,
        account
          ? `Tài khoản dịch vụ «${account}» không có quyền mở bảng tính «${id}»: hãy mở bảng tính, bấm Chia sẻ ` +
              `và thêm «${account}» với quyền Người chỉnh sửa. ${said}`
          : `Tài khoản trong tệp mã thông báo không có quyền mở bảng tính «${id}»: hãy chia sẻ bảng tính với ` +
              `tài khoản đó, quyền Người chỉnh sửa. ${said}`,
      );
    }
    if (status === 404) {
      return new SpreadsheetAccessError(
        404,
        `Không có bảng tính nào có mã «${id}»: hãy kiểm tra --spreadsheet (mã là phần giữa «/d/» và «/edit» ` +
          `trong địa chỉ của bảng tính). ${said}`,
      );
    }
    if (status === 401) {
      return new SpreadsheetAccessError(
        401,
        `Google không nhận thông tin đăng nhập: khóa đã bị xóa hoặc mã thông báo đã hết hạn; hãy tạo khóa mới. ${said}`,
      );
    }
    return null;
  }

  private sheetFor(name: string): SheetState {
    const existing = this.sheets.get(name);
    if (existing) return existing;
    const sheetId = Math.max(-1, ...[...this.sheets.values()].map((sheet) => sheet.sheetId)) + 1;
    const sheet: SheetState = {
      sheetId,
      title: name,
      rowCount: NEW_SHEET_ROWS,
      columnCount: NEW_SHEET_COLUMNS,
      conditionalRuleCount: 0,
      protectionId: null,
      grid: [],
      readGrid: [],
      isNew: true,
      replaced: false,
      format: null,
      appendedFromRow: null,
      addedFromColumn: null,
    };
    this.sheets.set(name, sheet);
    return sheet;
  }

  private replace(
    name: string,
    headers: readonly string[],
    rows: readonly (readonly CellValue[])[],
    format: SheetFormat | undefined,
  ): void {
    const sheet = this.sheetFor(name);
    sheet.grid = [headers, ...rows].map((row) =>
      Array.from({ length: headers.length }, (_, column) => {
        const value = row[column];
        return value === undefined || value === '' ? null : value;
      }),
    );
    sheet.replaced = true;
    sheet.format = format ? { headers, rowCount: rows.length, format } : null;
    sheet.appendedFromRow = null;
    sheet.addedFromColumn = null;
  }

  private append(name: string, headers: readonly string[], rows: readonly (readonly CellValue[])[]): void {
    const sheet = this.sheetFor(name);
    const { height, width } = gridExtent(sheet.grid);
    sheet.grid.length = height;
    const markRowsFrom = (row: number) => {
      if (!sheet.replaced) sheet.appendedFromRow = Math.min(sheet.appendedFromRow ?? row, row);
    };
    const cleaned = (value: CellValue | undefined): CellValue =>
      value === undefined || value === '' ? null : value;
    if (height === 0) {
      sheet.grid = [headers, ...rows].map((row) =>
        Array.from({ length: headers.length }, (_, column) => cleaned(row[column])),
      );
      markRowsFrom(0);
      return;
    }
    if (rows.length === 0) return;
    const existingHeaders = Array.from({ length: width }, (_, index) =>
      cellText(sheet.grid[0]?.[index] ?? null),
    );
    const placement = placeColumns(existingHeaders, headers);
    const headerRow = sheet.grid[0] as CellValue[];
    placement.added.forEach((header, index) => {
      headerRow[width + index] = header;
    });
    if (placement.added.length > 0 && !sheet.replaced) {
      sheet.addedFromColumn = Math.min(sheet.addedFromColumn ?? width, width);
    }
    rows.forEach((values) => {
      const row = new Array<CellValue>(placement.width).fill(null);
      values.forEach((value, index) => {
        row[placement.positions[index] as number] = cleaned(value);
      });
      sheet.grid.push(row);
    });
    markRowsFrom(height);
  }

  /**
   * The requests that bring the spreadsheet to this sheet's state in memory, each with what it
   * changes in this workbook once applied: grid sizes, then the rows (a replaced sheet: those that
   * differ from what was read, each string a stringValue: stored as typed, never read as a
   * formula, a number or a date; appended rows: those added), then the formats.
   */
  private planSave(
    sheet: SheetState,
    add: (request: sheets_v4.Schema$Request, applied?: () => void) => void,
  ): void {
    const { sheetId } = sheet;
    const width = Math.max(0, ...sheet.grid.map((row) => row.length));
    const neededRows = Math.max(sheet.grid.length, (sheet.format?.rowCount ?? 0) + 1);
    if (sheet.isNew) {
      const rowCount = Math.max(NEW_SHEET_ROWS, neededRows);
      const columnCount = Math.max(NEW_SHEET_COLUMNS, width);
      add(
        {
          addSheet: {
            properties: { sheetId, title: sheet.title, gridProperties: { rowCount, columnCount } },
          },
        },
        () => Object.assign(sheet, { isNew: false, rowCount, columnCount }),
      );
    } else if (neededRows > sheet.rowCount || width > sheet.columnCount) {
      const rowCount = Math.max(sheet.rowCount, neededRows);
      const columnCount = Math.max(sheet.columnCount, width);
      add(
        {
          updateSheetProperties: {
            properties: { sheetId, gridProperties: { rowCount, columnCount } },
            fields: 'gridProperties.rowCount,gridProperties.columnCount',
          },
        },
        () => Object.assign(sheet, { rowCount, columnCount }),
      );
    }
    if (sheet.replaced) {
      // Emptied below, formatted, then the rows: a date column's format is in place before its
      // cells (which do not carry it) are written, whichever part of a cut save they go in.
      const { clear, rows } = rewriteRequests(
        sheetId,
        sheet.readGrid,
        sheet.grid,
        this.cellFormats(sheet),
        sheet.isNew,
      );
      if (clear) add(clear);
      if (sheet.format) this.planFormat(sheet, sheet.format, add);
      rows.forEach((request) => add(request));
      return;
    }
    const fromRow = sheet.appendedFromRow;
    if (fromRow !== null) {
      this.dateCellRequests(sheet, fromRow).forEach((request) => add(request));
      const rows = sheet.grid.slice(fromRow);
      if (rows.length > 0 && width > 0) {
        add({
          updateCells: {
            start: { sheetId, rowIndex: fromRow, columnIndex: 0 },
            rows: rows.map((row) => ({
              values: Array.from({ length: width }, (_, column) => cellData(row[column])),
            })),
            fields: 'userEnteredValue',
          },
        });
      }
    }
    if (sheet.addedFromColumn !== null && (fromRow === null || fromRow > 0)) {
      const header = sheet.grid[0] ?? [];
      add({
        updateCells: {
          start: { sheetId, rowIndex: 0, columnIndex: sheet.addedFromColumn },
          rows: [{ values: header.slice(sheet.addedFromColumn).map(cellData) }],
          fields: 'userEnteredValue',
        },
      });
    }
  }

  /** The date columns and bold rows of a replaced sheet's format, by position. */
  private cellFormats(sheet: SheetState): CellFormats {
    const format = sheet.format;
    if (!format) return { formattedColumns: new Set(), dateColumns: new Set(), boldGridRows: new Set() };
    const positions = (columns: readonly string[] | undefined) =>
      (columns ?? []).map((column) => columnPosition(sheet.title, format.headers, column) - 1);
    const dateColumns = positions(format.format.dateColumns);
    return {
      formattedColumns: new Set([...dateColumns, ...positions(format.format.dateTimeColumns)]),
      dateColumns: new Set(dateColumns),
      boldGridRows: new Set(
        (format.format.boldRows ?? [])
          .filter((index) => index >= 0 && index < format.rowCount)
          .map((index) => index + 1),
      ),
    };
  }

  /** The format of a replaced sheet: frozen panes, colour rules, date columns, bold rows, filter, protection. */
  private planFormat(
    sheet: SheetState,
    { headers, rowCount, format }: NonNullable<SheetState['format']>,
    add: (request: sheets_v4.Schema$Request, applied?: () => void) => void,
  ): void {
    const { sheetId, title } = sheet;
    const frozen: string[] = [];
    if (format.frozenRows !== undefined) frozen.push('gridProperties.frozenRowCount');
    if (format.frozenColumns !== undefined) frozen.push('gridProperties.frozenColumnCount');
    if (frozen.length > 0) {
      add({
        updateSheetProperties: {
          properties: {
            sheetId,
            gridProperties: { frozenRowCount: format.frozenRows, frozenColumnCount: format.frozenColumns },
          },
          fields: frozen.join(','),
        },
      });
    }
    if (format.valueColors) {
      // Rebuilt whole each time, so that rules never pile up run after run.
      for (let index = 0; index < sheet.conditionalRuleCount; index += 1) {
        add({ deleteConditionalFormatRule: { sheetId, index: 0 } }, () => {
          sheet.conditionalRuleCount -= 1;
        });
      }
      format.valueColors.forEach((rule, index) =>
        add({ addConditionalFormatRule: { index, rule: this.valueColorRule(sheet, headers, rule) } }, () => {
          sheet.conditionalRuleCount += 1;
        }),
      );
    }
    const numberFormats: [readonly string[] | undefined, sheets_v4.Schema$NumberFormat][] = [
      [format.dateColumns, { type: 'DATE', pattern: DATE_PATTERN }],
      [format.dateTimeColumns, { type: 'DATE_TIME', pattern: DATE_TIME_PATTERN }],
    ];
    numberFormats.forEach(([columns, numberFormat]) =>
      (columns ?? []).forEach((column) => {
        const position = columnPosition(title, headers, column);
        // Down to the end of the grid, so that a date typed there later shows as one.
        add({
          repeatCell: {
            range: { sheetId, startRowIndex: 1, startColumnIndex: position - 1, endColumnIndex: position },
            cell: { userEnteredFormat: { numberFormat } },
            fields: 'userEnteredFormat.numberFormat',
          },
        });
      }),
    );
    (format.boldRows ?? [])
      .filter((index) => index >= 0 && index < rowCount && headers.length > 0)
      .forEach((index) =>
        add({
          repeatCell: {
            range: {
              sheetId,
              startRowIndex: index + 1,
              endRowIndex: index + 2,
              startColumnIndex: 0,
              endColumnIndex: headers.length,
            },
            cell: { userEnteredFormat: { textFormat: { bold: true } } },
            fields: 'userEnteredFormat.textFormat.bold',
          },
        }),
      );
    if (format.filter && headers.length > 0) {
      add({
        setBasicFilter: {
          filter: {
            range: {
              sheetId,
              startRowIndex: 0,
              endRowIndex: rowCount + 1,
              startColumnIndex: 0,
              endColumnIndex: headers.length,
            },
          },
        },
      });
    }
    // An existing protection of the whole sheet is left as it is: it was made by this job or by
    // the Apps Script shell (warning only), and changing one the account does not own could be
    // refused, which would refuse the whole batch.
    if (format.protectedWarningOnly && sheet.protectionId === null) {
      add({
        addProtectedRange: {
          protectedRange: { range: { sheetId }, description: PROTECTION_DESCRIPTION, warningOnly: true },
        },
      });
    }
  }

  /** Rules over the whole column below the header, so the colours follow edits and new rows. */
  private valueColorRule(
    sheet: SheetState,
    headers: readonly string[],
    rule: ValueColorRule,
  ): sheets_v4.Schema$ConditionalFormatRule {
    const position = columnPosition(sheet.title, headers, rule.column);
    return {
      ranges: [
        {
          sheetId: sheet.sheetId,
          startRowIndex: 1,
          startColumnIndex: position - 1,
          endColumnIndex: position,
        },
      ],
      booleanRule: {
        condition: { type: 'TEXT_EQ', values: [{ userEnteredValue: rule.equals }] },
        format: {
          backgroundColor: rgbOf(rule.background),
          ...(rule.font ? { textFormat: { foregroundColor: rgbOf(rule.font) } } : {}),
        },
      },
    };
  }

  /**
   * A date or time number format on the runs of appended cells that hold a Date: as SpreadsheetApp
   * does when it is given a Date, and what tells a date from a number when the sheet is read back.
   * (A replaced sheet's rows carry their formats in their cells: sheets-api-cells.ts.)
   */
  private dateCellRequests(sheet: SheetState, fromRow: number): sheets_v4.Schema$Request[] {
    const requests: sheets_v4.Schema$Request[] = [];
    const width = Math.max(0, ...sheet.grid.map((row) => row.length));
    for (let column = 0; column < width; column += 1) {
      let runStart: number | null = null;
      for (let row = fromRow; row <= sheet.grid.length; row += 1) {
        const isDate = sheet.grid[row]?.[column] instanceof Date;
        if (isDate && runStart === null) runStart = row;
        if (!isDate && runStart !== null) {
          requests.push({
            repeatCell: {
              range: {
                sheetId: sheet.sheetId,
                startRowIndex: runStart,
                endRowIndex: row,
                startColumnIndex: column,
                endColumnIndex: column + 1,
              },
              cell: {
                userEnteredFormat: { numberFormat: { type: 'DATE_TIME', pattern: DATE_TIME_PATTERN } },
              },
              fields: 'userEnteredFormat.numberFormat',
            },
          });
          runStart = null;
        }
      }
    }
    return requests;
  }
}
