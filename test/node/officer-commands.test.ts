// The officer's commands offline: `links`, `check`, `recheck`, `codes` on an .xlsx workbook.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import { demoFormFacts } from '../../src/demo/forms';
import { CONFIG_COLUMNS, SHEET, UNIT_LINK_COLUMNS, columnsOf } from '../../src/domain/layout';
import { FILLED_CONFIG_ROWS } from '../fakes/config-rows';
import { vietnamInstant } from '../../src/domain/time';
import { parseCsv } from '../../src/node/csv';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';
import { runCli, type CliOutcome } from './cli-runner';

jest.setTimeout(60_000);

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hannop-officer-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function hannop(...argv: string[]): Promise<CliOutcome> {
  return runCli(argv, { now: () => vietnamInstant('2023-04-02', 9), cwd: dir });
}

describe('hannop links', () => {
  it('lists each expected unit’s code, addresses and pre-filled link per open period, in the workbook and a CSV', async () => {
    expect((await hannop('init', '--workbook', 'dot.xlsx', '--demo')).code).toBe(0);
    const outcome = await hannop('links', '--workbook', 'dot.xlsx', '--csv', 'duong-dan.csv');
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    const csv = parseCsv(readFileSync(join(dir, 'duong-dan.csv'), 'utf8'));
    expect(csv[0]).toEqual(columnsOf(UNIT_LINK_COLUMNS));
    const rows = csv.slice(1);
    // On 02/04/2023 the plan and the 6-month report are open; the annual report is not.
    expect(new Set(rows.map((row) => row[0]))).toEqual(new Set(['KH-2023', 'BC6T-2023']));
    expect(outcome.stdout).toBe(
      `Đã ghi ${rows.length} dòng vào trang «Đường dẫn đơn vị» của «dot.xlsx» và vào tệp «duong-dan.csv».\n`,
    );
    const report = demoFormFacts()[1]!;
    for (const row of rows.filter((each) => each[0] === 'BC6T-2023')) {
      expect(row[6]).toContain(
        `${report.template.formUrl}?usp=pp_url&${report.template.entries.unit}=${row[2]}+-+`,
      );
      expect(row[6]).toContain(`${report.template.entries.code}=${row[4]}`);
      expect(row[4]).toMatch(/\S{4,}/);
    }
    const workbook = await XlsxWorkbook.open(join(dir, 'dot.xlsx'));
    expect(workbook.read([SHEET.unitLinks]).get(SHEET.unitLinks)?.rows).toHaveLength(rows.length);
  });

  it('writes no field that Excel would run as a formula when it opens the CSV', async () => {
    expect((await hannop('init', '--workbook', 'dot.xlsx', '--demo')).code).toBe(0);
    const excel = new ExcelJS.Workbook();
    await excel.xlsx.readFile(join(dir, 'dot.xlsx'));
    const units = excel.getWorksheet(SHEET.units) as ExcelJS.Worksheet;
    const nameColumn = (units.getRow(1).values as unknown[]).indexOf('Tên đơn vị');
    units.getCell(2, nameColumn).value = '=HYPERLINK("http://evil.example/","Bấm vào đây")';
    units.getCell(3, nameColumn).value = '@SUM(1+1)';
    await excel.xlsx.writeFile(join(dir, 'dot.xlsx'));
    expect((await hannop('links', '--workbook', 'dot.xlsx', '--csv', 'duong-dan.csv')).code).toBe(0);
    const fields = parseCsv(readFileSync(join(dir, 'duong-dan.csv'), 'utf8')).flat();
    expect(fields).toContain('\'=HYPERLINK("http://evil.example/","Bấm vào đây")');
    expect(fields).toContain("'@SUM(1+1)");
    expect(fields.filter((field) => /^[=+\-@\t\r]/.test(field))).toEqual([]);
  });

  it('says which rows have no link while `Biểu mẫu` is empty', async () => {
    expect((await hannop('init', '--workbook', 'dot.xlsx')).code).toBe(0);
    const outcome = await hannop('links', '--workbook', 'dot.xlsx', '--csv', 'duong-dan.csv');
    expect(outcome.code).toBe(0);
    // No unit yet: nothing to list, and nothing without a link.
    expect(outcome.stdout).toBe(
      'Đã ghi 0 dòng vào trang «Đường dẫn đơn vị» của «dot.xlsx» và vào tệp «duong-dan.csv».\n',
    );
  });

  it('refuses a missing workbook and a missing --csv with a Vietnamese sentence', async () => {
    const missing = await hannop('links', '--workbook', 'khong-co.xlsx', '--csv', 'x.csv');
    expect(missing).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Lỗi: Không tìm thấy bảng tính «khong-co.xlsx».\n',
    });
    expect((await hannop('init', '--workbook', 'dot.xlsx')).code).toBe(0);
    const noCsv = await hannop('links', '--workbook', 'dot.xlsx');
    expect(noCsv.code).toBe(1);
    expect(noCsv.stderr.split('\n')[0]).toBe('Lỗi: Thiếu tùy chọn --csv.');
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
  });
});

describe('hannop codes', () => {
  async function unitCodes(): Promise<Map<string, string>> {
    const workbook = await XlsxWorkbook.open(join(dir, 'dot.xlsx'));
    const table = workbook.read([SHEET.units]).get(SHEET.units)!;
    const code = table.headers.indexOf('Mã đơn vị');
    const confirmation = table.headers.indexOf('Mã xác nhận');
    return new Map(table.rows.map((row) => [String(row[code]), String(row[confirmation] ?? '')]));
  }

  it('gives init’s units their codes, as setup does, and then creates only the missing ones', async () => {
    expect((await hannop('init', '--workbook', 'dot.xlsx', '--demo')).code).toBe(0);
    const codes = await unitCodes();
    expect([...codes.values()].every((code) => /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/.test(code))).toBe(
      true,
    );
    expect(new Set(codes.values()).size).toBe(codes.size);

    expect(await hannop('codes', '--workbook', 'dot.xlsx')).toEqual({
      code: 0,
      stdout: 'Mọi đơn vị đã có mã xác nhận; không tạo thêm mã nào.\n',
      stderr: '',
    });

    // A unit whose code was cleared gets a new one; the others keep theirs.
    const workbook = await XlsxWorkbook.open(join(dir, 'dot.xlsx'));
    const table = workbook.read([SHEET.units]).get(SHEET.units)!;
    const confirmation = table.headers.indexOf('Mã xác nhận');
    const rows = table.rows.map((row, index) =>
      row.map((cell, column) => (index === 0 && column === confirmation ? null : cell)),
    );
    workbook.write([{ kind: 'replace', sheet: SHEET.units, headers: table.headers, rows }]);
    await workbook.save();
    const cleared = String(table.rows[0]![table.headers.indexOf('Mã đơn vị')]);
    const outcome = await hannop('codes', '--workbook', 'dot.xlsx');
    expect(outcome).toEqual({
      code: 0,
      stdout: 'Đã tạo mã xác nhận cho 1 đơn vị trong «dot.xlsx».\n',
      stderr: '',
    });
    const after = await unitCodes();
    expect(after.get(cleared)).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(after.get(cleared)).not.toBe(codes.get(cleared));
    for (const [unit, code] of codes) if (unit !== cleared) expect(after.get(unit)).toBe(code);
  });

  it('refuses a workbook that is not there', async () => {
    expect(await hannop('codes', '--workbook', 'khong-co.xlsx')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Lỗi: Không tìm thấy bảng tính «khong-co.xlsx».\n',
    });
  });
});

describe('hannop check', () => {
  it('on a fresh init workbook exits 1 and names the example contact among every problem', async () => {
    expect((await hannop('init', '--workbook', 'dot.xlsx')).code).toBe(0);
    const outcome = await hannop('check', '--workbook', 'dot.xlsx');
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toBe('');
    const lines = outcome.stdout.split('\n');
    expect(lines[0]).toBe('Phát hiện 5 lỗi và 1 cảnh báo.');
    expect(lines).toContain(
      '• «Cấu hình», dòng 6, cột «Giá trị»: «Email người phụ trách» vẫn là thông tin mẫu «phutrach@pgd.example.edu.vn»; thay bằng người phụ trách thật trước khi gửi thư.',
    );
    expect(lines).toContain('• «Đơn vị»: chưa có đơn vị nào đang hoạt động nên không đơn vị nào phải nộp.');
  });

  it('exits 0 once the contact is real and a unit is active, warnings aside', async () => {
    expect((await hannop('init', '--workbook', 'dot.xlsx', '--demo')).code).toBe(0);
    const workbook = await XlsxWorkbook.open(join(dir, 'dot.xlsx'));
    workbook.write([
      {
        kind: 'replace',
        sheet: SHEET.config,
        headers: columnsOf(CONFIG_COLUMNS),
        rows: FILLED_CONFIG_ROWS.map((row) => [row.key, row.value, row.note]),
      },
    ]);
    await workbook.save();
    const outcome = await hannop('check', '--workbook', 'dot.xlsx');
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).not.toContain('Lỗi (cần sửa');
  });

  it('with --max-mail compares the campaign’s mail forecast with the allowance', async () => {
    expect((await hannop('init', '--workbook', 'dot.xlsx', '--demo')).code).toBe(0);
    const workbook = await XlsxWorkbook.open(join(dir, 'dot.xlsx'));
    workbook.write([
      {
        kind: 'replace',
        sheet: SHEET.config,
        headers: columnsOf(CONFIG_COLUMNS),
        rows: FILLED_CONFIG_ROWS.map((row) => [row.key, row.value, row.note]),
      },
    ]);
    await workbook.save();
    const roomy = await hannop('check', '--workbook', 'dot.xlsx', '--max-mail', '100000');
    expect(roomy.stdout).not.toContain('«Dự báo thư»');
    const tight = await hannop('check', '--workbook', 'dot.xlsx', '--max-mail', '3');
    expect(tight.code).toBe(0);
    expect(tight.stdout).toMatch(
      /• «Dự báo thư»: dự báo thư của đợt thu vượt hạn mức 0 người nhận mỗi ngày vào \d+ ngày/,
    );
    expect(tight.stdout).toContain('gửi thư qua SMTP từ máy chủ');
    expect(await hannop('check', '--workbook', 'dot.xlsx', '--max-mail', 'nhiều')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Lỗi: --max-mail «nhiều» không hợp lệ; ghi một số nguyên không âm (số người nhận được gửi thư trong ngày).\n',
    });
  });
});
