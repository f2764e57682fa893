// Issue 13's campaign, day by day from 20/03/2023 to 30/04/2023 at 07:00 and once more a minute
// later (a doubled trigger): two units get extensions (`Gia hạn`), `Kế hoạch` closes on 05/04
// (`Khóa nhận`) with one late response accepted by the department and one refused, and two
// specialists (`Phụ trách`) get their digests. Each mail goes once; each figure as the rules say.
import { sendMail, type MailReport } from '../../src/app/send-mail';
import { DEFAULT_PERIOD_ROWS } from '../../src/domain/defaults';
import {
  CONFIG_KEY,
  EXTENSION_COLUMNS,
  PERIOD_COLUMNS,
  SHEET,
  SPECIALIST_COLUMNS,
  columnsOf,
} from '../../src/domain/layout';
import { addDays, dayOfWeek, vietnamInstant, type IsoDate } from '../../src/domain/time';
import type { Unit } from '../../src/domain/units';
import { makeUnit } from '../fakes/campaign-fixture';
import {
  MAIL_CONFIG,
  at,
  configTable,
  periodsTable,
  registerTable,
  unitsTable,
  type SubmissionFields,
} from '../fakes/mail-fixture';
import { MemoryLock } from '../fakes/memory-lock';
import { MemoryWorkbook } from '../fakes/memory-workbook';
import { RecordingMailer } from '../fakes/recording-mailer';
import { makeTable, tableFromRecords } from '../fakes/tables';

const unit = (number: number, level: string): Unit =>
  makeUnit({ code: `U${number}`, name: `Trường Số ${number}`, level, rowNumber: number + 1 });
const UNITS = [
  unit(1, 'Mầm non'), // extension to 10/04, submits 09/04: on time
  unit(2, 'Mầm non'), // on time
  unit(3, 'Tiểu học'), // extension to 10/04, never submits: overdue from 11/04
  unit(4, 'Tiểu học'), // never submits
  unit(5, 'THCS'), // submits 07/04, after the closing day; the department accepts it on 08/04
  unit(6, 'THCS'), // submits 07/04, after the closing day; the department refuses it
];
const MAM_NON = 'mamnon@pgd.example.edu.vn';
const PHO_THONG = 'phothong@pgd.example.edu.vn';

function row(code: string, when: string, fields: Partial<SubmissionFields> = {}): SubmissionFields {
  return {
    responseId: `${code}-KH`,
    unitCode: code,
    periodId: 'KH-2023',
    submittedAt: at(when),
    submitterEmail: `${code.toLowerCase()}@truong.example.edu.vn`,
    ...fields,
  };
}

/** The register rows as the intake would have written them, each from its moment. */
const HISTORY: readonly { from: string; row: SubmissionFields }[] = [
  { from: '2023-03-25T08:00', row: row('U2', '2023-03-25T08:00') },
  { from: '2023-04-07T09:00', row: row('U5', '2023-04-07T09:00', { outcome: 'closed' }) },
  { from: '2023-04-07T10:00', row: row('U6', '2023-04-07T10:00', { outcome: 'closed' }) },
  { from: '2023-04-08T14:00', row: row('U5', '2023-04-07T09:00', { outcome: 'closed', review: 'approved' }) },
  { from: '2023-04-09T16:00', row: row('U1', '2023-04-09T16:00') },
];

function registerAt(asOf: Date): SubmissionFields[] {
  const latest = new Map<string, SubmissionFields>();
  for (const state of HISTORY)
    if (at(state.from).getTime() <= asOf.getTime()) latest.set(state.row.responseId, state.row);
  return [...latest.values()];
}

function days(from: IsoDate, to: IsoDate): IsoDate[] {
  const result: IsoDate[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) result.push(day);
  return result;
}

function workbookOf(): MemoryWorkbook {
  const config = configTable(MAIL_CONFIG);
  return new MemoryWorkbook([
    makeTable(SHEET.config, config.headers, [...config.rows, [CONFIG_KEY.escalateAfterDays, 5, '']]),
    unitsTable(UNITS),
    periodsTable(
      DEFAULT_PERIOD_ROWS.map((period) =>
        period[PERIOD_COLUMNS.id] === 'KH-2023'
          ? { ...period, [PERIOD_COLUMNS.closesOn]: '05/04/2023' }
          : period,
      ),
    ),
    tableFromRecords(SHEET.extensions, columnsOf(EXTENSION_COLUMNS), [
      {
        'Mã đơn vị': 'U1',
        'Mã kỳ': 'KH-2023',
        'Hạn mới': '10/04/2023',
        'Lý do': 'Sửa trường',
        'Người duyệt': 'Trưởng phòng',
      },
      {
        'Mã đơn vị': 'U3',
        'Mã kỳ': 'KH-2023',
        'Hạn mới': '10/04/2023',
        'Lý do': 'Đổi hiệu trưởng',
        'Người duyệt': 'Trưởng phòng',
      },
    ]),
    tableFromRecords(SHEET.specialists, columnsOf(SPECIALIST_COLUMNS), [
      { 'Cấp học': 'Mầm non', 'Họ tên': 'Lê Thị Mầm', Email: MAM_NON },
      { 'Cấp học': 'Tiểu học', 'Họ tên': 'Trần Văn Phổ', Email: PHO_THONG },
      { 'Cấp học': 'THCS', 'Họ tên': 'Trần Văn Phổ', Email: PHO_THONG },
    ]),
  ]);
}

interface Delivered extends MailReport {
  readonly day: IsoDate;
}

describe('extensions, a closing day and specialists, day by day from 20/03/2023 to 30/04/2023', () => {
  const workbook = workbookOf();
  const lock = new MemoryLock();
  const mailer = new RecordingMailer();
  const delivered: Delivered[] = [];
  const repeated: MailReport[] = [];

  beforeAll(() => {
    for (const day of days('2023-03-20', '2023-04-30')) {
      const asOf = vietnamInstant(day, 7);
      workbook.setTable(registerTable(registerAt(asOf)));
      delivered.push(
        ...sendMail({ workbook, lock, mailer }, { asOf, quotaReserve: 0 }).mail.map((mail) => ({
          ...mail,
          day,
        })),
      );
      repeated.push(
        ...sendMail({ workbook, lock, mailer }, { asOf: vietnamInstant(day, 7, 1), quotaReserve: 0 }).mail,
      );
    }
  });

  const digestsTo = (address: string) =>
    delivered.filter((mail) => mail.kind === 'digest' && mail.to.includes(address));
  const bodyOf = (key: string) => mailer.sent.find((mail) => mail.key === key)?.textBody ?? '';
  const lateIn = (key: string) =>
    bodyOf(key)
      .split('\n')
      .flatMap((line) => {
        const match = /^(\(!\) )?(U\d) \|/.exec(line);
        return match ? [`${match[2]}${match[1] ? '!' : ''}`] : [];
      });

  it('sends every mail once: the repeated run of each day sends nothing, no key twice', () => {
    expect(delivered.every((mail) => mail.status === 'sent')).toBe(true);
    expect(repeated).toEqual([]);
    expect(new Set(delivered.map((mail) => mail.key)).size).toBe(delivered.length);
  });

  it('tells each extended unit of its new due day once, and counts its reminders from it', () => {
    expect(delivered.filter((mail) => mail.kind === 'extension').map((mail) => mail.unit)).toEqual([
      'U1',
      'U3',
    ]);
    // U3's overdue notices start the day after its own new day, U4's after the period's.
    const firstOverdue = (code: string) =>
      delivered.find((mail) => mail.unit === code && mail.kind === 'overdue')?.day;
    expect(firstOverdue('U4')).toBe('2023-03-31');
    expect(firstOverdue('U3')).toBe('2023-04-11');
    expect(firstOverdue('U1')).toBeUndefined();
  });

  it('answers the late responses held after the closing day, the accepted one counting', () => {
    expect(
      delivered.filter((mail) => mail.kind === 'receipt').map((mail) => `${mail.day} ${mail.unit}`),
    ).toEqual(['2023-03-26 U2', '2023-04-08 U5', '2023-04-08 U6', '2023-04-10 U1']);
  });

  it('sends each specialist one digest per digest day, with only their own late units, red past 5 days', () => {
    const wholeDays = digestsTo('tonghop@pgd.example.edu.vn').map((mail) => mail.day);
    const mondays = days('2023-03-31', '2023-04-30').filter((day) => dayOfWeek(day) === 1);
    expect(wholeDays).toEqual(['2023-03-31', ...mondays]);
    expect(digestsTo(MAM_NON).map((mail) => mail.day)).toEqual(wholeDays);
    expect(digestsTo(PHO_THONG).map((mail) => mail.day)).toEqual(wholeDays);
    const byDay = (address: string) =>
      Object.fromEntries(digestsTo(address).map((mail) => [mail.day, lateIn(mail.key).join(' ')]));
    expect(byDay(MAM_NON)).toEqual({
      '2023-03-31': '',
      '2023-04-03': '',
      '2023-04-10': '',
      '2023-04-17': '',
      '2023-04-24': '',
    });
    expect(byDay(PHO_THONG)).toEqual({
      '2023-03-31': 'U4 U5 U6',
      '2023-04-03': 'U4 U5 U6',
      '2023-04-10': 'U4! U6!',
      '2023-04-17': 'U3! U4! U6!',
      '2023-04-24': 'U3! U4! U6!',
    });
    expect(byDay('tonghop@pgd.example.edu.vn')['2023-04-17']).toBe('U3 U4 U6');
  });
});
