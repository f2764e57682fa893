// A local stand-in for the part of the Google Sheets API v4 that the remote shell uses, over real
// HTTP so that `googleapis` runs unchanged against it (through `rootUrl`). It keeps real state,
// answers with the API's shapes (A1 ranges, `valueRanges`, `replies`, Google's JSON errors),
// applies a `spreadsheets.batchUpdate` all or nothing as Google does, and refuses what Google
// refuses: unknown sheets, ranges past the grid, cells over 50,000 characters, a duplicate title,
// and a request body over 2 MB (Google recommends no more; like the quota fake of the Advanced
// service, the fake takes the side that exposes a bug). Every request is recorded, so tests count
// round trips and bytes and check `valueInputOption`.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeTokenEndpoint } from './google-token-endpoint';
import { MAX_REQUEST_BYTES } from './quota-sheets';

export type FakeValue = string | number | boolean;

export interface FakeCell {
  value?: FakeValue;
  /** Set when a USER_ENTERED string began with `=`: the cell holds a formula, not that text. */
  formula?: string;
  numberFormat?: { type: string; pattern?: string };
  bold?: boolean;
}

interface GridRange {
  sheetId?: number;
  startRowIndex?: number;
  endRowIndex?: number;
  startColumnIndex?: number;
  endColumnIndex?: number;
}

interface FakeSheet {
  properties: {
    sheetId: number;
    title: string;
    index: number;
    sheetType: 'GRID';
    gridProperties: {
      rowCount: number;
      columnCount: number;
      frozenRowCount?: number;
      frozenColumnCount?: number;
    };
  };
  cells: FakeCell[][];
  conditionalFormats: unknown[];
  protectedRanges: {
    protectedRangeId: number;
    range: GridRange;
    description?: string;
    warningOnly?: boolean;
  }[];
  basicFilter?: { range: GridRange };
}

interface FakeState {
  sheets: FakeSheet[];
  nextSheetId: number;
  nextProtectedRangeId: number;
}

export interface RecordedRequest {
  readonly kind: 'get' | 'values.batchGet' | 'values.batchUpdate' | 'batchUpdate' | 'other';
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly body: unknown;
  /** The body's size in UTF-8 bytes, as Google counts a request's payload. */
  readonly bytes: number;
}

type Json = Record<string, unknown>;

/** An error as Google sends it: `{"error":{"code","message","status"}}`. */
class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly status: string,
    message: string,
    readonly details?: readonly unknown[],
  ) {
    super(message);
  }
}

const RATE_LIMIT_DETAILS = [
  {
    '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
    reason: 'RATE_LIMIT_EXCEEDED',
    domain: 'googleapis.com',
    metadata: {
      quota_metric: 'sheets.googleapis.com/write_requests',
      quota_limit: 'WriteRequestsPerMinutePerUser',
      service: 'sheets.googleapis.com',
      consumer: 'projects/123456789',
    },
  },
];

const GOOGLE_ERRORS: Readonly<Record<number, { status: string; message: string }>> = {
  401: {
    status: 'UNAUTHENTICATED',
    message:
      'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
  },
  403: { status: 'PERMISSION_DENIED', message: 'The caller does not have permission' },
  404: { status: 'NOT_FOUND', message: 'Requested entity was not found.' },
  429: {
    status: 'RESOURCE_EXHAUSTED',
    message:
      "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:123456789'.",
  },
  500: { status: 'INTERNAL', message: 'Internal error encountered.' },
  502: { status: 'UNAVAILABLE', message: 'Bad Gateway' },
  503: { status: 'UNAVAILABLE', message: 'The service is currently unavailable.' },
};

let fakeCount = 0;
const MAX_CELL_CHARACTERS = 50000;
const DEFAULT_ROWS = 1000;
const DEFAULT_COLUMNS = 26;

function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((total, letter) => total * 26 + letter.charCodeAt(0) - 64, 0);
}

function columnLetters(column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

function quoted(title: string): string {
  return `'${title.replace(/'/g, "''")}'`;
}

interface A1Range {
  sheet: FakeSheet;
  /** 0-based, end exclusive; an open end runs to the edge of the grid. */
  startRow: number;
  endRow: number | null;
  startColumn: number;
  endColumn: number | null;
}

function parseA1(state: FakeState, text: string): A1Range {
  const unparsable = new ApiError(400, 'INVALID_ARGUMENT', `Unable to parse range: ${text}`);
  const match = /^(?:'((?:[^']|'')+)'|([^'!]+))(?:!(.*))?$/.exec(text);
  if (!match) throw unparsable;
  const title = match[1] !== undefined ? match[1].replace(/''/g, "'") : (match[2] as string);
  const sheet = state.sheets.find((candidate) => candidate.properties.title === title);
  if (!sheet) throw unparsable;
  const cells = match[3];
  if (cells === undefined) return { sheet, startRow: 0, endRow: null, startColumn: 0, endColumn: null };
  const corner = /^([A-Z]+)?(\d+)?$/i;
  const [from, to, extra] = cells.split(':');
  const start = corner.exec(from ?? '');
  const end = to === undefined ? start : corner.exec(to);
  if (!start || !end || extra !== undefined || (!start[1] && !start[2])) throw unparsable;
  return {
    sheet,
    startRow: start[2] ? Number(start[2]) - 1 : 0,
    endRow: end[2] ? Number(end[2]) : null,
    startColumn: start[1] ? columnNumber(start[1]) - 1 : 0,
    endColumn: end[1] ? columnNumber(end[1]) : null,
  };
}

function a1Of(
  sheet: FakeSheet,
  startRow: number,
  startColumn: number,
  rows: number,
  columns: number,
): string {
  return `${quoted(sheet.properties.title)}!${columnLetters(startColumn + 1)}${startRow + 1}:${columnLetters(startColumn + columns)}${startRow + rows}`;
}

function checkGrid(sheet: FakeSheet, endRow: number, endColumn: number, shown: string): void {
  const { rowCount, columnCount } = sheet.properties.gridProperties;
  if (endRow > rowCount || endColumn > columnCount) {
    throw new ApiError(
      400,
      'INVALID_ARGUMENT',
      `Range (${shown}) exceeds grid limits. Max rows: ${rowCount}, max columns: ${columnCount}`,
    );
  }
}

function cellAt(sheet: FakeSheet, row: number, column: number): FakeCell {
  const cells = (sheet.cells[row] ??= []);
  return (cells[column] ??= {});
}

/** The extent of the cells holding a value, as Google trims a range it returns. */
function extentOf(sheet: FakeSheet): { rows: number; columns: number } {
  let rows = 0;
  let columns = 0;
  sheet.cells.forEach((row, rowIndex) =>
    row?.forEach((cell, columnIndex) => {
      if (cell?.value === undefined) return;
      rows = Math.max(rows, rowIndex + 1);
      columns = Math.max(columns, columnIndex + 1);
    }),
  );
  return { rows, columns };
}

/** What USER_ENTERED makes of typed text: the coercions RAW exists to avoid. */
function userEntered(value: FakeValue): { value: FakeValue; formula?: string } {
  if (typeof value !== 'string') return { value };
  if (value.startsWith("'")) return { value: value.slice(1) };
  if (value.startsWith('=')) return { value: '#ERROR!', formula: value };
  if (/^[+-]?\d+(\.\d+)?(e\d+)?$/i.test(value.trim())) return { value: Number(value) };
  if (/^(true|false)$/i.test(value.trim())) return { value: value.trim().toLowerCase() === 'true' };
  return { value };
}

function rangeBounds(
  sheet: FakeSheet,
  range: GridRange,
): { rows: [number, number]; columns: [number, number] } {
  const { rowCount, columnCount } = sheet.properties.gridProperties;
  const rows: [number, number] = [range.startRowIndex ?? 0, range.endRowIndex ?? rowCount];
  const columns: [number, number] = [range.startColumnIndex ?? 0, range.endColumnIndex ?? columnCount];
  checkGrid(sheet, rows[1], columns[1], JSON.stringify(range));
  return { rows, columns };
}

export class FakeSheetsApi {
  readonly requests: RecordedRequest[] = [];
  /** Statuses to answer the next requests with, in order (e.g. [429, 429] then success). */
  readonly failures: number[] = [];
  /**
   * Refuses a request by its number among the Sheets API requests (1 = the first one since the
   * fake started or `requests` was emptied): the status to answer, or undefined to serve it. A
   * refused request applies nothing, as with Google.
   */
  refuse: ((requestNumber: number, kind: RecordedRequest['kind']) => number | undefined) | null = null;
  /** When set, every request is refused with 403 as for an account the sheet is not shared with. */
  forbidden = false;
  timeZone = 'Asia/Ho_Chi_Minh';
  /** `POST /token`, Google's OAuth token endpoint: the only issuer of tokens the API accepts. */
  readonly tokens = new FakeTokenEndpoint();
  /** Requests to the token endpoint (kept apart from `requests`, which are Sheets API calls). */
  readonly tokenRequests: { readonly body: string }[] = [];
  private state: FakeState = { sheets: [], nextSheetId: 0, nextProtectedRangeId: 1000 };
  private server: Server | null = null;

  // Unique per fake: the remote shell keeps a lock file per spreadsheet id, and test files run in parallel.
  constructor(readonly spreadsheetId = `1hannopFake${process.pid}x${(fakeCount += 1)}`) {
    this.addSheet('Trang tính1');
  }

  /** `http://127.0.0.1:PORT/`, for googleapis' `rootUrl`. */
  async start(): Promise<string> {
    const server = createServer((request, response) => void this.handle(request, response));
    // Jobs run synchronously for seconds between requests; a short keep-alive would close the
    // socket the client is about to reuse, which Google's front ends do not do.
    server.keepAliveTimeout = 120_000;
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The spreadsheet as it is now, for `restore`: one set-up shared by many trials. */
  snapshot(): unknown {
    return structuredClone(this.state);
  }

  /** Puts back a `snapshot`, and forgets the requests served so far. */
  restore(snapshot: unknown): void {
    this.state = structuredClone(snapshot) as FakeState;
    this.requests.length = 0;
  }

  /** Requests of one kind, e.g. to check what a job sent. */
  requestsOf(kind: RecordedRequest['kind']): RecordedRequest[] {
    return this.requests.filter((request) => request.kind === kind);
  }

  /** A sheet as a form or a person would leave it (test set-up, not through the API). */
  addSheet(title: string, rows: readonly (readonly (FakeValue | null)[])[] = []): number {
    const sheetId = this.state.nextSheetId;
    this.state.nextSheetId += 1;
    const sheet: FakeSheet = {
      properties: {
        sheetId,
        title,
        index: this.state.sheets.length,
        sheetType: 'GRID',
        gridProperties: {
          rowCount: Math.max(DEFAULT_ROWS, rows.length),
          columnCount: Math.max(DEFAULT_COLUMNS, ...rows.map((row) => row.length)),
        },
      },
      cells: rows.map((row) => row.map((value) => (value === null ? {} : { value }))),
      conditionalFormats: [],
      protectedRanges: [],
    };
    this.state.sheets.push(sheet);
    return sheetId;
  }

  /** Marks cells as dates, as Forms does for its timestamp column. */
  setNumberFormat(title: string, column: number, type: string, pattern: string): void {
    const sheet = this.sheet(title);
    sheet.cells.forEach((_, row) => {
      if (row > 0) cellAt(sheet, row, column).numberFormat = { type, pattern };
    });
  }

  sheet(title: string): FakeSheet {
    const sheet = this.state.sheets.find((candidate) => candidate.properties.title === title);
    if (!sheet) throw new Error(`No sheet "${title}" in the fake spreadsheet.`);
    return sheet;
  }

  sheetTitles(): string[] {
    return this.state.sheets.map((sheet) => sheet.properties.title);
  }

  /** The stored cells of a sheet up to its last value, empty cells as null. */
  values(title: string): (FakeValue | null)[][] {
    const sheet = this.sheet(title);
    const { rows, columns } = extentOf(sheet);
    return Array.from({ length: rows }, (_, row) =>
      Array.from({ length: columns }, (__, column) => sheet.cells[row]?.[column]?.value ?? null),
    );
  }

  cell(title: string, a1: string): FakeCell | undefined {
    const range = parseA1(this.state, `${quoted(title)}!${a1}`);
    return range.sheet.cells[range.startRow]?.[range.startColumn];
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const text = raw.toString('utf8');
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    if (path === '/token' && request.method === 'POST') {
      this.tokenRequests.push({ body: text });
      const { status, body } = this.tokens.answer(new URLSearchParams(text));
      this.send(response, status, body);
      return;
    }
    const match = /^\/v4\/spreadsheets\/([^/:]+)(\/values:batchGet|\/values:batchUpdate|:batchUpdate)?$/.exec(
      path,
    );
    const kind: RecordedRequest['kind'] = !match
      ? 'other'
      : match[2] === '/values:batchGet'
        ? 'values.batchGet'
        : match[2] === '/values:batchUpdate'
          ? 'values.batchUpdate'
          : match[2] === ':batchUpdate'
            ? 'batchUpdate'
            : 'get';
    let body: unknown = null;
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      body = text;
    }
    this.requests.push({
      kind,
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      authorization: request.headers.authorization,
      body,
      bytes: raw.length,
    });
    try {
      const answer = this.answer(kind, request.method ?? 'GET', match?.[1], url.searchParams, body);
      this.send(response, 200, answer);
    } catch (error) {
      // A bug of the fake itself comes back as Google's 500, with the stack to find it.
      const known =
        error instanceof ApiError
          ? error
          : new ApiError(
              500,
              'INTERNAL',
              error instanceof Error ? (error.stack ?? error.message) : String(error),
            );
      this.send(response, known.code, {
        error: {
          code: known.code,
          message: known.message,
          status: known.status,
          ...(known.details ? { details: known.details } : {}),
        },
      });
    }
  }

  private send(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
    response.end(JSON.stringify(body));
  }

  private answer(
    kind: RecordedRequest['kind'],
    method: string,
    spreadsheetId: string | undefined,
    query: URLSearchParams,
    body: unknown,
  ): unknown {
    const failure = this.failures.shift() ?? this.refuse?.(this.requests.length, kind);
    if (failure !== undefined) {
      const known = GOOGLE_ERRORS[failure] ?? { status: 'UNKNOWN', message: 'Error' };
      throw new ApiError(
        failure,
        known.status,
        known.message,
        failure === 429 ? RATE_LIMIT_DETAILS : undefined,
      );
    }
    if (kind === 'other') throw new ApiError(404, 'NOT_FOUND', 'Requested entity was not found.');
    const bytes = this.requests[this.requests.length - 1]?.bytes ?? 0;
    if (bytes > MAX_REQUEST_BYTES) {
      throw new ApiError(
        400,
        'INVALID_ARGUMENT',
        `Request payload size exceeds the limit: ${MAX_REQUEST_BYTES} bytes.`,
      );
    }
    const authorization = this.requests[this.requests.length - 1]?.authorization;
    if (!this.tokens.authorizes(authorization, 'https://www.googleapis.com/auth/spreadsheets')) {
      const error = GOOGLE_ERRORS[401] as { status: string; message: string };
      throw new ApiError(401, error.status, error.message);
    }
    if (spreadsheetId !== this.spreadsheetId) {
      throw new ApiError(404, 'NOT_FOUND', 'Requested entity was not found.');
    }
    if (this.forbidden) throw new ApiError(403, 'PERMISSION_DENIED', 'The caller does not have permission');
    const expected = kind === 'get' || kind === 'values.batchGet' ? 'GET' : 'POST';
    if (method !== expected) throw new ApiError(404, 'NOT_FOUND', 'Requested entity was not found.');
    switch (kind) {
      case 'get':
        return this.getSpreadsheet(query);
      case 'values.batchGet':
        return this.batchGet(query);
      case 'values.batchUpdate':
        return this.valuesBatchUpdate(body as Json);
      case 'batchUpdate':
        return this.batchUpdate(body as Json);
    }
  }

  private getSpreadsheet(query: URLSearchParams): unknown {
    const withGrid = query.get('includeGridData') === 'true';
    return {
      spreadsheetId: this.spreadsheetId,
      properties: { title: 'Hạn nộp (giả lập)', locale: 'vi_VN', timeZone: this.timeZone },
      sheets: this.state.sheets.map((sheet) => ({
        properties: structuredClone(sheet.properties),
        ...(sheet.conditionalFormats.length > 0
          ? { conditionalFormats: structuredClone(sheet.conditionalFormats) }
          : {}),
        ...(sheet.protectedRanges.length > 0
          ? { protectedRanges: structuredClone(sheet.protectedRanges) }
          : {}),
        ...(sheet.basicFilter ? { basicFilter: structuredClone(sheet.basicFilter) } : {}),
        ...(withGrid ? { data: [this.gridData(sheet)] } : {}),
      })),
      spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${this.spreadsheetId}/edit`,
    };
  }

  private gridData(sheet: FakeSheet): unknown {
    const { rows, columns } = extentOf(sheet);
    return {
      startRow: 0,
      startColumn: 0,
      rowData: Array.from({ length: rows }, (_, row) => ({
        values: Array.from({ length: columns }, (__, column) => {
          const cell = sheet.cells[row]?.[column];
          if (!cell) return {};
          const effectiveValue =
            cell.value === undefined
              ? undefined
              : typeof cell.value === 'string'
                ? { stringValue: cell.value }
                : typeof cell.value === 'number'
                  ? { numberValue: cell.value }
                  : { boolValue: cell.value };
          const format = {
            ...(cell.numberFormat ? { numberFormat: cell.numberFormat } : {}),
            ...(cell.bold ? { textFormat: { bold: true } } : {}),
          };
          return {
            ...(effectiveValue ? { effectiveValue } : {}),
            ...(Object.keys(format).length > 0 ? { userEnteredFormat: format, effectiveFormat: format } : {}),
          };
        }),
      })),
    };
  }

  private batchGet(query: URLSearchParams): unknown {
    const unformatted = query.get('valueRenderOption') === 'UNFORMATTED_VALUE';
    const serial = query.get('dateTimeRenderOption') !== 'FORMATTED_STRING';
    if (!unformatted || !serial) {
      // Only what the adapter asks for is modelled: formatted values depend on the locale.
      throw new ApiError(
        400,
        'INVALID_ARGUMENT',
        'The fake answers UNFORMATTED_VALUE with SERIAL_NUMBER only.',
      );
    }
    return {
      spreadsheetId: this.spreadsheetId,
      valueRanges: query.getAll('ranges').map((text) => {
        const range = parseA1(this.state, text);
        const { sheet } = range;
        const extent = extentOf(sheet);
        const endRow = Math.min(range.endRow ?? extent.rows, extent.rows);
        const endColumn = Math.min(range.endColumn ?? extent.columns, extent.columns);
        const values: FakeValue[][] = [];
        for (let row = range.startRow; row < endRow; row += 1) {
          const cells: FakeValue[] = [];
          for (let column = range.startColumn; column < endColumn; column += 1) {
            cells.push(sheet.cells[row]?.[column]?.value ?? '');
          }
          while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
          values.push(cells);
        }
        while (values.length > 0 && values[values.length - 1]?.length === 0) values.pop();
        const { rowCount, columnCount } = sheet.properties.gridProperties;
        const shown = a1Of(
          sheet,
          range.startRow,
          range.startColumn,
          (range.endRow ?? rowCount) - range.startRow,
          (range.endColumn ?? columnCount) - range.startColumn,
        );
        return { range: shown, majorDimension: 'ROWS', ...(values.length > 0 ? { values } : {}) };
      }),
    };
  }

  private valuesBatchUpdate(body: Json): unknown {
    const option = body.valueInputOption;
    if (option !== 'RAW' && option !== 'USER_ENTERED') {
      throw new ApiError(400, 'INVALID_ARGUMENT', 'Invalid valueInputOption: INPUT_VALUE_OPTION_UNSPECIFIED');
    }
    const data = (body.data ?? []) as {
      range: string;
      values?: (FakeValue | null)[][];
      majorDimension?: string;
    }[];
    const state = structuredClone(this.state);
    const responses = data.map((valueRange) => {
      if (valueRange.majorDimension && valueRange.majorDimension !== 'ROWS') {
        throw new ApiError(400, 'INVALID_ARGUMENT', 'The fake models majorDimension ROWS only.');
      }
      const range = parseA1(state, valueRange.range);
      const values = valueRange.values ?? [];
      const width = Math.max(0, ...values.map((row) => row.length));
      const shown = a1Of(range.sheet, range.startRow, range.startColumn, values.length, width);
      if (
        (range.endRow !== null && range.startRow + values.length > range.endRow) ||
        (range.endColumn !== null && range.startColumn + width > range.endColumn)
      ) {
        throw new ApiError(
          400,
          'INVALID_ARGUMENT',
          `Requested writing within range [${valueRange.range}], but tried writing to row [${range.startRow + values.length}]`,
        );
      }
      checkGrid(range.sheet, range.startRow + values.length, range.startColumn + width, shown);
      let cells = 0;
      values.forEach((row, rowOffset) =>
        row.forEach((value, columnOffset) => {
          // As in the API: null leaves a cell as it is, '' empties it.
          if (value === null) return;
          if (typeof value === 'string' && value.length > MAX_CELL_CHARACTERS) {
            throw new ApiError(
              400,
              'INVALID_ARGUMENT',
              `Your input contains more than the maximum of ${MAX_CELL_CHARACTERS} characters in a single cell.`,
            );
          }
          const cell = cellAt(range.sheet, range.startRow + rowOffset, range.startColumn + columnOffset);
          delete cell.formula;
          if (value === '') delete cell.value;
          else if (option === 'RAW') cell.value = value;
          else Object.assign(cell, userEntered(value));
          cells += 1;
        }),
      );
      return {
        spreadsheetId: this.spreadsheetId,
        updatedRange: shown,
        updatedRows: values.length,
        updatedColumns: width,
        updatedCells: cells,
      };
    });
    this.state = state;
    return {
      spreadsheetId: this.spreadsheetId,
      totalUpdatedRows: responses.reduce((total, item) => total + item.updatedRows, 0),
      totalUpdatedColumns: Math.max(0, ...responses.map((item) => item.updatedColumns)),
      totalUpdatedCells: responses.reduce((total, item) => total + item.updatedCells, 0),
      totalUpdatedSheets: new Set(responses.map((item) => item.updatedRange.split('!')[0])).size,
      responses,
    };
  }

  /** All or nothing, as Google applies a batch: the requests run on a copy that replaces the state at the end. */
  private batchUpdate(body: Json): unknown {
    const state = structuredClone(this.state);
    const requests = (body.requests ?? []) as Json[];
    const replies = requests.map((request, index) => {
      const [name, ...others] = Object.keys(request);
      if (name === undefined || others.length > 0) {
        throw new ApiError(
          400,
          'INVALID_ARGUMENT',
          `Invalid requests[${index}]: exactly one kind of request expected.`,
        );
      }
      return this.applyRequest(state, name, request[name] as Json, index);
    });
    this.state = state;
    return { spreadsheetId: this.spreadsheetId, replies };
  }

  /**
   * `updateCells` with rows from a `start` coordinate: for each field the mask names, what the cell
   * gives, a field it leaves out emptied (as Google reads a field mask): the `userEnteredValue` as
   * Google stores it (a stringValue is text, never a formula), the number format and the bold of
   * `userEnteredFormat`; refused past the grid or over 50,000 characters.
   */
  private writeCells(state: FakeState, request: Json, index: number): unknown {
    const fields = String(request.fields ?? '')
      .split(',')
      .map((field) => field.trim());
    const modelled = [
      'userEnteredValue',
      'userEnteredFormat.numberFormat',
      'userEnteredFormat.textFormat.bold',
    ];
    if (!fields.includes('userEnteredValue') || fields.some((field) => !modelled.includes(field))) {
      throw new ApiError(
        400,
        'INVALID_ARGUMENT',
        `The fake models updateCells rows with fields among "${modelled.join(',')}" (the value always), not "${fields.join(',')}".`,
      );
    }
    const start = (request.start ?? {}) as { sheetId?: number; rowIndex?: number; columnIndex?: number };
    const sheet = this.sheetById(state, start.sheetId, index);
    const rows = (request.rows ?? []) as {
      values?: {
        userEnteredValue?: Json;
        userEnteredFormat?: {
          numberFormat?: { type: string; pattern?: string };
          textFormat?: { bold?: boolean };
        };
      }[];
    }[];
    const startRow = start.rowIndex ?? 0;
    const startColumn = start.columnIndex ?? 0;
    const width = Math.max(0, ...rows.map((row) => row.values?.length ?? 0));
    checkGrid(
      sheet,
      startRow + rows.length,
      startColumn + width,
      a1Of(sheet, startRow, startColumn, rows.length, width),
    );
    rows.forEach((row, rowOffset) =>
      (row.values ?? []).forEach((data, columnOffset) => {
        const cell = cellAt(sheet, startRow + rowOffset, startColumn + columnOffset);
        if (fields.includes('userEnteredFormat.numberFormat')) {
          const numberFormat = data.userEnteredFormat?.numberFormat;
          if (numberFormat) cell.numberFormat = numberFormat;
          else delete cell.numberFormat;
        }
        if (fields.includes('userEnteredFormat.textFormat.bold')) {
          if (data.userEnteredFormat?.textFormat?.bold === true) cell.bold = true;
          else delete cell.bold;
        }
        delete cell.formula;
        delete cell.value;
        const entered = data.userEnteredValue;
        if (!entered) return;
        if (typeof entered.stringValue === 'string') {
          if (entered.stringValue.length > MAX_CELL_CHARACTERS) {
            throw new ApiError(
              400,
              'INVALID_ARGUMENT',
              `Your input contains more than the maximum of ${MAX_CELL_CHARACTERS} characters in a single cell.`,
            );
          }
          cell.value = entered.stringValue;
        } else if (typeof entered.numberValue === 'number') cell.value = entered.numberValue;
        else if (typeof entered.boolValue === 'boolean') cell.value = entered.boolValue;
        else if (typeof entered.formulaValue === 'string')
          Object.assign(cell, userEntered(entered.formulaValue));
        else
          throw new ApiError(
            400,
            'INVALID_ARGUMENT',
            `Invalid requests[${index}].updateCells: empty ExtendedValue.`,
          );
      }),
    );
    return {};
  }

  private sheetById(state: FakeState, sheetId: unknown, index: number): FakeSheet {
    const sheet = state.sheets.find((candidate) => candidate.properties.sheetId === sheetId);
    if (!sheet) {
      throw new ApiError(
        400,
        'INVALID_ARGUMENT',
        `Invalid requests[${index}]: No grid with id: ${String(sheetId)}`,
      );
    }
    return sheet;
  }

  private applyRequest(state: FakeState, name: string, request: Json, index: number): unknown {
    switch (name) {
      case 'addSheet': {
        const properties = (request.properties ?? {}) as Json;
        const title = String(properties.title ?? `Trang tính${state.sheets.length + 1}`);
        if (state.sheets.some((sheet) => sheet.properties.title.toLowerCase() === title.toLowerCase())) {
          throw new ApiError(
            400,
            'INVALID_ARGUMENT',
            `Invalid requests[${index}].addSheet: A sheet with the name "${title}" already exists. Please enter another name.`,
          );
        }
        const sheetId = typeof properties.sheetId === 'number' ? properties.sheetId : state.nextSheetId;
        if (state.sheets.some((sheet) => sheet.properties.sheetId === sheetId)) {
          throw new ApiError(
            400,
            'INVALID_ARGUMENT',
            `Invalid requests[${index}].addSheet: sheet id ${sheetId} exists.`,
          );
        }
        state.nextSheetId = Math.max(state.nextSheetId, sheetId + 1);
        const grid = (properties.gridProperties ?? {}) as Json;
        const sheet: FakeSheet = {
          properties: {
            sheetId,
            title,
            index: state.sheets.length,
            sheetType: 'GRID',
            gridProperties: {
              rowCount: Number(grid.rowCount ?? DEFAULT_ROWS),
              columnCount: Number(grid.columnCount ?? DEFAULT_COLUMNS),
              ...(grid.frozenRowCount !== undefined ? { frozenRowCount: Number(grid.frozenRowCount) } : {}),
              ...(grid.frozenColumnCount !== undefined
                ? { frozenColumnCount: Number(grid.frozenColumnCount) }
                : {}),
            },
          },
          cells: [],
          conditionalFormats: [],
          protectedRanges: [],
        };
        state.sheets.push(sheet);
        return { addSheet: { properties: structuredClone(sheet.properties) } };
      }
      case 'updateSheetProperties': {
        const properties = (request.properties ?? {}) as Json;
        const sheet = this.sheetById(state, properties.sheetId, index);
        const grid = (properties.gridProperties ?? {}) as Record<string, number>;
        const fields = String(request.fields ?? '')
          .split(',')
          .map((field) => field.trim());
        for (const field of fields) {
          const key = /^gridProperties\.(rowCount|columnCount|frozenRowCount|frozenColumnCount)$/.exec(
            field,
          )?.[1] as 'rowCount' | 'columnCount' | 'frozenRowCount' | 'frozenColumnCount' | undefined;
          if (!key) throw new ApiError(400, 'INVALID_ARGUMENT', `The fake does not model field "${field}".`);
          sheet.properties.gridProperties[key] = grid[key] ?? 0;
        }
        return {};
      }
      case 'updateCells': {
        if (request.rows !== undefined) return this.writeCells(state, request, index);
        // The clearing form: a range and a field mask, no rows; "the fields matching those set in
        // fields will be cleared", and "at least one field must be specified" (UpdateCellsRequest).
        const range = (request.range ?? {}) as GridRange;
        const sheet = this.sheetById(state, range.sheetId, index);
        const bounds = rangeBounds(sheet, range);
        const fields = String(request.fields ?? '');
        if (fields === '') {
          throw new ApiError(
            400,
            'INVALID_ARGUMENT',
            `Invalid requests[${index}].updateCells: At least one field must be specified.`,
          );
        }
        for (let row = bounds.rows[0]; row < Math.min(bounds.rows[1], sheet.cells.length); row += 1) {
          const cells = sheet.cells[row];
          if (!cells) continue;
          for (
            let column = bounds.columns[0];
            column < Math.min(bounds.columns[1], cells.length);
            column += 1
          ) {
            const cell = cells[column];
            if (!cell) continue;
            if (fields.includes('userEnteredValue')) {
              delete cell.value;
              delete cell.formula;
            }
            if (fields.includes('userEnteredFormat')) {
              delete cell.numberFormat;
              delete cell.bold;
            }
          }
        }
        return {};
      }
      case 'repeatCell': {
        const range = (request.range ?? {}) as GridRange;
        const sheet = this.sheetById(state, range.sheetId, index);
        const bounds = rangeBounds(sheet, range);
        const format = ((request.cell as Json | undefined)?.userEnteredFormat ?? {}) as {
          numberFormat?: { type: string; pattern?: string };
          textFormat?: { bold?: boolean };
        };
        const fields = String(request.fields ?? '');
        for (let row = bounds.rows[0]; row < bounds.rows[1]; row += 1) {
          for (let column = bounds.columns[0]; column < bounds.columns[1]; column += 1) {
            const cell = cellAt(sheet, row, column);
            if (fields.includes('numberFormat')) cell.numberFormat = format.numberFormat;
            if (fields.includes('textFormat.bold') || fields.includes('textFormat')) {
              cell.bold = format.textFormat?.bold === true;
            }
          }
        }
        return {};
      }
      case 'setBasicFilter': {
        const filter = (request.filter ?? {}) as { range: GridRange };
        const sheet = this.sheetById(state, filter.range?.sheetId, index);
        rangeBounds(sheet, filter.range);
        sheet.basicFilter = { range: filter.range };
        return {};
      }
      case 'clearBasicFilter': {
        delete this.sheetById(state, request.sheetId, index).basicFilter;
        return {};
      }
      case 'addConditionalFormatRule': {
        const rule = (request.rule ?? {}) as { ranges?: GridRange[] };
        const [first] = rule.ranges ?? [];
        const sheet = this.sheetById(state, first?.sheetId, index);
        (rule.ranges ?? []).forEach((range) => rangeBounds(sheet, range));
        const at = typeof request.index === 'number' ? request.index : sheet.conditionalFormats.length;
        sheet.conditionalFormats.splice(at, 0, structuredClone(rule));
        return {};
      }
      case 'deleteConditionalFormatRule': {
        const sheet = this.sheetById(state, request.sheetId, index);
        const at = Number(request.index);
        if (!(at >= 0 && at < sheet.conditionalFormats.length)) {
          throw new ApiError(
            400,
            'INVALID_ARGUMENT',
            `Invalid requests[${index}]: No conditional format at index ${at}.`,
          );
        }
        const [rule] = sheet.conditionalFormats.splice(at, 1);
        return { deleteConditionalFormatRule: { rule } };
      }
      case 'addProtectedRange': {
        const protectedRange = (request.protectedRange ?? {}) as FakeSheet['protectedRanges'][number];
        const sheet = this.sheetById(state, protectedRange.range?.sheetId, index);
        const stored = { ...structuredClone(protectedRange), protectedRangeId: state.nextProtectedRangeId };
        state.nextProtectedRangeId += 1;
        sheet.protectedRanges.push(stored);
        return { addProtectedRange: { protectedRange: structuredClone(stored) } };
      }
      default:
        throw new ApiError(
          400,
          'INVALID_ARGUMENT',
          `Invalid JSON payload received. Unknown name "${name}" at 'requests[${index}]': Cannot find field.`,
        );
    }
  }
}
