import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { RETURNED_UNIT_INDEX } from '../../src/demo/campaign';
import { demoUnits } from '../../src/demo/units';
import { EVENT_LOG_COLUMNS, MAIL_LOG_COLUMNS, SHEET, SUBMISSION_COLUMNS } from '../../src/domain/layout';
import { MAIL_KIND_LABEL } from '../../src/domain/mail';
import { readRecords, cellText, type Table } from '../../src/domain/table';
import { vietnamInstant } from '../../src/domain/time';
import { PLAYER_JOB } from '../../src/node/commands/play';
import { FileMailJournal } from '../../src/node/file-mail-journal';
import { emlFileNameFor } from '../../src/node/outbox-mailer';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';
import { runCli, type CliOutcome } from './cli-runner';

// Playing months of a campaign on an .xlsx file takes a few seconds per call.
jest.setTimeout(120_000);

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hannop-play-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function hannop(...argv: string[]): Promise<CliOutcome> {
  return runCli(argv, { now: () => vietnamInstant('2026-11-27', 9), cwd: dir });
}

async function sheet(name: string): Promise<Table> {
  const workbook = await XlsxWorkbook.open(join(dir, 'data', 'demo.xlsx'));
  const table = workbook.read([name]).get(name);
  if (!table) throw new Error(`no sheet ${name}`);
  return table;
}

async function records(name: string) {
  return readRecords(await sheet(name), name, { required: [] });
}

function outbox(): string[] {
  const path = join(dir, 'data', 'outbox');
  return existsSync(path) ? readdirSync(path).filter((file) => file.endsWith('.eml')) : [];
}

describe('hannop demo: the demo campaign played day by day', () => {
  it('plays the plan period: submissions, receipts, reminders, the late and the held, and stops where asked', async () => {
    const first = await hannop('demo', '--to', '2023-04-05');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const lines = first.stdout.split('\n');
    expect(lines[0]).toBe(
      `Đã tạo bảng tính mẫu «${join('data', 'demo.xlsx')}» (đợt thu 2023, đơn vị giả định).`,
    );
    expect(lines[1]).toBe('Chạy đợt thu từ 14/03/2023 đến 05/04/2023, mỗi ngày lúc 7 giờ và cuối ngày:');
    // The day the wrong answers came in, and the day after the deadline.
    expect(first.stdout).toMatch(
      /^24\/03\/2023 {2}8 bài nộp \(hợp lệ 2, không hợp lệ 6, chờ xác minh 0\) · thư: gửi \d+$/m,
    );
    expect(first.stdout).toMatch(/^31\/03\/2023 {2}thư: gửi \d+$/m);
    expect(first.stdout).toContain(`Thư đã gửi (tệp .eml): ${join('data', 'outbox')}`);
    expect(first.stdout).toContain(`Bảng điều khiển: ${join('data', 'dashboard.html')}`);
    expect(existsSync(join(dir, 'data', 'dashboard.html'))).toBe(true);

    // Every message the log calls sent is a file in the outbox, and the other way round.
    const mailLog = await records(SHEET.mailLog);
    const sent = mailLog.filter((record) => cellText(record.get(MAIL_LOG_COLUMNS.result)) === 'Đã gửi');
    expect(outbox()).toHaveLength(sent.length);
    const kinds = new Set(sent.map((record) => cellText(record.get(MAIL_LOG_COLUMNS.kind))));
    expect(kinds).toEqual(
      new Set([
        MAIL_KIND_LABEL.receipt,
        MAIL_KIND_LABEL.needs_fix,
        MAIL_KIND_LABEL.reminder,
        MAIL_KIND_LABEL.overdue,
        MAIL_KIND_LABEL.digest,
        MAIL_KIND_LABEL.opening,
      ]),
    );
    // No unit hears twice on one day.
    const perUnitDay = new Set<string>();
    for (const record of sent) {
      const unit = cellText(record.get(MAIL_LOG_COLUMNS.unitCode));
      const kind = cellText(record.get(MAIL_LOG_COLUMNS.kind));
      if (unit === '' || kind === MAIL_KIND_LABEL.receipt) continue;
      const key = `${unit} ${cellText(record.get(MAIL_LOG_COLUMNS.key)).split(':')[2] ?? ''}`;
      expect(perUnitDay.has(key)).toBe(false);
      perUnitDay.add(key);
    }

    const register = await records(SHEET.submissions);
    const outcomes = register.map((record) => cellText(record.get(SUBMISSION_COLUMNS.outcome)));
    expect(new Set(outcomes)).toEqual(new Set(['Hợp lệ', 'Không hợp lệ', 'Chờ xác minh']));
    // The department approved the early plans on 04/04.
    expect(
      register.filter((record) => cellText(record.get(SUBMISSION_COLUMNS.review)) === 'Đạt').length,
    ).toBe(18);
  });

  it('continues from where the workbook stopped, adds nothing twice, and starts over with --reset', async () => {
    await hannop('demo', '--to', '2023-03-20');
    const filesBefore = outbox().length;
    const responsesBefore = (await sheet('Phản hồi Kế hoạch')).rows.length;

    const same = await hannop('demo', '--to', '2023-03-20');
    expect(same.code).toBe(0);
    expect(same.stdout.split('\n')[0]).toBe(
      'Đợt thu mẫu đã chạy đến hết ngày 20/03/2023; dùng --to để chạy tiếp hoặc --reset để chạy lại từ đầu.',
    );
    expect(outbox()).toHaveLength(filesBefore);
    expect((await sheet('Phản hồi Kế hoạch')).rows.length).toBe(responsesBefore);

    const next = await hannop('demo', '--from', '2023-03-15', '--to', '2023-03-24');
    expect(next.stdout.split('\n').slice(0, 2)).toEqual([
      'Đã chạy đến hết ngày 20/03/2023: tiếp tục từ 21/03/2023 (--reset để chạy lại từ đầu).',
      'Chạy đợt thu từ 21/03/2023 đến 24/03/2023, mỗi ngày lúc 7 giờ và cuối ngày:',
    ]);
    const register = await records(SHEET.submissions);
    const ids = register.map((record) => cellText(record.get(SUBMISSION_COLUMNS.responseId)));
    expect(new Set(ids).size).toBe(ids.length);
    const progress = (await records(SHEET.eventLog)).filter(
      (record) => cellText(record.get(EVENT_LOG_COLUMNS.job)) === PLAYER_JOB,
    );
    expect(progress.map((record) => cellText(record.get(EVENT_LOG_COLUMNS.message)))).toEqual([
      'Đã chạy đến hết ngày 20/03/2023.',
      'Đã chạy đến hết ngày 24/03/2023.',
    ]);

    const reset = await hannop('demo', '--reset', '--to', '2023-03-16');
    expect(reset.stdout.split('\n')[1]).toBe(
      'Chạy đợt thu từ 14/03/2023 đến 16/03/2023, mỗi ngày lúc 7 giờ và cuối ngày:',
    );
    expect((await records(SHEET.submissions)).length).toBeLessThan(register.length);
  });

  it('returns one report for correction, mails the school once, and takes the corrected version', async () => {
    const returned = demoUnits()[RETURNED_UNIT_INDEX];
    if (!returned) throw new Error('no returned unit');
    await hannop('demo', '--from', '2023-04-10', '--to', '2023-04-26');
    const mailLog = await records(SHEET.mailLog);
    const returns = mailLog.filter(
      (record) => cellText(record.get(MAIL_LOG_COLUMNS.kind)) === MAIL_KIND_LABEL.returned,
    );
    expect(returns.map((record) => cellText(record.get(MAIL_LOG_COLUMNS.unitCode)))).toEqual([returned.code]);
    const messages = await Promise.all(
      outbox().map((name) => simpleParser(readFileSync(join(dir, 'data', 'outbox', name)))),
    );
    const quoting = messages.filter((message) =>
      (message.text ?? '').includes('bổ sung số buổi tiếp công dân'),
    );
    // The return itself that evening; the reminder schedule's next day for the period repeats the note.
    expect(quoting.map((message) => message.subject)).toEqual([
      `Yêu cầu bổ sung Báo cáo 6 tháng đầu năm 2023 – ${returned.name}`,
      `Cần bổ sung Báo cáo 6 tháng đầu năm 2023 – ${returned.name}`,
    ]);
    const returnedMail = quoting.slice(0, 1);
    const to = returnedMail[0]?.to;
    expect(to && !Array.isArray(to) ? to.text : '').toContain(returned.emails[0]);
    const rows = (await records(SHEET.submissions)).filter(
      (record) =>
        cellText(record.get(SUBMISSION_COLUMNS.unitCode)) === returned.code &&
        cellText(record.get(SUBMISSION_COLUMNS.periodId)) === 'BC6T-2023',
    );
    expect(rows.map((record) => cellText(record.get(SUBMISSION_COLUMNS.review)))).toEqual([
      'Yêu cầu bổ sung',
      'Chờ duyệt',
    ]);
    const summary = await records(SHEET.summary);
    const unitRow = summary.find((record) => cellText(record.get('Mã đơn vị')) === returned.code);
    expect(cellText(unitRow?.get('BC6T-2023 – Tình trạng') ?? null)).toBe('Đã nộp');
  });

  it('refuses a bad day, an inverted window and SMTP, creating nothing', async () => {
    const bad = await hannop('demo', '--from', '31/03/2023');
    expect(bad).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Lỗi: --from «31/03/2023» không hợp lệ; ghi ngày dạng YYYY-MM-DD.\n',
    });
    const inverted = await hannop('demo', '--from', '2023-04-02', '--to', '2023-04-01');
    expect(inverted.stderr).toBe('Lỗi: --from 02/04/2023 sau --to 01/04/2023.\n');
    expect(inverted.code).toBe(1);
    const smtp = await hannop('demo', '--smtp', 'smtp://127.0.0.1:2525');
    // --smtp is not in demo's usage line: refused as an option demo does not have, with that line.
    expect(smtp.stderr).toBe(
      'Lỗi: Lệnh «hannop demo» không có tùy chọn «--smtp».\nCách dùng:\n' +
        '  hannop demo   [--workbook FILE] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--reset] [--outbox DIR]\n' +
        '                (npm start: chạy đợt thu mẫu từng ngày trên data/demo.xlsx, thư vào data/outbox/)\n',
    );
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('does not send again a message the send journal holds (a demo killed before its save)', async () => {
    // The workbook as a demo finds it before its first day: created, nothing played yet.
    expect((await hannop('demo', '--to', '2023-03-13')).code).toBe(0);
    const workbookPath = join(dir, 'data', 'demo.xlsx');
    copyFileSync(workbookPath, join(dir, 'before.xlsx'));
    expect((await hannop('demo', '--to', '2023-03-20')).code).toBe(0);
    const [sent] = await records(SHEET.mailLog);
    if (!sent) throw new Error('the demo sent nothing');
    const key = cellText(sent.get(MAIL_LOG_COLUMNS.key));
    expect(outbox()).toContain(emlFileNameFor(key));
    // Killed right after that message went: the workbook was never saved, the journal was.
    copyFileSync(join(dir, 'before.xlsx'), workbookPath);
    rmSync(join(dir, 'data', 'outbox'), { recursive: true, force: true });
    new FileMailJournal(`${workbookPath}.mail-journal`).record({
      key,
      at: vietnamInstant('2023-03-14', 7),
      unitCode: cellText(sent.get(MAIL_LOG_COLUMNS.unitCode)),
      periodIds: cellText(sent.get(MAIL_LOG_COLUMNS.periodId)).split(', ').filter(Boolean),
      kind: 'opening',
      recipients: cellText(sent.get(MAIL_LOG_COLUMNS.recipients)).split(', '),
    });
    const again = await hannop('demo', '--to', '2023-03-20');
    expect(again.code).toBe(0);
    expect(outbox()).not.toContain(emlFileNameFor(key));
    const logged = (await records(SHEET.mailLog)).find(
      (row) => cellText(row.get(MAIL_LOG_COLUMNS.key)) === key,
    );
    expect(cellText(logged?.get(MAIL_LOG_COLUMNS.result) ?? null)).toBe('Đã gửi');
    // Saved in `Nhật ký thư`, the entry is forgotten.
    expect(existsSync(join(dir, 'data', 'demo.xlsx.mail-journal'))).toBe(false);
  });
});
