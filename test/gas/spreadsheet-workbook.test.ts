import type { CellValue, SheetFormat, SheetWrite } from '../../src/ports';
import { SpreadsheetWorkbook } from '../../src/gas/spreadsheet-workbook';
import { vietnamInstant } from '../../src/domain/time';
import { describeWorkbookContract, TRICKY_STRINGS } from '../contract/workbook-contract';
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
    expect(sheet.getFilter()?.getRange().getA1Notation()).toBe('A1:C4');
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

    // Reading: getSheetByName, getDataRange, getValues = 3 per sheet.
    // Replacing with FORMAT: getSheetByName, insertSheet or Filter.remove, getFilter, clear,
    // getRange + setValues, setFrozenRows, setFrozenColumns, 1 getRange(A1) + 3 rules of 5 builder
    // calls (+1 for a font colour) + setConditionalFormatRules = 18, 2 × (getRange + setNumberFormat),
    // setFontWeights, createFilter, getProtections + setWarningOnly + setDescription (+ protect the
    // first time) = 36 on a new sheet and 35 on a sheet written before.
    it.each([100, 2000])('%i rows: 117 calls the first time, 114 after', (rowCount) => {
      const world = seededWorld(rowCount);
      expect(runJob(world, rowCount)).toBe(3 * 3 + 3 * 36);
      expect(runJob(world, rowCount)).toBe(3 * 3 + 3 * 35);
      expect(world.calls.count('setValues')).toBe(3);
      expect(sheetOf(world, 'Bài nộp').getLastRow()).toBe(rowCount + 1);
    });

    it('appending to a log costs a fixed number of calls too', () => {
      for (const rowCount of [1, 500]) {
        const world = createFakeSpreadsheetApp();
        const workbook = workbookOver(world);
        workbook.write([{ kind: 'append', sheet: 'Nhật ký', headers: ['Việc'], rows: [['tạo']] }]);
        world.calls.reset();
        workbook.write([
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
