// MailApp sends nothing while `Cấu hình` holds the example contact that setup wrote: the daily run,
// a response's receipt and a returned report all wait. Each trigger still does the rest of its
// job, says why in `Nhật ký` and fails, so that Google e-mails the owner, as for any failing trigger.
import { MailRefusedError } from '../../src/app/send-mail';
import { PLACEHOLDER_CONTACT } from '../../src/domain/defaults';
import { CONFIG_KEY, EVENT_LOG_COLUMNS, SHEET, SUBMISSION_COLUMNS } from '../../src/domain/layout';
import { cellText, type Table } from '../../src/domain/table';
import { at, makeGasWorld, submitPlan, type GasWorld } from './gas-world';

const REFUSAL =
  'Chưa gửi thư thật: trang «Cấu hình» còn thông tin liên hệ mẫu ở «Email người phụ trách». ' +
  'Thay bằng người phụ trách thật; các thư đến hạn chờ và được gửi ở lần chạy sau.';

function column(table: Table | undefined, title: string): string[] {
  if (!table) return [];
  const index = table.headers.indexOf(title);
  return table.rows.map((row) => cellText(row[index] ?? null));
}

/** Puts a `Cấu hình` value back as setup wrote it, or as the department fills it in. */
function setContactEmail(world: GasWorld, email: string): void {
  const sheet = world.sheets.spreadsheet.getSheetByName(SHEET.config)!;
  const keys = sheet
    .getRange(1, 1, sheet.getLastRow(), 1)
    .getValues()
    .map((row) => String(row[0]));
  sheet.getRange(keys.indexOf(CONFIG_KEY.contactEmail) + 1, 2).setValue(email);
}

describe('MailApp while the example contact stands', () => {
  it('the daily run takes in responses, sends nothing, says why in Nhật ký and fails; it sends once the contact is real', () => {
    const world = makeGasWorld();
    setContactEmail(world, PLACEHOLDER_CONTACT.email);
    world.setNow('2023-03-28T09:30:05');
    // The submit trigger registers the response, keeps its receipt back, and fails loudly.
    expect(() => submitPlan(world, world.units[0]!, '2023-03-28T09:30')).toThrow(REFUSAL);
    expect(column(world.table(SHEET.submissions), SUBMISSION_COLUMNS.unitCode)).toEqual([
      world.units[0]!.code,
    ]);

    world.setNow('2023-03-29T07:05');
    expect(() => world.scriptApp.fireClock(at('2023-03-29T07:05'))).toThrow(MailRefusedError);
    expect(world.mailApp.sent).toEqual([]);
    // Each run's audit row says it sent nothing; the refusal is its one `Lỗi` row.
    const log = world.table(SHEET.eventLog);
    if (!log) throw new Error('Nhật ký was not written');
    const failures = log.rows.filter((row) => row[log.headers.indexOf(EVENT_LOG_COLUMNS.level)] === 'Lỗi');
    expect(failures.map((row) => row[log.headers.indexOf(EVENT_LOG_COLUMNS.message)])).toEqual([
      REFUSAL,
      REFUSAL,
    ]);
    expect(column(log, EVENT_LOG_COLUMNS.message).filter((text) => text !== REFUSAL)).toEqual([
      'Đã đọc 1 phản hồi; ghi 1 lần nộp vào «Bài nộp»; thư: 0 đã gửi, 0 chờ gửi, 0 lỗi.',
      'Đã đọc 0 phản hồi; ghi 0 lần nộp vào «Bài nộp»; thư: 0 đã gửi, 0 chờ gửi, 0 lỗi.',
    ]);
    expect(world.lockService.isHeld()).toBe(false);

    // Filled in: the next run sends what waited, the receipt included.
    setContactEmail(world, 'lethithu@pgdthuduc.edu.vn');
    world.setNow('2023-03-30T07:05');
    expect(world.scriptApp.fireClock(at('2023-03-30T07:05'))).toBe(1);
    const subjects = world.mailApp.sent.map((mail) => mail.subject);
    expect(subjects.some((subject) => subject.startsWith('Đã nhận Kế hoạch'))).toBe(true);
    expect(subjects.some((subject) => subject.startsWith('Nhắc hạn'))).toBe(true);
  });
});
