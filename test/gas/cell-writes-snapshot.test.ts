// The daily run leaves every sheet cell for cell as it did when writes sent whole rows (issue 15):
// the same scenario runs twice, once with whole changed rows and no repeatCell (as before), once as
// built (the changed cells, long runs of one cell once), and every sheet's values, number formats
// and font weights are compared.
import type { Unit } from '../../src/domain/units';
import { handleDailyRun } from '../../src/gas/trigger-handlers';
import type { CellValue } from '../../src/ports';
import type * as SheetWrites from '../../src/sheet-writes';
import type * as CellRequests from '../../src/gas/cell-requests';
import { AdvancedSheetsWorkbook } from '../../src/gas/advanced-sheets-workbook';
import { FakeAdvancedSheets } from '../fakes/advanced-sheets';
import { createFakeSpreadsheetApp } from '../fakes/spreadsheet-app';
import { submitPlan } from './gas-world';
import { campaignWorld } from './google-cost-scenario';

let mockWholeRows = false;

jest.mock('../../src/sheet-writes', () => {
  const actual = jest.requireActual<typeof SheetWrites>('../../src/sheet-writes');
  return {
    ...actual,
    changedBlocks: (
      before: readonly (readonly CellValue[])[],
      after: readonly (readonly CellValue[])[],
      width: number,
      always?: ReadonlySet<number>,
    ): SheetWrites.ChangedBlock[] =>
      actual.changedBlocks(before, after, width, always).map((block) =>
        mockWholeRows
          ? {
              start: block.start,
              firstColumn: 0,
              width,
              rows: after
                .slice(block.start, block.start + block.rows.length)
                .map((row) => Array.from({ length: width }, (_, column) => row[column] ?? null)),
            }
          : block,
      ),
  };
});

jest.mock('../../src/gas/cell-requests', () => {
  const actual = jest.requireActual<typeof CellRequests>('../../src/gas/cell-requests');
  return {
    ...actual,
    requestParts: (requests: readonly GoogleAppsScript.Sheets.Schema.Request[]) =>
      mockWholeRows ? requests.map((request) => [request]) : actual.requestParts(requests),
  };
});

/** Every sheet's cells: values, number formats and font weights. */
function snapshot(world: ReturnType<typeof campaignWorld>) {
  return world.sheets.spreadsheet.getSheets().map((sheet) => {
    const range = sheet.getDataRange();
    return {
      name: sheet.getName(),
      values: range.getValues(),
      numberFormats: range.getNumberFormats(),
      fontWeights: range.getFontWeights(),
    };
  });
}

/** Two routine daily runs: the day the half-year report opens, and the next with one more response. */
function twoDailyRuns(wholeRows: boolean) {
  mockWholeRows = wholeRows;
  const world = campaignWorld(60, 2);
  const requests: string[] = [];
  const api = world.advancedSheets.Spreadsheets;
  const batchUpdate = api.batchUpdate.bind(api);
  api.batchUpdate = (resource, spreadsheetId) => {
    (resource.requests ?? []).forEach((request) => requests.push(Object.keys(request)[0] as string));
    return batchUpdate(resource, spreadsheetId);
  };
  handleDailyRun(world.services());
  const opened = snapshot(world);
  world.mailApp.nextDay();
  world.setNow('2023-04-01T10:00:05');
  submitPlan(world, world.units[3] as Unit, '2023-04-01T10:00');
  world.setNow('2023-04-02T07:00');
  handleDailyRun(world.services());
  return {
    opened,
    nextDay: snapshot(world),
    repeats: requests.filter((kind) => kind === 'repeatCell').length,
  };
}

describe('the cells the daily run leaves', () => {
  it('are the same whether it sends whole rows or only the cells that changed', () => {
    const whole = twoDailyRuns(true);
    const cells = twoDailyRuns(false);
    // The comparison is worth something only if the two runs did write differently.
    expect(whole.repeats).toBe(0);
    expect(cells.repeats).toBeGreaterThan(0);
    expect(cells.opened.map((sheet) => sheet.name)).toContain('Tổng hợp');
    expect(cells.opened).toEqual(whole.opened);
    expect(cells.nextDay).toEqual(whole.nextDay);
    // And the next day did change the sheets.
    expect(cells.nextDay).not.toEqual(cells.opened);
  }, 60_000);
});

describe('a row written in part', () => {
  const HEADERS = ['Mã kỳ', 'Loại dòng', 'Mã đơn vị', 'Số'];
  const FIRST: CellValue[][] = [
    ['KH-2023', 'Đơn vị', 'U1', 1],
    ['KH-2023', 'Đơn vị', 'U2', 2],
    ['KH-2023', 'Cộng', null, 3],
  ];
  // A unit more: the total moves down a row, and the row it was is a unit's, `Mã kỳ` unchanged.
  const SECOND: CellValue[][] = [
    ['KH-2023', 'Đơn vị', 'U1', 1],
    ['KH-2023', 'Đơn vị', 'U2', 2],
    ['KH-2023', 'Đơn vị', 'U3', 5],
    ['KH-2023', 'Cộng', null, 8],
  ];

  function sheetAfter(tables: readonly { rows: CellValue[][]; boldRows: number[] }[]) {
    const sheets = createFakeSpreadsheetApp();
    const api = new FakeAdvancedSheets(sheets.spreadsheet);
    tables.forEach(({ rows, boldRows }) => {
      // A new execution reads the sheet, so its write sends what changed.
      const workbook = new AdvancedSheetsWorkbook(api, sheets.spreadsheet.spreadsheetId);
      workbook.read(['Số liệu']);
      workbook.write([{ kind: 'replace', sheet: 'Số liệu', headers: HEADERS, rows, format: { boldRows } }]);
    });
    const range = sheets.spreadsheet.getSheetByName('Số liệu')?.getRange(1, 1, 6, 4);
    return { values: range?.getValues(), fontWeights: range?.getFontWeights() };
  }

  it('is bold nowhere when it was a bold total and is no longer', () => {
    const moved = sheetAfter([
      { rows: FIRST, boldRows: [2] },
      { rows: SECOND, boldRows: [3] },
    ]);
    expect(moved).toEqual(sheetAfter([{ rows: SECOND, boldRows: [3] }]));
    expect(moved.fontWeights?.[3]).toEqual(['normal', 'normal', 'normal', 'normal']);
    expect(moved.fontWeights?.[4]).toEqual(['bold', 'bold', 'bold', 'bold']);
  });
});
