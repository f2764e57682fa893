import { EVENT_LOG_COLUMNS, MAIL_LOG_COLUMNS, SHEET, SUBMISSION_COLUMNS } from '../../src/domain/layout';
import { REGISTER_HEADERS } from '../../src/domain/register';
import { REVIEW_LABEL } from '../../src/domain/submissions';
import { cellText, type Table } from '../../src/domain/table';
import { LOCK_WAIT_MS } from '../../src/gas/script-lock';
import { at, makeGasWorld, manyUnits, submitPlan, type GasWorld } from './gas-world';

function column(table: Table | undefined, title: string): string[] {
  if (!table) return [];
  const index = table.headers.indexOf(title);
  return table.rows.map((row) => cellText(row[index] ?? null));
}

function rowsOf(world: GasWorld, sheet: string, title: string): string[] {
  return column(world.table(sheet), title);
}

describe('the form-submit trigger', () => {
  it('registers the response once, refreshes Tổng hợp and sends and logs its receipt', () => {
    const world = makeGasWorld();
    const hoaMai = world.units[0]!;
    world.setNow('2023-03-28T09:30:05');
    const response = submitPlan(world, hoaMai, '2023-03-28T09:30');
    const id = response.getId() as string;

    expect(rowsOf(world, SHEET.submissions, SUBMISSION_COLUMNS.responseId)).toEqual([id]);
    expect(rowsOf(world, SHEET.submissions, SUBMISSION_COLUMNS.outcome)).toEqual(['Hợp lệ']);
    const summary = world.table(SHEET.summary);
    expect(
      summary?.rows
        .find((row) => row.includes('MNHM'))
        ?.map(String)
        .join(' '),
    ).toContain('Đã nộp');
    expect(world.mailApp.sent).toHaveLength(1);
    expect(world.mailApp.sent[0]).toMatchObject({ to: ['mnhm@truong.example.edu.vn'] });
    expect(world.mailApp.sent[0]?.subject).toBe('Đã nhận Kế hoạch năm 2023 – Mầm non Hoa Mai');
    expect(world.mailApp.sent[0]?.htmlBody).toContain(response.getEditResponseUrl());
    expect(rowsOf(world, SHEET.mailLog, MAIL_LOG_COLUMNS.key)).toEqual([`receipt:${id}:v1`]);
    expect(rowsOf(world, SHEET.mailLog, MAIL_LOG_COLUMNS.result)).toEqual(['Đã gửi']);
    // The job's own row, in counts, written with the rest of the batch.
    expect(column(world.table(SHEET.eventLog), EVENT_LOG_COLUMNS.message)).toEqual([
      'Đã đọc 1 phản hồi; ghi 1 lần nộp vào «Bài nộp»; thư: 1 đã gửi, 0 chờ gửi, 0 lỗi.',
    ]);
    expect(world.lockService.isHeld()).toBe(false);
  });

  it('does nothing for a repeated event: no write, no mail', () => {
    const world = makeGasWorld();
    world.setNow('2023-03-28T09:30:05');
    const response = submitPlan(world, world.units[0]!, '2023-03-28T09:30');
    world.sheets.calls.reset();
    world.scriptApp.fireFormSubmit(world.formIds.plan, { response });
    expect(world.sheets.calls.count('setValues')).toBe(0);
    expect(world.sheets.calls.count('insertSheet')).toBe(0);
    expect(world.mailApp.sent).toHaveLength(1);
    expect(rowsOf(world, SHEET.submissions, SUBMISSION_COLUMNS.responseId)).toHaveLength(1);
  });

  it('ignores an event without a response or without any answer, reading nothing', () => {
    const world = makeGasWorld();
    world.scriptApp.fireFormSubmit(world.formIds.plan, { response: undefined });
    const blank = world.form('plan').createResponse().submit();
    world.scriptApp.fireFormSubmit(world.formIds.plan, { response: blank });
    expect(world.sheets.calls.total).toBe(0);
  });

  it('logs a failure in Nhật ký with the response id, writes nothing else, and rethrows', () => {
    const world = makeGasWorld();
    world.sheets.spreadsheet.getSheetByName(SHEET.config)?.getRange(4, 2).setValue('hai nghìn');
    world.setNow('2023-03-28T09:30:05');
    const problem = '«Cấu hình», dòng 4, cột «Giá trị»: «Năm»: «hai nghìn» không phải là năm (4 chữ số).';
    expect(() => submitPlan(world, world.units[0]!, '2023-03-28T09:30')).toThrow(problem);
    const id = world.form('plan').storedResponses()[0]?.id;
    const log = world.table(SHEET.eventLog);
    expect(column(log, EVENT_LOG_COLUMNS.level)).toEqual(['Lỗi']);
    expect(column(log, EVENT_LOG_COLUMNS.message)).toEqual([`Phản hồi ${id}: ${problem}`]);
    expect(world.table(SHEET.submissions)).toBeUndefined();
    expect(world.mailApp.sent).toEqual([]);
    // Forms still has it in the response sheet: the next run picks it up.
    expect(world.table(SHEET.planResponses)?.rows).toHaveLength(1);
    expect(world.lockService.isHeld()).toBe(false);
  });
});

describe('the daily trigger', () => {
  it('runs at Giờ gửi thư hằng ngày, sends the day’s reminders once, and nothing on a second run', () => {
    const world = makeGasWorld();
    world.setNow('2023-03-28T09:30:05');
    submitPlan(world, world.units[0]!, '2023-03-28T09:30');
    world.setNow('2023-03-29T07:05');
    expect(world.scriptApp.fireClock(at('2023-03-29T06:10'))).toBe(0);
    expect(world.scriptApp.fireClock(at('2023-03-29T07:05'))).toBe(1);
    const reminders = world.mailApp.sent.slice(1);
    expect(reminders.map((mail) => mail.to.join(','))).toEqual([
      'thdd@truong.example.edu.vn',
      'tr0002@truong.example.edu.vn',
    ]);
    expect(reminders.every((mail) => mail.subject.startsWith('Nhắc hạn'))).toBe(true);

    world.setNow('2023-03-29T07:40');
    world.scriptApp.fireClock(at('2023-03-29T07:40'));
    expect(world.mailApp.sent).toHaveLength(3);
    expect(world.notes).toEqual([
      'Chạy hằng ngày: 0 phản hồi mới, 2 thư đã gửi, 0 thư chờ gửi.',
      'Chạy hằng ngày: 0 phản hồi mới, 0 thư đã gửi, 0 thư chờ gửi.',
    ]);
    expect(world.lockService.isHeld()).toBe(false);
  });

  it('picks up a response whose submit trigger failed, and sends its receipt', () => {
    const world = makeGasWorld();
    const config = world.sheets.spreadsheet.getSheetByName(SHEET.config);
    config?.getRange(4, 2).setValue('hai nghìn');
    world.setNow('2023-03-28T09:30:05');
    expect(() => submitPlan(world, world.units[1]!, '2023-03-28T09:30')).toThrow();
    config?.getRange(4, 2).setValue(2023);
    world.setNow('2023-03-29T07:05');
    world.scriptApp.fireClock(at('2023-03-29T07:05'));
    expect(rowsOf(world, SHEET.submissions, SUBMISSION_COLUMNS.unitCode)).toEqual(['THDD']);
    expect(world.mailApp.sent.map((mail) => mail.subject)).toContain(
      'Đã nhận Kế hoạch năm 2023 – Tiểu học Đặng Đức',
    );
  });

  it('logs a failure in Nhật ký and rethrows', () => {
    const world = makeGasWorld();
    world.sheets.spreadsheet.getSheetByName(SHEET.config)?.getRange(4, 2).setValue('hai nghìn');
    world.setNow('2023-03-29T07:05');
    expect(() => world.scriptApp.fireClock(at('2023-03-29T07:05'))).toThrow(/«Năm»/);
    expect(column(world.table(SHEET.eventLog), EVENT_LOG_COLUMNS.job)).toEqual(['Chạy hằng ngày']);
  });
});

describe('the on-edit trigger of Bài nộp', () => {
  function reviewWorld() {
    const world = makeGasWorld();
    world.setNow('2023-03-28T09:30:05');
    submitPlan(world, world.units[0]!, '2023-03-28T09:30');
    const sheet = world.sheets.spreadsheet.getSheetByName(SHEET.submissions);
    if (!sheet) throw new Error('no Bài nộp');
    const reviewColumn = REGISTER_HEADERS.indexOf(SUBMISSION_COLUMNS.review) + 1;
    const noteColumn = REGISTER_HEADERS.indexOf(SUBMISSION_COLUMNS.reviewNote) + 1;
    return { world, sheet, reviewColumn, noteColumn };
  }

  it('sends one "returned" mail per decision, however often the review cells are edited', () => {
    const { world, sheet, reviewColumn, noteColumn } = reviewWorld();
    world.setNow('2023-03-29T10:00');
    sheet.getRange(2, noteColumn).setValue('Thiếu chữ ký của Thủ trưởng.');
    sheet.getRange(2, reviewColumn).setValue(REVIEW_LABEL.returned);
    world.scriptApp.fireEdit(world.sheets.spreadsheet.spreadsheetId, {
      range: sheet.getRange(2, reviewColumn),
    });
    expect(world.mailApp.sent).toHaveLength(2);
    const returned = world.mailApp.sent[1];
    expect(returned?.to).toEqual(['mnhm@truong.example.edu.vn']);
    expect(returned?.body).toContain('Thiếu chữ ký của Thủ trưởng.');
    const summary = world.table(SHEET.summary);
    expect(
      summary?.rows
        .find((row) => row.includes('MNHM'))
        ?.map(String)
        .join(' '),
    ).toContain('Cần bổ sung');

    world.setNow('2023-03-29T10:05');
    sheet.getRange(2, noteColumn).setValue('Thiếu chữ ký và con dấu.');
    world.scriptApp.fireEdit(world.sheets.spreadsheet.spreadsheetId, {
      range: sheet.getRange(2, noteColumn),
    });
    expect(world.mailApp.sent).toHaveLength(2);
  });

  it('records each review decision in Nhật ký once, with who typed it, when, which response and what', () => {
    const { world, sheet, reviewColumn, noteColumn } = reviewWorld();
    const responseId = rowsOf(world, SHEET.submissions, SUBMISSION_COLUMNS.responseId)[0];
    world.setNow('2023-03-29T10:00');
    sheet.getRange(2, reviewColumn).setValue(REVIEW_LABEL.returned);
    const user = { getEmail: () => 'canbo@pgd.example.edu.vn' };
    world.scriptApp.fireEdit(world.sheets.spreadsheet.spreadsheetId, {
      range: sheet.getRange(2, reviewColumn),
      user,
    });
    // Editing the note again is no new decision; Google withholding the address is said so.
    world.setNow('2023-03-29T10:05');
    sheet.getRange(2, noteColumn).setValue('Thiếu chữ ký.');
    world.scriptApp.fireEdit(world.sheets.spreadsheet.spreadsheetId, {
      range: sheet.getRange(2, noteColumn),
      user,
    });
    world.setNow('2023-03-30T08:00');
    sheet.getRange(2, reviewColumn).setValue(REVIEW_LABEL.approved);
    world.scriptApp.fireEdit(world.sheets.spreadsheet.spreadsheetId, {
      range: sheet.getRange(2, reviewColumn),
    });
    const log = world.table(SHEET.eventLog);
    const decisions = column(log, EVENT_LOG_COLUMNS.message).filter((message) =>
      message.startsWith('Đánh giá «'),
    );
    expect(decisions).toEqual([
      `Đánh giá «Yêu cầu bổ sung» cho bài nộp «${responseId}» lần nộp 1 (đơn vị MNHM, kỳ KH-2023); ` +
        'người đánh giá: canbo@pgd.example.edu.vn; ghi nhận lúc 29/03/2023 10:00; được tính',
      `Đánh giá «Đạt» cho bài nộp «${responseId}» lần nộp 1 (đơn vị MNHM, kỳ KH-2023); ` +
        'người đánh giá: không rõ (Google không cho biết người sửa); ghi nhận lúc 30/03/2023 08:00; được tính',
    ]);
    expect(column(log, EVENT_LOG_COLUMNS.job).filter((job) => job === 'Đánh giá bài nộp')).toHaveLength(2);
  });

  it('ignores an edit outside the review columns without reading a cell', () => {
    const { world, sheet, reviewColumn } = reviewWorld();
    const units = world.sheets.spreadsheet.getSheetByName(SHEET.units);
    world.sheets.calls.reset();
    world.scriptApp.fireEdit(world.sheets.spreadsheet.spreadsheetId, {
      range: units?.getRange(2, reviewColumn),
    });
    world.scriptApp.fireEdit(world.sheets.spreadsheet.spreadsheetId, { range: sheet.getRange(2, 1) });
    world.scriptApp.fireEdit(world.sheets.spreadsheet.spreadsheetId, {
      range: sheet.getRange(1, reviewColumn),
    });
    expect(world.sheets.calls.count('getValues')).toBe(0);
    expect(world.sheets.calls.count('setValues')).toBe(0);
    expect(world.mailApp.sent).toHaveLength(1);
  });
});

describe('submissions meeting a busy lock', () => {
  it('30 submissions, each waiting for another execution, all land once in Bài nộp', () => {
    const world = makeGasWorld({ units: manyUnits(30) });
    world.lockService.contend(Array.from({ length: 30 }, (_, index) => 1000 + index * 100));
    world.units.forEach((unit, index) => {
      const minute = String(index).padStart(2, '0');
      world.setNow(`2023-03-28T10:${minute}:30`);
      submitPlan(world, unit, `2023-03-28T10:${minute}`);
    });
    const ids = rowsOf(world, SHEET.submissions, SUBMISSION_COLUMNS.responseId);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    expect(world.lockService.statistics.contended).toBe(30);
    expect(world.mailApp.sent).toHaveLength(30);
  });

  it('a submission that cannot get the lock is logged with its id, and the daily run takes it in', () => {
    const world = makeGasWorld();
    world.setNow('2023-03-28T09:30:05');
    world.lockService.holdElsewhere(LOCK_WAIT_MS.submission + 1);
    expect(() => submitPlan(world, world.units[0]!, '2023-03-28T09:30')).toThrow(/Lock timeout/);
    const id = world.form('plan').storedResponses()[0]?.id;
    expect(column(world.table(SHEET.eventLog), EVENT_LOG_COLUMNS.message)).toEqual([
      `Phản hồi ${id}: Lock timeout: another process was holding the lock for too long.`,
    ]);
    world.setNow('2023-03-29T07:05');
    world.scriptApp.fireClock(at('2023-03-29T07:05'));
    expect(rowsOf(world, SHEET.submissions, SUBMISSION_COLUMNS.responseId)).toEqual([id]);
  });
});
