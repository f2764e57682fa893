// The command-line contract of the foundation issue: init + status, and exit code 1 with a clear
// message for each kind of bad input.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PERIOD_COLUMNS, SHEET } from '../../src/domain/layout';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';
import { runCli, type CliOutcome } from './cli-runner';

const HEADER = 'Mã đơn vị,Tên đơn vị,Cấp học,Loại hình,Phường/Xã,Email,Thủ trưởng,Điện thoại,Đang hoạt động';
const UNITS = [
  HEADER,
  'MN001,Trường Mầm non Hoa Sen,Mầm non,Công lập,Linh Trung,"a@mn.example.edu.vn; b@mn.example.edu.vn",Nguyễn A,0901234567,Có',
  'TH002,Trường Tiểu học Đặng Văn Bất,Tiểu học,Công lập,Linh Xuân,c@th.example.edu.vn,Lê B,,',
].join('\n');

function hannop(args: string[]): Promise<CliOutcome> {
  return runCli(args, { now: () => new Date(Date.UTC(2023, 2, 20)), cwd: tmpdir() });
}

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'hannop-cli-'));
}

function file(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, `\uFEFF${text}\n`, 'utf8');
  return path;
}

describe('hannop init then status', () => {
  it('shows every unit overdue for KH-2023 one second after the due moment, pending before it', async () => {
    const dir = folder();
    const workbook = join(dir, 'w.xlsx');
    const init = await hannop(['init', '--workbook', workbook, '--units', file(dir, 'u.csv', UNITS)]);
    expect(init).toMatchObject({ code: 0, stderr: '' });

    const after = await hannop(['status', '--workbook', workbook, '--as-of', '2023-03-31T08:00', '--json']);
    expect(after.code).toBe(0);
    const report = JSON.parse(after.stdout);
    expect(report.asOf).toBe('2023-03-31T08:00:00+07:00');
    const plan = report.periods.find((period: { id: string }) => period.id === 'KH-2023');
    expect(plan.dueAt).toBe('2023-03-30T23:59:59.999+07:00');
    expect(plan).toMatchObject({ expected: 2, submitted: 0, overdue: 2 });
    expect(report.units.map((unit: { code: string }) => unit.code).sort()).toEqual(['MN001', 'TH002']);
    for (const unit of report.units) expect(unit.periods['KH-2023'].status).toBe('overdue');

    const before = JSON.parse(
      (await hannop(['status', '--workbook', workbook, '--as-of', '2023-03-30T23:59', '--json'])).stdout,
    );
    for (const unit of before.units) expect(unit.periods['KH-2023'].status).toBe('pending');
  });

  it('refuses to overwrite an existing workbook', async () => {
    const dir = folder();
    const workbook = join(dir, 'w.xlsx');
    expect((await hannop(['init', '--workbook', workbook])).code).toBe(0);
    const again = await hannop(['init', '--workbook', workbook]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('đã có; hannop init không ghi đè');
  });
});

describe('bad input: exit code 1 and a message naming file, row and column', () => {
  it('a units CSV without the Email header', async () => {
    const dir = folder();
    const csv = file(
      dir,
      'u.csv',
      'Mã đơn vị,Tên đơn vị,Cấp học,Loại hình,Phường/Xã\nMN001,Trường A,Mầm non,Công lập,Linh Trung',
    );
    const result = await hannop(['init', '--workbook', join(dir, 'w.xlsx'), '--units', csv]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`Lỗi: «${csv}», dòng 1, cột «Email»: thiếu cột «Email» ở dòng tiêu đề.\n`);
  });

  it('a duplicate unit code', async () => {
    const dir = folder();
    const csv = file(
      dir,
      'u.csv',
      `${UNITS}\nmn001,Trường khác,Mầm non,Công lập,Linh Trung,d@mn.example.edu.vn,,,`,
    );
    const result = await hannop(['init', '--workbook', join(dir, 'w.xlsx'), '--units', csv]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `«${csv}», dòng 4, cột «Mã đơn vị»: mã đơn vị «mn001» bị trùng với dòng 2.`,
    );
  });

  it('an invalid e-mail address', async () => {
    const dir = folder();
    const csv = file(
      dir,
      'u.csv',
      `${HEADER}\nMN001,Trường A,Mầm non,Công lập,Linh Trung,khong-phai-email,,,`,
    );
    const result = await hannop(['init', '--workbook', join(dir, 'w.xlsx'), '--units', csv]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `«${csv}», dòng 2, cột «Email»: «khong-phai-email» không phải là địa chỉ email hợp lệ.`,
    );
  });

  it('a date like 31/02/2023 in Kỳ nộp', async () => {
    const dir = folder();
    const path = join(dir, 'w.xlsx');
    await hannop(['init', '--workbook', path, '--units', file(dir, 'u.csv', UNITS)]);
    const workbook = await XlsxWorkbook.open(path);
    const periods = workbook.read([SHEET.periods]).get(SHEET.periods);
    if (!periods) throw new Error('no Kỳ nộp sheet');
    const dueColumn = periods.headers.indexOf(PERIOD_COLUMNS.writtenDueDate);
    const rows = periods.rows.map((row, index) =>
      row.map((cell, column) => (index === 0 && column === dueColumn ? '31/02/2023' : cell)),
    );
    workbook.write([{ kind: 'replace', sheet: SHEET.periods, headers: periods.headers, rows }]);
    await workbook.save();
    const result = await hannop(['status', '--workbook', path, '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      '«Kỳ nộp», dòng 2, cột «Hạn nộp»: «31/02/2023» không phải là ngày hợp lệ (dd/MM/yyyy).',
    );
  });

  it('a workbook that is not an .xlsx file', async () => {
    const dir = folder();
    const fake = file(dir, 'w.xlsx', 'đây không phải là bảng tính');
    const result = await hannop(['status', '--workbook', fake, '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(fake);
    const wrongExtension = await hannop(['init', '--workbook', join(dir, 'w.csv')]);
    expect(wrongExtension.code).toBe(1);
    expect(wrongExtension.stderr).toContain('bảng tính phải là tệp .xlsx');
  });

  it('an unknown command and a bad --as-of', async () => {
    expect((await hannop(['frobnicate'])).code).toBe(1);
    const dir = folder();
    const path = join(dir, 'w.xlsx');
    await hannop(['init', '--workbook', path]);
    const result = await hannop(['status', '--workbook', path, '--as-of', '31/03/2023']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--as-of «31/03/2023» không hợp lệ');
  });
});
