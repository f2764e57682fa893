// The daily run with a quota too small for the campaign: a unit whose notice waits more than a day
// is named in the department's digest, which goes ahead of the backlog.
import { runDaily } from '../../src/app/daily-run';
import { sheetResponseSource } from '../../src/app/sheet-response-source';
import { MAIL_LOG_COLUMNS, SHEET } from '../../src/domain/layout';
import { cellText } from '../../src/domain/table';
import { makeUnit } from '../fakes/campaign-fixture';
import { at, campaignTables, MAIL_CONFIG } from '../fakes/mail-fixture';
import { MemoryLock } from '../fakes/memory-lock';
import { MemoryWorkbook } from '../fakes/memory-workbook';
import { RecordingMailer } from '../fakes/recording-mailer';
import { recordsOf } from '../fakes/tables';

const UNITS = [
  makeUnit({ code: 'MNHM', name: 'Trường Mầm non Hoa Mai', emails: ['hieutruong@mnhoamai.example.edu.vn'] }),
  makeUnit({
    code: 'THDD',
    name: 'Trường Tiểu học Đặng Đức',
    emails: ['hieutruong@thdd.example.edu.vn', 'vanthu@thdd.example.edu.vn'],
  }),
  makeUnit({ code: 'THCSLQD', name: 'Trường THCS Lê Quý Đôn' }),
];

function dailyRun(workbook: MemoryWorkbook, lock: MemoryLock, mailer: RecordingMailer, asOf: string) {
  const moment = at(asOf);
  return runDaily({ workbook, lock, mailer, clock: { now: () => moment } }, sheetResponseSource, {
    asOf: moment,
    sendUntil: new Date(moment.getTime() + 4 * 60_000),
  });
}

function logResults(workbook: MemoryWorkbook): Record<string, string> {
  const table = workbook.table(SHEET.mailLog);
  return Object.fromEntries(
    (table ? recordsOf(table, { required: [] }) : []).map((record) => [
      cellText(record.get(MAIL_LOG_COLUMNS.key)),
      cellText(record.get(MAIL_LOG_COLUMNS.result)),
    ]),
  );
}

describe('the daily run with a short quota', () => {
  it('names in the digest the unit whose notice waited more than a day, before the backlog', () => {
    const workbook = new MemoryWorkbook(campaignTables(UNITS));
    const lock = new MemoryLock();
    // One recipient a day beyond `Dự trữ hạn mức thư`: Đặng Đức's notice (two addresses) never fits.
    const mailer = new RecordingMailer(MAIL_CONFIG.mailQuotaReserve + 1);
    for (const day of ['2023-03-31', '2023-04-01']) {
      dailyRun(workbook, lock, mailer, `${day}T07:00`);
      mailer.nextDay();
    }
    expect(logResults(workbook)).toMatchObject({
      'unit:THDD:2023-03-31': 'Chờ gửi',
      'digest:2023-03-31': 'Chờ gửi',
    });

    const sentBefore = mailer.sent.length;
    const summary = dailyRun(workbook, lock, mailer, '2023-04-02T07:00');
    expect(summary.mail.mail.map((mail) => `${mail.key} ${mail.status}`)[0]).toBe('digest:2023-03-31 sent');
    const digest = mailer.sent[sentBefore];
    expect(digest?.to).toEqual(['tonghop@pgd.example.edu.vn']);
    expect(digest?.textBody).toContain(
      '- Trường Tiểu học Đặng Đức (THDD): thư «Quá hạn» chờ gửi từ 31/03/2023, đã 2 ngày.',
    );
  });
});
