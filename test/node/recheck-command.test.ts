// `hannop recheck`: «Xử lý lại toàn bộ» offline. The defect of issue 12: a response held because its
// sender's address was unknown stayed held after the address was registered in `Đơn vị`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHEET, SUBMISSION_COLUMNS, UNIT_COLUMNS } from '../../src/domain/layout';
import { OUTCOME_LABEL, REVIEW_LABEL } from '../../src/domain/submissions';
import { vietnamInstant } from '../../src/domain/time';
import type { Table } from '../../src/ports';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';
import { runCli, type CliOutcome } from './cli-runner';

jest.setTimeout(60_000);

/** The demo's ninth school (THCS009) sends its plan from this address, which `Đơn vị` does not know. */
const STRANGER = 'canhan8@mail.example.com';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hannop-recheck-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function hannop(...argv: string[]): Promise<CliOutcome> {
  return runCli(argv, { now: () => vietnamInstant('2023-04-02', 9), cwd: dir });
}

async function sheet(name: string): Promise<Table> {
  const workbook = await XlsxWorkbook.open(join(dir, 'dot.xlsx'));
  return workbook.read([name]).get(name)!;
}

function cell(table: Table, row: readonly unknown[], column: string): string {
  return String(row[table.headers.indexOf(column)] ?? '');
}

/** The rows of `Bài nộp` of one unit's plan, as (outcome, review, review note). */
async function planRows(unitCode: string): Promise<string[][]> {
  const table = await sheet(SHEET.submissions);
  return table.rows
    .filter(
      (row) =>
        cell(table, row, SUBMISSION_COLUMNS.unitCode) === unitCode &&
        cell(table, row, SUBMISSION_COLUMNS.periodId) === 'KH-2023',
    )
    .map((row) => [
      cell(table, row, SUBMISSION_COLUMNS.outcome),
      cell(table, row, SUBMISSION_COLUMNS.review),
      cell(table, row, SUBMISSION_COLUMNS.reviewNote),
    ]);
}

/** Edits the workbook as the officer would in a spreadsheet program: one cell of one sheet. */
async function editCell(
  name: string,
  matches: (table: Table, row: readonly unknown[]) => boolean,
  column: string,
  value: (before: string) => string,
): Promise<void> {
  const workbook = await XlsxWorkbook.open(join(dir, 'dot.xlsx'));
  const table = workbook.read([name]).get(name)!;
  const at = table.headers.indexOf(column);
  const rows = table.rows.map((row) =>
    matches(table, row) ? row.map((each, index) => (index === at ? value(String(each ?? '')) : each)) : row,
  );
  expect(rows).not.toEqual(table.rows);
  workbook.write([{ kind: 'replace', sheet: name, headers: table.headers, rows }]);
  await workbook.save();
}

describe('hannop recheck', () => {
  it('judges a held response once its sender is registered, keeping the department’s reviews', async () => {
    expect((await hannop('init', '--workbook', 'dot.xlsx', '--demo')).code).toBe(0);
    expect((await hannop('run', '--workbook', 'dot.xlsx', '--outbox', 'thu')).code).toBe(0);
    expect(await planRows('THCS009')).toEqual([[OUTCOME_LABEL.held, REVIEW_LABEL.pending, '']]);

    // The department reviews one plan and registers the stranger's address as the school's.
    await editCell(
      SHEET.submissions,
      (table, row) =>
        cell(table, row, SUBMISSION_COLUMNS.unitCode) === 'MN001' &&
        cell(table, row, SUBMISSION_COLUMNS.periodId) === 'KH-2023',
      SUBMISSION_COLUMNS.review,
      () => REVIEW_LABEL.approved,
    );
    await editCell(
      SHEET.units,
      (table, row) => cell(table, row, UNIT_COLUMNS.code) === 'THCS009',
      UNIT_COLUMNS.emails,
      (before) => `${before}; ${STRANGER}`,
    );

    // The daily run takes in only new or changed responses: the held one stays held.
    expect((await hannop('run', '--workbook', 'dot.xlsx', '--outbox', 'thu')).code).toBe(0);
    expect(await planRows('THCS009')).toEqual([[OUTCOME_LABEL.held, REVIEW_LABEL.pending, '']]);

    const outcome = await hannop('recheck', '--workbook', 'dot.xlsx');
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    expect(await planRows('THCS009')).toEqual([[OUTCOME_LABEL.accepted, REVIEW_LABEL.pending, '']]);
    expect(await planRows('MN001')).toEqual([[OUTCOME_LABEL.accepted, REVIEW_LABEL.approved, '']]);

    // What it says is counted from the sheet it wrote.
    const submissions = await sheet(SHEET.submissions);
    const count = (label: string) =>
      submissions.rows.filter((row) => cell(submissions, row, SUBMISSION_COLUMNS.outcome) === label).length;
    expect(outcome.stdout).toBe(
      `Đã xử lý lại ${submissions.rows.length} phản hồi: hợp lệ ${count(OUTCOME_LABEL.accepted)}, ` +
        `không hợp lệ ${count(OUTCOME_LABEL.rejected)}, chờ xác minh ${count(OUTCOME_LABEL.held)}.\n` +
        'Đã cập nhật «Bài nộp», «Tổng hợp», «Thống kê» và «Số liệu».\n',
    );
  });

  it('sends no mail: the next run sends what the new judgement makes due', async () => {
    expect((await hannop('init', '--workbook', 'dot.xlsx', '--demo')).code).toBe(0);
    expect((await hannop('run', '--workbook', 'dot.xlsx', '--outbox', 'thu')).code).toBe(0);
    const logged = (await sheet(SHEET.mailLog)).rows.length;
    expect((await hannop('recheck', '--workbook', 'dot.xlsx')).code).toBe(0);
    expect((await sheet(SHEET.mailLog)).rows).toHaveLength(logged);
  });

  it('refuses a workbook that is not there, a missing --workbook, an unknown option and a bad --as-of', async () => {
    expect(await hannop('recheck', '--workbook', 'khong-co.xlsx')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Lỗi: Không tìm thấy bảng tính «khong-co.xlsx».\n',
    });
    const usage =
      'Cách dùng:\n  hannop recheck --workbook FILE [--as-of YYYY-MM-DD[THH:mm]]\n' +
      '                (xử lý lại mọi phản hồi theo danh sách đơn vị và biểu mẫu hiện tại, giữ các đánh giá)\n';
    expect(await hannop('recheck')).toEqual({
      code: 1,
      stdout: '',
      stderr: `Lỗi: Thiếu tùy chọn --workbook.\n${usage}`,
    });
    expect(await hannop('recheck', '--workbook', 'dot.xlsx', '--outbox', 'thu')).toEqual({
      code: 1,
      stdout: '',
      stderr: `Lỗi: Lệnh «hannop recheck» không có tùy chọn «--outbox».\n${usage}`,
    });
    expect((await hannop('init', '--workbook', 'dot.xlsx')).code).toBe(0);
    expect(await hannop('recheck', '--workbook', 'dot.xlsx', '--as-of', '02/04/2023')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Lỗi: --as-of «02/04/2023» không hợp lệ; ghi YYYY-MM-DD hoặc YYYY-MM-DDTHH:mm (giờ Việt Nam).\n',
    });
  });
});
