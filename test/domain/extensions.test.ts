import { EXTENSION_COLUMNS, SHEET, columnsOf } from '../../src/domain/layout';
import { parseExtensions, periodForUnit, type Extension } from '../../src/domain/extensions';
import { renderMail } from '../../src/domain/mail-content';
import { planMail, type MailPlan, type UnitNoticeMail } from '../../src/domain/mail-plan';
import { computeStatusBoard, statusOf } from '../../src/domain/status';
import { buildStatusReport } from '../../src/domain/status-report';
import type { Period } from '../../src/domain/campaign';
import type { CellValue } from '../../src/domain/table';
import { formatIsoVietnam } from '../../src/domain/time';
import { fixtureUnits, periods2023 } from '../fakes/campaign-fixture';
import {
  MAIL_CONFIG,
  at,
  detailsOf,
  logEntry,
  submissionOf,
  type SubmissionFields,
} from '../fakes/mail-fixture';
import { recordsOf, tableFromRecords } from '../fakes/tables';

const PERIODS = periods2023();
const [KH] = PERIODS as [Period, Period, Period];
const UNITS = fixtureUnits();

function parse(rows: readonly Record<string, CellValue>[]) {
  const table = tableFromRecords(SHEET.extensions, columnsOf(EXTENSION_COLUMNS), rows);
  return parseExtensions(recordsOf(table), UNITS, PERIODS);
}

const GRANTED: Extension = {
  unitCode: 'MNHM',
  periodId: 'KH-2023',
  newDueDate: '2023-04-10',
  reason: 'Trường sửa chữa phòng học',
  approvedBy: 'Trưởng phòng',
  rowNumber: 2,
};

describe('Gia hạn: reading the sheet', () => {
  it('reads a row with its new day, reason and approver', () => {
    const parsed = parse([
      {
        'Mã đơn vị': 'mnhm',
        'Mã kỳ': 'kh-2023',
        'Hạn mới': '10/04/2023',
        'Lý do': 'Trường sửa chữa phòng học',
        'Người duyệt': 'Trưởng phòng',
      },
    ]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.extensions).toEqual([GRANTED]);
  });

  it('refuses an unknown unit, an unknown period, a bad day and an earlier day, each with its message', () => {
    const parsed = parse([
      { 'Mã đơn vị': 'XYZ', 'Mã kỳ': 'KH-2023', 'Hạn mới': '10/04/2023' },
      { 'Mã đơn vị': 'MNHM', 'Mã kỳ': 'KH-2099', 'Hạn mới': '10/04/2023' },
      { 'Mã đơn vị': 'MNHM', 'Mã kỳ': 'KH-2023', 'Hạn mới': '31/02/2023' },
      { 'Mã đơn vị': 'THDD', 'Mã kỳ': 'KH-2023', 'Hạn mới': '29/03/2023' },
      { 'Mã đơn vị': '', 'Mã kỳ': '', 'Hạn mới': '', 'Lý do': 'Chưa ghi gì khác' },
    ]);
    expect(parsed.extensions).toEqual([]);
    expect(parsed.problems.map((problem) => `${problem.row} ${problem.column}: ${problem.message}`)).toEqual([
      '2 Mã đơn vị: không có đơn vị mã «XYZ» trong trang «Đơn vị».',
      '3 Mã kỳ: không có kỳ mã «KH-2099» trong trang «Kỳ nộp».',
      '4 Hạn mới: «31/02/2023» không phải là ngày hợp lệ (dd/MM/yyyy).',
      '5 Hạn mới: hạn mới 29/03/2023 sớm hơn hạn của kỳ «KH-2023» (hết ngày 30/03/2023); gia hạn chỉ được lùi hạn về sau.',
      '6 Mã đơn vị: thiếu mã đơn vị.',
      '6 Mã kỳ: thiếu mã kỳ.',
      '6 Hạn mới: thiếu ngày (dd/MM/yyyy).',
    ]);
  });

  it('refuses a second row for the same unit and period', () => {
    const row = { 'Mã đơn vị': 'MNHM', 'Mã kỳ': 'KH-2023', 'Hạn mới': '10/04/2023' };
    const parsed = parse([row, { ...row, 'Hạn mới': '12/04/2023' }]);
    expect(parsed.extensions).toHaveLength(1);
    expect(parsed.problems.map((problem) => problem.message)).toEqual([
      'đơn vị «MNHM» đã được gia hạn kỳ «KH-2023» ở dòng 2; mỗi đơn vị một dòng cho mỗi kỳ.',
    ]);
  });
});

describe('Gia hạn: the unit’s own due moment', () => {
  it('moves the due moment of that unit only', () => {
    const moved = periodForUnit(KH, 'MNHM', [GRANTED]);
    expect(formatIsoVietnam(moved.dueAt)).toBe('2023-04-10T23:59:59.999+07:00');
    expect(moved.timelyUntil).toEqual(moved.dueAt);
    expect(periodForUnit(KH, 'THDD', [GRANTED])).toBe(KH);
  });

  it('judges timeliness and overdue on the new day, and says so in status --json', () => {
    const late = submissionOf({
      responseId: 'r1',
      unitCode: 'MNHM',
      periodId: 'KH-2023',
      submittedAt: at('2023-04-05T09:00'),
    });
    const board = computeStatusBoard(UNITS.all, PERIODS, [late], at('2023-04-06T08:00'), [GRANTED]);
    expect(statusOf(board, 'MNHM', 'KH-2023')).toMatchObject({
      status: 'submitted',
      timeliness: 'on_time',
      extended: true,
    });
    expect(statusOf(board, 'THDD', 'KH-2023')).toMatchObject({ status: 'overdue', extended: false });
    const withoutExtension = computeStatusBoard(UNITS.all, PERIODS, [late], at('2023-04-06T08:00'));
    expect(statusOf(withoutExtension, 'MNHM', 'KH-2023').timeliness).toBe('late');

    const pending = computeStatusBoard(UNITS.all, PERIODS, [], at('2023-04-06T08:00'), [GRANTED]);
    expect(statusOf(pending, 'MNHM', 'KH-2023').status).toBe('pending');
    const report = buildStatusReport(pending);
    const hoaMai = report.units.find((unit) => unit.code === 'MNHM');
    const dangDuc = report.units.find((unit) => unit.code === 'THDD');
    expect(hoaMai?.periods['KH-2023']).toMatchObject({
      dueAt: '2023-04-10T23:59:59.999+07:00',
      extended: true,
    });
    expect(dangDuc?.periods['KH-2023']).toMatchObject({
      dueAt: '2023-03-30T23:59:59.999+07:00',
      extended: false,
    });
  });
});

describe('Gia hạn: mail', () => {
  function plan(asOf: string, log = [] as ReturnType<typeof logEntry>[]): MailPlan {
    const moment = at(asOf);
    const units = UNITS.all.filter((unit) => unit.code === 'MNHM' || unit.code === 'THDD');
    return planMail({
      asOf: moment,
      periods: [KH],
      units,
      board: computeStatusBoard(units, [KH], [], moment, [GRANTED]),
      submissions: [],
      details: [],
      log,
      digestEmails: [],
    });
  }

  it('tells the unit once, with the new day and the reason', () => {
    const first = plan('2023-03-31T07:00');
    const extension = first.mails.find((mail) => mail.kind === 'extension');
    expect(extension).toMatchObject({ key: 'extension:MNHM:KH-2023', to: ['mnhm@truong.example.edu.vn'] });
    const content = renderMail(extension as NonNullable<typeof extension>, {
      config: MAIL_CONFIG,
      asOf: at('2023-03-31T07:00'),
      prefilledLink: () => null,
    });
    expect(content.subject).toBe('Gia hạn Kế hoạch năm 2023 đến hết ngày 10/04/2023 – Mầm non Hoa Mai');
    expect(content.textBody).toContain('Lý do: Trường sửa chữa phòng học.');
    const again = plan('2023-04-01T07:00', [
      logEntry('extension:MNHM:KH-2023', at('2023-03-31T07:00'), {
        unitCode: 'MNHM',
        periodIds: ['KH-2023'],
        kind: 'extension',
      }),
    ]);
    expect(again.mails.filter((mail) => mail.kind === 'extension')).toEqual([]);
  });

  it('counts reminders from the new day and sends no overdue notice before it', () => {
    const sentExtension = logEntry('extension:MNHM:KH-2023', at('2023-03-20T07:00'), {
      unitCode: 'MNHM',
      periodIds: ['KH-2023'],
      kind: 'extension',
    });
    const kinds = (asOf: string) =>
      plan(asOf, [sentExtension])
        .mails.filter(
          (mail): mail is UnitNoticeMail =>
            mail.kind !== 'extension' &&
            mail.kind !== 'digest' &&
            mail.kind !== 'receipt' &&
            mail.kind !== 'returned',
        )
        .map((mail) => `${mail.unit.code} ${mail.kind}`);
    // 31/03: THDD is overdue (day 1 after 30/03); MNHM is not.
    expect(kinds('2023-03-31T07:00')).toEqual(['THDD overdue']);
    // 07/04 is 3 days before 10/04: MNHM is reminded.
    expect(kinds('2023-04-07T07:00')).toContain('MNHM reminder');
    // 11/04: one day after the new day, MNHM is overdue.
    expect(kinds('2023-04-10T07:00')).not.toContain('MNHM overdue');
    expect(kinds('2023-04-11T07:00')).toContain('MNHM overdue');
  });

  /** The text of the mail of `kind` planned at `asOf` for MNHM and THDD, with `sent` in the register. */
  function bodyOf(asOf: string, kind: 'receipt' | 'digest', sent: readonly SubmissionFields[] = []): string {
    const moment = at(asOf);
    const units = UNITS.all.filter((unit) => unit.code === 'MNHM' || unit.code === 'THDD');
    const submissions = sent.map(submissionOf);
    const planned = planMail({
      asOf: moment,
      periods: [KH],
      units,
      board: computeStatusBoard(units, [KH], submissions, moment, [GRANTED]),
      submissions,
      details: sent.map(detailsOf),
      log: [],
      digestEmails: ['tonghop@pgd.example.edu.vn'],
    }).mails.find((mail) => mail.kind === kind);
    if (!planned) throw new Error(`no ${kind} planned at ${asOf}`);
    return renderMail(planned, { config: MAIL_CONFIG, asOf: moment, prefilledLink: () => null }).textBody;
  }

  it('names the unit’s own due day in its receipt, on time or late', () => {
    const sent = (when: string): SubmissionFields => ({
      responseId: 'R1',
      unitCode: 'MNHM',
      periodId: 'KH-2023',
      submittedAt: at(when),
      submitterEmail: 'mnhm@truong.example.edu.vn',
    });
    expect(bodyOf('2023-04-08T10:05', 'receipt', [sent('2023-04-08T10:00')])).toContain(
      'Đơn vị nộp đúng hạn (hạn nộp: hết ngày 10/04/2023, kế hoạch ghi “trước ngày 31/03/2023”).',
    );
    expect(bodyOf('2023-04-12T10:05', 'receipt', [sent('2023-04-12T10:00')])).toContain(
      'Đơn vị nộp trễ hạn 2 ngày (hạn nộp: hết ngày 10/04/2023, kế hoạch ghi “trước ngày 31/03/2023”).',
    );
  });

  it('counts the days late in the digest from the unit’s own due day', () => {
    // Monday 17/04: MNHM is 7 days past 10/04, THDD 18 days past 30/03.
    const rows = bodyOf('2023-04-17T07:00', 'digest')
      .split('\n')
      .filter((line) => /^(MNHM|THDD) \|/.test(line))
      .map((line) => line.split(' | ').slice(0, 4).join(' | '));
    expect(rows).toEqual(['MNHM | Mầm non Hoa Mai | Quá hạn | 7', 'THDD | Tiểu học Đặng Đức | Quá hạn | 18']);
  });
});
