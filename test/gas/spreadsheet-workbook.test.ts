import type { CellValue, SheetFormat, SheetWrite } from '../../src/ports';
import { consolidate, consolidationWrites, reviewedState } from '../../src/app/consolidate';
import { intakeResponses } from '../../src/app/intake-responses';
import { SpreadsheetWorkbook } from '../../src/gas/spreadsheet-workbook';
import { vietnamInstant } from '../../src/domain/time';
import { describeWorkbookContract, TRICKY_STRINGS } from '../contract/workbook-contract';
import { LARGE_CAMPAIGN_AS_OF, largeCampaignResponse, seedLargeCampaign } from '../fakes/large-campaign';
import { MemoryLock } from '../fakes/memory-lock';
import {
  asSpreadsheet,
  asSpreadsheetApp,
  createFakeSpreadsheetApp,
  type FakeSheet,
  type FakeSpreadsheetWorld,
} from '../fakes/spreadsheet-app';

function workbookOver(world: FakeSpreadsheetWorld): SpreadsheetWorkbook {
  return new SpreadsheetWorkbook(asSpreadsheet(world.spreadsheet), asSpreadsheetApp(world.app));
}

function sheetOf(world: FakeSpreadsheetWorld, name: string): FakeSheet {
  const sheet = world.spreadsheet.getSheetByName(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

describeWorkbookContract('Google Sheets (SpreadsheetApp fake)', () => {
  const world = createFakeSpreadsheetApp();
  return { workbook: workbookOver(world), reload: async () => workbookOver(world) };
});

describe('SpreadsheetWorkbook on the SpreadsheetApp fake', () => {
  it('uses no Apps Script global: everything comes through its constructor', () => {
    expect((globalThis as { SpreadsheetApp?: unknown }).SpreadsheetApp).toBeUndefined();
    const world = createFakeSpreadsheetApp();
    const workbook = workbookOver(world);
    workbook.write([
      { kind: 'replace', sheet: 'A', headers: ['x'], rows: [['1']], format: { protectedWarningOnly: true } },
    ]);
    expect(workbook.read(['A']).get('A')?.rows).toEqual([['1']]);
  });

  it('stores every string as that text and never a formula', () => {
    const world = createFakeSpreadsheetApp();
    const workbook = workbookOver(world);
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
    world.spreadsheet.getSheets().forEach((sheet) => {
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
  });

  it('writes dates as Date cells that show Vietnamese wall-clock time', () => {
    const world = createFakeSpreadsheetApp();
    const dueAt = new Date('2023-03-30T23:59:59+07:00');
    workbookOver(world).write([
      {
        kind: 'replace',
        sheet: 'Ngày',
        headers: ['Ngày', 'Thời điểm'],
        rows: [[dueAt, dueAt]],
        format: { dateColumns: ['Ngày'], dateTimeColumns: ['Thời điểm'] },
      },
    ]);
    const range = sheetOf(world, 'Ngày').getRange(2, 1, 1, 2);
    const [stored] = range.getValues();
    expect(stored?.[0]).toBeInstanceOf(Date);
    expect((stored?.[0] as Date).getTime()).toBe(dueAt.getTime());
    expect(range.getNumberFormats()).toEqual([['dd/MM/yyyy', 'dd/MM/yyyy HH:mm:ss']]);
    expect(range.getDisplayValues()).toEqual([['30/03/2023', '30/03/2023 23:59:59']]);
  });

  it('applies a format: frozen panes, value colours, filter, one warning-only protection, bold rows', () => {
    const world = createFakeSpreadsheetApp();
    const workbook = workbookOver(world);
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
    workbook.write([write]);
    workbook.write([write]);
    const sheet = sheetOf(world, 'Tổng hợp');
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getFrozenColumns()).toBe(1);
    // Over the whole grid, so that rows a later write adds are inside the filter.
    expect(sheet.getFilter()?.getRange().getA1Notation()).toBe('A1:C1000');
    const protections = sheet.getProtections('SHEET');
    expect(protections).toHaveLength(1);
    expect(protections[0]?.isWarningOnly()).toBe(true);
    const rules = sheet.getConditionalFormatRules();
    expect(
      rules.map((rule) => {
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
        background: '#F4CCCC',
        font: '#990000',
      },
      { ranges: ['B2:B1000'], type: 'TEXT_EQUAL_TO', values: ['Đã nộp'], background: '#D9EAD3', font: null },
    ]);
    expect(sheet.getRange(1, 1, 4, 3).getFontWeights()).toEqual([
      ['normal', 'normal', 'normal'],
      ['normal', 'normal', 'normal'],
      ['normal', 'normal', 'normal'],
      ['bold', 'bold', 'bold'],
    ]);
    expect(sheet.getRange(2, 3, 3, 1).getNumberFormats()).toEqual([
      ['dd/MM/yyyy'],
      ['dd/MM/yyyy'],
      ['dd/MM/yyyy'],
    ]);
  });

  it('clears the formats of rows that a smaller replace no longer reaches', () => {
    const world = createFakeSpreadsheetApp();
    const workbook = workbookOver(world);
    const rows = (count: number): CellValue[][] =>
      Array.from({ length: count }, (_, index) => [`DV${index}`]);
    workbook.write([
      { kind: 'replace', sheet: 'Số liệu', headers: ['Mã'], rows: rows(5), format: { boldRows: [4] } },
    ]);
    workbook.write([
      { kind: 'replace', sheet: 'Số liệu', headers: ['Mã'], rows: rows(2), format: { boldRows: [1] } },
    ]);
    const sheet = sheetOf(world, 'Số liệu');
    expect(sheet.getLastRow()).toBe(3);
    expect(sheet.getRange(1, 1, 6, 1).getFontWeights().flat()).toEqual([
      'normal',
      'normal',
      'bold',
      'normal',
      'normal',
      'normal',
    ]);
  });

  it('reads what people typed as Sheets stored it, trimmed to the data', () => {
    const world = createFakeSpreadsheetApp();
    const sheet = world.spreadsheet.insertSheet('Đơn vị');
    sheet.getRange(1, 1, 3, 3).setValues([
      ['Mã đơn vị', 'Điện thoại', 'Từ ngày'],
      ['DV01', '0901234567', '01/04/2023'],
      ['', '', ''],
    ]);
    expect(workbookOver(world).read(['Đơn vị']).get('Đơn vị')).toEqual({
      name: 'Đơn vị',
      headers: ['Mã đơn vị', 'Điện thoại', 'Từ ngày'],
      rows: [['DV01', 901234567, vietnamInstant('2023-04-01')]],
    });
  });

  it('refuses a mistaken batch before touching any sheet', () => {
    const world = createFakeSpreadsheetApp();
    expect(() =>
      workbookOver(world).write([
        { kind: 'replace', sheet: 'Đúng', headers: ['A'], rows: [['x']] },
        { kind: 'replace', sheet: 'Sai', headers: ['A'], rows: [['x']], format: { dateTimeColumns: ['B'] } },
      ]),
    ).toThrow('Cannot write sheet "Sai": the format names a column "B" that is not a header.');
    expect(world.spreadsheet.getSheetByName('Đúng')).toBeNull();
  });

  describe('costs a fixed number of SpreadsheetApp calls, whatever the row count', () => {
    const FORMAT: SheetFormat = {
      frozenRows: 1,
      frozenColumns: 1,
      filter: true,
      protectedWarningOnly: true,
      dateColumns: ['Ngày nộp'],
      dateTimeColumns: ['Thời điểm nộp'],
      boldRows: [0],
      valueColors: [
        { column: 'Tình trạng', equals: 'Quá hạn', background: '#F4CCCC', font: '#990000' },
        { column: 'Tình trạng', equals: 'Chưa nộp', background: '#FFF2CC' },
        { column: 'Tình trạng', equals: 'Đã nộp', background: '#D9EAD3' },
      ],
    };
    const HEADERS = ['Mã đơn vị', 'Tên đơn vị', 'Tình trạng', 'Ngày nộp', 'Thời điểm nộp', 'Số lần'];
    const INPUTS = ['Cấu hình', 'Đơn vị', 'Kỳ nộp'];
    const OUTPUTS = ['Bài nộp', 'Tổng hợp', 'Số liệu'];

    function rows(count: number): CellValue[][] {
      return Array.from({ length: count }, (_, index) => [
        `DV${String(index).padStart(4, '0')}`,
        `Trường số ${index}`,
        index % 3 === 0 ? 'Quá hạn' : 'Đã nộp',
        vietnamInstant('2023-03-30'),
        new Date(Date.UTC(2023, 2, 30, 9, 0, index % 60)),
        index % 4,
      ]);
    }

    /** A job's sheet traffic: read three sheets, then rewrite three with a full format. */
    function runJob(world: FakeSpreadsheetWorld, rowCount: number): number {
      world.calls.reset();
      const workbook = workbookOver(world);
      const tables = workbook.read(INPUTS);
      expect(tables.size).toBe(3);
      workbook.write(
        OUTPUTS.map((sheet) => ({
          kind: 'replace',
          sheet,
          headers: HEADERS,
          rows: rows(rowCount),
          format: FORMAT,
        })),
      );
      return world.calls.total;
    }

    function seededWorld(rowCount: number): FakeSpreadsheetWorld {
      const world = createFakeSpreadsheetApp();
      workbookOver(world).write(
        INPUTS.map((sheet) => ({ kind: 'replace', sheet, headers: HEADERS, rows: rows(rowCount) })),
      );
      return world;
    }

    // Reading: getSheetByName, getDataRange, getValues = 3 per sheet (9). Writing, the first time:
    // the developer metadata (getDeveloperMetadata, then getKey + getValue of its one entry = 3);
    // per sheet getSheetByName, insertSheet, clear, getRange + setValues, getMaxRows (+
    // insertRowsAfter when fewer than 500 rows are left under the data), setFrozenRows,
    // setFrozenColumns, getRange (rule range) + 3 rules of 5 builder calls (+1 for a font colour)
    // + setConditionalFormatRules, 2 × (getRangeList + setNumberFormat), setFontWeights, getRange +
    // createFilter, protect + setWarningOnly + setDescription = 36; then the metadata is saved (1).
    // After that every sheet has the shape recorded: Spreadsheet.getRange (the sheet named in the
    // address) + setValues = 2.
    it.each([100, 2000])(
      '%i rows: 9 + 3 + 3 × 36 + 1 calls the first time, 9 + 3 + 3 × 2 after',
      (rowCount) => {
        const world = seededWorld(rowCount);
        const first = runJob(world, rowCount);
        expect(first).toBe(9 + 3 + 3 * 36 + (rowCount > 500 ? 3 : 0) + 1);
        expect(runJob(world, rowCount)).toBe(9 + 3 + 3 * 2);
        expect(world.calls.count('setValues')).toBe(3);
        expect(sheetOf(world, 'Bài nộp').getLastRow()).toBe(rowCount + 1);
        // More rows, or fewer, with the same headers and format: still the values only (and, when the
        // sheets grew, the metadata saved with the larger extent that a later write must empty).
        expect(runJob(world, rowCount + 7)).toBe(9 + 3 + 3 * 2 + 1);
        expect(runJob(world, Math.floor(rowCount / 2))).toBe(9 + 3 + 3 * 2);
        expect(sheetOf(world, 'Bài nộp').getLastRow()).toBe(Math.floor(rowCount / 2) + 1);
      },
    );

    it('appending to a log costs a fixed number of calls too', () => {
      for (const rowCount of [1, 500]) {
        const world = createFakeSpreadsheetApp();
        workbookOver(world).write([{ kind: 'append', sheet: 'Nhật ký', headers: ['Việc'], rows: [['tạo']] }]);
        world.calls.reset();
        workbookOver(world).write([
          {
            kind: 'append',
            sheet: 'Nhật ký',
            headers: ['Việc'],
            rows: rows(rowCount).map((row) => [row[0] as string]),
          },
        ]);
        // getSheetByName, getLastRow, getLastColumn, getRange + getValues (headers), getRange + setValues.
        expect(world.calls.total).toBe(7);
      }
    });
  });
});

describe('SpreadsheetWorkbook formats a sheet once and then rewrites its values only', () => {
  const FORMAT: SheetFormat = {
    frozenRows: 1,
    frozenColumns: 1,
    filter: true,
    protectedWarningOnly: true,
    dateColumns: ['Ngày nộp'],
    boldRows: [1],
    valueColors: [{ column: 'Tình trạng', equals: 'Quá hạn', background: '#F4CCCC', font: '#990000' }],
  };
  const HEADERS = ['Mã đơn vị', 'Tình trạng', 'Ngày nộp'];

  function rows(count: number): CellValue[][] {
    return Array.from({ length: count }, (_, index) => [
      `DV${index}`,
      index % 2 === 0 ? 'Quá hạn' : 'Đã nộp',
      vietnamInstant('2023-03-29'),
    ]);
  }

  function replace(rowCount: number, format: SheetFormat = FORMAT, headers = HEADERS): SheetWrite {
    return { kind: 'replace', sheet: 'Tổng hợp', headers, rows: rows(rowCount), format };
  }

  function formatOf(world: FakeSpreadsheetWorld) {
    const sheet = sheetOf(world, 'Tổng hợp');
    return {
      frozen: [sheet.getFrozenRows(), sheet.getFrozenColumns()],
      filter: sheet.getFilter()?.getRange().getA1Notation() ?? null,
      protections: sheet.getProtections('SHEET').map((protection) => protection.isWarningOnly()),
      rules: sheet
        .getConditionalFormatRules()
        .map((rule) => rule.getRanges().map((range) => range.getA1Notation())),
      dateFormat: sheet.getRange(2, 3).getNumberFormats()[0]?.[0],
      boldSecondRow: sheet.getRange(3, 1).getFontWeights()[0]?.[0],
    };
  }

  const FORMATTED = {
    frozen: [1, 1],
    filter: 'A1:C1000',
    protections: [true],
    rules: [['B2:B1000']],
    dateFormat: 'dd/MM/yyyy',
    boldSecondRow: 'bold',
  };

  it('keeps the formats and empties the cells a smaller table no longer reaches', () => {
    const world = createFakeSpreadsheetApp();
    workbookOver(world).write([replace(30)]);
    workbookOver(world).write([replace(2)]);
    expect(formatOf(world)).toEqual(FORMATTED);
    expect(workbookOver(world).read(['Tổng hợp']).get('Tổng hợp')?.rows).toEqual(rows(2));
    expect(sheetOf(world, 'Tổng hợp').getLastRow()).toBe(3);
  });

  it('empties what a person typed beside a sheet it read in the same job', () => {
    const world = createFakeSpreadsheetApp();
    workbookOver(world).write([replace(3)]);
    sheetOf(world, 'Tổng hợp').getRange(8, 5).setValue('gõ tay');
    const workbook = workbookOver(world);
    expect(workbook.read(['Tổng hợp']).get('Tổng hợp')?.rows).toHaveLength(7);
    workbook.write([replace(3)]);
    expect(sheetOf(world, 'Tổng hợp').getDataRange().getA1Notation()).toBe('A1:C4');
  });

  it("reaches a sheet by its name in the range's address, quotes included", () => {
    const world = createFakeSpreadsheetApp();
    const named = (rowCount: number): SheetWrite => ({ ...replace(rowCount), sheet: "Tổng hợp 'cũ'!" });
    workbookOver(world).write([named(3)]);
    world.calls.reset();
    workbookOver(world).write([named(2)]);
    expect(world.calls.count('Spreadsheet.getRange')).toBe(1);
    expect(world.calls.count('setConditionalFormatRules')).toBe(0);
    expect(workbookOver(world).read(["Tổng hợp 'cũ'!"]).get("Tổng hợp 'cũ'!")?.rows).toEqual(rows(2));
  });

  it('formats again a sheet that a person deleted', () => {
    const world = createFakeSpreadsheetApp();
    workbookOver(world).write([replace(3)]);
    world.spreadsheet.deleteSheet(sheetOf(world, 'Tổng hợp'));
    workbookOver(world).write([replace(3)]);
    expect(formatOf(world)).toEqual(FORMATTED);
  });

  it('formats again when the headers or the format change, without stale rules or number formats', () => {
    const world = createFakeSpreadsheetApp();
    workbookOver(world).write([replace(3)]);
    const moved: SheetFormat = {
      ...FORMAT,
      dateColumns: [],
      valueColors: [{ column: 'Tình trạng', equals: 'Đã nộp', background: '#D9EAD3' }],
    };
    workbookOver(world).write([replace(3, moved, ['Tình trạng', 'Mã đơn vị', 'Ngày nộp'])]);
    const format = formatOf(world);
    expect(format.rules).toEqual([['A2:A1000']]);
    expect(format.dateFormat).not.toBe('dd/MM/yyyy');
    expect(format.protections).toEqual([true]);
  });

  it('formats again when a table outgrows the formatted grid, and leaves room under it', () => {
    const world = createFakeSpreadsheetApp();
    workbookOver(world).write([replace(3)]);
    world.calls.reset();
    workbookOver(world).write([replace(1200)]);
    expect(world.calls.count('setConditionalFormatRules')).toBe(1);
    const sheet = sheetOf(world, 'Tổng hợp');
    expect(sheet.getMaxRows()).toBe(1201 + 1000);
    expect(sheet.getFilter()?.getRange().getA1Notation()).toBe('A1:C2201');
    expect(sheet.getRange(1201, 3).getNumberFormats()).toEqual([['dd/MM/yyyy']]);
    world.calls.reset();
    workbookOver(world).write([replace(1700)]);
    expect(world.calls.count('setConditionalFormatRules')).toBe(0);
  });

  it('formats afresh when the record of what it wrote cannot be read', () => {
    const world = createFakeSpreadsheetApp();
    workbookOver(world).write([replace(3)]);
    const [metadata] = world.spreadsheet.getDeveloperMetadata();
    metadata?.setValue('{không phải JSON');
    sheetOf(world, 'Tổng hợp').setFrozenRows(0);
    workbookOver(world).write([replace(3)]);
    expect(formatOf(world)).toEqual(FORMATTED);
    expect(world.spreadsheet.getDeveloperMetadata()).toHaveLength(1);
  });

  it('does not trust the formats of a sheet that a failed batch cleared', () => {
    const world = createFakeSpreadsheetApp();
    workbookOver(world).write([replace(3)]);
    const tooLong: SheetWrite = {
      kind: 'replace',
      sheet: 'Khác',
      headers: ['A'],
      rows: [['Ư'.repeat(50001)]],
    };
    expect(() => workbookOver(world).write([replace(3, { frozenRows: 1 }), tooLong])).toThrow(
      'more than the maximum of 50000 characters',
    );
    workbookOver(world).write([replace(3)]);
    expect(formatOf(world)).toEqual(FORMATTED);
  });
});

describe('the jobs over SpreadsheetWorkbook cost the same calls for 100 and for 2,000 units', () => {
  // Reading the state: 4 sheets × (getSheetByName, getDataRange, getValues) = 12. The record of
  // what was written: getDeveloperMetadata, getKey, getValue = 3. `Tổng hợp`, `Thống kê` and
  // `Số liệu`, once formatted and read in the same job, unchanged: nothing sent. (The goal is 15:
  // out of reach with SpreadsheetApp, whose reads alone cost 12.) The optional `Gia hạn`, which
  // the first consolidation makes with its headers (so that the Sheets API path reads it in its one
  // call), is read like the others = 3, and so is the optional `Phụ trách` = 3. `Nhật ký` is read
  // to record each review decision once = 3.
  // The derived sheets are read too (3 calls each), so that a write can send only what changed.
  const STEADY_CONSOLIDATION = 12 + 3 + 3 + 3 + 3 + 3 * 3;
  // The same, plus the new row of `Bài nộp` (getRange, setValues: it was read) and the record saved
  // with the register's larger extent. Intake alone reads neither the derived sheets nor `Nhật ký`
  // (not their 3 × 3 + 3 calls), so it sends the three derived sheets whole (Spreadsheet.getRange,
  // setValues = 2 each).
  const ONE_SUBMISSION = STEADY_CONSOLIDATION - 3 * 3 - 3 + 3 * 2 + 2 + 1;

  function measure(unitCount: number) {
    const world = createFakeSpreadsheetApp();
    const units = seedLargeCampaign(workbookOver(world), unitCount);
    const lock = new MemoryLock();
    world.calls.reset();
    consolidate(workbookOver(world), lock, LARGE_CAMPAIGN_AS_OF);
    const firstRun = world.calls.total;
    world.calls.reset();
    consolidate(workbookOver(world), lock, LARGE_CAMPAIGN_AS_OF);
    const steady = world.calls.total;
    world.calls.reset();
    const newcomer = units[10];
    if (!newcomer) throw new Error('too few units');
    const summary = intakeResponses(
      { workbook: workbookOver(world), lock, now: () => LARGE_CAMPAIGN_AS_OF },
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
    return { firstRun, steady, submission: world.calls.total };
  }

  it(`consolidation: ${STEADY_CONSOLIDATION} once the sheets are formatted, and one submission ${ONE_SUBMISSION}`, () => {
    const small = measure(100);
    const large = measure(2000);
    expect(small.steady).toBe(STEADY_CONSOLIDATION);
    expect(large.steady).toBe(STEADY_CONSOLIDATION);
    expect(small.submission).toBe(ONE_SUBMISSION);
    // At 2,000 units one derived sheet sent whole is over MAX_REQUEST_BYTES: it goes in two parts
    // (one more Sheet.getRange and setValues).
    expect(large.submission).toBe(ONE_SUBMISSION + 2);
    // The first run formats the three sheets and makes `Gia hạn` and `Phụ trách` with their
    // headers laid out; 2,000 units need room made under the data too (3 insertRowsAfter), and the
    // sheet over MAX_REQUEST_BYTES goes in two parts, each with its range (3: the table's range still
    // serves the formats).
    expect(small.firstRun).toBe(121);
    expect(large.firstRun).toBe(small.firstRun + 3 + 3);
  });
});
