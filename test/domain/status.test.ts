import { makePeriod, parsePeriods, type Period } from '../../src/domain/campaign';
import { DEFAULT_PERIOD_ROWS } from '../../src/domain/defaults';
import { PERIOD_COLUMNS, SHEET, columnsOf } from '../../src/domain/layout';
import {
  STATUS_LABEL,
  TIMELINESS_LABEL,
  UNSPECIFIED_GROUP,
  computeGroupRates,
  computeStatusBoard,
  isExpectedFor,
  periodRates,
  statusOf,
  unitPeriodStatus,
  type PeriodRates,
} from '../../src/domain/status';
import type { Submission } from '../../src/domain/submissions';
import { compareVietnamese } from '../../src/domain/text';
import { parseMoment } from '../../src/domain/time';
import type { Unit } from '../../src/domain/units';
import { recordsOf, tableFromRecords } from '../fakes/tables';

/** A Vietnamese wall-clock moment, `YYYY-MM-DDTHH:mm[:ss[.SSS]]`. */
function at(text: string): Date {
  const moment = parseMoment(text);
  if (!moment) throw new Error(`bad moment in test: ${text}`);
  return moment;
}

function defaultPeriods(graceDays = 0): Period[] {
  const rows = DEFAULT_PERIOD_ROWS.map((row) => ({ ...row, [PERIOD_COLUMNS.graceDays]: graceDays }));
  const checked = parsePeriods(recordsOf(tableFromRecords(SHEET.periods, columnsOf(PERIOD_COLUMNS), rows)));
  if (!checked.ok) throw new Error('the default periods must parse');
  return checked.value;
}

const PERIODS = defaultPeriods();
const [KH, BC6T, BCN] = PERIODS as [Period, Period, Period];

function unit(code: string, fields: Partial<Unit> = {}): Unit {
  return {
    code,
    name: `Trường ${code}`,
    level: '',
    ownership: '',
    ward: '',
    emails: [`${code.toLowerCase()}@school.example.edu.vn`],
    head: '',
    phone: '',
    isActive: true,
    confirmationCode: '',
    rowNumber: 2,
    ...fields,
  };
}

let responseNumber = 0;
function submission(
  unitCode: string,
  period: Period,
  submittedAt: string,
  fields: Partial<Omit<Submission, 'submittedAt'>> = {},
): Submission {
  responseNumber += 1;
  return {
    responseId: `R${responseNumber}`,
    periodId: period.id,
    unitCode,
    submittedAt: at(submittedAt),
    version: 1,
    outcome: 'accepted',
    problems: [],
    review: 'pending',
    reviewNote: '',
    ...fields,
  };
}

const U = unit('MN01');
const statusAt = (period: Period, submissions: readonly Submission[], asOf: string) =>
  unitPeriodStatus(U, period, submissions, at(asOf));
const stateAt = (period: Period, submissions: readonly Submission[], asOf: string) => {
  const status = statusAt(period, submissions, asOf);
  return [status.status, status.timeliness];
};

const PHONE_PROBLEM = 'Số điện thoại liên hệ: «12345» không phải là số điện thoại hợp lệ.';

describe('labels', () => {
  it('are those of docs/spec.md', () => {
    expect(STATUS_LABEL).toEqual({
      not_open: 'Chưa mở nhận',
      pending: 'Chưa nộp',
      overdue: 'Quá hạn',
      needs_fix: 'Cần bổ sung',
      submitted: 'Đã nộp',
      approved: 'Đã duyệt',
    });
    expect(TIMELINESS_LABEL).toEqual({ on_time: 'Đúng hạn', late: 'Trễ hạn' });
  });
});

// The last second on time and the first second late, in Vietnam, for each 2023 period.
const DUE_EDGES: readonly [string, Period, string, string][] = [
  ['KH-2023 (trước ngày 31/03/2023)', KH, '2023-03-30T23:59:59', '2023-03-31T00:00:00'],
  ['BC6T-2023 (trước ngày 01/05/2023)', BC6T, '2023-04-30T23:59:59', '2023-05-01T00:00:00'],
  ['BCN-2023 (trước ngày 01/11/2023)', BCN, '2023-10-31T23:59:59', '2023-11-01T00:00:00'],
];

describe.each(DUE_EDGES)('around the due moment of %s', (_label, period, lastSecond, firstLateSecond) => {
  const later = '2023-12-31T12:00';

  it('a unit with no submission is pending at 23:59:59 and overdue at 00:00:00', () => {
    expect(stateAt(period, [], lastSecond)).toEqual(['pending', null]);
    expect(stateAt(period, [], `${lastSecond}.999`)).toEqual(['pending', null]);
    expect(stateAt(period, [], firstLateSecond)).toEqual(['overdue', null]);
  });

  it('a submission at 23:59:59 is on time, one at 00:00:00 is late', () => {
    expect(stateAt(period, [submission('MN01', period, lastSecond)], later)).toEqual([
      'submitted',
      'on_time',
    ]);
    expect(stateAt(period, [submission('MN01', period, `${lastSecond}.999`)], later)).toEqual([
      'submitted',
      'on_time',
    ]);
    expect(stateAt(period, [submission('MN01', period, firstLateSecond)], later)).toEqual([
      'submitted',
      'late',
    ]);
  });

  it('a submission at 23:59:59 counts at once, as on time', () => {
    const status = statusAt(period, [submission('MN01', period, lastSecond)], lastSecond);
    expect([status.status, status.timeliness, status.submittedAt]).toEqual([
      'submitted',
      'on_time',
      at(lastSecond),
    ]);
  });
});

// With one grace day the last on-time second moves a day later; the form never closes.
const GRACE_PERIODS = defaultPeriods(1);
const GRACE_EDGES: readonly [string, Period, string, string, string][] = [
  [
    'KH-2023',
    GRACE_PERIODS[0] as Period,
    '2023-03-31T00:00:00',
    '2023-03-31T23:59:59',
    '2023-04-01T00:00:00',
  ],
  [
    'BC6T-2023',
    GRACE_PERIODS[1] as Period,
    '2023-05-01T00:00:00',
    '2023-05-01T23:59:59',
    '2023-05-02T00:00:00',
  ],
  [
    'BCN-2023',
    GRACE_PERIODS[2] as Period,
    '2023-11-01T00:00:00',
    '2023-11-01T23:59:59',
    '2023-11-02T00:00:00',
  ],
];

describe.each(GRACE_EDGES)(
  '%s with one grace day',
  (_label, period, dayAfterDue, lastGraceSecond, firstLateSecond) => {
    const later = '2023-12-31T12:00';

    it('counts a submission during the grace day as on time, and the next second as late', () => {
      expect(stateAt(period, [submission('MN01', period, dayAfterDue)], later)).toEqual([
        'submitted',
        'on_time',
      ]);
      expect(stateAt(period, [submission('MN01', period, lastGraceSecond)], later)).toEqual([
        'submitted',
        'on_time',
      ]);
      expect(stateAt(period, [submission('MN01', period, firstLateSecond)], later)).toEqual([
        'submitted',
        'late',
      ]);
    });

    it('keeps a unit with no submission pending until the grace ends: overdue only when a submission now would be late', () => {
      expect(stateAt(period, [], dayAfterDue)).toEqual(['pending', null]);
      expect(stateAt(period, [], lastGraceSecond)).toEqual(['pending', null]);
      expect(stateAt(period, [], firstLateSecond)).toEqual(['overdue', null]);
    });
  },
);

describe.each([
  ['KH-2023', KH, '2023-03-13T23:59:59', '2023-03-14T00:00:00'],
  ['BC6T-2023', BC6T, '2023-03-31T23:59:59', '2023-04-01T00:00:00'],
  ['BCN-2023', BCN, '2023-09-30T23:59:59', '2023-10-01T00:00:00'],
])('opening of %s', (_label, period, lastClosedSecond, openingSecond) => {
  it('is not open until the first moment of Mở nhận', () => {
    expect(stateAt(period, [], lastClosedSecond)).toEqual(['not_open', null]);
    expect(stateAt(period, [], openingSecond)).toEqual(['pending', null]);
  });
});

describe('versions, validation and review', () => {
  const asOf = '2023-04-05T12:00';

  it('a rejected submission alone needs fixing, before and after the due moment, with its problems', () => {
    const rejected = submission('MN01', KH, '2023-03-28T10:00', {
      outcome: 'rejected',
      problems: [PHONE_PROBLEM],
    });
    for (const moment of ['2023-03-28T10:00', asOf]) {
      expect(statusAt(KH, [rejected], moment)).toEqual({
        unitCode: 'MN01',
        periodId: 'KH-2023',
        dueAt: KH.dueAt,
        extended: false,
        isExpected: true,
        status: 'needs_fix',
        timeliness: null,
        submittedAt: null,
        standingResponseId: null,
        latestResponseId: rejected.responseId,
        versions: 1,
        issues: [PHONE_PROBLEM],
      });
    }
  });

  it('a rejected submission followed by an accepted one: judged on the accepted one', () => {
    const rejected = submission('MN01', KH, '2023-03-30T20:00', {
      outcome: 'rejected',
      problems: [PHONE_PROBLEM],
    });
    const accepted = submission('MN01', KH, '2023-03-31T07:00', { version: 2 });
    const status = statusAt(KH, [rejected, accepted], asOf);
    expect([status.status, status.timeliness, status.submittedAt, status.issues]).toEqual([
      'submitted',
      'late',
      at('2023-03-31T07:00'),
      [],
    ]);
  });

  it('a rejected newer submission leaves the accepted one standing, and shows its problems', () => {
    const accepted = submission('MN01', KH, '2023-03-29T10:00');
    const rejected = submission('MN01', KH, '2023-04-02T10:00', {
      version: 2,
      outcome: 'rejected',
      problems: [PHONE_PROBLEM],
    });
    expect(statusAt(KH, [rejected, accepted], asOf)).toEqual(
      expect.objectContaining({
        status: 'submitted',
        timeliness: 'on_time',
        submittedAt: at('2023-03-29T10:00'),
        standingResponseId: accepted.responseId,
        latestResponseId: rejected.responseId,
        versions: 2,
        issues: [PHONE_PROBLEM],
      }),
    );
  });

  it('a rejected edit of an accepted response leaves it standing from when it was accepted', () => {
    const edited = submission('MN01', KH, '2023-03-29T10:00', {
      outcome: 'rejected',
      acceptedAt: at('2023-03-29T10:00'),
      problems: [PHONE_PROBLEM],
    });
    expect(statusAt(KH, [edited], asOf)).toEqual(
      expect.objectContaining({ status: 'submitted', timeliness: 'on_time', issues: [PHONE_PROBLEM] }),
    );
  });

  it('judges a response first rejected, then accepted through its edit link, from when it was accepted', () => {
    const edited = submission('MN01', KH, '2023-03-30T20:00', {
      version: 2,
      acceptedAt: at('2023-03-31T07:00'),
    });
    expect(statusAt(KH, [edited], asOf)).toEqual(
      expect.objectContaining({
        status: 'submitted',
        timeliness: 'late',
        submittedAt: at('2023-03-31T07:00'),
      }),
    );
  });

  it('a returned response whose edit was then rejected shows the note once, then the problems', () => {
    const edited = submission('MN01', KH, '2023-03-29T10:00', {
      version: 2,
      outcome: 'rejected',
      acceptedAt: at('2023-03-29T10:00'),
      problems: [PHONE_PROBLEM],
      review: 'returned',
      reviewNote: 'Thiếu chữ ký',
    });
    expect(statusAt(KH, [edited], asOf)).toEqual(
      expect.objectContaining({
        status: 'needs_fix',
        timeliness: 'on_time',
        issues: ['Yêu cầu bổ sung: Thiếu chữ ký', PHONE_PROBLEM],
      }),
    );
  });

  it('an approved submission is approved, on time or late as it came', () => {
    expect(stateAt(KH, [submission('MN01', KH, '2023-03-29T10:00', { review: 'approved' })], asOf)).toEqual([
      'approved',
      'on_time',
    ]);
    expect(stateAt(KH, [submission('MN01', KH, '2023-04-01T10:00', { review: 'approved' })], asOf)).toEqual([
      'approved',
      'late',
    ]);
  });

  describe('returned by the department', () => {
    const returned = submission('MN01', KH, '2023-03-29T10:00', {
      review: 'returned',
      reviewNote: 'Thiếu chữ ký của thủ trưởng',
    });
    const resent = submission('MN01', KH, '2023-04-03T10:00', { version: 2 });

    it('needs fixing, with the note, and stays on time', () => {
      expect(statusAt(KH, [returned, resent], '2023-04-02T12:00')).toEqual(
        expect.objectContaining({
          status: 'needs_fix',
          timeliness: 'on_time',
          submittedAt: at('2023-03-29T10:00'),
          standingResponseId: returned.responseId,
          issues: ['Yêu cầu bổ sung: Thiếu chữ ký của thủ trưởng'],
        }),
      );
    });

    it('without a note says only that more is asked', () => {
      const bare = { ...returned, reviewNote: '' };
      expect(statusAt(KH, [bare], asOf).issues).toEqual(['Yêu cầu bổ sung.']);
    });

    it('is submitted again once a newer accepted version comes, still on time though it came after the due moment', () => {
      expect(statusAt(KH, [returned, resent], asOf)).toEqual(
        expect.objectContaining({
          status: 'submitted',
          timeliness: 'on_time',
          submittedAt: at('2023-03-29T10:00'),
          standingResponseId: resent.responseId,
          versions: 2,
          issues: [],
        }),
      );
    });

    it('stays to fix when the newer version is rejected, showing both the note and the problems', () => {
      const rejected = { ...resent, outcome: 'rejected' as const, problems: [PHONE_PROBLEM] };
      expect(statusAt(KH, [returned, rejected], asOf)).toEqual(
        expect.objectContaining({
          status: 'needs_fix',
          timeliness: 'on_time',
          issues: ['Yêu cầu bổ sung: Thiếu chữ ký của thủ trưởng', PHONE_PROBLEM],
        }),
      );
    });
  });

  describe('held for verification (Chờ xác minh)', () => {
    const held = submission('MN01', KH, '2023-03-29T10:00', { outcome: 'held' });

    it('changes nothing for the unit until the department takes it up: no version, no issue, overdue after the due moment', () => {
      expect(statusAt(KH, [held], '2023-03-30T23:59:59')).toEqual(
        expect.objectContaining({
          status: 'pending',
          timeliness: null,
          submittedAt: null,
          versions: 0,
          latestResponseId: null,
          issues: [],
        }),
      );
      expect(statusAt(KH, [held], '2023-03-31T00:00:00')).toEqual(
        expect.objectContaining({ status: 'overdue', timeliness: null, submittedAt: null, issues: [] }),
      );
    });

    it('counts as accepted at its own time once the department sets Đạt', () => {
      const vouched = { ...held, review: 'approved' as const };
      expect(statusAt(KH, [vouched], asOf)).toEqual(
        expect.objectContaining({
          status: 'approved',
          timeliness: 'on_time',
          submittedAt: at('2023-03-29T10:00'),
          issues: [],
        }),
      );
      const lateVouched = submission('MN01', KH, '2023-03-31T00:00:00', {
        outcome: 'held',
        review: 'approved',
      });
      expect(stateAt(KH, [lateVouched], asOf)).toEqual(['approved', 'late']);
    });

    it('needs fixing when the department returns it', () => {
      expect(stateAt(KH, [{ ...held, review: 'returned' }], asOf)).toEqual(['needs_fix', null]);
    });

    it('after an accepted version leaves that one standing, untouched by the hold', () => {
      const accepted = submission('MN01', KH, '2023-03-28T10:00');
      const heldLater = { ...held, version: 2 };
      expect(statusAt(KH, [accepted, heldLater], asOf)).toEqual(
        expect.objectContaining({ status: 'submitted', timeliness: 'on_time', versions: 1, issues: [] }),
      );
    });
  });

  it('ignores submissions first seen after the as-of moment', () => {
    const accepted = submission('MN01', KH, '2023-03-20T09:00');
    expect(statusAt(KH, [accepted], '2023-03-20T08:59:59')).toEqual(
      expect.objectContaining({ status: 'pending', versions: 0, latestResponseId: null, submittedAt: null }),
    );
    expect(stateAt(KH, [accepted], '2023-03-20T09:00')).toEqual(['submitted', 'on_time']);
  });

  it('judges on the first accepted version, whatever order the register lists them in', () => {
    const first = submission('MN01', KH, '2023-03-30T09:00');
    const second = submission('MN01', KH, '2023-04-02T09:00', { version: 2 });
    const status = statusAt(KH, [second, first], asOf);
    expect([status.timeliness, status.submittedAt, status.standingResponseId]).toEqual([
      'on_time',
      at('2023-03-30T09:00'),
      second.responseId,
    ]);
  });
});

describe('who is expected', () => {
  it('an inactive unit is not expected', () => {
    expect(isExpectedFor(unit('X', { isActive: false }), KH)).toBe(false);
    expect(isExpectedFor(unit('X'), KH)).toBe(true);
  });

  it('a unit active from a day after the last due day is expected only for later periods', () => {
    const newcomer = unit('X', { activeFrom: '2023-04-01' });
    expect(PERIODS.map((period) => isExpectedFor(newcomer, period))).toEqual([false, true, true]);
    expect(isExpectedFor(unit('X', { activeFrom: '2023-03-30' }), KH)).toBe(true);
    expect(isExpectedFor(unit('X', { activeFrom: '2023-03-31' }), KH)).toBe(false);
    expect(isExpectedFor(unit('X', { activeFrom: '2023-04-30' }), BC6T)).toBe(true);
    expect(isExpectedFor(unit('X', { activeFrom: '2023-05-01' }), BC6T)).toBe(false);
  });

  it('with grace days still goes by the last due day', () => {
    const graceKh = makePeriod({ ...KH, graceDays: 3 });
    expect(isExpectedFor(unit('X', { activeFrom: '2023-03-31' }), graceKh)).toBe(false);
  });
});

describe('the status board and rates', () => {
  // A campaign seen on 05/04/2023 at noon: KH-2023 is past due, BC6T-2023 open, BCN-2023 not yet.
  const asOf = at('2023-04-05T12:00');
  const units = [
    unit('U01', { level: 'Mầm non', ownership: 'Công lập', ward: 'An Phú' }),
    unit('U02', { level: 'Tiểu học', ownership: 'Công lập', ward: 'Bình Thọ' }),
    unit('U03', { level: 'THCS', ownership: 'Công lập', ward: 'Cát Lái' }),
    unit('U04', { level: 'Mầm non', ownership: 'Tư thục', ward: '' }),
    unit('U05', { level: 'Tiểu học', ownership: 'Tư thục', ward: 'An Phú' }),
    unit('U06', { level: 'Mầm non', ownership: '', ward: 'Bình Thọ' }),
    unit('U07', { level: 'Mầm non', ownership: 'Tư thục', ward: 'Bình Thọ' }),
    unit('U08', { level: 'Mầm non', ownership: 'Công lập', ward: 'An Phú', isActive: false }),
    unit('U09', { level: '', ownership: '', ward: '', activeFrom: '2023-04-01' }),
    unit('U10', { level: 'THCS', ownership: 'Công lập', ward: 'Cát Lái' }),
  ];
  const submissions = [
    submission('U01', KH, '2023-03-25T09:00', { review: 'approved' }),
    submission('U02', KH, '2023-03-31T08:00'),
    submission('U04', KH, '2023-03-28T10:00', { outcome: 'rejected', problems: [PHONE_PROBLEM] }),
    submission('U05', KH, '2023-03-29T15:00', { review: 'returned', reviewNote: 'Thiếu chữ ký' }),
    submission('U06', KH, '2023-03-29T16:00', { outcome: 'held' }),
    submission('U07', KH, '2023-03-30T23:59:59', { outcome: 'held', review: 'approved' }),
    submission('U08', KH, '2023-03-20T09:00'),
    submission('U09', KH, '2023-04-02T10:00'),
    submission('U10', KH, '2023-03-30T23:59:59'),
    submission('U01', BC6T, '2023-04-03T10:00'),
    // Not seen yet on 05/04.
    submission('U03', KH, '2023-04-06T08:00'),
  ];
  const board = computeStatusBoard(units, PERIODS, submissions, asOf);

  it('gives every unit a status for every period', () => {
    expect(board.byUnitPeriod.size).toBe(units.length * PERIODS.length);
    const kh = units.map((each) => {
      const status = statusOf(board, each.code, 'KH-2023');
      return [each.code, status.status, status.timeliness, status.isExpected];
    });
    expect(kh).toEqual([
      ['U01', 'approved', 'on_time', true],
      ['U02', 'submitted', 'late', true],
      ['U03', 'overdue', null, true],
      ['U04', 'needs_fix', null, true],
      ['U05', 'needs_fix', 'on_time', true],
      ['U06', 'overdue', null, true],
      ['U07', 'approved', 'on_time', true],
      ['U08', 'submitted', 'on_time', false],
      ['U09', 'submitted', 'late', false],
      ['U10', 'submitted', 'on_time', true],
    ]);
    expect(statusOf(board, 'U01', 'BC6T-2023').status).toBe('submitted');
    expect(statusOf(board, 'U02', 'BC6T-2023').status).toBe('pending');
    expect(statusOf(board, 'U02', 'BCN-2023').status).toBe('not_open');
  });

  it('refuses to answer for a unit or period it does not know', () => {
    expect(() => statusOf(board, 'U99', 'KH-2023')).toThrow('No status for unit U99 and period KH-2023');
  });

  type Counts = [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number | null,
    number | null,
  ];
  // expected, submitted, onTime, late, overdue, needsFix, approved, pending, notOpen, reportingRate, onTimeRate
  const countsOf = (rates: PeriodRates | undefined): Counts | undefined =>
    rates && [
      rates.expected,
      rates.submitted,
      rates.onTime,
      rates.late,
      rates.overdue,
      rates.needsFix,
      rates.approved,
      rates.pending,
      rates.notOpen,
      rates.reportingRate,
      rates.onTimeRate,
    ];

  const groups = computeGroupRates(board);
  const ratesOf = (group: (typeof groups)[number], periodId: string) =>
    countsOf(group.periods.find((rates) => rates.periodId === periodId));

  it('counts all expected units, per period, as DHIS2 does', () => {
    const all = groups[0];
    expect([all?.dimension, all?.group]).toEqual(['all', 'Tất cả']);
    expect(all?.periods.map((rates) => rates.periodId)).toEqual(['KH-2023', 'BC6T-2023', 'BCN-2023']);
    expect(ratesOf(all!, 'KH-2023')).toEqual([8, 4, 3, 1, 2, 2, 2, 0, 0, 0.5, 0.375]);
    expect(ratesOf(all!, 'BC6T-2023')).toEqual([9, 1, 1, 0, 0, 0, 0, 8, 0, 1 / 9, 1 / 9]);
    expect(ratesOf(all!, 'BCN-2023')).toEqual([9, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0]);
  });

  it('counts per Cấp học, Loại hình and Phường/Xã, blank groups as (chưa ghi)', () => {
    expect(UNSPECIFIED_GROUP).toBe('(chưa ghi)');
    expect(groups.map((group) => [group.dimension, group.group, ratesOf(group, 'KH-2023')])).toEqual([
      ['all', 'Tất cả', [8, 4, 3, 1, 2, 2, 2, 0, 0, 0.5, 0.375]],
      // Levels in the school system's order (src/domain/group-order.ts), blank groups last.
      ['level', 'Mầm non', [4, 2, 2, 0, 1, 1, 2, 0, 0, 0.5, 0.5]],
      ['level', 'Tiểu học', [2, 1, 0, 1, 0, 1, 0, 0, 0, 0.5, 0]],
      ['level', 'THCS', [2, 1, 1, 0, 1, 0, 0, 0, 0, 0.5, 0.5]],
      ['level', '(chưa ghi)', [0, 0, 0, 0, 0, 0, 0, 0, 0, null, null]],
      ['ownership', 'Công lập', [4, 3, 2, 1, 1, 0, 1, 0, 0, 0.75, 0.5]],
      ['ownership', 'Tư thục', [3, 1, 1, 0, 0, 2, 1, 0, 0, 1 / 3, 1 / 3]],
      ['ownership', '(chưa ghi)', [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]],
      ['ward', 'An Phú', [2, 1, 1, 0, 0, 1, 1, 0, 0, 0.5, 0.5]],
      ['ward', 'Bình Thọ', [3, 2, 1, 1, 1, 0, 1, 0, 0, 2 / 3, 1 / 3]],
      ['ward', 'Cát Lái', [2, 1, 1, 0, 1, 0, 0, 0, 0, 0.5, 0.5]],
      ['ward', '(chưa ghi)', [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]],
    ]);
  });

  it('counts a unit that joined later for the periods after it joined', () => {
    const level = groups.find((group) => group.dimension === 'level' && group.group === UNSPECIFIED_GROUP)!;
    expect(ratesOf(level, 'BC6T-2023')).toEqual([1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
    expect(ratesOf(level, 'BCN-2023')).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0]);
  });

  it('can be asked for some dimensions only, in another group order', () => {
    const wards = computeGroupRates(board, ['ward'], (a, b) => -compareVietnamese(a, b));
    expect(wards.map((group) => group.group)).toEqual(['Cát Lái', 'Bình Thọ', 'An Phú', '(chưa ghi)']);
  });

  it('has no rates when no unit is expected', () => {
    expect(countsOf(periodRates([], 'KH-2023'))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, null, null]);
  });
});
