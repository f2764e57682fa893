// An in-memory Advanced Sheets service (the `Sheets` global of Apps Script: the Sheets API v4),
// over the SAME spreadsheet as the SpreadsheetApp fake: Forms writes response sheets there and
// setup writes validations there, so both services must see one world. Each request is carried
// out with the SpreadsheetApp fake's own operations (muted, so its call log counts only
// SpreadsheetApp calls); the service counts its own calls in `calls`.
//
// Only the requests and fields hannop uses are modelled; anything else is refused rather than
// half done. Like Google it:
// - applies a batchUpdate atomically: every request is checked before any is applied;
// - refuses a range naming a sheet that does not exist ("Unable to parse range: …"), a second
//   sheet with a title already taken, an updateCells, repeatCell or updateSheetProperties without
//   `fields`, and a write outside the grid (grow it first with appendDimension);
// - writes a repeatCell's one cell into every cell of its range (start inclusive, end exclusive,
//   an absent bound the grid's edge), only the fields its mask names;
// - stores a `stringValue` as that text, whatever it looks like (never a formula, number or date);
// - stores a `numberValue` in a cell with a date format as a date (a Date to SpreadsheetApp);
// - gives values with their number format's type, dates as serial numbers (days from 1899-12-30
//   on the spreadsheet's clock, Vietnam's);
// - refuses a value that a strict data validation rule of the cell rejects (the fake's choice:
//   the side that would expose a bug).
// A sheet added with a sheetId of the caller's choosing has that id here only: SpreadsheetApp's
// `getSheetId()` still gives the fake's own (hannop's Apps Script code reads no sheet id).

import { VIETNAM_OFFSET_MS } from '../../src/domain/time';
import {
  AUTOMATIC_NUMBER_FORMAT,
  CallLog,
  columnLetter,
  FakeBooleanCondition,
  FakeConditionalFormatRule,
  FakeFilter,
  FakeRange,
  FORMULA_VALUE,
  type FakeProtection,
  type FakeSheet,
  type FakeSpreadsheet,
} from './spreadsheet-app';

type Spreadsheet = GoogleAppsScript.Sheets.Schema.Spreadsheet;
type SheetData = GoogleAppsScript.Sheets.Schema.Sheet;
type Request = GoogleAppsScript.Sheets.Schema.Request;
type Response = GoogleAppsScript.Sheets.Schema.Response;
type GridRange = GoogleAppsScript.Sheets.Schema.GridRange;
type CellData = GoogleAppsScript.Sheets.Schema.CellData;
type RowData = GoogleAppsScript.Sheets.Schema.RowData;
type Color = GoogleAppsScript.Sheets.Schema.Color;
type ConditionalFormatRule = GoogleAppsScript.Sheets.Schema.ConditionalFormatRule;
type ExtendedValue = GoogleAppsScript.Sheets.Schema.ExtendedValue;
type Cell = ReturnType<FakeSheet['cellAt']>;

const DAY_MS = 24 * 60 * 60 * 1000;
/** 1899-12-30 00:00 in Vietnam, in ms since 1970-01-01 UTC. */
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30) - VIETNAM_OFFSET_MS;
const MAX_CELL_CHARACTERS = 50000;
const CELL_FIELDS: ReadonlySet<string> = new Set([
  'userEnteredValue',
  'userEnteredFormat.numberFormat',
  'userEnteredFormat.textFormat.bold',
]);
const FROZEN_FIELDS: ReadonlySet<string> = new Set([
  'gridProperties.frozenRowCount',
  'gridProperties.frozenColumnCount',
]);
const CRITERIA_TYPES: Readonly<Record<string, string>> = {
  TEXT_EQUAL_TO: 'TEXT_EQ',
  TEXT_CONTAINS: 'TEXT_CONTAINS',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
};

function fromSerial(serial: number): Date {
  return new Date(SERIAL_EPOCH_MS + Math.round(serial * DAY_MS));
}

function toSerial(instant: Date): number {
  return (instant.getTime() - SERIAL_EPOCH_MS) / DAY_MS;
}

/** The type Sheets gives a number format: DATE_TIME, DATE, TIME, TEXT or NUMBER; null when automatic. */
function numberFormatType(pattern: string): string | null {
  if (pattern === AUTOMATIC_NUMBER_FORMAT) return null;
  if (pattern === '@') return 'TEXT';
  const hasDate = /[dy]/i.test(pattern);
  const hasTime = /[hs]/i.test(pattern);
  if (hasDate && hasTime) return 'DATE_TIME';
  if (hasDate) return 'DATE';
  if (hasTime) return 'TIME';
  return 'NUMBER';
}

function isDatePattern(pattern: string): boolean {
  const type = numberFormatType(pattern);
  return type === 'DATE' || type === 'DATE_TIME' || type === 'TIME';
}

function hexOf(color: Color | undefined): string | null {
  if (!color) return null;
  const channel = (value: number | undefined) =>
    Math.round((value ?? 0) * 255)
      .toString(16)
      .padStart(2, '0');
  return `#${channel(color.red)}${channel(color.green)}${channel(color.blue)}`;
}

function colorOf(hex: string | null): Color | undefined {
  const digits = hex ? /^#?([0-9a-f]{6})$/i.exec(hex)?.[1] : undefined;
  if (!digits) return undefined;
  const channel = (at: number) => parseInt(digits.slice(at, at + 2), 16) / 255;
  return { red: channel(0), green: channel(2), blue: channel(4) };
}

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((sum, letter) => sum * 26 + letter.charCodeAt(0) - 64, 0);
}

/** A request the API would refuse: the whole batch is refused. */
class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequestError';
  constructor(index: number, kind: string, detail: string) {
    super(`Invalid requests[${index}].${kind}: ${detail}`);
  }
}

/** What the checking pass knows of a sheet while it walks the batch. */
interface PlannedSheet {
  readonly sheet: FakeSheet | null;
  title: string;
  rowCount: number;
  columnCount: number;
  ruleCount: number;
}

export class FakeAdvancedSheets {
  /** Calls of the service, e.g. `Spreadsheets.get`, `Spreadsheets.batchUpdate`. */
  readonly calls = new CallLog();
  readonly Spreadsheets: {
    get: (spreadsheetId: string, optionalArgs?: object) => Spreadsheet;
    batchUpdate: (
      resource: GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetRequest,
      spreadsheetId: string,
    ) => GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetResponse;
  };
  /** Sheets added with a sheetId of the caller's choosing. */
  private readonly chosenIds = new Map<FakeSheet, number>();
  /** What was asked for, where the SpreadsheetApp fake keeps less (whole columns, whole sheets). */
  private readonly givenRules = new WeakMap<FakeConditionalFormatRule, ConditionalFormatRule>();
  private readonly givenFilters = new WeakMap<FakeFilter, GridRange>();
  private readonly protectionIds = new WeakMap<FakeProtection, number>();
  private nextProtectionId = 1_000_001;

  constructor(private readonly spreadsheet: FakeSpreadsheet) {
    this.Spreadsheets = {
      get: (spreadsheetId, optionalArgs) => this.get(spreadsheetId, optionalArgs),
      batchUpdate: (resource, spreadsheetId) => this.batchUpdate(resource, spreadsheetId),
    };
  }

  private muted<T>(work: () => T): T {
    return this.spreadsheet.calls.muted(work);
  }

  private checkId(spreadsheetId: string): void {
    if (spreadsheetId !== this.spreadsheet.spreadsheetId) throw new Error('Requested entity was not found.');
  }

  private allSheets(): FakeSheet[] {
    return this.muted(() => this.spreadsheet.getSheets());
  }

  sheetIdOf(sheet: FakeSheet): number {
    return this.chosenIds.get(sheet) ?? sheet.sheetId;
  }

  private sheetById(sheetId: number | undefined): FakeSheet | undefined {
    return this.allSheets().find((sheet) => this.sheetIdOf(sheet) === (sheetId ?? 0));
  }

  /** `'Tổng hợp'`, `'Tổng hợp'!A1:C3`, `Đơn_vị!A2`: the sheet and the rectangle (1-based, inclusive). */
  private parseRange(range: string): {
    sheet: FakeSheet;
    rows?: [number, number];
    columns?: [number, number];
  } {
    const fail = () => new Error(`Unable to parse range: ${range}`);
    const match = /^(?:'((?:[^']|'')+)'|([^'!]+))(?:!(.+))?$/.exec(String(range));
    if (!match) throw fail();
    const title = match[1]?.replace(/''/g, "'") ?? (match[2] as string);
    const sheet = this.allSheets().find((candidate) => candidate.currentName === title);
    if (!sheet) throw fail();
    if (!match[3]) return { sheet };
    const cells = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(match[3]);
    if (!cells) throw fail();
    const firstColumn = columnNumber(cells[1] as string);
    const firstRow = Number(cells[2]);
    return {
      sheet,
      rows: [firstRow, cells[4] ? Number(cells[4]) : firstRow],
      columns: [firstColumn, cells[3] ? columnNumber(cells[3]) : firstColumn],
    };
  }

  private get(spreadsheetId: string, optionalArgs: object = {}): Spreadsheet {
    this.calls.record('Spreadsheets.get');
    this.checkId(spreadsheetId);
    const args = optionalArgs as { ranges?: string | string[]; fields?: string; includeGridData?: boolean };
    const ranges = args.ranges === undefined ? [] : Array.isArray(args.ranges) ? args.ranges : [args.ranges];
    const parsed = ranges.map((range) => this.parseRange(range));
    // With a field mask, includeGridData is ignored: the mask says whether the cells come.
    const withData = args.fields !== undefined ? /\bdata\b/.test(args.fields) : args.includeGridData === true;
    const sheets = this.allSheets().filter(
      (sheet) => parsed.length === 0 || parsed.some((range) => range.sheet === sheet),
    );
    const metadata = this.developerMetadata();
    return {
      spreadsheetId,
      properties: { title: this.muted(() => this.spreadsheet.getName()), timeZone: 'Asia/Ho_Chi_Minh' },
      ...(metadata.length > 0 ? { developerMetadata: metadata } : {}),
      sheets: sheets.map((sheet, index) => {
        const data: SheetData = { properties: this.propertiesOf(sheet, index) };
        const rules = this.rulesOf(sheet);
        if (rules.length > 0) data.conditionalFormats = rules;
        const protections = this.protectionsOf(sheet);
        if (protections.length > 0) data.protectedRanges = protections;
        const filter = this.filterOf(sheet);
        if (filter) data.basicFilter = { range: filter };
        if (withData) {
          const own = parsed.filter((range) => range.sheet === sheet);
          data.data = (own.length > 0 ? own : [{ sheet }]).map((range) =>
            this.gridData(sheet, range.rows, range.columns),
          );
        }
        return data;
      }),
    };
  }

  /** The spreadsheet's own developer metadata (the SpreadsheetApp fake keeps none on sheets). */
  private developerMetadata(): GoogleAppsScript.Sheets.Schema.DeveloperMetadata[] {
    return this.muted(() =>
      this.spreadsheet.getDeveloperMetadata().map((entry) => ({
        metadataId: entry.getId(),
        metadataKey: entry.getKey(),
        ...(entry.getValue() !== null ? { metadataValue: entry.getValue() as string } : {}),
        location: { locationType: 'SPREADSHEET', spreadsheet: true },
        visibility: 'DOCUMENT',
      })),
    );
  }

  private propertiesOf(sheet: FakeSheet, index: number): GoogleAppsScript.Sheets.Schema.SheetProperties {
    return this.muted(() => {
      const frozenRowCount = sheet.getFrozenRows();
      const frozenColumnCount = sheet.getFrozenColumns();
      return {
        sheetId: this.sheetIdOf(sheet),
        title: sheet.currentName,
        index,
        sheetType: 'GRID',
        gridProperties: {
          rowCount: sheet.getMaxRows(),
          columnCount: sheet.getMaxColumns(),
          // The API leaves out what is zero.
          ...(frozenRowCount > 0 ? { frozenRowCount } : {}),
          ...(frozenColumnCount > 0 ? { frozenColumnCount } : {}),
        },
      };
    });
  }

  private gridRangeOf(sheet: FakeSheet, range: FakeRange): GridRange {
    return this.muted(() => ({
      sheetId: this.sheetIdOf(sheet),
      startRowIndex: range.getRow() - 1,
      endRowIndex: range.getRow() - 1 + range.getNumRows(),
      startColumnIndex: range.getColumn() - 1,
      endColumnIndex: range.getColumn() - 1 + range.getNumColumns(),
    }));
  }

  private rulesOf(sheet: FakeSheet): ConditionalFormatRule[] {
    return this.muted(() =>
      sheet.getConditionalFormatRules().map((rule) => {
        const given = this.givenRules.get(rule);
        if (given) return copy(given);
        const condition = rule.getBooleanCondition();
        const background = colorOf(condition.getBackground());
        const font = colorOf(condition.getFontColor());
        return {
          ranges: rule.getRanges().map((range) => this.gridRangeOf(sheet, range)),
          booleanRule: {
            condition: {
              type: CRITERIA_TYPES[condition.getCriteriaType()] ?? condition.getCriteriaType(),
              values: condition.getCriteriaValues().map((value) => ({ userEnteredValue: String(value) })),
            },
            format: {
              ...(background ? { backgroundColor: background } : {}),
              ...(font ? { textFormat: { foregroundColor: font } } : {}),
            },
          },
        };
      }),
    );
  }

  private protectionsOf(sheet: FakeSheet): GoogleAppsScript.Sheets.Schema.ProtectedRange[] {
    return this.muted(() =>
      sheet.getProtections('SHEET').map((protection) => {
        let id = this.protectionIds.get(protection);
        if (id === undefined) {
          id = this.nextProtectionId++;
          this.protectionIds.set(protection, id);
        }
        return {
          protectedRangeId: id,
          range: { sheetId: this.sheetIdOf(sheet) },
          description: protection.getDescription(),
          warningOnly: protection.isWarningOnly(),
        };
      }),
    );
  }

  private filterOf(sheet: FakeSheet): GridRange | null {
    return this.muted(() => {
      const filter = sheet.getFilter();
      if (!filter) return null;
      const given = this.givenFilters.get(filter);
      return given ? copy(given) : this.gridRangeOf(sheet, filter.getRange());
    });
  }

  /** The cells of a range, as the API gives them: rows to the last with content, each to its last value. */
  private gridData(
    sheet: FakeSheet,
    rows?: [number, number],
    columns?: [number, number],
  ): GoogleAppsScript.Sheets.Schema.GridData {
    const [firstRow, lastRow] = rows ?? [1, this.muted(() => sheet.getLastRow())];
    const [firstColumn, lastColumn] = columns ?? [1, this.muted(() => sheet.getLastColumn())];
    const rowData: RowData[] = [];
    for (let row = firstRow; row <= lastRow; row += 1) {
      const values: CellData[] = [];
      for (let column = firstColumn; column <= lastColumn; column += 1) {
        values.push(this.cellDataOf(sheet.peekCell(row, column)));
      }
      while (values.length > 0 && Object.keys(values[values.length - 1] as CellData).length === 0)
        values.pop();
      rowData.push(values.length > 0 ? { values } : {});
    }
    while (rowData.length > 0 && !rowData[rowData.length - 1]?.values) rowData.pop();
    return {
      startRow: firstRow - 1,
      startColumn: firstColumn - 1,
      ...(rowData.length > 0 ? { rowData } : {}),
    };
  }

  private cellDataOf(cell: Cell | undefined): CellData {
    if (!cell || (cell.value === '' && cell.formula === '')) return {};
    let effectiveValue: ExtendedValue;
    if (cell.formula) {
      // The fake evaluates no formula: as in its SpreadsheetApp view, the cell holds an error.
      effectiveValue = { errorValue: { type: 'ERROR', message: `${FORMULA_VALUE} not evaluated` } };
    } else if (cell.value instanceof Date) {
      effectiveValue = { numberValue: toSerial(cell.value) };
    } else if (typeof cell.value === 'number') {
      effectiveValue = { numberValue: cell.value };
    } else if (typeof cell.value === 'boolean') {
      effectiveValue = { boolValue: cell.value };
    } else {
      effectiveValue = { stringValue: cell.value };
    }
    const type = numberFormatType(cell.numberFormat) ?? (cell.value instanceof Date ? 'DATE_TIME' : null);
    return {
      effectiveValue,
      ...(type ? { effectiveFormat: { numberFormat: { type, pattern: cell.numberFormat } } } : {}),
    };
  }

  private batchUpdate(
    resource: GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetRequest,
    spreadsheetId: string,
  ): GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetResponse {
    this.calls.record('Spreadsheets.batchUpdate');
    this.checkId(spreadsheetId);
    const requests = resource?.requests;
    if (!Array.isArray(requests) || requests.length === 0)
      throw new Error('Must specify at least one request.');
    // Atomic, as Google's: every request is checked before any is applied.
    this.check(requests);
    const replies: Response[] = requests.map((request) => this.apply(request));
    return { spreadsheetId, replies };
  }

  private check(requests: readonly Request[]): void {
    const planned = new Map<number, PlannedSheet>();
    this.allSheets().forEach((sheet) =>
      planned.set(
        this.sheetIdOf(sheet),
        this.muted(() => ({
          sheet,
          title: sheet.currentName,
          rowCount: sheet.getMaxRows(),
          columnCount: sheet.getMaxColumns(),
          ruleCount: sheet.getConditionalFormatRules().length,
        })),
      ),
    );
    requests.forEach((request, index) => {
      const kinds = Object.keys(request ?? {});
      if (kinds.length !== 1) throw new Error(`Invalid requests[${index}]: a request has exactly one kind.`);
      const kind = kinds[0] as keyof Request;
      const fail = (detail: string) => new InvalidRequestError(index, kind, detail);
      const sheetOf = (sheetId: number | undefined): PlannedSheet => {
        const found = planned.get(sheetId ?? 0);
        if (!found) throw fail(`No grid with id: ${sheetId ?? 0}`);
        return found;
      };
      switch (kind) {
        case 'addSheet': {
          const properties = request.addSheet?.properties ?? {};
          const title = properties.title;
          if (typeof title !== 'string' || title === '') throw fail('the fake needs a title.');
          if (properties.gridProperties) throw fail('gridProperties are not modelled by the fake.');
          if ([...planned.values()].some((sheet) => sheet.title === title)) {
            throw fail(`A sheet with the name "${title}" already exists. Please enter another name.`);
          }
          const sheetId = properties.sheetId ?? Math.max(0, ...[...planned.keys()].map((id) => id + 1));
          if (!Number.isInteger(sheetId) || sheetId < 0 || sheetId > 0x7fffffff) {
            throw fail(`Invalid sheetId: ${sheetId}`);
          }
          if (planned.has(sheetId)) throw fail(`Sheet with id ${sheetId} already exists.`);
          planned.set(sheetId, { sheet: null, title, rowCount: 1000, columnCount: 26, ruleCount: 0 });
          return;
        }
        case 'appendDimension': {
          const { sheetId, dimension, length } = request.appendDimension ?? {};
          const sheet = sheetOf(sheetId);
          if (!Number.isInteger(length) || (length as number) < 1) throw fail('length must be at least 1.');
          if (dimension === 'ROWS') sheet.rowCount += length as number;
          else if (dimension === 'COLUMNS') sheet.columnCount += length as number;
          else throw fail(`Invalid dimension: ${String(dimension)}`);
          return;
        }
        case 'updateCells':
          this.checkUpdateCells(request.updateCells ?? {}, sheetOf, fail);
          return;
        case 'repeatCell':
          this.checkRepeatCell(request.repeatCell ?? {}, sheetOf, fail);
          return;
        case 'updateSheetProperties': {
          const { properties, fields } = request.updateSheetProperties ?? {};
          const sheet = sheetOf(properties?.sheetId);
          if (!fields) throw fail('At least one field must be specified.');
          const named = fields.split(',').map((field) => field.trim());
          if (named.some((field) => !FROZEN_FIELDS.has(field))) throw fail(`fields not modelled: ${fields}`);
          const frozenRows = properties?.gridProperties?.frozenRowCount ?? 0;
          if (frozenRows >= sheet.rowCount) {
            throw fail("You can't freeze all visible rows on the sheet.");
          }
          return;
        }
        case 'addConditionalFormatRule': {
          const { rule, index: at } = request.addConditionalFormatRule ?? {};
          const ranges = rule?.ranges ?? [];
          if (ranges.length === 0) throw fail('A conditional format rule must have at least one range.');
          const sheets = new Set(ranges.map((range) => sheetOf(range.sheetId)));
          if (sheets.size !== 1) throw fail('All ranges of a rule must be on one sheet.');
          const sheet = [...sheets][0] as PlannedSheet;
          const condition = rule?.booleanRule?.condition;
          if (condition?.type !== 'TEXT_EQ' || condition.values?.length !== 1) {
            throw fail('the fake models TEXT_EQ rules with one value.');
          }
          const format = rule?.booleanRule?.format;
          if (!format?.backgroundColor && !format?.textFormat?.foregroundColor) {
            throw fail('A conditional format rule must have a format.');
          }
          if ((at ?? 0) < 0 || (at ?? 0) > sheet.ruleCount) throw fail(`Invalid index: ${at ?? 0}`);
          sheet.ruleCount += 1;
          return;
        }
        case 'deleteConditionalFormatRule': {
          const { sheetId, index: at } = request.deleteConditionalFormatRule ?? {};
          const sheet = sheetOf(sheetId);
          if (at === undefined || at < 0 || at >= sheet.ruleCount)
            throw fail(`No conditional format at ${at}`);
          sheet.ruleCount -= 1;
          return;
        }
        case 'setBasicFilter': {
          const range = request.setBasicFilter?.filter?.range;
          if (!range) throw fail('A filter needs a range.');
          sheetOf(range.sheetId);
          return;
        }
        case 'deleteDeveloperMetadata': {
          const lookup = request.deleteDeveloperMetadata?.dataFilter?.developerMetadataLookup;
          if (!lookup || (lookup.metadataId === undefined && lookup.metadataKey === undefined)) {
            throw fail('the fake models a lookup by metadataId or metadataKey only.');
          }
          return;
        }
        case 'addProtectedRange': {
          const range = request.addProtectedRange?.protectedRange?.range;
          if (!range) throw fail('A protected range needs a range.');
          sheetOf(range.sheetId);
          if (Object.keys(range).some((key) => key !== 'sheetId')) {
            throw fail('the fake models protections of a whole sheet only.');
          }
          return;
        }
        default:
          throw fail('not modelled by the fake.');
      }
    });
  }

  private checkUpdateCells(
    update: GoogleAppsScript.Sheets.Schema.UpdateCellsRequest,
    sheetOf: (sheetId: number | undefined) => PlannedSheet,
    fail: (detail: string) => Error,
  ): void {
    const { start, range, rows, fields } = update;
    if (!fields) throw fail('At least one field must be specified.');
    const named = fields.split(',').map((field) => field.trim());
    if (named.some((field) => !CELL_FIELDS.has(field))) throw fail(`fields not modelled: ${fields}`);
    if ((start === undefined) === (range === undefined))
      throw fail('Exactly one of start and range is needed.');
    const sheet = sheetOf(start?.sheetId ?? range?.sheetId);
    const limits = () =>
      fail(
        `Range ('${sheet.title}') exceeds grid limits. Max rows: ${sheet.rowCount}, max columns: ${sheet.columnCount}`,
      );
    if (range) {
      if (rows !== undefined) throw fail('the fake models a range without rows (a clear) only.');
      if ((range.endRowIndex ?? 0) > sheet.rowCount || (range.endColumnIndex ?? 0) > sheet.columnCount) {
        throw limits();
      }
      return;
    }
    const firstRow = start?.rowIndex ?? 0;
    const firstColumn = start?.columnIndex ?? 0;
    const data = rows ?? [];
    const width = Math.max(0, ...data.map((row) => row.values?.length ?? 0));
    if (firstRow + data.length > sheet.rowCount || firstColumn + width > sheet.columnCount) throw limits();
    data.forEach((row, r) =>
      (row.values ?? []).forEach((cellData, c) => {
        const value = cellData.userEnteredValue;
        if (value) {
          const kinds = Object.keys(value);
          if (kinds.length !== 1) throw fail('A value has exactly one of its kinds.');
          if ((value.stringValue?.length ?? 0) > MAX_CELL_CHARACTERS) {
            throw fail(
              `Your input contains more than the maximum of ${MAX_CELL_CHARACTERS} characters in a single cell.`,
            );
          }
        }
        const cell = sheet.sheet?.peekCell(firstRow + r + 1, firstColumn + c + 1);
        const rule = cell?.validation;
        if (cell && rule && !rule.allowsInvalid && named.includes('userEnteredValue')) {
          const entered = { ...cell };
          this.enter(entered, cellData, named);
          if (!rule.accepts(entered)) {
            throw fail(
              `The data you entered in cell ${columnLetter(firstColumn + c + 1)}${firstRow + r + 1} ` +
                'violates the data validation rules set on this cell.',
            );
          }
        }
      }),
    );
  }

  /**
   * A repeatCell as Google takes it: a range (start inclusive, end exclusive, an absent bound the
   * grid's edge) inside the grid, one cell, and a field mask; the cell is checked as each cell of
   * the range would take it.
   */
  private checkRepeatCell(
    repeat: GoogleAppsScript.Sheets.Schema.RepeatCellRequest,
    sheetOf: (sheetId: number | undefined) => PlannedSheet,
    fail: (detail: string) => Error,
  ): void {
    const { range, cell, fields } = repeat;
    if (!fields) throw fail('At least one field must be specified.');
    // Google would take an absent range or cell as the empty one: hannop never sends that.
    if (!range || !cell) throw fail('the fake needs a range and a cell.');
    const sheet = sheetOf(range.sheetId);
    const [startRow, endRow] = [range.startRowIndex ?? 0, range.endRowIndex ?? sheet.rowCount];
    const [startColumn, endColumn] = [range.startColumnIndex ?? 0, range.endColumnIndex ?? sheet.columnCount];
    if (startRow < 0 || startColumn < 0 || startRow > endRow || startColumn > endColumn) {
      // The fake's wording: Google refuses such a range, in words not copied here.
      throw fail('Invalid range: start must not be after end.');
    }
    if (endRow > sheet.rowCount || endColumn > sheet.columnCount) {
      throw fail(
        `Range ('${sheet.title}') exceeds grid limits. Max rows: ${sheet.rowCount}, max columns: ${sheet.columnCount}`,
      );
    }
    // The same checks as the cells of an updateCells over the range.
    const rows = Array.from({ length: endRow - startRow }, () => ({
      values: Array.from({ length: endColumn - startColumn }, () => cell),
    }));
    this.checkUpdateCells(
      { start: { sheetId: range.sheetId ?? 0, rowIndex: startRow, columnIndex: startColumn }, rows, fields },
      sheetOf,
      fail,
    );
  }

  /** What a cell holds once `cellData` is written into the `fields` of it. */
  private enter(cell: Cell, cellData: CellData, fields: readonly string[]): void {
    if (fields.includes('userEnteredFormat.numberFormat')) {
      const format = cellData.userEnteredFormat?.numberFormat;
      cell.numberFormat =
        format?.pattern ??
        (format?.type === 'DATE'
          ? 'dd/MM/yyyy'
          : format?.type === 'DATE_TIME'
            ? 'dd/MM/yyyy HH:mm:ss'
            : format?.type === 'TEXT'
              ? '@'
              : AUTOMATIC_NUMBER_FORMAT);
      // The number under a date format is a date, and the other way round.
      if (cell.value instanceof Date && !isDatePattern(cell.numberFormat)) cell.value = toSerial(cell.value);
      else if (typeof cell.value === 'number' && isDatePattern(cell.numberFormat)) {
        cell.value = fromSerial(cell.value);
      }
    }
    if (fields.includes('userEnteredFormat.textFormat.bold')) {
      cell.fontWeight = cellData.userEnteredFormat?.textFormat?.bold ? 'bold' : 'normal';
    }
    if (fields.includes('userEnteredValue')) {
      const value = cellData.userEnteredValue;
      cell.formula = '';
      if (!value) cell.value = '';
      else if (value.stringValue !== undefined) cell.value = value.stringValue;
      else if (value.numberValue !== undefined) {
        cell.value = isDatePattern(cell.numberFormat) ? fromSerial(value.numberValue) : value.numberValue;
      } else if (value.boolValue !== undefined) cell.value = value.boolValue;
      else if (value.formulaValue !== undefined) {
        cell.formula = value.formulaValue;
        cell.value = FORMULA_VALUE;
      } else cell.value = '';
    }
  }

  private sheetFor(sheetId: number | undefined): FakeSheet {
    const sheet = this.sheetById(sheetId);
    if (!sheet) throw new Error(`No grid with id: ${sheetId ?? 0}`);
    return sheet;
  }

  /** A FakeRange for a grid range; an open end reaches the end of the grid. */
  private fakeRange(sheet: FakeSheet, range: GridRange): FakeRange {
    const [maxRows, maxColumns] = this.muted(() => [sheet.getMaxRows(), sheet.getMaxColumns()]);
    const startRow = range.startRowIndex ?? 0;
    const startColumn = range.startColumnIndex ?? 0;
    return new FakeRange(
      sheet,
      startRow + 1,
      startColumn + 1,
      (range.endRowIndex ?? maxRows) - startRow,
      (range.endColumnIndex ?? maxColumns) - startColumn,
    );
  }

  private apply(request: Request): Response {
    if (request.addSheet) {
      const properties = request.addSheet.properties ?? {};
      const sheet = this.muted(() => this.spreadsheet.insertSheet(properties.title as string));
      if (properties.sheetId !== undefined) this.chosenIds.set(sheet, properties.sheetId);
      const index = this.allSheets().indexOf(sheet);
      return { addSheet: { properties: this.propertiesOf(sheet, index) } };
    }
    if (request.appendDimension) {
      const { sheetId, dimension, length } = request.appendDimension;
      const sheet = this.sheetFor(sheetId);
      this.muted(() =>
        dimension === 'ROWS'
          ? sheet.insertRowsAfter(sheet.getMaxRows(), length as number)
          : sheet.insertColumnsAfter(sheet.getMaxColumns(), length as number),
      );
      return {};
    }
    if (request.updateCells) {
      this.applyUpdateCells(request.updateCells);
      return {};
    }
    if (request.repeatCell) {
      const { range = {}, cell = {}, fields } = request.repeatCell;
      const sheet = this.sheetFor(range.sheetId);
      const named = (fields ?? '').split(',').map((field) => field.trim());
      const [maxRows, maxColumns] = this.muted(() => [sheet.getMaxRows(), sheet.getMaxColumns()]);
      const empty = Object.keys(cell).length === 0;
      for (let row = (range.startRowIndex ?? 0) + 1; row <= (range.endRowIndex ?? maxRows); row += 1) {
        for (
          let column = (range.startColumnIndex ?? 0) + 1;
          column <= (range.endColumnIndex ?? maxColumns);
          column += 1
        ) {
          // An empty cell over cells never written leaves them as they are: nothing to store.
          const target = empty ? sheet.peekCell(row, column) : sheet.cellAt(row, column);
          if (target) this.enter(target, cell, named);
        }
      }
      return {};
    }
    if (request.updateSheetProperties) {
      const { properties, fields } = request.updateSheetProperties;
      const sheet = this.sheetFor(properties?.sheetId);
      const named = (fields ?? '').split(',').map((field) => field.trim());
      this.muted(() => {
        if (named.includes('gridProperties.frozenRowCount')) {
          sheet.setFrozenRows(properties?.gridProperties?.frozenRowCount ?? 0);
        }
        if (named.includes('gridProperties.frozenColumnCount')) {
          sheet.setFrozenColumns(properties?.gridProperties?.frozenColumnCount ?? 0);
        }
      });
      return {};
    }
    if (request.addConditionalFormatRule) {
      const { rule = {}, index = 0 } = request.addConditionalFormatRule;
      const ranges = rule.ranges ?? [];
      const sheet = this.sheetFor(ranges[0]?.sheetId);
      const condition = rule.booleanRule?.condition;
      const format = rule.booleanRule?.format;
      const calls = this.spreadsheet.calls;
      const fakeRule = new FakeConditionalFormatRule(
        calls,
        ranges.map((range) => this.fakeRange(sheet, range)),
        new FakeBooleanCondition(
          calls,
          'TEXT_EQUAL_TO',
          [condition?.values?.[0]?.userEnteredValue ?? ''],
          hexOf(format?.backgroundColor),
          hexOf(format?.textFormat?.foregroundColor),
        ),
      );
      this.givenRules.set(fakeRule, copy(rule));
      this.muted(() => {
        const rules = sheet.getConditionalFormatRules();
        rules.splice(index, 0, fakeRule);
        sheet.setConditionalFormatRules(rules);
      });
      return {};
    }
    if (request.deleteConditionalFormatRule) {
      const { sheetId, index = 0 } = request.deleteConditionalFormatRule;
      const sheet = this.sheetFor(sheetId);
      this.muted(() => {
        const rules = sheet.getConditionalFormatRules();
        rules.splice(index, 1);
        sheet.setConditionalFormatRules(rules);
      });
      return {};
    }
    if (request.setBasicFilter) {
      const range = request.setBasicFilter.filter?.range ?? {};
      const sheet = this.sheetFor(range.sheetId);
      // It takes the place of the sheet's filter, if any.
      const filter = new FakeFilter(sheet, this.fakeRange(sheet, range));
      sheet.filter = filter;
      this.givenFilters.set(filter, copy(range));
      return {};
    }
    if (request.deleteDeveloperMetadata) {
      const lookup = request.deleteDeveloperMetadata.dataFilter?.developerMetadataLookup ?? {};
      // A lookup that matches nothing deletes nothing.
      const deleted = this.developerMetadata().filter(
        (entry) =>
          (lookup.metadataId === undefined || entry.metadataId === lookup.metadataId) &&
          (lookup.metadataKey === undefined || entry.metadataKey === lookup.metadataKey),
      );
      this.muted(() =>
        this.spreadsheet
          .getDeveloperMetadata()
          .filter((entry) => deleted.some((gone) => gone.metadataId === entry.getId()))
          .forEach((entry) => entry.remove()),
      );
      return { deleteDeveloperMetadata: { deletedDeveloperMetadata: deleted } };
    }
    if (request.addProtectedRange) {
      const given = request.addProtectedRange.protectedRange ?? {};
      const sheet = this.sheetFor(given.range?.sheetId);
      const protectedRangeId = this.nextProtectionId++;
      this.muted(() => {
        const protection = sheet.protect();
        protection.setWarningOnly(given.warningOnly === true);
        protection.setDescription(given.description ?? '');
        this.protectionIds.set(protection, protectedRangeId);
      });
      return { addProtectedRange: { protectedRange: { ...copy(given), protectedRangeId } } };
    }
    throw new Error('not modelled by the fake');
  }

  private applyUpdateCells(update: GoogleAppsScript.Sheets.Schema.UpdateCellsRequest): void {
    const fields = (update.fields ?? '').split(',').map((field) => field.trim());
    if (update.range) {
      const { range } = update;
      const sheet = this.sheetFor(range.sheetId);
      const [maxRows, maxColumns] = this.muted(() => [sheet.getMaxRows(), sheet.getMaxColumns()]);
      for (let row = (range.startRowIndex ?? 0) + 1; row <= (range.endRowIndex ?? maxRows); row += 1) {
        for (
          let column = (range.startColumnIndex ?? 0) + 1;
          column <= (range.endColumnIndex ?? maxColumns);
          column += 1
        ) {
          const cell = sheet.peekCell(row, column);
          if (cell) this.enter(cell, {}, fields);
        }
      }
      return;
    }
    const sheet = this.sheetFor(update.start?.sheetId);
    const firstRow = (update.start?.rowIndex ?? 0) + 1;
    const firstColumn = (update.start?.columnIndex ?? 0) + 1;
    (update.rows ?? []).forEach((row, r) =>
      (row.values ?? []).forEach((cellData, c) =>
        this.enter(sheet.cellAt(firstRow + r, firstColumn + c), cellData, fields),
      ),
    );
  }
}
