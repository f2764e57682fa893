import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ExcelJS from 'exceljs';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';
import { InputError } from '../../src/domain/problems';
import type { SheetWrite } from '../../src/ports';
import { vietnamInstant } from '../../src/domain/time';
import { describeWorkbookContract } from '../contract/workbook-contract';

let directory: string;
let fileCount = 0;

beforeAll(async () => {
  directory = await fs.mkdtemp(path.join(os.tmpdir(), 'hannop-xlsx-'));
});

afterAll(async () => {
  await fs.rm(directory, { recursive: true, force: true });
});

function freshPath(name = 'so-lieu'): string {
  fileCount += 1;
  return path.join(directory, `${name}-${fileCount}.xlsx`);
}

async function loadWithExcelJs(filePath: string): Promise<ExcelJS.Workbook> {
  const excel = new ExcelJS.Workbook();
  await excel.xlsx.readFile(filePath);
  return excel;
}

async function expectInputError(promise: Promise<unknown>, filePath: string, message: string): Promise<void> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).message).toBe(`«${filePath}»: ${message}`);
}

describeWorkbookContract('local .xlsx (exceljs)', () => {
  const workbook = XlsxWorkbook.createEmpty();
  const filePath = freshPath();
  return {
    workbook,
    reload: async () => {
      await workbook.saveAs(filePath);
      return XlsxWorkbook.open(filePath);
    },
  };
});

describe('XlsxWorkbook', () => {
  const write: SheetWrite = {
    kind: 'replace',
    sheet: 'Tổng hợp',
    headers: ['Mã đơn vị', 'Tình trạng', 'Ngày nộp', 'Thời điểm'],
    rows: [
      ['DV01', 'Quá hạn', null, null],
      ['DV02', 'Đã nộp', vietnamInstant('2023-03-29'), new Date('2023-03-30T23:59:59+07:00')],
      ['Tổng', '1/2', null, null],
    ],
    format: {
      frozenRows: 1,
      frozenColumns: 1,
      filter: true,
      protectedWarningOnly: true,
      dateColumns: ['Ngày nộp'],
      dateTimeColumns: ['Thời điểm'],
      boldRows: [2],
      valueColors: [
        { column: 'Tình trạng', equals: 'Quá hạn', background: '#F4CCCC', font: '#990000' },
        { column: 'Tình trạng', equals: 'Chưa nộp "gấp"', background: '#fc0' },
      ],
    },
  };

  it('keeps the format after a save and a reload', async () => {
    const filePath = freshPath();
    const workbook = XlsxWorkbook.createEmpty();
    workbook.write([write]);
    workbook.write([write]);
    await workbook.saveAs(filePath);
    const reopened = await XlsxWorkbook.open(filePath);
    reopened.write([{ kind: 'append', sheet: 'Nhật ký', headers: ['Việc'], rows: [['mở lại']] }]);
    await reopened.save();

    const sheet = (await loadWithExcelJs(filePath)).getWorksheet('Tổng hợp') as ExcelJS.Worksheet;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:D4');
    // exceljs keeps them on the worksheet but leaves them out of its type declarations.
    const rules = (sheet as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] })
      .conditionalFormattings;
    expect(rules).toHaveLength(2);
    expect(rules.map((rule) => rule.ref)).toEqual(['B2:B1048576', 'B2:B1048576']);
    expect(rules.map((rule) => (rule.rules[0] as ExcelJS.ExpressionRuleType).formulae)).toEqual([
      ['$B2="Quá hạn"'],
      ['$B2="Chưa nộp ""gấp"""'],
    ]);
    expect(sheet.getCell('A4').font?.bold).toBe(true);
    expect(sheet.getCell('D4').font?.bold).toBe(true);
    expect(sheet.getCell('A3').font?.bold).toBeFalsy();
    expect(sheet.getCell('C3').numFmt).toBe('dd/mm/yyyy');
    expect(sheet.getCell('D3').numFmt).toBe('dd/mm/yyyy hh:mm:ss');
  });

  it('shows Vietnamese wall-clock time in the sheet and gives back the real instant', async () => {
    const filePath = freshPath();
    const workbook = XlsxWorkbook.createEmpty();
    workbook.write([write]);
    await workbook.saveAs(filePath);
    const sheet = (await loadWithExcelJs(filePath)).getWorksheet('Tổng hợp') as ExcelJS.Worksheet;
    // exceljs hands a cell's wall clock over in the Date's UTC fields.
    expect((sheet.getCell('D3').value as Date).toISOString()).toBe('2023-03-30T23:59:59.000Z');
    expect((sheet.getCell('C3').value as Date).toISOString()).toBe('2023-03-29T00:00:00.000Z');
    const row = (await XlsxWorkbook.open(filePath)).read(['Tổng hợp']).get('Tổng hợp')?.rows[1];
    expect((row?.[3] as Date).toISOString()).toBe('2023-03-30T16:59:59.000Z');
  });

  it('stores strings as string cells, never as formulas', async () => {
    const filePath = freshPath();
    const workbook = XlsxWorkbook.createEmpty();
    workbook.write([
      { kind: 'replace', sheet: 'Chuỗi', headers: ['=A1'], rows: [['=1+1'], ['+84901234567'], ['@x']] },
    ]);
    await workbook.saveAs(filePath);
    const sheet = (await loadWithExcelJs(filePath)).getWorksheet('Chuỗi') as ExcelJS.Worksheet;
    ['A1', 'A2', 'A3', 'A4'].forEach((address) => {
      expect(sheet.getCell(address).type).toBe(ExcelJS.ValueType.String);
      expect(sheet.getCell(address).formula).toBeUndefined();
    });
    expect(sheet.getCell('A2').value).toBe('=1+1');
  });

  it('reads a text back as itself, even one that spells an OOXML escape (_x0041_)', async () => {
    const filePath = freshPath();
    const workbook = XlsxWorkbook.createEmpty();
    const texts = ['_x0041_', 'a_x000D_b', '_x005F_', '_x00e9_ thường'];
    workbook.write([{ kind: 'replace', sheet: 'Chuỗi', headers: ['Văn bản'], rows: texts.map((t) => [t]) }]);
    await workbook.saveAs(filePath);
    const table = (await XlsxWorkbook.open(filePath)).read(['Chuỗi']).get('Chuỗi');
    expect(table?.rows).toEqual(texts.map((text) => [text]));
  });

  it('keeps a workbook readable when a text holds U+FFFE or U+FFFF, which XML cannot hold', async () => {
    const filePath = freshPath();
    const workbook = XlsxWorkbook.createEmpty();
    workbook.write([
      { kind: 'replace', sheet: 'Chuỗi', headers: ['Văn bản'], rows: [['phi\ufffe ký tự\uffff'], ['sau']] },
    ]);
    await workbook.saveAs(filePath);
    const table = (await XlsxWorkbook.open(filePath)).read(['Chuỗi']).get('Chuỗi');
    expect(table?.rows).toEqual([['phi ký tự'], ['sau']]);
  });

  it('reads formulas, rich text, hyperlinks and errors as what the sheet shows', async () => {
    const filePath = freshPath();
    const excel = new ExcelJS.Workbook();
    const sheet = excel.addWorksheet('Đơn vị');
    sheet.addRow(['Tên đơn vị', 'Tổng', 'Trang web', 'Lỗi', 'Ghép']);
    sheet.getCell('A2').value = {
      richText: [{ text: 'Trường ' }, { font: { bold: true }, text: 'Hoa Mai' }],
    };
    sheet.getCell('B2').value = { formula: 'SUM(1,2)', result: 3 };
    sheet.getCell('C2').value = { text: 'hoamai.edu.vn', hyperlink: 'https://hoamai.edu.vn' };
    sheet.getCell('D2').value = { error: '#N/A' };
    sheet.getCell('E2').value = 'gộp';
    sheet.mergeCells('E2:F2');
    sheet.getCell('A3').value = { formula: 'DATE(2023,3,30)', result: new Date(Date.UTC(2023, 2, 30)) };
    sheet.getCell('A3').numFmt = 'dd/mm/yyyy';
    await excel.xlsx.writeFile(filePath);

    const table = (await XlsxWorkbook.open(filePath)).read(['Đơn vị']).get('Đơn vị');
    expect(table?.headers).toEqual(['Tên đơn vị', 'Tổng', 'Trang web', 'Lỗi', 'Ghép']);
    expect(table?.rows).toEqual([
      ['Trường Hoa Mai', 3, 'hoamai.edu.vn', '#N/A', 'gộp'],
      [vietnamInstant('2023-03-30'), null, null, null, null],
    ]);
  });

  it('keeps the sheets a job did not write', async () => {
    const filePath = freshPath();
    const workbook = XlsxWorkbook.createEmpty();
    workbook.write([
      { kind: 'replace', sheet: 'Cấu hình', headers: ['Khóa', 'Giá trị'], rows: [['Năm', 2023]] },
      { kind: 'replace', sheet: 'Bài nộp', headers: ['Mã phản hồi'], rows: [['R1']] },
    ]);
    await workbook.saveAs(filePath);
    const reopened = await XlsxWorkbook.open(filePath);
    reopened.write([{ kind: 'replace', sheet: 'Bài nộp', headers: ['Mã phản hồi'], rows: [['R2']] }]);
    await reopened.save();
    const tables = (await XlsxWorkbook.open(filePath)).read(['Cấu hình', 'Bài nộp']);
    expect(tables.get('Cấu hình')?.rows).toEqual([['Năm', 2023]]);
    expect(tables.get('Bài nộp')?.rows).toEqual([['R2']]);
    expect((await loadWithExcelJs(filePath)).worksheets.map((sheet) => sheet.name)).toEqual([
      'Cấu hình',
      'Bài nộp',
    ]);
  });

  it('leaves no partial file behind and remembers where it saved', async () => {
    const filePath = freshPath();
    const workbook = XlsxWorkbook.createEmpty();
    expect(workbook.path).toBeNull();
    await expect(workbook.save()).rejects.toThrow('saveAs');
    workbook.write([{ kind: 'replace', sheet: 'A', headers: ['x'], rows: [] }]);
    await workbook.saveAs(filePath);
    expect(workbook.path).toBe(filePath);
    expect((await fs.readdir(directory)).filter((name) => name.includes('partial'))).toEqual([]);
  });

  it('refuses a sheet name that Excel would reject or cut short, before writing anything', () => {
    const workbook = XlsxWorkbook.createEmpty();
    const longName = 'Tổng hợp theo Phường/Xã'.replace('/', ' ') + ' năm học 2023';
    expect(longName.length).toBeGreaterThan(31);
    for (const name of ['Phường/Xã', longName]) {
      expect(() =>
        workbook.write([
          { kind: 'replace', sheet: 'Đúng', headers: ['A'], rows: [] },
          { kind: 'replace', sheet: name, headers: ['A'], rows: [] },
        ]),
      ).toThrow(`Cannot write sheet "${name}": an .xlsx sheet name has 1 to 31 characters`);
    }
    expect(workbook.read(['Đúng']).size).toBe(0);
  });

  it('names the file in an InputError when it is missing', async () => {
    const filePath = path.join(directory, 'không-có.xlsx');
    await expectInputError(XlsxWorkbook.open(filePath), filePath, 'không tìm thấy tệp.');
  });

  it('names the file in an InputError when it is not an .xlsx file', async () => {
    const csvPath = path.join(directory, 'don-vi.csv');
    await fs.writeFile(csvPath, 'Mã đơn vị,Tên đơn vị\nDV01,Trường A\n');
    await expectInputError(
      XlsxWorkbook.open(csvPath),
      csvPath,
      'không phải tệp .xlsx: chỉ mở được bảng tính Excel (.xlsx).',
    );
  });

  it('names the file in an InputError when a text file was renamed .xlsx', async () => {
    const fakePath = path.join(directory, 'doi-ten.xlsx');
    await fs.writeFile(fakePath, 'Mã đơn vị,Tên đơn vị\nDV01,Trường A\n');
    await expectInputError(
      XlsxWorkbook.open(fakePath),
      fakePath,
      'không đọc được: tệp không phải bảng tính .xlsx hợp lệ hoặc đã bị hỏng.',
    );
  });
});
