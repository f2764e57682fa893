// `Nhật ký` as the officer's audit trail on the command line: one row for `init` and one per run
// with its counts, one per refused action (real mail with the example contact); a refused import file is told to the
// person at the command line and leaves the workbook byte for byte as it was.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLAN_FORM, responseColumns } from '../../src/domain/forms';
import { EVENT_LOG_COLUMNS, SHEET } from '../../src/domain/layout';
import { cellText, readRecords } from '../../src/domain/table';
import { vietnamInstant } from '../../src/domain/time';
import { formatCsv } from '../../src/node/csv';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';
import { runCli, type CliOutcome } from './cli-runner';

jest.setTimeout(60_000);

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hannop-audit-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function hannop(...argv: string[]): Promise<CliOutcome> {
  return runCli(argv, { now: () => vietnamInstant('2023-04-02', 9), cwd: dir });
}

async function eventLog(): Promise<{ level: string; job: string; message: string }[]> {
  const workbook = await XlsxWorkbook.open(join(dir, 'w.xlsx'));
  const table = workbook.read([SHEET.eventLog]).get(SHEET.eventLog);
  if (!table) return [];
  return readRecords(table, SHEET.eventLog, { required: [] }).map((record) => ({
    level: cellText(record.get(EVENT_LOG_COLUMNS.level)),
    job: cellText(record.get(EVENT_LOG_COLUMNS.job)),
    message: cellText(record.get(EVENT_LOG_COLUMNS.message)),
  }));
}

describe('Nhật ký on the command line', () => {
  it('has the row of init: what it made, in counts, run from the command line, and when', async () => {
    writeFileSync(
      join(dir, 'donvi.csv'),
      formatCsv([
        ['Mã đơn vị', 'Tên đơn vị', 'Cấp học', 'Loại hình', 'Phường/Xã', 'Email', 'Đang hoạt động'],
        ['MNHM', 'Mầm non Hoa Mai', 'Mầm non', 'Công lập', 'Phường An Khánh', 'hoamai@example.edu.vn', 'Có'],
        [
          'THDD',
          'Tiểu học Đặng Đức',
          'Tiểu học',
          'Công lập',
          'Phường An Khánh',
          'dangduc@example.edu.vn',
          'Có',
        ],
        ['THCU', 'Tiểu học Cũ', 'Tiểu học', 'Công lập', 'Phường An Khánh', 'cu@example.edu.vn', 'Không'],
      ]),
    );
    expect((await hannop('init', '--workbook', 'w.xlsx', '--units', 'donvi.csv')).code).toBe(0);
    const workbook = await XlsxWorkbook.open(join(dir, 'w.xlsx'));
    const table = workbook.read([SHEET.eventLog]).get(SHEET.eventLog);
    expect(table?.rows).toEqual([
      [
        vietnamInstant('2023-04-02', 9),
        'Thông tin',
        'Khởi tạo bảng tính',
        `Tạo ${workbook.sheetNames().length} trang, 0 trang đã có; đặt 4 danh sách chọn; ` +
          '«Đơn vị» có 3 đơn vị (2 đang hoạt động); tạo mã xác nhận cho 3 đơn vị; ' +
          '«Biểu mẫu»: chưa có (chạy «Thiết lập ban đầu» trên Google để tạo biểu mẫu); ' +
          'người chạy: dòng lệnh (hannop init, không có địa chỉ email).',
      ],
    ]);
    expect(workbook.sheetNames()).toHaveLength(15);
  });

  it("has the demo's example forms in init's row", async () => {
    expect((await hannop('init', '--workbook', 'w.xlsx', '--demo')).code).toBe(0);
    expect(await eventLog()).toEqual([
      {
        level: 'Thông tin',
        job: 'Khởi tạo bảng tính',
        message: expect.stringContaining('; «Biểu mẫu»: 2 biểu mẫu ví dụ; người chạy: dòng lệnh'),
      },
    ]);
  });

  it('has one row per run, with what the run did in counts', async () => {
    expect((await hannop('init', '--workbook', 'w.xlsx', '--demo')).code).toBe(0);
    for (const asOf of ['2023-03-25T08:00', '2023-03-31T08:00', '2023-04-01T08:00']) {
      const outcome = await hannop('run', '--workbook', 'w.xlsx', '--as-of', asOf);
      expect(outcome.stderr).toBe('');
      expect(outcome.code).toBe(0);
    }
    const log = await eventLog();
    expect(log[0]?.job).toBe('Khởi tạo bảng tính');
    const runs = log.filter((row) => row.job === 'Chạy hằng ngày');
    expect(runs).toHaveLength(3);
    for (const row of runs) {
      expect(row.message).toMatch(
        /^Đã đọc \d+ phản hồi; ghi \d+ lần nộp vào «Bài nộp»(; \d+ phản hồi lỗi)?; thư: \d+ đã gửi, \d+ chờ gửi, \d+ lỗi\.$/,
      );
    }
    // The first run found the demo's responses and sent the mail due; the third had less to do.
    expect(runs[0]?.message).not.toMatch(/^Đã đọc 0 /);
    expect(runs[0]?.message).not.toMatch(/thư: 0 đã gửi/);
  });

  it('records the refusal to send real mail while Cấu hình holds the example contact', async () => {
    expect((await hannop('init', '--workbook', 'w.xlsx', '--demo')).code).toBe(0);
    // Refused before any connection: no server is needed.
    const refused = await hannop('run', '--workbook', 'w.xlsx', '--smtp', 'smtp://127.0.0.1:1');
    expect(refused.code).toBe(1);
    expect((await eventLog()).slice(1)).toEqual([
      {
        level: 'Cảnh báo',
        job: 'Chạy hằng ngày',
        message: `Từ chối: ${refused.stderr.replace(/^Lỗi: /, '').trim()}`,
      },
    ]);
  });

  it('leaves the workbook byte for byte as it was when a file is refused (no Nhật ký row: the person is told)', async () => {
    expect((await hannop('init', '--workbook', 'w.xlsx', '--demo')).code).toBe(0);
    writeFileSync(
      join(dir, 'kh.csv'),
      formatCsv([
        responseColumns(PLAN_FORM),
        ['31/02/2023 10:00:00', 'a@b.example.com', 'MNHM - Mầm non Hoa Mai'],
      ]),
    );
    const before = readFileSync(join(dir, 'w.xlsx'));
    const refused = await hannop('import', '--workbook', 'w.xlsx', '--form', 'ke-hoach', '--csv', 'kh.csv');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'Lỗi: «kh.csv», dòng 2, cột «Dấu thời gian»: «31/02/2023 10:00:00» không phải là dấu thời gian hợp lệ (dd/MM/yyyy HH:mm:ss).\n',
    );
    expect(readFileSync(join(dir, 'w.xlsx')).equals(before)).toBe(true);
  });
});
