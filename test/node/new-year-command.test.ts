// `hannop new-year` on an .xlsx workbook: the archive, the turned-over workbook, every refusal, and
// what a run killed between the archive and the workbook leaves for the next one.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAIL_LOG_COLUMNS, SHEET } from '../../src/domain/layout';
import { cellText, readRecords } from '../../src/domain/table';
import { vietnamInstant } from '../../src/domain/time';
import { FileMailJournal, journalPathFor } from '../../src/node/file-mail-journal';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';
import { runCli, type CliOutcome } from './cli-runner';

jest.setTimeout(120_000);

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hannop-new-year-'));
});

afterEach(() => {
  jest.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

function hannop(...argv: string[]): Promise<CliOutcome> {
  return runCli(argv, { now: () => vietnamInstant('2023-12-20', 9), cwd: dir });
}

async function sheets(file: string) {
  const workbook = await XlsxWorkbook.open(join(dir, file));
  return workbook.read(Object.values(SHEET));
}

/** A demo year with responses registered and mail logged. */
async function yearWithRecords(): Promise<void> {
  expect((await hannop('init', '--workbook', 'dot.xlsx', '--demo')).code).toBe(0);
  const run = await hannop('run', '--workbook', 'dot.xlsx', '--as-of', '2023-12-01', '--outbox', 'thu');
  expect(run.stderr).toBe('');
}

describe('hannop new-year', () => {
  it('archives the year into dot-2023.xlsx and turns dot.xlsx over to 2024, empty', async () => {
    await yearWithRecords();
    const before = await sheets('dot.xlsx');
    expect(before.get(SHEET.submissions)?.rows.length).toBeGreaterThan(10);
    expect(before.get(SHEET.mailLog)?.rows.length).toBeGreaterThan(0);

    const outcome = await hannop(
      'new-year',
      '--workbook',
      'dot.xlsx',
      '--year',
      '2024',
      '--agency',
      'Phòng Giáo dục và Đào tạo phường Linh Xuân',
    );
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain(
      'Đã chuyển sang năm 2024. Dữ liệu năm 2023 đã lưu trong «dot-2023.xlsx».\n',
    );
    expect(outcome.stdout).toContain('  KH-2023 → KH-2024 (Kế hoạch năm 2024)\n');
    expect(outcome.stdout).toContain(
      'Lưu ý: kỳ «KH-2024» có ngày cuối còn đúng hạn 30/03/2024 rơi vào Thứ Bảy',
    );

    const archive = await sheets('dot-2023.xlsx');
    for (const sheet of [SHEET.submissions, SHEET.summary, SHEET.figures, SHEET.mailLog, SHEET.units])
      expect(archive.get(sheet)?.rows).toEqual(before.get(sheet)?.rows);

    const after = await sheets('dot.xlsx');
    for (const sheet of [
      SHEET.submissions,
      SHEET.summary,
      SHEET.figures,
      SHEET.mailLog,
      SHEET.planResponses,
    ]) {
      expect(after.get(sheet)?.rows).toEqual([]);
      expect(after.get(sheet)?.headers).toEqual(before.get(sheet)?.headers);
    }
    expect(after.get(SHEET.units)).toEqual(before.get(SHEET.units));
    expect(after.get(SHEET.eventLog)?.rows.map((row) => row[3])).toEqual([
      'Chuyển từ năm 2023 sang năm 2024; dữ liệu năm 2023 lưu trong «dot-2023.xlsx».',
    ]);
    const config = new Map(after.get(SHEET.config)?.rows.map((row) => [row[0], row[1]]));
    expect(config.get('Năm')).toBe(2024);
    expect(config.get('Tên cơ quan')).toBe('Phòng Giáo dục và Đào tạo phường Linh Xuân');

    // The new year works as a year: the configuration check passes what it passed before, and
    // the status names the 2024 periods.
    const status = await hannop('status', '--workbook', 'dot.xlsx', '--as-of', '2024-03-20', '--json');
    expect(status.code).toBe(0);
    const periods = (JSON.parse(status.stdout) as { periods: { id: string }[] }).periods.map((p) => p.id);
    expect(periods).toEqual(['KH-2024', 'BC6T-2024', 'BCN-2024']);

    // Run again for the same year: nothing to do, and the archive is untouched.
    const again = await hannop('new-year', '--workbook', 'dot.xlsx', '--year', '2024');
    expect(again).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Lỗi: Bảng tính đã là năm 2024 («Năm» trong «Cấu hình»); không có gì để chuyển.\n',
    });
  });

  it.each([
    [['--year', 'hai nghìn'], 'Lỗi: «hai nghìn» không phải là năm (4 chữ số, ví dụ 2024).\n'],
    [['--year', '2023'], 'Lỗi: Bảng tính đã là năm 2023 («Năm» trong «Cấu hình»); không có gì để chuyển.\n'],
    [['--year', '2022'], 'Lỗi: Năm mới (2022) phải sau năm của bảng tính (2023).\n'],
    [['--year', '2024', '--agency', '  '], 'Lỗi: Tên cơ quan mới (--agency) không được để trống.\n'],
  ])('refuses %j and changes nothing', async (options, message) => {
    expect((await hannop('init', '--workbook', 'dot.xlsx', '--demo')).code).toBe(0);
    const before = await sheets('dot.xlsx');
    expect(await hannop('new-year', '--workbook', 'dot.xlsx', ...options)).toEqual({
      code: 1,
      stdout: '',
      stderr: message,
    });
    expect(existsSync(join(dir, 'dot-2023.xlsx'))).toBe(false);
    expect(await sheets('dot.xlsx')).toEqual(before);
  });

  it('asks for --year and for a workbook that exists', async () => {
    expect((await hannop('init', '--workbook', 'dot.xlsx')).code).toBe(0);
    const missing = await hannop('new-year', '--workbook', 'dot.xlsx');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^Lỗi: Thiếu tùy chọn --year\.\nCách dùng:\n {2}hannop new-year --workbook FILE --year YYYY/,
    );
    const absent = await hannop('new-year', '--workbook', 'khong-co.xlsx', '--year', '2024');
    expect(absent.code).toBe(1);
    expect(absent.stderr).toContain('khong-co.xlsx');
  });

  it("logs the old year's sends from the journal in the archive, and the new year's first run logs none of them", async () => {
    await yearWithRecords();
    const journal = new FileMailJournal(journalPathFor(join(dir, 'dot.xlsx')));
    // A saved run leaves the journal empty; this send went out in a run killed before it saved.
    expect(journal.entries()).toEqual([]);
    journal.record({
      key: 'unit:MN001:2023-12-02',
      at: vietnamInstant('2023-12-02', 8),
      unitCode: 'MN001',
      periodIds: ['BCN-2023'],
      kind: 'reminder',
      recipients: ['mn001@example.edu.vn'],
    });
    const outcome = await hannop('new-year', '--workbook', 'dot.xlsx', '--year', '2024');
    expect(outcome.stderr).toBe('');
    expect(outcome.stdout).toContain(
      'Đã ghi 1 thư đã gửi mà «Nhật ký thư» chưa ghi (một lần chạy trước bị dừng giữa chừng) vào «Nhật ký thư» ' +
        'của năm 2023 trước khi lưu trữ.\n',
    );
    const logged = (file: string) =>
      sheets(file).then((tables) =>
        readRecords(tables.get(SHEET.mailLog), SHEET.mailLog, { required: [] }).map((record) => ({
          key: cellText(record.get(MAIL_LOG_COLUMNS.key)),
          periods: cellText(record.get(MAIL_LOG_COLUMNS.periodId)),
          result: cellText(record.get(MAIL_LOG_COLUMNS.result)),
        })),
      );
    expect(await logged('dot-2023.xlsx')).toContainEqual({
      key: 'unit:MN001:2023-12-02',
      periods: 'BCN-2023',
      result: 'Đã gửi',
    });
    expect(existsSync(journalPathFor(join(dir, 'dot.xlsx')))).toBe(false);

    const run = await hannop('run', '--workbook', 'dot.xlsx', '--as-of', '2024-01-05', '--outbox', 'thu');
    expect(run.stderr).toBe('');
    expect((await logged('dot.xlsx')).filter((row) => /2023/.test(`${row.key} ${row.periods}`))).toEqual([]);
  });

  it('never overwrites an archive that is there', async () => {
    expect((await hannop('init', '--workbook', 'dot.xlsx', '--demo')).code).toBe(0);
    expect((await hannop('init', '--workbook', 'dot-2023.xlsx')).code).toBe(0);
    const before = await sheets('dot-2023.xlsx');
    expect(await hannop('new-year', '--workbook', 'dot.xlsx', '--year', '2024')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Lỗi: Đã có tệp lưu trữ «dot-2023.xlsx»; hannop new-year không ghi đè. Nếu lần chạy trước bị dừng giữa chừng, ' +
        '«dot.xlsx» vẫn là năm 2023 như cũ: xóa hoặc đổi tên «dot-2023.xlsx» rồi chạy lại.\n',
    });
    expect(await sheets('dot-2023.xlsx')).toEqual(before);
  });

  it('killed after the archive and before the workbook: the workbook is the old year whole, the archive too, and the next run says so', async () => {
    await yearWithRecords();
    const before = await sheets('dot.xlsx');
    // The process dies while the turned-over workbook is being saved: the rename never happens.
    jest.spyOn(XlsxWorkbook.prototype, 'save').mockRejectedValueOnce(new Error('killed'));
    expect((await hannop('new-year', '--workbook', 'dot.xlsx', '--year', '2024')).code).toBe(2);
    expect(await sheets('dot.xlsx')).toEqual(before);
    const archive = await sheets('dot-2023.xlsx');
    expect(archive.get(SHEET.submissions)?.rows).toEqual(before.get(SHEET.submissions)?.rows);
    const next = await hannop('new-year', '--workbook', 'dot.xlsx', '--year', '2024');
    expect(next.stderr).toContain(
      '«dot.xlsx» vẫn là năm 2023 như cũ: xóa hoặc đổi tên «dot-2023.xlsx» rồi chạy lại.',
    );
    rmSync(join(dir, 'dot-2023.xlsx'));
    expect((await hannop('new-year', '--workbook', 'dot.xlsx', '--year', '2024')).code).toBe(0);
  });
});
