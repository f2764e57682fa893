// Exactly once across a crash: a run that dies after sending and before `Nhật ký thư` is written
// must not send again, and damaged bookkeeping must stop a run before any mail.
import { sendMail } from '../../src/app/send-mail';
import { MAIL_LOG_COLUMNS, SHEET } from '../../src/domain/layout';
import { InputError } from '../../src/domain/problems';
import { cellText } from '../../src/domain/table';
import type { SheetWrite } from '../../src/ports';
import { makeUnit } from '../fakes/campaign-fixture';
import { at, campaignTables } from '../fakes/mail-fixture';
import { MemoryJournal } from '../fakes/memory-journal';
import { MemoryLock } from '../fakes/memory-lock';
import { MemoryWorkbook } from '../fakes/memory-workbook';
import { RecordingMailer } from '../fakes/recording-mailer';
import { makeTable, recordsOf } from '../fakes/tables';

const UNITS = [
  makeUnit({ code: 'MNHM', name: 'Trường Mầm non Hoa Mai' }),
  makeUnit({ code: 'THDD', name: 'Trường Tiểu học Đặng Đức' }),
  makeUnit({ code: 'THCSLQD', name: 'Trường THCS Lê Quý Đôn' }),
];

/** A workbook whose next write fails, as a Sheets 500, a full disk or the 6-minute limit would. */
class FailingWriteWorkbook extends MemoryWorkbook {
  failNextWrite = false;
  override write(writes: readonly SheetWrite[]): void {
    if (this.failNextWrite) {
      this.failNextWrite = false;
      throw new Error('Service Spreadsheets failed while accessing document');
    }
    super.write(writes);
  }
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

const ASOF = at('2023-03-31T07:00');
const DUE = ['unit:MNHM:2023-03-31', 'unit:THCSLQD:2023-03-31', 'unit:THDD:2023-03-31', 'digest:2023-03-31'];

describe('the send journal', () => {
  it('keeps a run that died before writing the log from sending again, and reconciles the log', () => {
    const workbook = new FailingWriteWorkbook(campaignTables(UNITS));
    const journal = new MemoryJournal();
    const first = new RecordingMailer();
    workbook.failNextWrite = true;
    expect(() =>
      sendMail({ workbook, lock: new MemoryLock(), mailer: first, journal }, { asOf: ASOF, quotaReserve: 0 }),
    ).toThrow('Service Spreadsheets failed');
    expect(first.sent).toHaveLength(4);
    expect(workbook.table(SHEET.mailLog)).toBeUndefined();
    expect([...journal.byKey.keys()].sort()).toEqual([...DUE].sort());

    const second = new RecordingMailer();
    const summary = sendMail(
      { workbook, lock: new MemoryLock(), mailer: second, journal },
      { asOf: at('2023-03-31T08:00'), quotaReserve: 0 },
    );
    expect(second.sent).toHaveLength(0);
    expect(summary.sent).toBe(0);
    expect(logResults(workbook)).toEqual(Object.fromEntries(DUE.map((key) => [key, 'Đã gửi'])));
    // The sent moment is the first run's, not the reconciling run's.
    const row = workbook.table(SHEET.mailLog)?.rows[0];
    expect(row?.[0]).toEqual(ASOF);

    // Logged now: the next run forgets them, and still sends nothing.
    sendMail(
      { workbook, lock: new MemoryLock(), mailer: second, journal },
      { asOf: at('2023-03-31T09:00'), quotaReserve: 0 },
    );
    expect(journal.byKey.size).toBe(0);
    expect(second.sent).toHaveLength(0);
  });

  it('turns a queued or failed log row of a message that went out into Đã gửi', () => {
    const workbook = new MemoryWorkbook(campaignTables(UNITS));
    const mailer = new RecordingMailer();
    mailer.failWhen = () => new Error('421 try later');
    sendMail({ workbook, lock: new MemoryLock(), mailer }, { asOf: ASOF, quotaReserve: 0 });
    expect(Object.values(logResults(workbook))).toEqual(['Lỗi', 'Lỗi', 'Lỗi', 'Lỗi']);
    const journal = new MemoryJournal();
    journal.record({
      key: 'unit:THDD:2023-03-31',
      at: ASOF,
      unitCode: 'THDD',
      periodIds: ['KH-2023'],
      kind: 'overdue',
      recipients: ['thdd@truong.example.edu.vn'],
    });
    const retry = new RecordingMailer();
    sendMail(
      { workbook, lock: new MemoryLock(), mailer: retry, journal },
      { asOf: at('2023-04-01T07:00'), quotaReserve: 0 },
    );
    expect(retry.sent.map((mail) => mail.key)).not.toContain('unit:THDD:2023-03-31');
    expect(logResults(workbook)['unit:THDD:2023-03-31']).toBe('Đã gửi');
  });

  it('tries a failed record once more: a passing failure stops nothing, and is in Nhật ký', () => {
    const workbook = new MemoryWorkbook(campaignTables(UNITS));
    const journal = new MemoryJournal();
    journal.failOnRecord = 3;
    const mailer = new RecordingMailer();
    const summary = sendMail(
      { workbook, lock: new MemoryLock(), mailer, journal },
      { asOf: ASOF, quotaReserve: 0 },
    );
    expect(mailer.sent.map((mail) => mail.key)).toEqual(DUE);
    expect(summary.stoppedBy).toBeNull();
    expect(journal.entries().map((entry) => entry.key)).toEqual(DUE);
    expect(workbook.table(SHEET.eventLog)?.rows.map((row) => row[3])).toEqual([
      `Ghi nhật ký gửi thư sau thư «${mailer.sent[2]?.subject ?? ''}» lỗi lần đầu (ENOSPC: no space left on device, write); lần thử lại đã ghi được.`,
    ]);
  });

  it('logs a message whose record failed twice as sent, sends nothing more, and never sends it again', () => {
    const workbook = new MemoryWorkbook(campaignTables(UNITS));
    const journal = new MemoryJournal();
    journal.failOnRecord = 3;
    journal.failingRecords = 2;
    const mailer = new RecordingMailer();
    const summary = sendMail(
      { workbook, lock: new MemoryLock(), mailer, journal },
      { asOf: ASOF, quotaReserve: 0 },
    );
    expect(mailer.sent).toHaveLength(3);
    expect(summary.stoppedBy).toBe('journal');
    expect(summary.queued).toBe(1);
    // The third went out and its record failed: `Nhật ký thư` of this batch is its record.
    expect(logResults(workbook)[mailer.sent[2]?.key ?? '']).toBe('Đã gửi');
    const events = workbook.table(SHEET.eventLog);
    expect(events?.rows.map((row) => row[3])).toEqual([
      `Không ghi được nhật ký gửi thư sau thư «${mailer.sent[2]?.subject ?? ''}»: ENOSPC: no space left on device, write. Các thư còn lại chờ lần chạy sau.`,
      'Không ghi được nhật ký gửi thư: đã gửi 3 thư, 1 thư chờ gửi ở lần chạy sau.',
    ]);
    const rerun = new RecordingMailer();
    sendMail({ workbook, lock: new MemoryLock(), mailer: rerun, journal }, { asOf: ASOF, quotaReserve: 0 });
    expect(rerun.sent.map((mail) => mail.key)).toEqual(
      DUE.filter((key) => !mailer.sent.some((mail) => mail.key === key)),
    );
  });

  it('gives every outgoing message its mail key', () => {
    const mailer = new RecordingMailer();
    sendMail(
      { workbook: new MemoryWorkbook(campaignTables(UNITS)), lock: new MemoryLock(), mailer },
      { asOf: ASOF, quotaReserve: 0 },
    );
    expect(mailer.sent.map((mail) => mail.key)).toEqual(DUE);
  });
});

describe('damaged bookkeeping', () => {
  const LOG_HEADERS = Object.values(MAIL_LOG_COLUMNS);
  const sentRow = (key: string) =>
    LOG_HEADERS.map((header) =>
      header === MAIL_LOG_COLUMNS.key
        ? key
        : header === MAIL_LOG_COLUMNS.result
          ? 'Đã gửi'
          : header === MAIL_LOG_COLUMNS.at
            ? ASOF
            : '',
    );

  it.each([
    [
      MAIL_LOG_COLUMNS.key,
      (headers: string[]) => headers.filter((header) => header !== MAIL_LOG_COLUMNS.key),
    ],
    [
      MAIL_LOG_COLUMNS.result,
      (headers: string[]) => headers.map((header) => (header === MAIL_LOG_COLUMNS.result ? 'KQ' : header)),
    ],
  ])('stops before any mail when `Nhật ký thư` has no column «%s»', (column, damage) => {
    const headers = damage([...LOG_HEADERS]);
    const rows = DUE.map(sentRow).map((row) =>
      row.filter(
        (_, index) => LOG_HEADERS[index] !== MAIL_LOG_COLUMNS.key || headers.includes(MAIL_LOG_COLUMNS.key),
      ),
    );
    const workbook = new MemoryWorkbook([...campaignTables(UNITS), makeTable(SHEET.mailLog, headers, rows)]);
    const mailer = new RecordingMailer();
    let caught: unknown;
    try {
      sendMail({ workbook, lock: new MemoryLock(), mailer }, { asOf: ASOF, quotaReserve: 0 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as Error).message).toBe(
      `«Nhật ký thư», dòng 1, cột «${column}»: thiếu cột «${column}» ở dòng tiêu đề.`,
    );
    expect(mailer.sent).toHaveLength(0);
  });

  it('takes an empty sheet without headers as a new log', () => {
    const workbook = new MemoryWorkbook([...campaignTables(UNITS), makeTable(SHEET.mailLog, [], [])]);
    const mailer = new RecordingMailer();
    sendMail({ workbook, lock: new MemoryLock(), mailer }, { asOf: ASOF, quotaReserve: 0 });
    expect(mailer.sent).toHaveLength(4);
  });
});
