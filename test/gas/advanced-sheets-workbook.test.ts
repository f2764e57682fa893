import type { CellValue, SheetWrite } from '../../src/ports';
import { SHEET } from '../../src/domain/layout';
import type { Unit } from '../../src/domain/units';
import { consolidate, consolidationWrites, DERIVED_SHEETS, reviewedState } from '../../src/app/consolidate';
import { intakeResponses } from '../../src/app/intake-responses';
import { STATE_SHEETS } from '../../src/app/campaign-state';
import { fromSerial, toSerial } from '../../src/domain/time';
import { AdvancedSheetsWorkbook } from '../../src/gas/advanced-sheets-workbook';
import { SpreadsheetWorkbook, WRITTEN_SHAPES_KEY } from '../../src/gas/spreadsheet-workbook';
import { vietnamInstant } from '../../src/domain/time';
import { describeWorkbookContract, TRICKY_STRINGS } from '../contract/workbook-contract';
import { FakeAdvancedSheets } from '../fakes/advanced-sheets';
import { LARGE_CAMPAIGN_AS_OF, largeCampaignResponse, seedLargeCampaign } from '../fakes/large-campaign';
import { MemoryLock } from '../fakes/memory-lock';
import { makeGasWorld, manyUnits, submitPlan } from './gas-world';
import {
  asSpreadsheet,
  asSpreadsheetApp,
  createFakeSpreadsheetApp,
  type FakeSheet,
  type FakeSpreadsheetWorld,
} from '../fakes/spreadsheet-app';

interface World {
  readonly sheets: FakeSpreadsheetWorld;
  readonly api: FakeAdvancedSheets;
  /** A new adapter over the same spreadsheet: the next execution. */
  workbook(): AdvancedSheetsWorkbook;
}

function makeWorld(): World {
  const sheets = createFakeSpreadsheetApp();
  const api = new FakeAdvancedSheets(sheets.spreadsheet);
  return { sheets, api, workbook: () => new AdvancedSheetsWorkbook(api, sheets.spreadsheet.spreadsheetId) };
}

function sheetOf(world: World, name: string): FakeSheet {
  const sheet = world.sheets.spreadsheet.getSheetByName(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** The kinds of the requests of every batchUpdate the adapter sends, batch by batch. */
function recordRequests(world: World): string[][] {
  const batches: string[][] = [];
  const original = world.api.Spreadsheets.batchUpdate;
  world.api.Spreadsheets.batchUpdate = (resource, spreadsheetId) => {
    batches.push((resource.requests ?? []).map((request) => Object.keys(request)[0] as string));
    return original(resource, spreadsheetId);
  };
  return batches;
}

describeWorkbookContract('Google Sheets (Advanced Sheets service fake)', () => {
  const world = makeWorld();
  return { workbook: world.workbook(), reload: async () => world.workbook() };
});

describe('AdvancedSheetsWorkbook on the Advanced Sheets fake', () => {
  it('converts serial numbers on Vietnam’s clock, whatever the machine time zone', () => {
    expect(toSerial(vietnamInstant('1899-12-30'))).toBe(0);
    expect(toSerial(vietnamInstant('2023-03-30', 12))).toBe(45015.5);
    expect(fromSerial(45015.5).toISOString()).toBe('2023-03-30T05:00:00.000Z');
    const instant = new Date('2023-03-30T23:59:59.123+07:00');
    expect(fromSerial(toSerial(instant)).getTime()).toBe(instant.getTime());
  });

  it('stores every string as that text: SpreadsheetApp sees text, never a formula', () => {
    const world = makeWorld();
    const workbook = world.workbook();
    workbook.write([
      {
        kind: 'replace',
        sheet: 'Chuỗi',
        headers: ['=tiêu đề', '0901'],
        rows: TRICKY_STRINGS.map((text) => [text, text]),
      },
      { kind: 'append', sheet: 'Nhật ký', headers: ['Nội dung'], rows: [['=1+1'], ['+84901234567']] },
      { kind: 'append', sheet: 'Nhật ký', headers: ['Nội dung', '@mới'], rows: [['-3', '=SUM(A1)']] },
    ]);
    world.sheets.spreadsheet.getSheets().forEach((sheet) => {
      const formulas = sheet.getDataRange().getFormulas();
      expect(formulas.flat().filter((formula) => formula !== '')).toEqual([]);
    });
    const stored = sheetOf(world, 'Chuỗi').getDataRange().getValues();
    expect(stored[0]).toEqual(['=tiêu đề', '0901']);
    expect(stored.slice(1).map((row) => row[0])).toEqual(TRICKY_STRINGS);
    expect(sheetOf(world, 'Nhật ký').getDataRange().getValues()).toEqual([
      ['Nội dung', '@mới'],
      ['=1+1', ''],
      ['+84901234567', ''],
      ['-3', '=SUM(A1)'],
    ]);
    expect(world.workbook().read(['Nhật ký']).get('Nhật ký')?.rows[2]).toEqual(['-3', '=SUM(A1)']);
  });

  it('writes dates as Date cells that show Vietnamese wall-clock time', () => {
    const world = makeWorld();
    const dueAt = new Date('2023-03-30T23:59:59+07:00');
    world.workbook().write([
      {
        kind: 'replace',
        sheet: 'Ngày',
        headers: ['Ngày', 'Thời điểm', 'Khác'],
        rows: [[dueAt, dueAt, dueAt]],
        format: { dateColumns: ['Ngày'], dateTimeColumns: ['Thời điểm'] },
      },
    ]);
    const range = sheetOf(world, 'Ngày').getRange(2, 1, 1, 3);
    const [stored] = range.getValues();
    expect(stored?.map((value) => (value as Date).getTime())).toEqual([
      dueAt.getTime(),
      dueAt.getTime(),
      dueAt.getTime(),
    ]);
    expect(range.getDisplayValues()).toEqual([['30/03/2023', '30/03/2023 23:59:59', '30/03/2023 23:59:59']]);
  });

  it('reads what people typed through SpreadsheetApp as Sheets stored it, trimmed to the data', () => {
    const world = makeWorld();
    const sheet = world.sheets.spreadsheet.insertSheet('Đơn vị');
    sheet.getRange(1, 1, 3, 4).setValues([
      ['Mã đơn vị', 'Điện thoại', 'Từ ngày', 'Lúc'],
      ['DV01', '0901234567', '01/04/2023', '01/04/2023 07:30'],
      ['', '', '', ''],
    ]);
    expect(world.workbook().read(['Đơn vị']).get('Đơn vị')).toEqual({
      name: 'Đơn vị',
      headers: ['Mã đơn vị', 'Điện thoại', 'Từ ngày', 'Lúc'],
      rows: [['DV01', 901234567, vietnamInstant('2023-04-01'), vietnamInstant('2023-04-01', 7, 30)]],
    });
  });

  it('applies a format once: frozen panes, value colours, filter, one warning-only protection, bold rows', () => {
    const world = makeWorld();
    const batches = recordRequests(world);
    const write: SheetWrite = {
      kind: 'replace',
      sheet: 'Tổng hợp',
      headers: ['Mã đơn vị', 'Tình trạng', 'Ngày nộp'],
      rows: [
        ['DV01', 'Quá hạn', null],
        ['DV02', 'Đã nộp', vietnamInstant('2023-03-29')],
        ['Tổng', '1/2', null],
      ],
      format: {
        frozenRows: 1,
        frozenColumns: 1,
        filter: true,
        protectedWarningOnly: true,
        dateColumns: ['Ngày nộp'],
        boldRows: [2],
        valueColors: [
          { column: 'Tình trạng', equals: 'Quá hạn', background: '#F4CCCC', font: '#990000' },
          { column: 'tình  trạng', equals: 'Đã nộp', background: '#D9EAD3' },
        ],
      },
    };
    world.workbook().write([write]);
    world.workbook().write([write]);
    expect(batches).toEqual([
      [
        'addSheet',
        'updateCells',
        'updateSheetProperties',
        'addConditionalFormatRule',
        'addConditionalFormatRule',
        'setBasicFilter',
        'addProtectedRange',
      ],
      // The formats are in place: the values alone, and what lies beyond them emptied.
      ['updateCells', 'updateCells', 'updateCells'],
    ]);
    const sheet = sheetOf(world, 'Tổng hợp');
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getFrozenColumns()).toBe(1);
    expect(sheet.getFilter()?.getRange().getA1Notation()).toBe('A1:C1000');
    const protections = sheet.getProtections('SHEET');
    expect(protections).toHaveLength(1);
    expect(protections[0]?.isWarningOnly()).toBe(true);
    expect(
      sheet.getConditionalFormatRules().map((rule) => {
        const condition = rule.getBooleanCondition();
        return {
          ranges: rule.getRanges().map((range) => range.getA1Notation()),
          type: condition.getCriteriaType(),
          values: condition.getCriteriaValues(),
          background: condition.getBackground(),
          font: condition.getFontColor(),
        };
      }),
    ).toEqual([
      {
        ranges: ['B2:B1000'],
        type: 'TEXT_EQUAL_TO',
        values: ['Quá hạn'],
        background: '#f4cccc',
        font: '#990000',
      },
      { ranges: ['B2:B1000'], type: 'TEXT_EQUAL_TO', values: ['Đã nộp'], background: '#d9ead3', font: null },
    ]);
    expect(sheet.getRange(1, 1, 4, 3).getFontWeights()).toEqual([
      ['normal', 'normal', 'normal'],
      ['normal', 'normal', 'normal'],
      ['normal', 'normal', 'normal'],
      ['bold', 'bold', 'bold'],
    ]);
    expect(sheet.getRange(3, 3).getDisplayValues()).toEqual([['29/03/2023']]);
  });

  it('formats again what a person changed, and only that', () => {
    const world = makeWorld();
    const write: SheetWrite = {
      kind: 'replace',
      sheet: 'Tổng hợp',
      headers: ['Mã', 'Tình trạng'],
      rows: [['DV01', 'Quá hạn']],
      format: {
        frozenRows: 1,
        filter: true,
        valueColors: [{ column: 'Tình trạng', equals: 'Quá hạn', background: '#F4CCCC' }],
      },
    };
    world.workbook().write([write]);
    const sheet = sheetOf(world, 'Tổng hợp');
    sheet.setFrozenRows(0);
    sheet.getFilter()?.remove();
    const batches = recordRequests(world);
    world.workbook().write([write]);
    expect(batches).toEqual([
      ['updateCells', 'updateCells', 'updateCells', 'updateSheetProperties', 'setBasicFilter'],
    ]);
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getConditionalFormatRules()).toHaveLength(1);
  });

  it('clears the values and bold of rows and columns that a smaller replace no longer reaches', () => {
    const world = makeWorld();
    const rows = (count: number): CellValue[][] =>
      Array.from({ length: count }, (_, index) => [`DV${index}`, index]);
    world.workbook().write([
      {
        kind: 'replace',
        sheet: 'Số liệu',
        headers: ['Mã', 'Số'],
        rows: rows(5),
        format: { boldRows: [4] },
      },
    ]);
    world.workbook().write([
      {
        kind: 'replace',
        sheet: 'Số liệu',
        headers: ['Mã'],
        rows: rows(2).map(([code]) => [code ?? null]),
        format: { boldRows: [1] },
      },
    ]);
    const sheet = sheetOf(world, 'Số liệu');
    expect(sheet.getDataRange().getValues()).toEqual([['Mã'], ['DV0'], ['DV1']]);
    expect(sheet.getRange(1, 1, 6, 1).getFontWeights().flat()).toEqual([
      'normal',
      'normal',
      'bold',
      'normal',
      'normal',
      'normal',
    ]);
  });

  it('grows the grid before writing past it', () => {
    const world = makeWorld();
    const rows = Array.from({ length: 1500 }, (_, index) => [`DV${index}`]);
    world.workbook().write([{ kind: 'replace', sheet: 'Lớn', headers: ['Mã'], rows }]);
    world.workbook().write([{ kind: 'append', sheet: 'Lớn', headers: ['Mã'], rows: [['cuối']] }]);
    const table = world.workbook().read(['Lớn']).get('Lớn');
    expect(table?.rows).toHaveLength(1501);
    expect(table?.rows[1500]).toEqual(['cuối']);
    expect(sheetOf(world, 'Lớn').getMaxRows()).toBe(1502);
  });

  it('refuses a mistaken batch before any call', () => {
    const world = makeWorld();
    expect(() =>
      world.workbook().write([
        { kind: 'replace', sheet: 'Đúng', headers: ['A'], rows: [['x']] },
        { kind: 'replace', sheet: 'Sai', headers: ['A'], rows: [['x']], format: { dateTimeColumns: ['B'] } },
      ]),
    ).toThrow('Cannot write sheet "Sai": the format names a column "B" that is not a header.');
    expect(world.api.calls.total).toBe(0);
    expect(world.sheets.spreadsheet.getSheetByName('Đúng')).toBeNull();
  });

  it('writes nothing of a batch that Google refuses, and the next batch starts afresh', () => {
    const world = makeWorld();
    const workbook = world.workbook();
    workbook.write([{ kind: 'replace', sheet: 'A', headers: ['Đánh giá'], rows: [['Đạt']] }]);
    const strict = world.sheets.app
      .newDataValidation()
      .requireValueInList(['Đạt'])
      .setAllowInvalid(false)
      .build();
    sheetOf(world, 'A').getRange(2, 1).setDataValidation(strict);
    expect(() =>
      workbook.write([
        { kind: 'replace', sheet: 'C', headers: ['x'], rows: [['mới']] },
        { kind: 'replace', sheet: 'A', headers: ['Đánh giá'], rows: [['Sai']] },
      ]),
    ).toThrow(/Invalid requests\[\d\]\.updateCells: The data you entered in cell A2 violates/);
    expect(world.sheets.spreadsheet.getSheetByName('C')).toBeNull();
    workbook.write([
      { kind: 'replace', sheet: 'C', headers: ['x'], rows: [['mới']] },
      { kind: 'replace', sheet: 'A', headers: ['Đánh giá'], rows: [['Đạt'], ['Đạt']] },
    ]);
    const tables = world.workbook().read(['A', 'C']);
    expect(tables.get('A')?.rows).toEqual([['Đạt'], ['Đạt']]);
    expect(tables.get('C')?.rows).toEqual([['mới']]);
  });

  it('deletes the SpreadsheetApp adapter’s record, which then formats afresh if it takes over again', () => {
    const world = makeWorld();
    const write = (rows: number): SheetWrite => ({
      kind: 'replace',
      sheet: 'Tổng hợp',
      headers: ['Mã', 'Tình trạng'],
      rows: Array.from({ length: rows }, (_, index) => [`DV${index}`, 'Đã nộp']),
      format: {
        frozenRows: 1,
        valueColors: [{ column: 'Tình trạng', equals: 'Đã nộp', background: '#D9EAD3' }],
      },
    });
    const spreadsheetAppAdapter = () =>
      new SpreadsheetWorkbook(asSpreadsheet(world.sheets.spreadsheet), asSpreadsheetApp(world.sheets.app));
    spreadsheetAppAdapter().write([write(2)]);
    expect(world.sheets.spreadsheet.getDeveloperMetadata().map((entry) => entry.getKey())).toEqual([
      WRITTEN_SHAPES_KEY,
    ]);
    world.workbook().write([write(5)]);
    expect(world.sheets.spreadsheet.getDeveloperMetadata()).toEqual([]);
    spreadsheetAppAdapter().write([write(3)]);
    expect(world.workbook().read(['Tổng hợp']).get('Tổng hợp')?.rows).toEqual(write(3).rows);
  });

  it('reads the properties again before adding a sheet, and finds one that SpreadsheetApp added meanwhile', () => {
    const world = makeWorld();
    world.sheets.spreadsheet.insertSheet('A').getRange(1, 1).setValue('x');
    const workbook = world.workbook();
    expect(workbook.read(['A', 'B']).get('A')?.headers).toEqual(['x']);
    world.sheets.spreadsheet
      .insertSheet('B')
      .getRange(1, 1, 2, 1)
      .setValues([['Việc'], ['đầu']]);
    world.api.calls.reset();
    workbook.write([{ kind: 'append', sheet: 'B', headers: ['Việc'], rows: [['sau']] }]);
    expect(world.api.calls.sequence).toEqual([
      'Spreadsheets.get',
      'Spreadsheets.get',
      'Spreadsheets.batchUpdate',
    ]);
    expect(sheetOf(world, 'B').getDataRange().getValues()).toEqual([['Việc'], ['đầu'], ['sau']]);
  });

  it('uses no SpreadsheetApp call at all', () => {
    const world = makeWorld();
    world.sheets.calls.reset();
    const workbook = world.workbook();
    workbook.write([
      { kind: 'replace', sheet: 'A', headers: ['x'], rows: [['1']], format: { protectedWarningOnly: true } },
    ]);
    workbook.read(['A']);
    expect(world.sheets.calls.total).toBe(0);
    expect(world.api.calls.byMethod()).toEqual({ 'Spreadsheets.batchUpdate': 1, 'Spreadsheets.get': 2 });
  });
});

describe('the jobs over AdvancedSheetsWorkbook cost the same calls for 100 and for 2,000 units', () => {
  // Properties, values of the sheets read, one batchUpdate.
  // One get for the properties and values together, one batchUpdate.
  const STEADY_CONSOLIDATION = 2;
  // The state and derived sheets read with the properties (as the trigger's batch does), the
  // state read again by intake, one batchUpdate.
  const ONE_SUBMISSION = 3;

  function measure(unitCount: number) {
    const world = makeWorld();
    const units = seedLargeCampaign(world.workbook(), unitCount);
    const lock = new MemoryLock();
    world.api.calls.reset();
    consolidate(world.workbook(), lock, LARGE_CAMPAIGN_AS_OF);
    const firstRun = world.api.calls.total;
    world.api.calls.reset();
    const batches = recordRequests(world);
    consolidate(world.workbook(), lock, LARGE_CAMPAIGN_AS_OF);
    const steady = world.api.calls.total;
    world.api.calls.reset();
    const newcomer = units[10];
    if (!newcomer) throw new Error('too few units');
    // As the trigger's batch does, the derived sheets are read, so their write sends what changed.
    const submitting = world.workbook();
    submitting.read([...STATE_SHEETS, ...DERIVED_SHEETS]);
    const summary = intakeResponses(
      { workbook: submitting, lock, now: () => LARGE_CAMPAIGN_AS_OF },
      {
        sheets: [],
        read: () => ({ responses: [largeCampaignResponse(newcomer, 0, 'MỚI-1')], problems: [] }),
      },
      {
        asOf: LARGE_CAMPAIGN_AS_OF,
        alsoWrite: (state) => consolidationWrites(state, reviewedState(state, LARGE_CAMPAIGN_AS_OF).board),
      },
    );
    expect(summary.registered.map((entry) => entry.outcome)).toEqual(['accepted']);
    const steadyKinds = new Set(batches[0]);
    return { firstRun, steady, steadyKinds, submission: world.api.calls.total };
  }

  it(`consolidation: ${STEADY_CONSOLIDATION}, values only once formatted; one submission ${ONE_SUBMISSION}`, () => {
    const small = measure(100);
    const large = measure(2000);
    expect(small.steady).toBe(STEADY_CONSOLIDATION);
    expect(large.steady).toBe(STEADY_CONSOLIDATION);
    // Cells only (an updateCells, and a repeatCell for a run of one same cell): no format request.
    for (const kinds of [small.steadyKinds, large.steadyKinds]) {
      expect([...kinds].filter((kind) => kind !== 'updateCells' && kind !== 'repeatCell')).toEqual([]);
    }
    expect(small.submission).toBe(ONE_SUBMISSION);
    // At 2,000 units this response sorts among the old ones, so every later row of `Bài nộp`
    // moves and is sent again: in several requests, each under Google's 2 MB.
    expect(large.submission).toBeGreaterThanOrEqual(ONE_SUBMISSION);
    // The first run adds the derived sheets: the first read, naming them, is refused; the
    // properties are read, then the values, and again just before adding sheets (see write()).
    expect(small.firstRun).toBe(5);
    // At 2,000 units the first write of the derived sheets is over 2 MB: it goes in several requests.
    expect(large.firstRun).toBeGreaterThan(5);
  }, 60_000);
});

describe('one submission through the trigger, with the Advanced Sheets service enabled', () => {
  function callsForOneSubmission(unitCount: number) {
    const world = makeGasWorld({ units: manyUnits(unitCount) });
    // The first submission creates the derived sheets; the count is for the ones after it.
    world.setNow('2023-03-28T09:00:05');
    submitPlan(world, world.units[1] as Unit, '2023-03-28T09:00');
    world.setNow('2023-03-28T09:30:05');
    world.sheets.calls.reset();
    world.advancedSheets.calls.reset();
    submitPlan(world, world.units[0] as Unit, '2023-03-28T09:30');
    const sheets = world.advancedSheets.calls.byMethod();
    const spreadsheetApp = world.sheets.calls.byMethod();
    const register = world.table(SHEET.submissions);
    return { sheets, spreadsheetApp, registered: register?.rows.length, mail: world.mailApp.sent.length };
  }

  it('costs 2 Sheets calls and no SpreadsheetApp call with 100 and with 2,000 units', () => {
    const small = callsForOneSubmission(100);
    const large = callsForOneSubmission(2000);
    for (const measured of [small, large]) {
      expect(measured.registered).toBe(2);
      expect(measured.mail).toBe(2);
      expect(measured.sheets).toEqual({ 'Spreadsheets.batchUpdate': 1, 'Spreadsheets.get': 1 });
      // The spreadsheet's id comes with the send journal, from the script properties setup wrote.
      expect(measured.spreadsheetApp).toEqual({});
    }
  }, 60_000);
});

describe('AdvancedSheetsWorkbook writes what changed', () => {
  const headers = ['Mã', 'Tên', 'Ngày'];
  const rowsOf = (count: number): CellValue[][] =>
    Array.from({ length: count }, (_, index) => [
      `DV${index}`,
      `Trường số ${index}`,
      vietnamInstant('2023-03-20', 8 + (index % 10)),
    ]);
  const replace = (rows: CellValue[][]): SheetWrite => ({
    kind: 'replace',
    sheet: 'Tổng hợp',
    headers,
    rows,
  });

  function sentBytes(world: World): number[] {
    const sizes: number[] = [];
    const original = world.api.Spreadsheets.batchUpdate;
    world.api.Spreadsheets.batchUpdate = (resource, spreadsheetId) => {
      sizes.push(JSON.stringify(resource).length);
      return original(resource, spreadsheetId);
    };
    return sizes;
  }

  it('sends only the rows that differ from what it read, and the sheet ends exactly as asked', () => {
    const world = makeWorld();
    world.workbook().write([replace(rowsOf(500))]);
    const next = world.workbook();
    next.read(['Tổng hợp']);
    const sizes = sentBytes(world);
    const changed = rowsOf(500);
    changed[7] = ['DV7', 'Trường đã đổi tên', vietnamInstant('2023-03-21', 9)];
    changed[300] = ['DV300', null, null];
    next.write([replace(changed)]);
    expect(sizes).toHaveLength(1);
    expect(sizes[0]).toBeLessThan(2_000);
    const read = world.workbook().read(['Tổng hợp']).get('Tổng hợp');
    expect(read?.rows).toEqual(changed);
  });

  it('sends nothing for a sheet that did not change, and empties rows a shorter table no longer reaches', () => {
    const world = makeWorld();
    world.workbook().write([replace(rowsOf(50))]);
    const next = world.workbook();
    next.read(['Tổng hợp']);
    const sizes = sentBytes(world);
    next.write([replace(rowsOf(50))]);
    expect(sizes).toEqual([]);
    next.write([replace(rowsOf(40))]);
    expect(sizes).toHaveLength(1);
    expect(sizes[0]).toBeLessThan(500);
    expect(world.workbook().read(['Tổng hợp']).get('Tổng hợp')?.rows).toEqual(rowsOf(40));
  });

  it('writes whole a sheet it has not read, or whose columns changed', () => {
    const world = makeWorld();
    world.workbook().write([replace(rowsOf(200))]);
    const sizes = sentBytes(world);
    world.workbook().write([replace(rowsOf(200))]);
    const next = world.workbook();
    next.read(['Tổng hợp']);
    next.write([{ kind: 'replace', sheet: 'Tổng hợp', headers: ['Tên', 'Mã', 'Ngày'], rows: rowsOf(200) }]);
    expect(sizes).toHaveLength(2);
    expect(sizes.every((size) => size > 10_000)).toBe(true);
  });
});
