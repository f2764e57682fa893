// One layout, two ways of making a workbook: Apps Script setup (on the SpreadsheetApp fake) and
// `hannop init` (an .xlsx read back with exceljs) must both give every sheet of
// src/domain/sheet-format.ts its bold frozen header, its column widths and its drop-downs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import { SHEET } from '../../src/domain/layout';
import { columnWidthOf, LAID_OUT_ROWS, SHEET_LAYOUTS, type SheetLayout } from '../../src/domain/sheet-format';
import { vietnamInstant } from '../../src/domain/time';
import { runSetup, type SetupServices } from '../../src/gas/setup';
import type { Lock } from '../../src/ports';
import { asFormApp, FakeFormApp } from '../fakes/form-app';
import { linkFakeSpreadsheet } from '../fakes/form-response-sheets';
import { asProperties, FakePropertiesService } from '../fakes/properties-service';
import { asScriptApp, FakeScriptApp } from '../fakes/script-app';
import { asSpreadsheet, asSpreadsheetApp, createFakeSpreadsheetApp } from '../fakes/spreadsheet-app';
import { runCli } from '../node/cli-runner';

/** When the tests' setup runs: 1 March 2023, 09:00 in Vietnam. */
const SETUP_NOW = new Date('2023-03-01T02:00:00Z');

jest.setTimeout(60_000);

/** What a person sees of a sheet's layout, in Google's units (pixels). */
interface SeenLayout {
  readonly headers: readonly string[];
  readonly frozenRows: number;
  readonly boldHeader: boolean;
  readonly widths: Readonly<Record<string, number>>;
  /** Drop-down values by column, as found on the first and on the last laid-out row. */
  readonly choices: Readonly<Record<string, { first: readonly string[]; last: readonly string[] }>>;
}

function expectedLayout(layout: SheetLayout, headers: readonly string[]): SeenLayout {
  return {
    headers,
    frozenRows: layout.frozenRows,
    boldHeader: true,
    widths: Object.fromEntries(headers.map((header) => [header, columnWidthOf(layout, header)])),
    choices: Object.fromEntries(
      layout.choices.map((choices) => [choices.column, { first: choices.values, last: choices.values }]),
    ),
  };
}

const heldLock: Lock = { withLock: (work) => work() };

function setUpSpreadsheet() {
  const sheets = createFakeSpreadsheetApp({ sheetNames: ['Trang tính1'] });
  const formApp = new FakeFormApp();
  linkFakeSpreadsheet(formApp, sheets.spreadsheet);
  const scriptApp = new FakeScriptApp();
  const properties = new FakePropertiesService();
  let uuid = 0;
  const services: SetupServices = {
    spreadsheetApp: asSpreadsheetApp(sheets.app),
    spreadsheet: asSpreadsheet(sheets.spreadsheet),
    formApp: asFormApp(formApp),
    documentProperties: asProperties(properties.document as NonNullable<typeof properties.document>),
    scriptProperties: asProperties(properties.script),
    scriptApp: asScriptApp(scriptApp),
    lock: heldLock,
    randomUuid: () => `${String((uuid += 1)).padStart(8, '0')}-4a5b-4c6d-8e7f-6f1c2d3e4a5b`,
    effectiveUserEmail: () => scriptApp.session.getEffectiveUser().getEmail(),
    now: () => SETUP_NOW,
  };
  runSetup(services);
  return sheets.spreadsheet;
}

/** The layout of every laid-out sheet as the SpreadsheetApp fake holds it after setup. */
function seenInSpreadsheet(): Map<string, SeenLayout> {
  const spreadsheet = setUpSpreadsheet();
  const seen = new Map<string, SeenLayout>();
  for (const { sheet: name, choices } of SHEET_LAYOUTS) {
    const sheet = spreadsheet.getSheetByName(name);
    if (!sheet) continue;
    const width = sheet.getLastColumn();
    const headers = (sheet.getRange(1, 1, 1, width).getValues()[0] ?? []).map(String);
    const listAt = (row: number, column: number): string[] => {
      const rule = sheet.getRange(row, column).getDataValidation();
      return rule ? (rule.getCriteriaValues() as unknown as [string[]])[0] : [];
    };
    seen.set(name, {
      headers,
      frozenRows: sheet.getFrozenRows(),
      boldHeader: (sheet.getRange(1, 1, 1, width).getFontWeights()[0] ?? []).every(
        (weight) => weight === 'bold',
      ),
      widths: Object.fromEntries(headers.map((header, index) => [header, sheet.getColumnWidth(index + 1)])),
      choices: Object.fromEntries(
        choices.map(({ column }) => {
          const position = headers.indexOf(column) + 1;
          return [column, { first: listAt(2, position), last: listAt(sheet.getMaxRows(), position) }];
        }),
      ),
    });
  }
  return seen;
}

/** An Excel list rule's values: its formula `"a,b,c"`. */
function excelList(cell: ExcelJS.Cell): string[] {
  const rule = cell.dataValidation as ExcelJS.DataValidation | undefined;
  if (!rule || rule.type !== 'list') return [];
  return String(rule.formulae[0] ?? '')
    .replace(/^"|"$/g, '')
    .split(',');
}

/** The layout of every laid-out sheet of an .xlsx file, read with exceljs alone. */
async function seenInXlsx(path: string): Promise<Map<string, SeenLayout>> {
  const excel = new ExcelJS.Workbook();
  await excel.xlsx.readFile(path);
  const seen = new Map<string, SeenLayout>();
  for (const { sheet: name, choices } of SHEET_LAYOUTS) {
    const sheet = excel.getWorksheet(name);
    if (!sheet) continue;
    const headers: string[] = [];
    sheet.getRow(1).eachCell((cell, column) => {
      headers[column - 1] = String(cell.value);
    });
    const view = sheet.views[0];
    seen.set(name, {
      headers,
      frozenRows: view?.state === 'frozen' ? (view.ySplit ?? 0) : 0,
      boldHeader: headers.every((_, index) => sheet.getRow(1).getCell(index + 1).font?.bold === true),
      // Excel's width is in characters of Calibri 11 (7 px a digit, 5 px of padding).
      widths: Object.fromEntries(
        headers.map((header, index) => [header, Math.round((sheet.getColumn(index + 1).width ?? 0) * 7 + 5)]),
      ),
      choices: Object.fromEntries(
        choices.map(({ column }) => {
          const position = headers.indexOf(column) + 1;
          return [
            column,
            {
              first: excelList(sheet.getCell(2, position)),
              last: excelList(sheet.getCell(LAID_OUT_ROWS, position)),
            },
          ];
        }),
      ),
    });
  }
  return seen;
}

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hannop-layout-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function hannop(...argv: string[]) {
  return runCli(argv, { now: () => vietnamInstant('2023-04-02', 9), cwd: dir });
}

describe('the layout of a new workbook', () => {
  it('setup lays out every sheet of the domain layout as the data says', () => {
    const seen = seenInSpreadsheet();
    expect([...seen.keys()]).toEqual(SHEET_LAYOUTS.map((layout) => layout.sheet));
    for (const layout of SHEET_LAYOUTS) {
      const sheet = seen.get(layout.sheet)!;
      expect(sheet).toEqual(expectedLayout(layout, sheet.headers));
    }
  });

  it('init lays out the .xlsx the same way: bold frozen headers, widths, drop-downs', async () => {
    expect((await hannop('init', '--workbook', 'dot.xlsx')).code).toBe(0);
    const seen = await seenInXlsx(join(dir, 'dot.xlsx'));
    expect([...seen.keys()]).toEqual(SHEET_LAYOUTS.map((layout) => layout.sheet));
    for (const layout of SHEET_LAYOUTS) {
      const sheet = seen.get(layout.sheet)!;
      expect(sheet).toEqual(expectedLayout(layout, sheet.headers));
    }
    // And the two shells' workbooks look the same, sheet by sheet.
    expect(seen).toEqual(seenInSpreadsheet());
  });

  it('init makes every sheet setup and the first run make, derived and optional ones included', async () => {
    expect((await hannop('init', '--workbook', 'dot.xlsx')).code).toBe(0);
    const excel = new ExcelJS.Workbook();
    await excel.xlsx.readFile(join(dir, 'dot.xlsx'));
    expect(new Set(excel.worksheets.map((sheet) => sheet.name))).toEqual(
      new Set([
        SHEET.config,
        SHEET.units,
        SHEET.periods,
        SHEET.planResponses,
        SHEET.reportResponses,
        SHEET.submissions,
        SHEET.mailLog,
        SHEET.eventLog,
        SHEET.holidays,
        SHEET.forms,
        SHEET.summary,
        SHEET.statistics,
        SHEET.figures,
        SHEET.extensions,
        SHEET.specialists,
      ]),
    );
    expect(excel.getWorksheet(SHEET.holidays)!.rowCount).toBeGreaterThan(1);
  });

  it('keeps the layout through `hannop run`, which rewrites `Bài nộp` whole', async () => {
    expect((await hannop('init', '--workbook', 'dot.xlsx', '--demo')).code).toBe(0);
    expect((await hannop('run', '--workbook', 'dot.xlsx', '--outbox', 'thu')).code).toBe(0);
    const seen = await seenInXlsx(join(dir, 'dot.xlsx'));
    const layout = SHEET_LAYOUTS.find((each) => each.sheet === SHEET.submissions)!;
    const register = seen.get(SHEET.submissions)!;
    expect(register).toEqual(expectedLayout(layout, register.headers));
    // The drop-down did not make the sheet look longer: responses start right under the header.
    const excel = new ExcelJS.Workbook();
    await excel.xlsx.readFile(join(dir, 'dot.xlsx'));
    expect(excel.getWorksheet(SHEET.submissions)!.getCell(2, 1).value).not.toBeNull();
  });
});
