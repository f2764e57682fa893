import { sendMail, type SendMailOptions } from '../../src/app/send-mail';
import { EVENT_LOG_COLUMNS, MAIL_LOG_COLUMNS, SHEET } from '../../src/domain/layout';
import { cellText } from '../../src/domain/table';
import { MailAppMailer } from '../../src/gas/mailapp-mailer';
import type { Clock, Mailer } from '../../src/ports';
import { makeUnit } from '../fakes/campaign-fixture';
import { FakeMailApp } from '../fakes/mail-app';
import {
  at,
  campaignTables,
  FILLED_MAIL_CONFIG,
  MAIL_CONFIG,
  type SubmissionFields,
} from '../fakes/mail-fixture';
import { MemoryLock } from '../fakes/memory-lock';
import { MemoryWorkbook } from '../fakes/memory-workbook';
import { RecordingMailer } from '../fakes/recording-mailer';
import { makeTable, recordsOf } from '../fakes/tables';

const HOA_MAI = makeUnit({
  code: 'MNHM',
  name: 'Trường Mầm non Hoa Mai',
  emails: ['hieutruong@mnhoamai.example.edu.vn'],
});
const DANG_DUC = makeUnit({
  code: 'THDD',
  name: 'Trường Tiểu học Đặng Đức',
  emails: ['hieutruong@thdd.example.edu.vn', 'vanthu@thdd.example.edu.vn'],
});
const LE_QUY_DON = makeUnit({ code: 'THCSLQD', name: 'Trường THCS Lê Quý Đôn' });
const UNITS = [HOA_MAI, DANG_DUC, LE_QUY_DON];

function setup(register?: readonly SubmissionFields[]) {
  const workbook = new MemoryWorkbook(campaignTables(UNITS, register));
  const lock = new MemoryLock();
  return { workbook, lock };
}

function run(
  ports: { workbook: MemoryWorkbook; lock: MemoryLock },
  mailer: Mailer,
  asOf: string,
  options: Partial<SendMailOptions> = {},
) {
  return sendMail({ ...ports, mailer }, { asOf: at(asOf), quotaReserve: 0, ...options });
}

/** `key → Kết quả` of every row of `Nhật ký thư`. */
function logResults(workbook: MemoryWorkbook): Record<string, string> {
  const table = workbook.table(SHEET.mailLog);
  if (!table) return {};
  return Object.fromEntries(
    recordsOf(table, { required: [] }).map((record) => [
      cellText(record.get(MAIL_LOG_COLUMNS.key)) || `(row ${record.rowNumber})`,
      cellText(record.get(MAIL_LOG_COLUMNS.result)),
    ]),
  );
}

function events(workbook: MemoryWorkbook): string[] {
  const table = workbook.table(SHEET.eventLog);
  if (!table) return [];
  return recordsOf(table).map(
    (record) =>
      `${cellText(record.get(EVENT_LOG_COLUMNS.level))}: ${cellText(record.get(EVENT_LOG_COLUMNS.message))}`,
  );
}

describe('sendMail', () => {
  it('sends what is due, logs each message by its key, with one read and one write', () => {
    const ports = setup();
    const mailer = new RecordingMailer();
    const summary = run(ports, mailer, '2023-03-31T07:00');

    expect(summary.mail.map((mail) => [mail.kind, mail.unit ?? '—', mail.to.join(','), mail.status])).toEqual(
      [
        ['overdue', 'MNHM', 'hieutruong@mnhoamai.example.edu.vn', 'sent'],
        ['overdue', 'THCSLQD', 'thcslqd@truong.example.edu.vn', 'sent'],
        ['overdue', 'THDD', 'hieutruong@thdd.example.edu.vn,vanthu@thdd.example.edu.vn', 'sent'],
        ['digest', '—', 'tonghop@pgd.example.edu.vn', 'sent'],
      ],
    );
    expect(summary).toMatchObject({ sent: 4, queued: 0, failed: 0, stoppedBy: null, dryRun: false });
    expect(summary.mail[0]).toEqual({
      key: 'unit:MNHM:2023-03-31',
      to: ['hieutruong@mnhoamai.example.edu.vn'],
      unit: 'MNHM',
      periods: ['KH-2023'],
      kind: 'overdue',
      subject: 'Quá hạn nộp Kế hoạch năm 2023 – Trường Mầm non Hoa Mai',
      status: 'sent',
    });
    expect(mailer.sent[0]).toMatchObject({
      senderName: 'Phòng Giáo dục và Đào tạo thành phố Thủ Đức',
      replyTo: 'phutrach@pgd.example.edu.vn',
    });
    expect(ports.workbook.reads).toHaveLength(1);
    expect(ports.workbook.writes).toHaveLength(1);
    expect(ports.workbook.writes[0]?.map((write) => `${write.kind} ${write.sheet}`)).toEqual([
      'replace Nhật ký thư',
    ]);

    const table = ports.workbook.table(SHEET.mailLog);
    expect(table?.headers).toEqual(Object.values(MAIL_LOG_COLUMNS));
    expect(table?.rows[0]).toEqual([
      at('2023-03-31T07:00'),
      'MNHM',
      'KH-2023',
      'Quá hạn',
      'hieutruong@mnhoamai.example.edu.vn',
      'Quá hạn nộp Kế hoạch năm 2023 – Trường Mầm non Hoa Mai',
      'Đã gửi',
      'unit:MNHM:2023-03-31',
    ]);
    expect(ports.lock.acquisitions).toBe(1);
  });

  it('sends nothing more when run again the same day, and writes nothing', () => {
    const ports = setup();
    const mailer = new RecordingMailer();
    run(ports, mailer, '2023-03-31T07:00');
    const again = run(ports, mailer, '2023-03-31T07:00');
    const later = run(ports, mailer, '2023-03-31T18:30');
    expect(again.mail).toEqual([]);
    expect(later.mail).toEqual([]);
    expect(mailer.sent).toHaveLength(4);
    expect(ports.workbook.writes).toHaveLength(1);
  });

  it('lets an overlapping run send nothing: it cannot take the lock', () => {
    const ports = setup();
    const mailer = new RecordingMailer();
    const overlapping: unknown[] = [];
    mailer.duringSend = () => {
      mailer.duringSend = undefined;
      try {
        run(ports, mailer, '2023-03-31T07:00');
      } catch (error) {
        overlapping.push(error);
      }
    };
    run(ports, mailer, '2023-03-31T07:00');
    expect(overlapping).toEqual([new Error('Lock timeout: another run holds the script lock.')]);
    expect(mailer.sent.map((mail) => mail.to[0])).toEqual([
      'hieutruong@mnhoamai.example.edu.vn',
      'thcslqd@truong.example.edu.vn',
      'hieutruong@thdd.example.edu.vn',
      'tonghop@pgd.example.edu.vn',
    ]);
    expect(run(ports, mailer, '2023-03-31T07:05').mail).toEqual([]);
  });

  it('logs a failed send as Lỗi, goes on with the others, and retries it on the next run', () => {
    const ports = setup();
    const mailer = new RecordingMailer();
    mailer.failWhen = (mail) =>
      mail.to.includes('hieutruong@mnhoamai.example.edu.vn') ? new Error('Invalid email: x') : undefined;
    const summary = run(ports, mailer, '2023-03-31T07:00');
    expect(summary).toMatchObject({ sent: 3, failed: 1, queued: 0 });
    expect(summary.mail.find((mail) => mail.unit === 'MNHM')).toMatchObject({
      status: 'failed',
      error: 'Invalid email: x',
    });
    expect(logResults(ports.workbook)['unit:MNHM:2023-03-31']).toBe('Lỗi');
    expect(events(ports.workbook)).toEqual([
      'Lỗi: Không gửi được thư «Quá hạn nộp Kế hoạch năm 2023 – Trường Mầm non Hoa Mai» đến hieutruong@mnhoamai.example.edu.vn: Invalid email: x. Thư sẽ được gửi lại ở lần chạy sau.',
    ]);

    mailer.failWhen = undefined;
    const retry = run(ports, mailer, '2023-04-01T07:00');
    // The 6-month report opens on 01/04: units not mailed in this run hear of it.
    expect(retry.mail.map((mail) => [mail.key, mail.status])).toEqual([
      ['unit:MNHM:2023-03-31', 'sent'],
      ['opening:THCSLQD:BC6T-2023', 'sent'],
      ['opening:THDD:BC6T-2023', 'sent'],
    ]);
    expect(logResults(ports.workbook)['unit:MNHM:2023-03-31']).toBe('Đã gửi');
    expect(ports.workbook.table(SHEET.mailLog)?.rows).toHaveLength(6);
  });

  it('within a small allowance sends the most urgent first, queues the rest and sends it first the next day', () => {
    const ports = setup([
      // Lê Quý Đôn must fix its plan; the others are overdue.
      {
        responseId: 'R1',
        unitCode: 'THCSLQD',
        periodId: 'KH-2023',
        submittedAt: at('2023-03-20T08:00'),
        outcome: 'rejected',
        problems: ['Lỗi'],
      },
    ]);
    // Two recipients a day: Đặng Đức has two addresses, so it does not fit after Hoa Mai, and
    // nothing after it is sent either: the order is kept.
    const mailer = new RecordingMailer(2);
    const first = run(ports, mailer, '2023-03-31T07:00');
    expect(first.mail.map((mail) => `${mail.kind} ${mail.unit ?? ''} ${mail.status}`)).toEqual([
      'overdue MNHM sent',
      'overdue THDD queued',
      'needs_fix THCSLQD queued',
      'digest  queued',
    ]);
    expect(first.stoppedBy).toBe('quota');
    expect(events(ports.workbook)).toEqual([
      'Cảnh báo: Hết hạn mức gửi thư trong ngày: đã gửi 1 thư, 3 thư chờ gửi ở lần chạy sau.',
    ]);
    expect(logResults(ports.workbook)).toEqual({
      'unit:MNHM:2023-03-31': 'Đã gửi',
      'unit:THDD:2023-03-31': 'Chờ gửi',
      'unit:THCSLQD:2023-03-31': 'Chờ gửi',
      'digest:2023-03-31': 'Chờ gửi',
    });

    mailer.nextDay();
    const second = run(ports, mailer, '2023-04-01T07:00');
    expect(second.mail.map((mail) => `${mail.key} ${mail.status}`)).toEqual([
      'unit:THDD:2023-03-31 sent',
      'unit:THCSLQD:2023-03-31 queued',
      'digest:2023-03-31 queued',
      'opening:MNHM:BC6T-2023 queued',
    ]);
    mailer.nextDay();
    // 02/04 is an overdue day again: the waiting mail goes first, the new notices wait. Lê Quý
    // Đôn's notice has waited two days: the digest that names it goes ahead of it.
    expect(run(ports, mailer, '2023-04-02T07:00').mail.map((mail) => `${mail.key} ${mail.status}`)).toEqual([
      'digest:2023-03-31 sent',
      'unit:THCSLQD:2023-03-31 sent',
      'opening:MNHM:BC6T-2023 queued',
      'unit:MNHM:2023-04-02 queued',
      'unit:THDD:2023-04-02 queued',
    ]);
  });

  it('keeps `Dự trữ hạn mức thư` of the allowance back by default', () => {
    const ports = setup();
    const mailer = new RecordingMailer(MAIL_CONFIG.mailQuotaReserve + 2);
    const summary = sendMail({ ...ports, mailer }, { asOf: at('2023-03-31T07:00') });
    expect(summary.mail.map((mail) => mail.status)).toEqual(['sent', 'sent', 'queued', 'queued']);
    expect(mailer.remainingDailyQuota()).toBe(MAIL_CONFIG.mailQuotaReserve);
  });

  it('closes a queued notice when the unit submits before it could go', () => {
    const ports = setup();
    const mailer = new RecordingMailer(1);
    run(ports, mailer, '2023-03-31T07:00');
    ports.workbook.setTable(
      campaignTables(UNITS, [
        {
          responseId: 'R1',
          unitCode: 'THDD',
          periodId: 'KH-2023',
          submittedAt: at('2023-03-31T10:00'),
          submitterEmail: 'vanthu@thdd.example.edu.vn',
        },
      ])[3] as ReturnType<typeof campaignTables>[number],
    );
    mailer.nextDay();
    const summary = run(ports, mailer, '2023-04-01T07:00');
    expect(summary.closed).toBe(1);
    expect(logResults(ports.workbook)['unit:THDD:2023-03-31']).toBe('Không cần gửi');
    expect(summary.mail.map((mail) => `${mail.key} ${mail.status}`)).toEqual([
      'unit:THCSLQD:2023-03-31 sent',
      'digest:2023-03-31 queued',
      'receipt:R1:v1 queued',
      'opening:MNHM:BC6T-2023 queued',
    ]);
  });

  it('sends only the kinds asked for; the rest waits for a run that sends every kind', () => {
    const ports = setup([
      {
        responseId: 'R1',
        unitCode: 'THDD',
        periodId: 'KH-2023',
        submittedAt: at('2023-03-31T06:30'),
        submitterEmail: 'vanthu@thdd.example.edu.vn',
      },
    ]);
    const mailer = new RecordingMailer();
    const receipts = run(ports, mailer, '2023-03-31T07:00', { kinds: ['receipt'] });
    expect(receipts.mail.map((mail) => `${mail.key} ${mail.status}`)).toEqual(['receipt:R1:v1 sent']);
    expect(mailer.sent.map((mail) => mail.to.join(','))).toEqual(['vanthu@thdd.example.edu.vn']);
    expect(logResults(ports.workbook)).toEqual({ 'receipt:R1:v1': 'Đã gửi' });

    const rest = run(ports, mailer, '2023-03-31T07:05');
    expect(rest.mail.map((mail) => `${mail.key} ${mail.status}`)).toEqual([
      'unit:MNHM:2023-03-31 sent',
      'unit:THCSLQD:2023-03-31 sent',
      'digest:2023-03-31 sent',
    ]);
  });

  it('plans without sending or writing in a dry run', () => {
    const ports = setup();
    const mailer = new RecordingMailer();
    const summary = run(ports, mailer, '2023-03-31T07:00', { dryRun: true });
    expect(summary.dryRun).toBe(true);
    expect(summary.mail.map((mail) => mail.status)).toEqual(['queued', 'queued', 'queued', 'queued']);
    expect(mailer.sent).toEqual([]);
    expect(ports.workbook.writes).toEqual([]);
  });

  it('stops sending when its time budget is spent, and queues the rest', () => {
    const ports = setup();
    const mailer = new RecordingMailer();
    let now = at('2023-03-31T07:00').getTime();
    const clock: Clock = { now: () => new Date(now) };
    mailer.duringSend = () => {
      now += 90_000;
    };
    const summary = run(ports, mailer, '2023-03-31T07:00', { clock, timeBudgetMs: 120_000 });
    expect(summary.mail.map((mail) => mail.status)).toEqual(['sent', 'sent', 'queued', 'queued']);
    expect(summary.stoppedBy).toBe('time');
    expect(events(ports.workbook)).toEqual([
      'Cảnh báo: Hết thời gian cho phép của lần chạy: đã gửi 2 thư, 2 thư chờ gửi ở lần chạy sau.',
    ]);
  });

  it('keeps the columns and rows a person added to the log', () => {
    const ports = setup();
    ports.workbook.setTable(
      makeTable(
        SHEET.mailLog,
        [...Object.values(MAIL_LOG_COLUMNS), 'Ghi chú'],
        [
          [
            at('2023-03-20T09:00'),
            'MNHM',
            '',
            'Nhắc hạn',
            'hieutruong@mnhoamai.example.edu.vn',
            'Gửi tay',
            'Đã gửi',
            '',
            'gọi điện',
          ],
        ],
      ),
    );
    run(ports, new RecordingMailer(), '2023-03-31T07:00');
    const table = ports.workbook.table(SHEET.mailLog);
    expect(table?.headers.at(-1)).toBe('Ghi chú');
    expect(table?.rows[0]).toEqual([
      at('2023-03-20T09:00'),
      'MNHM',
      null,
      'Nhắc hạn',
      'hieutruong@mnhoamai.example.edu.vn',
      'Gửi tay',
      'Đã gửi',
      null,
      'gọi điện',
    ]);
    expect(table?.rows).toHaveLength(5);
  });
});

describe('sendMail when the mail server cannot be reached', () => {
  it('logs the message that failed as Lỗi, queues the rest saying why, and sends each once on the next run', () => {
    const ports = setup();
    const recording = new RecordingMailer();
    let reachable = true;
    recording.failWhen = () => {
      reachable = false;
      return new Error('SMTP: connect ECONNREFUSED 127.0.0.1:1');
    };
    // As the SMTP mailer is after a connection failure: reachable() turns false.
    const mailer: Mailer = {
      remainingDailyQuota: () => recording.remainingDailyQuota(),
      send: (mail) => recording.send(mail),
      reachable: () => reachable,
    };
    const down = run(ports, mailer, '2023-03-31T07:00');
    expect(down.mail.map((mail) => `${mail.key} ${mail.status}`)).toEqual([
      'unit:MNHM:2023-03-31 failed',
      'unit:THCSLQD:2023-03-31 queued',
      'unit:THDD:2023-03-31 queued',
      'digest:2023-03-31 queued',
    ]);
    expect(down).toMatchObject({ sent: 0, queued: 3, failed: 1, stoppedBy: 'unreachable' });
    expect(events(ports.workbook)).toEqual([
      `Lỗi: Không gửi được thư «${down.mail[0]?.subject}» đến hieutruong@mnhoamai.example.edu.vn: SMTP: connect ECONNREFUSED 127.0.0.1:1. Thư sẽ được gửi lại ở lần chạy sau.`,
      'Cảnh báo: Không kết nối được máy chủ thư: đã gửi 0 thư, 3 thư chờ gửi ở lần chạy sau.',
    ]);
    expect(Object.values(logResults(ports.workbook))).toEqual(['Lỗi', 'Chờ gửi', 'Chờ gửi', 'Chờ gửi']);

    recording.failWhen = undefined;
    reachable = true;
    const up = run(ports, mailer, '2023-03-31T09:00');
    expect(up).toMatchObject({ sent: 4, queued: 0, failed: 0, stoppedBy: null });
    expect(recording.sent.map((mail) => mail.key).sort()).toEqual([
      'digest:2023-03-31',
      'unit:MNHM:2023-03-31',
      'unit:THCSLQD:2023-03-31',
      'unit:THDD:2023-03-31',
    ]);
    expect(Object.values(logResults(ports.workbook))).toEqual(['Đã gửi', 'Đã gửi', 'Đã gửi', 'Đã gửi']);
  });
});

describe('sendMail through MailApp', () => {
  it('survives MailApp throwing past its quota, logs it, and goes on the next day', () => {
    // Real mail: the department's contact is filled in (MailApp refuses the example one).
    const ports = {
      workbook: new MemoryWorkbook(campaignTables(UNITS, undefined, FILLED_MAIL_CONFIG)),
      lock: new MemoryLock(),
    };
    const mailApp = new FakeMailApp(MAIL_CONFIG.mailQuotaReserve + 10);
    const mailer = new MailAppMailer(mailApp);
    // Another script of the account sent mail that the quota report does not show yet.
    mailApp.useQuotaElsewhere(MAIL_CONFIG.mailQuotaReserve + 10);
    const first = sendMail({ ...ports, mailer }, { asOf: at('2023-03-31T07:00') });
    expect(first.mail.map((mail) => mail.status)).toEqual(['queued', 'queued', 'queued', 'queued']);
    expect(first.stoppedBy).toBe('quota');
    expect(events(ports.workbook)).toEqual([
      'Cảnh báo: Hết hạn mức gửi thư trong ngày: đã gửi 0 thư, 4 thư chờ gửi ở lần chạy sau.',
    ]);
    expect(mailApp.getRemainingDailyQuota()).toBe(0);
    expect(mailApp.sent).toEqual([]);

    mailApp.nextDay();
    const second = sendMail({ ...ports, mailer }, { asOf: at('2023-04-01T07:00') });
    expect(second.mail.map((mail) => `${mail.key} ${mail.status}`)).toEqual([
      'unit:MNHM:2023-03-31 sent',
      'unit:THCSLQD:2023-03-31 sent',
      'unit:THDD:2023-03-31 sent',
      'digest:2023-03-31 sent',
    ]);
    expect(mailApp.sent.map((mail) => mail.subject)).toEqual([
      'Quá hạn nộp Kế hoạch năm 2023 – Trường Mầm non Hoa Mai',
      'Quá hạn nộp Kế hoạch năm 2023 – Trường THCS Lê Quý Đôn',
      'Quá hạn nộp Kế hoạch năm 2023 – Trường Tiểu học Đặng Đức',
      'Tổng hợp tình hình nộp ngày 01/04/2023: 3 đơn vị chưa nộp đúng yêu cầu',
    ]);
    expect(mailApp.sent[2]).toMatchObject({
      to: ['hieutruong@thdd.example.edu.vn', 'vanthu@thdd.example.edu.vn'],
      name: 'Phòng Giáo dục và Đào tạo thành phố Thủ Đức',
      replyTo: FILLED_MAIL_CONFIG.contactEmail,
    });
    expect(mailApp.sent[2]?.body).toContain('Kính gửi Thủ trưởng Trường Tiểu học Đặng Đức,');
    expect(mailApp.sent[2]?.htmlBody).toContain(
      '<p style="margin:0 0 12px">Kính gửi Thủ trưởng Trường Tiểu học Đặng Đức,</p>',
    );
  });
});
