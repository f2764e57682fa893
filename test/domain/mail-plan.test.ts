import { makePeriod, type Period } from '../../src/domain/campaign';
import { MAIL_LOG_COLUMNS, SHEET, columnsOf } from '../../src/domain/layout';
import {
  noticeSchedule,
  parseMailLog,
  planMail,
  RECEIPT_WINDOW_DAYS,
  type MailLogEntry,
  type MailPlan,
  type PlannedMail,
  type ReceiptMail,
  type UnitNoticeMail,
} from '../../src/domain/mail-plan';
import { computeStatusBoard } from '../../src/domain/status';
import type { Submission } from '../../src/domain/submissions';
import { UnitRegistry, type Unit } from '../../src/domain/units';
import { FIXTURE_UNITS, makeUnit, periods2023 } from '../fakes/campaign-fixture';
import { at, detailsOf, logEntry, submissionOf, type SubmissionFields } from '../fakes/mail-fixture';
import { recordsOf, tableFromRecords } from '../fakes/tables';

const PERIODS = periods2023();
const [KH, BC6T] = PERIODS as [Period, Period, Period];
const UNITS = new UnitRegistry(FIXTURE_UNITS).all;
const DIGEST = ['tonghop@pgd.example.edu.vn'];

interface Scenario {
  readonly units?: readonly Unit[];
  readonly periods?: readonly Period[];
  readonly register?: readonly SubmissionFields[];
  readonly log?: readonly MailLogEntry[];
  readonly digestEmails?: readonly string[];
}

function plan(asOf: string, scenario: Scenario = {}): MailPlan {
  const moment = at(asOf);
  const units = scenario.units ?? UNITS;
  const periods = scenario.periods ?? PERIODS;
  const submissions: Submission[] = (scenario.register ?? []).map(submissionOf);
  return planMail({
    asOf: moment,
    periods,
    units,
    board: computeStatusBoard(units, periods, submissions, moment),
    submissions,
    details: (scenario.register ?? []).map(detailsOf),
    log: scenario.log ?? [],
    digestEmails: scenario.digestEmails ?? [],
  });
}

/** `key kind periods → recipients`, one line per mail, in sending order. */
function lines(result: MailPlan): string[] {
  return result.mails.map(
    (mail) =>
      `${mail.key} ${mail.kind} ${mail.periods.map((period) => period.id).join('+')} → ${mail.to.join(',')}`,
  );
}

function notices(result: MailPlan): UnitNoticeMail[] {
  return result.mails.filter(
    (mail): mail is UnitNoticeMail =>
      mail.kind === 'reminder' || mail.kind === 'overdue' || mail.kind === 'needs_fix',
  );
}

/** The log after a run in which every planned mail went out at `when`. */
function sentAll(result: MailPlan, when: string, log: readonly MailLogEntry[] = []): MailLogEntry[] {
  const sent = result.mails.map((mail: PlannedMail) =>
    logEntry(mail.key, at(when), {
      unitCode: mail.kind === 'digest' ? '' : (mail.unit?.code ?? ''),
      periodIds: mail.periods.map((period) => period.id),
      kind: mail.kind,
    }),
  );
  const keys = new Set(sent.map((entry) => entry.key));
  return [...log.filter((entry) => !keys.has(entry.key)), ...sent];
}

const onlyHoaMai = { units: UNITS.filter((unit) => unit.code === 'MNHM') };

describe('the notice schedule', () => {
  it('is the reminder days before the last day on time and the overdue days after the last day of grace', () => {
    expect(noticeSchedule(KH)).toEqual([
      '2023-03-23',
      '2023-03-27',
      '2023-03-29',
      '2023-03-31',
      '2023-04-02',
      '2023-04-06',
      '2023-04-13',
    ]);
    const withGrace = makePeriod({
      id: 'G',
      name: 'Kỳ có ân hạn',
      form: 'plan',
      opensOn: '2023-03-01',
      writtenDueDate: '2023-03-31',
      deadlineRule: 'through',
      graceDays: 2,
      remindBeforeDays: [3],
      remindAfterDays: [1],
    });
    expect(noticeSchedule(withGrace)).toEqual(['2023-03-28', '2023-04-03']);
  });

  it('drops the days before the form opens', () => {
    const short = makePeriod({
      id: 'S',
      name: 'Kỳ ngắn',
      form: 'report',
      opensOn: '2023-03-28',
      writtenDueDate: '2023-03-31',
      deadlineRule: 'before',
      graceDays: 0,
      remindBeforeDays: [7, 3, 1],
      remindAfterDays: [1],
    });
    expect(noticeSchedule(short)).toEqual(['2023-03-29', '2023-03-31']);
  });
});

describe('planMail: notices to units', () => {
  it('reminds every expected unit without an accepted version on a reminder day, and nobody else', () => {
    const result = plan('2023-03-23T07:00', {
      register: [
        { responseId: 'R1', unitCode: 'THDD', periodId: 'KH-2023', submittedAt: at('2023-03-20T09:00') },
      ],
      log: [
        logEntry('receipt:R1:v1', at('2023-03-21T07:00'), {
          unitCode: 'THDD',
          periodIds: ['KH-2023'],
          kind: 'receipt',
        }),
      ],
    });
    // Mầm non Cũ is inactive; Tiểu học Đặng Đức has submitted; BC6T has not opened yet.
    expect(lines(result)).toEqual([
      'unit:MNHM:2023-03-23 reminder KH-2023 → mnhm@truong.example.edu.vn',
      'unit:THCSLQD:2023-03-23 reminder KH-2023 → thcslqd@truong.example.edu.vn',
    ]);
    expect(notices(result)[0]?.items[0]).toMatchObject({
      kind: 'reminder',
      scheduleDay: '2023-03-23',
      editLink: null,
    });
  });

  it('sends nothing between schedule days once the last one was answered', () => {
    const first = plan('2023-03-23T07:00', onlyHoaMai);
    expect(
      lines(plan('2023-03-24T07:00', { ...onlyHoaMai, log: sentAll(first, '2023-03-23T07:00') })),
    ).toEqual([]);
    expect(
      lines(plan('2023-03-23T15:00', { ...onlyHoaMai, log: sentAll(first, '2023-03-23T07:00') })),
    ).toEqual([]);
  });

  it('after an outage sends only the most recent missed notice, once', () => {
    const first = plan('2023-03-23T07:00', onlyHoaMai);
    let log = sentAll(first, '2023-03-23T07:00');
    // No run from 24/03 to 30/03: the reminders of 27/03 and 29/03 are missed; 31/03 is an overdue day.
    const afterOutage = plan('2023-03-31T07:00', { ...onlyHoaMai, log });
    expect(lines(afterOutage)).toEqual(['unit:MNHM:2023-03-31 overdue KH-2023 → mnhm@truong.example.edu.vn']);
    expect(notices(afterOutage)[0]?.items).toHaveLength(1);
    log = sentAll(afterOutage, '2023-03-31T07:00', log);
    // 01/04 has no notice for the plan; the 6-month report opens that day.
    expect(lines(plan('2023-04-01T07:00', { ...onlyHoaMai, log }))).toEqual([
      'opening:MNHM:BC6T-2023 opening BC6T-2023 → mnhm@truong.example.edu.vn',
    ]);
    log = sentAll(plan('2023-04-01T07:00', { ...onlyHoaMai, log }), '2023-04-01T07:00', log);
    expect(lines(plan('2023-04-02T07:00', { ...onlyHoaMai, log }))).toEqual([
      'unit:MNHM:2023-04-02 overdue KH-2023 → mnhm@truong.example.edu.vn',
    ]);
    // A run on the last day before the deadline, after missing 27/03 and 29/03, sends one reminder.
    const lastDay = plan('2023-03-30T07:00', { ...onlyHoaMai, log: sentAll(first, '2023-03-23T07:00') });
    expect(notices(lastDay).map((mail) => [mail.kind, mail.items[0]?.scheduleDay])).toEqual([
      ['reminder', '2023-03-29'],
    ]);
  });

  it('takes the kind from the status at the run, not from the schedule day', () => {
    // A period reminded only before its deadline: a run after it finds the unit overdue.
    const beforeOnly = makePeriod({ ...KH, remindBeforeDays: [1], remindAfterDays: [] });
    const result = plan('2023-04-05T07:00', { ...onlyHoaMai, periods: [beforeOnly] });
    expect(notices(result).map((mail) => [mail.kind, mail.items[0]?.scheduleDay])).toEqual([
      ['overdue', '2023-03-29'],
    ]);
  });

  it('puts every item due for a unit in one mail, the most urgent kind first', () => {
    const overlapping = makePeriod({
      id: 'BC-Q1',
      name: 'Báo cáo quý I năm 2023',
      form: 'report',
      opensOn: '2023-03-14',
      writtenDueDate: '2023-04-03',
      deadlineRule: 'before',
      graceDays: 0,
      remindBeforeDays: [7, 1],
      remindAfterDays: [1],
    });
    const result = plan('2023-03-31T07:00', { ...onlyHoaMai, periods: [KH, overlapping] });
    expect(lines(result)).toEqual([
      'unit:MNHM:2023-03-31 overdue KH-2023+BC-Q1 → mnhm@truong.example.edu.vn',
    ]);
    expect(notices(result)[0]?.items.map((item) => item.kind)).toEqual(['overdue', 'reminder']);
  });

  it('asks a unit whose only version was rejected to fix it, with the edit link of that version', () => {
    const result = plan('2023-03-27T07:00', {
      ...onlyHoaMai,
      register: [
        {
          responseId: 'R9',
          unitCode: 'MNHM',
          periodId: 'KH-2023',
          submittedAt: at('2023-03-20T10:00'),
          outcome: 'rejected',
          problems: ['«Số điện thoại liên hệ»: «12345» không phải là số điện thoại.'],
          editLink: 'https://docs.google.com/forms/d/e/KH/viewform?edit2=R9',
        },
      ],
      log: [
        logEntry('receipt:R9:v1', at('2023-03-21T07:00'), {
          unitCode: 'MNHM',
          periodIds: ['KH-2023'],
          kind: 'receipt',
        }),
      ],
    });
    expect(lines(result)).toEqual(['unit:MNHM:2023-03-27 needs_fix KH-2023 → mnhm@truong.example.edu.vn']);
    expect(notices(result)[0]?.items[0]).toMatchObject({
      kind: 'needs_fix',
      editLink: 'https://docs.google.com/forms/d/e/KH/viewform?edit2=R9',
    });
  });

  it('sends no overdue notice to a unit that submitted on time, even when its version is returned late', () => {
    const register: SubmissionFields[] = [
      {
        responseId: 'R1',
        unitCode: 'MNHM',
        periodId: 'KH-2023',
        submittedAt: at('2023-03-25T08:00'),
        review: 'returned',
        reviewNote: 'Thiếu chữ ký.',
      },
    ];
    const log = [
      logEntry('receipt:R1:v1', at('2023-03-26T07:00'), {
        unitCode: 'MNHM',
        periodIds: ['KH-2023'],
        kind: 'receipt',
      }),
      logEntry('returned:R1:v1', at('2023-04-05T07:00'), {
        unitCode: 'MNHM',
        periodIds: ['KH-2023'],
        kind: 'returned',
      }),
    ];
    const result = plan('2023-04-06T07:00', { ...onlyHoaMai, register, log });
    expect(notices(result).map((mail) => mail.kind)).toEqual(['needs_fix']);
  });

  it('gives a unit at most one notice a day', () => {
    const log = [
      logEntry('unit:MNHM:2023-03-31', at('2023-03-31T07:00'), {
        unitCode: 'MNHM',
        periodIds: ['KH-2023'],
        kind: 'overdue',
      }),
    ];
    // A second period falls due the same day after the first run (here: added by the department).
    const extra = makePeriod({ ...KH, id: 'KH-BS', name: 'Kế hoạch bổ sung' });
    expect(lines(plan('2023-03-31T16:00', { ...onlyHoaMai, periods: [KH, extra], log }))).toEqual([]);
    expect(lines(plan('2023-04-01T07:00', { ...onlyHoaMai, periods: [KH, extra], log }))).toEqual([
      'unit:MNHM:2023-04-01 overdue KH-BS → mnhm@truong.example.edu.vn',
    ]);
  });

  it('skips inactive units and units expected only from a later period', () => {
    const late = makeUnit({ code: 'MOI', name: 'Mầm non Mới', activeFrom: '2023-04-15' });
    const result = plan('2023-04-23T07:00', { units: [late, ...UNITS.filter((unit) => !unit.isActive)] });
    expect(lines(result)).toEqual(['unit:MOI:2023-04-23 reminder BC6T-2023 → moi@truong.example.edu.vn']);
  });
});

describe('planMail: receipts and returns', () => {
  const accepted: SubmissionFields = {
    responseId: 'R1',
    unitCode: 'MNHM',
    periodId: 'KH-2023',
    submittedAt: at('2023-03-27T06:30'),
    submitterEmail: 'VanThu@MNHM.example.edu.vn',
  };

  it('sends one receipt per new version to the person who filled the form, in place of that day’s notice', () => {
    const result = plan('2023-03-27T07:00', { ...onlyHoaMai, register: [accepted] });
    expect(lines(result)).toEqual(['receipt:R1:v1 receipt KH-2023 → vanthu@mnhm.example.edu.vn']);
    const log = sentAll(result, '2023-03-27T07:00');
    expect(lines(plan('2023-03-28T07:00', { ...onlyHoaMai, register: [accepted], log }))).toEqual([]);
    const edited = { ...accepted, version: 2, lastVersionAt: at('2023-03-28T09:00') };
    expect(lines(plan('2023-03-29T07:00', { ...onlyHoaMai, register: [edited], log }))).toEqual([
      'receipt:R1:v2 receipt KH-2023 → vanthu@mnhm.example.edu.vn',
    ]);
  });

  it('answers only the newest of several responses of a unit for a period that one run catches up on', () => {
    const rejected: SubmissionFields = {
      ...accepted,
      responseId: 'R0',
      submittedAt: at('2023-03-24T14:05'),
      outcome: 'rejected',
      problems: ['«Số điện thoại liên hệ»: số điện thoại không hợp lệ: «12345».'],
    };
    const queuedReceipt = logEntry('receipt:R0:v1', at('2023-03-26T07:00'), {
      unitCode: 'MNHM',
      periodIds: ['KH-2023'],
      kind: 'receipt',
      state: 'queued',
    });
    const result = plan('2023-03-27T07:00', {
      ...onlyHoaMai,
      register: [rejected, accepted],
      log: [queuedReceipt],
    });
    expect(lines(result)).toEqual(['receipt:R1:v1 receipt KH-2023 → vanthu@mnhm.example.edu.vn']);
    // The rejection still waiting from a day without allowance is closed, not sent late.
    expect(result.closed).toEqual([
      { key: 'receipt:R0:v1', kind: 'receipt', unitCode: 'MNHM', periodIds: ['KH-2023'] },
    ]);
    // Before the corrected response arrived, the rejection was the news.
    expect(lines(plan('2023-03-25T07:00', { ...onlyHoaMai, register: [rejected, accepted] }))).toEqual([
      'receipt:R0:v1 receipt KH-2023 → vanthu@mnhm.example.edu.vn',
    ]);
  });

  it('waits with a version the register shows but that arrived after the run’s moment', () => {
    const edited = { ...accepted, version: 2, lastVersionAt: at('2023-03-28T09:00') };
    expect(lines(plan('2023-03-28T07:00', { ...onlyHoaMai, register: [edited] }))).toEqual([]);
  });

  it('falls back to the unit’s addresses when the form collected no e-mail', () => {
    const result = plan('2023-03-27T07:00', {
      ...onlyHoaMai,
      register: [{ ...accepted, submitterEmail: '' }],
    });
    expect(result.mails[0]?.to).toEqual(['mnhm@truong.example.edu.vn']);
  });

  it('sends a held response’s receipt to its sender only, never to the unit, and the unit’s notices carry on', () => {
    const held: SubmissionFields = {
      ...accepted,
      outcome: 'held',
      submitterEmail: 'nguoila@mail.example.com',
    };
    const result = plan('2023-03-27T07:00', { ...onlyHoaMai, register: [held] });
    // The school's own reminder goes out the same day: the stranger's receipt answered nothing it was owed.
    expect(lines(result)).toEqual([
      'receipt:R1:v1 receipt KH-2023 → nguoila@mail.example.com',
      'unit:MNHM:2023-03-27 reminder KH-2023 → mnhm@truong.example.edu.vn',
    ]);
    expect((result.mails[0] as ReceiptMail).outcome).toBe('held');
    const unsigned = plan('2023-03-27T07:00', {
      ...onlyHoaMai,
      register: [{ ...held, submitterEmail: '' }],
    });
    expect(lines(unsigned).filter((line) => line.startsWith('receipt'))).toEqual([]);
    const next = plan('2023-03-29T07:00', {
      ...onlyHoaMai,
      register: [held],
      log: sentAll(result, '2023-03-27T07:00'),
    });
    expect(lines(next)).toEqual(['unit:MNHM:2023-03-29 reminder KH-2023 → mnhm@truong.example.edu.vn']);
    const vouched = plan('2023-03-27T07:00', { ...onlyHoaMai, register: [{ ...held, review: 'approved' }] });
    expect((vouched.mails[0] as ReceiptMail).outcome).toBe('accepted');
    expect(vouched.mails[0]?.to).toEqual(['nguoila@mail.example.com']);
  });

  it('sends a rejected response’s receipt to its sender even when it names no registered unit', () => {
    const stray: SubmissionFields = {
      responseId: 'R5',
      unitCode: '',
      periodId: 'KH-2023',
      submittedAt: at('2023-03-27T06:00'),
      outcome: 'rejected',
      problems: ['«Đơn vị»: không tìm thấy đơn vị «Trường ABC».'],
      submitterEmail: 'ai.do@mail.example.com',
    };
    expect(lines(plan('2023-03-27T07:00', { units: [], register: [stray] }))).toEqual([
      'receipt:R5:v1 receipt KH-2023 → ai.do@mail.example.com',
    ]);
  });

  it(`sends no receipt for a version older than ${RECEIPT_WINDOW_DAYS} days, unless it was queued`, () => {
    const old = { ...accepted, submittedAt: at('2023-03-14T08:00') };
    expect(lines(plan('2023-03-22T07:00', { ...onlyHoaMai, register: [old] }))).toEqual([]);
    expect(lines(plan('2023-03-21T07:00', { ...onlyHoaMai, register: [old] }))).toHaveLength(1);
    const queued = [
      logEntry('receipt:R1:v1', at('2023-03-14T09:00'), {
        unitCode: 'MNHM',
        periodIds: ['KH-2023'],
        kind: 'receipt',
        state: 'queued',
      }),
    ];
    expect(lines(plan('2023-03-22T07:00', { ...onlyHoaMai, register: [old], log: queued }))).toEqual([
      'receipt:R1:v1 receipt KH-2023 → vanthu@mnhm.example.edu.vn',
    ]);
  });

  it('sends a return once per returned version, and closes a receipt the return makes redundant', () => {
    const returned: SubmissionFields = { ...accepted, review: 'returned', reviewNote: 'Thiếu chữ ký.' };
    const result = plan('2023-03-27T07:00', { ...onlyHoaMai, register: [returned] });
    expect(lines(result)).toEqual([
      'returned:R1:v1 returned KH-2023 → mnhm@truong.example.edu.vn,vanthu@mnhm.example.edu.vn',
    ]);
    expect(result.closed).toEqual([
      { key: 'receipt:R1:v1', kind: 'receipt', unitCode: 'MNHM', periodIds: ['KH-2023'] },
    ]);
    const log = [
      ...sentAll(result, '2023-03-27T07:00'),
      logEntry('receipt:R1:v1', at('2023-03-27T07:00'), {
        unitCode: 'MNHM',
        periodIds: ['KH-2023'],
        kind: 'receipt',
        state: 'superseded',
      }),
    ];
    expect(lines(plan('2023-03-28T07:00', { ...onlyHoaMai, register: [returned], log }))).toEqual([]);
  });

  it('holds a unit’s notice about another period for a day when it gets a receipt', () => {
    const overlapping = makePeriod({ ...KH, id: 'KH-BS', name: 'Kế hoạch bổ sung' });
    const result = plan('2023-03-27T07:00', {
      ...onlyHoaMai,
      periods: [KH, overlapping],
      register: [accepted],
    });
    expect(lines(result)).toEqual(['receipt:R1:v1 receipt KH-2023 → vanthu@mnhm.example.edu.vn']);
    const next = plan('2023-03-28T07:00', {
      ...onlyHoaMai,
      periods: [KH, overlapping],
      register: [accepted],
      log: sentAll(result, '2023-03-27T07:00'),
    });
    expect(lines(next)).toEqual(['unit:MNHM:2023-03-28 reminder KH-BS → mnhm@truong.example.edu.vn']);
  });
});

describe('planMail: the digest', () => {
  const everyone = { digestEmails: DIGEST };

  it('goes the day after each due moment, with the late units and the rates', () => {
    const result = plan('2023-03-31T07:00', {
      ...everyone,
      register: [
        { responseId: 'R1', unitCode: 'THDD', periodId: 'KH-2023', submittedAt: at('2023-03-29T09:00') },
      ],
      log: [
        logEntry('receipt:R1:v1', at('2023-03-29T10:00'), {
          unitCode: 'THDD',
          periodIds: ['KH-2023'],
          kind: 'receipt',
        }),
      ],
    });
    const digest = result.mails.find((mail) => mail.kind === 'digest');
    expect(digest?.key).toBe('digest:2023-03-31');
    expect(digest?.to).toEqual(DIGEST);
    if (digest?.kind !== 'digest') throw new Error('no digest');
    expect(digest.sections.map((section) => section.period.id)).toEqual(['KH-2023']);
    expect(digest.sections[0]?.lateUnits.map((late) => late.unit.code)).toEqual(['MNHM', 'THCSLQD']);
    expect(digest.sections[0]?.rates).toMatchObject({ expected: 3, submitted: 1, onTime: 1, overdue: 2 });
  });

  it('goes every Monday while a unit is overdue, and not on other days', () => {
    let log = sentAll(plan('2023-03-31T07:00', everyone), '2023-03-31T07:00');
    expect(plan('2023-04-01T07:00', { ...everyone, log }).mails.some((mail) => mail.kind === 'digest')).toBe(
      false,
    );
    const monday = plan('2023-04-03T07:00', { ...everyone, log });
    expect(monday.mails.filter((mail) => mail.kind === 'digest').map((mail) => mail.key)).toEqual([
      'digest:2023-04-03',
    ]);
    log = sentAll(monday, '2023-04-03T07:00', log);
    // No run on Monday 10/04: the Wednesday run sends that Monday's digest, once.
    const wednesday = plan('2023-04-12T07:00', { ...everyone, log });
    expect(wednesday.mails.filter((mail) => mail.kind === 'digest').map((mail) => mail.key)).toEqual([
      'digest:2023-04-12',
    ]);
    log = sentAll(wednesday, '2023-04-12T07:00', log);
    expect(plan('2023-04-13T07:00', { ...everyone, log }).mails.some((mail) => mail.kind === 'digest')).toBe(
      false,
    );
  });

  it('is not sent on a Monday when nobody is overdue, nor without an address', () => {
    const allIn: SubmissionFields[] = UNITS.map((unit, index) => ({
      responseId: `R${index}`,
      unitCode: unit.code,
      periodId: 'KH-2023',
      submittedAt: at('2023-03-20T08:00'),
    }));
    const sentOn31 = [logEntry('digest:2023-03-31', at('2023-03-31T07:00'), { kind: 'digest' })];
    expect(
      plan('2023-04-03T07:00', { ...everyone, register: allIn, log: sentOn31 }).mails.some(
        (mail) => mail.kind === 'digest',
      ),
    ).toBe(false);
    expect(plan('2023-03-31T07:00', { ...everyone, register: allIn }).mails.map((mail) => mail.kind)).toEqual(
      ['digest'],
    );
    expect(plan('2023-03-31T07:00').mails.some((mail) => mail.kind === 'digest')).toBe(false);
  });
});

describe('planMail: waiting mail and priorities', () => {
  it('sends overdue, then what must be fixed, then reminders, older deadlines first', () => {
    const units = [
      makeUnit({ code: 'A', name: 'Trường A' }),
      makeUnit({ code: 'B', name: 'Trường B' }),
      makeUnit({ code: 'C', name: 'Trường C' }),
    ];
    const soon = makePeriod({
      ...BC6T,
      id: 'SOON',
      opensOn: '2023-03-14',
      writtenDueDate: '2023-04-03',
      remindBeforeDays: [2],
    });
    const later = makePeriod({
      ...BC6T,
      id: 'LATER',
      opensOn: '2023-03-14',
      writtenDueDate: '2023-04-05',
      remindBeforeDays: [4],
    });
    const register: SubmissionFields[] = [
      { responseId: 'RA', unitCode: 'A', periodId: 'KH-2023', submittedAt: at('2023-03-20T08:00') },
      {
        responseId: 'RB',
        unitCode: 'B',
        periodId: 'KH-2023',
        submittedAt: at('2023-03-20T08:00'),
        outcome: 'rejected',
        problems: ['Lỗi'],
      },
    ];
    const log = register.map((row) =>
      logEntry(`receipt:${row.responseId}:v1`, at('2023-03-20T09:00'), {
        unitCode: row.unitCode,
        periodIds: ['KH-2023'],
        kind: 'receipt',
      }),
    );
    const result = plan('2023-03-31T07:00', { units, periods: [later, KH, soon], register, log });
    expect(
      result.mails.map((mail) => `${mail.kind} ${mail.periods.map((period) => period.id).join('+')}`),
    ).toEqual(['overdue KH-2023+SOON+LATER', 'needs_fix KH-2023+SOON+LATER', 'reminder SOON+LATER']);
    expect(result.mails.map((mail) => (mail.kind === 'digest' ? '' : mail.unit?.code))).toEqual([
      'C',
      'B',
      'A',
    ]);
  });

  it('reuses a unit’s waiting row, sends waiting mail first, and closes what nothing calls for', () => {
    const queued = (code: string) =>
      logEntry(`unit:${code}:2023-03-31`, at('2023-03-31T07:00'), {
        unitCode: code,
        periodIds: ['KH-2023'],
        kind: 'overdue',
        state: 'queued',
      });
    const log = [
      queued('MNHM'),
      queued('THDD'),
      logEntry('unit:THCSLQD:2023-03-31', at('2023-03-31T07:00'), {
        unitCode: 'THCSLQD',
        periodIds: ['KH-2023'],
        kind: 'overdue',
      }),
    ];
    const register: SubmissionFields[] = [
      { responseId: 'R1', unitCode: 'THDD', periodId: 'KH-2023', submittedAt: at('2023-04-01T20:00') },
    ];
    const result = plan('2023-04-02T07:00', { log, register });
    expect(lines(result)).toEqual([
      'unit:MNHM:2023-03-31 overdue KH-2023 → mnhm@truong.example.edu.vn',
      // A receipt goes before any new notice when the quota is short (MAIL_PRIORITY).
      'receipt:R1:v1 receipt KH-2023 → thdd@truong.example.edu.vn',
      'unit:THCSLQD:2023-04-02 overdue KH-2023 → thcslqd@truong.example.edu.vn',
    ]);
    expect(result.mails[0]?.waitingSince).toEqual(at('2023-03-31T07:00'));
    expect(result.closed).toEqual([
      { key: 'unit:THDD:2023-03-31', kind: 'overdue', unitCode: 'THDD', periodIds: ['KH-2023'] },
    ]);
  });

  it('retries a failed mail like a queued one', () => {
    const log = [
      logEntry('unit:MNHM:2023-03-31', at('2023-03-31T07:00'), {
        unitCode: 'MNHM',
        periodIds: ['KH-2023'],
        kind: 'overdue',
        state: 'failed',
      }),
    ];
    expect(lines(plan('2023-04-01T07:00', { ...onlyHoaMai, log }))).toEqual([
      'unit:MNHM:2023-03-31 overdue KH-2023 → mnhm@truong.example.edu.vn',
    ]);
  });
});

describe('parseMailLog', () => {
  it('reads keys, states and kinds by their Vietnamese labels, and skips rows without a key', () => {
    const table = tableFromRecords(SHEET.mailLog, columnsOf(MAIL_LOG_COLUMNS), [
      {
        [MAIL_LOG_COLUMNS.at]: at('2023-03-31T07:00'),
        [MAIL_LOG_COLUMNS.unitCode]: 'MNHM',
        [MAIL_LOG_COLUMNS.periodId]: 'KH-2023, BC6T-2023',
        [MAIL_LOG_COLUMNS.kind]: 'Quá hạn',
        [MAIL_LOG_COLUMNS.result]: 'Đã gửi',
        [MAIL_LOG_COLUMNS.key]: 'unit:MNHM:2023-03-31',
      },
      { [MAIL_LOG_COLUMNS.unitCode]: 'THDD', [MAIL_LOG_COLUMNS.result]: 'Đã gửi' },
      {
        [MAIL_LOG_COLUMNS.at]: '2023-04-01T07:00',
        [MAIL_LOG_COLUMNS.kind]: 'Tổng hợp',
        [MAIL_LOG_COLUMNS.result]: 'chờ gửi',
        [MAIL_LOG_COLUMNS.key]: 'digest:2023-04-01',
      },
      { [MAIL_LOG_COLUMNS.result]: 'Không cần gửi', [MAIL_LOG_COLUMNS.key]: 'receipt:R1:v1' },
    ]);
    expect(parseMailLog(recordsOf(table))).toEqual([
      {
        key: 'unit:MNHM:2023-03-31',
        at: at('2023-03-31T07:00'),
        unitCode: 'MNHM',
        periodIds: ['KH-2023', 'BC6T-2023'],
        kind: 'overdue',
        state: 'sent',
      },
      {
        key: 'digest:2023-04-01',
        at: at('2023-04-01T07:00'),
        unitCode: '',
        periodIds: [],
        kind: 'digest',
        state: 'queued',
      },
      { key: 'receipt:R1:v1', at: null, unitCode: '', periodIds: [], kind: null, state: 'superseded' },
    ]);
  });
});
