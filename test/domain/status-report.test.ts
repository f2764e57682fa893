import { parsePeriods, type Period } from '../../src/domain/campaign';
import { DEFAULT_PERIOD_ROWS } from '../../src/domain/defaults';
import { PERIOD_COLUMNS, SHEET, columnsOf } from '../../src/domain/layout';
import { computeStatusBoard } from '../../src/domain/status';
import { buildStatusReport } from '../../src/domain/status-report';
import type { Submission } from '../../src/domain/submissions';
import { parseMoment } from '../../src/domain/time';
import { UnitRegistry, type Unit } from '../../src/domain/units';
import { recordsOf, tableFromRecords } from '../fakes/tables';

function at(text: string): Date {
  const moment = parseMoment(text);
  if (!moment) throw new Error(`bad moment in test: ${text}`);
  return moment;
}

const checkedPeriods = parsePeriods(
  recordsOf(tableFromRecords(SHEET.periods, columnsOf(PERIOD_COLUMNS), DEFAULT_PERIOD_ROWS)),
);
if (!checkedPeriods.ok) throw new Error('the default periods must parse');
const PERIODS: readonly Period[] = checkedPeriods.value;

function unit(code: string, name: string, fields: Partial<Unit> = {}): Unit {
  return {
    code,
    name,
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

function submission(
  responseId: string,
  unitCode: string,
  periodId: string,
  submittedAt: string,
  fields: Partial<Submission> = {},
): Submission {
  return {
    responseId,
    periodId,
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

const PHONE_PROBLEM = 'Số điện thoại liên hệ: «12345» không phải là số điện thoại hợp lệ.';

const registry = new UnitRegistry([
  unit('LX01', 'Trường Tiểu học Linh Xuân', { level: 'Tiểu học', ownership: 'Tư thục', ward: 'Linh Xuân' }),
  unit('DH02', 'Trường THCS Dương Hòa', { level: 'THCS', ownership: 'Công lập', ward: 'Đông Hòa' }),
  unit('DA01', 'Trường Mầm non Đông Hòa', { level: 'Mầm non', ownership: 'Công lập', ward: 'Đông Hòa' }),
  unit('ZZ09', 'Trường đã sáp nhập', { isActive: false }),
]);

const submissions = [
  submission('R1', 'DA01', 'KH-2023', '2023-03-30T23:59:59', { review: 'approved' }),
  submission('R2', 'LX01', 'KH-2023', '2023-03-29T08:00', { outcome: 'rejected', problems: [PHONE_PROBLEM] }),
  submission('R3', 'DH02', 'BC6T-2023', '2023-04-02T09:15:30'),
  submission('R4', 'ZZ09', 'KH-2023', '2023-03-20T09:00'),
];

const report = buildStatusReport(
  computeStatusBoard(registry.all, PERIODS, submissions, at('2023-04-05T12:00')),
);

describe('buildStatusReport (the --json contract of docs/spec.md)', () => {
  it('gives asOf in ISO with +07:00', () => {
    expect(report.asOf).toBe('2023-04-05T12:00:00+07:00');
  });

  it('lists every period with its due moment and counts, rates rounded to four places', () => {
    const counts = { late: 0, overdue: 0, needsFix: 0, approved: 0, pending: 0, notOpen: 0 };
    expect(report.periods).toEqual([
      {
        id: 'KH-2023',
        name: 'Kế hoạch năm 2023',
        dueAt: '2023-03-30T23:59:59.999+07:00',
        timelyUntil: '2023-03-30T23:59:59.999+07:00',
        expected: 3,
        submitted: 1,
        onTime: 1,
        ...counts,
        overdue: 1,
        needsFix: 1,
        approved: 1,
        reportingRate: 0.3333,
        onTimeRate: 0.3333,
      },
      {
        id: 'BC6T-2023',
        name: 'Báo cáo 6 tháng đầu năm 2023',
        dueAt: '2023-04-30T23:59:59.999+07:00',
        timelyUntil: '2023-04-30T23:59:59.999+07:00',
        expected: 3,
        submitted: 1,
        onTime: 1,
        ...counts,
        pending: 2,
        reportingRate: 0.3333,
        onTimeRate: 0.3333,
      },
      {
        id: 'BCN-2023',
        name: 'Báo cáo năm 2023',
        dueAt: '2023-10-31T23:59:59.999+07:00',
        timelyUntil: '2023-10-31T23:59:59.999+07:00',
        expected: 3,
        submitted: 0,
        onTime: 0,
        ...counts,
        notOpen: 3,
        reportingRate: 0,
        onTimeRate: 0,
      },
    ]);
  });

  it('lists the levels in the school system’s order and the other groups in Vietnamese order', () => {
    expect(report.groups.map((group) => [group.dimension, group.group])).toEqual([
      ['all', 'Tất cả'],
      ['level', 'Mầm non'],
      ['level', 'Tiểu học'],
      ['level', 'THCS'],
      ['ownership', 'Công lập'],
      ['ownership', 'Tư thục'],
      ['ward', 'Đông Hòa'],
      ['ward', 'Linh Xuân'],
    ]);
    const dongHoa = report.groups.find((group) => group.group === 'Đông Hòa');
    expect(dongHoa?.periods[0]).toEqual({
      periodId: 'KH-2023',
      expected: 2,
      submitted: 1,
      onTime: 1,
      late: 0,
      overdue: 1,
      needsFix: 0,
      approved: 1,
      pending: 0,
      notOpen: 0,
      reportingRate: 0.5,
      onTimeRate: 0.5,
    });
  });

  it('lists active units in Vietnamese name order with their status per period', () => {
    expect(report.units.map((each) => each.code)).toEqual(['DA01', 'DH02', 'LX01']);
    expect(report.units[0]).toEqual({
      code: 'DA01',
      name: 'Trường Mầm non Đông Hòa',
      level: 'Mầm non',
      ownership: 'Công lập',
      ward: 'Đông Hòa',
      periods: {
        'KH-2023': {
          dueAt: '2023-03-30T23:59:59.999+07:00',
          extended: false,
          status: 'approved',
          timeliness: 'on_time',
          submittedAt: '2023-03-30T23:59:59+07:00',
          versions: 1,
          issues: [],
        },
        'BC6T-2023': {
          dueAt: '2023-04-30T23:59:59.999+07:00',
          extended: false,
          status: 'pending',
          timeliness: null,
          submittedAt: null,
          versions: 0,
          issues: [],
        },
        'BCN-2023': {
          dueAt: '2023-10-31T23:59:59.999+07:00',
          extended: false,
          status: 'not_open',
          timeliness: null,
          submittedAt: null,
          versions: 0,
          issues: [],
        },
      },
    });
    expect(report.units[1]?.periods['KH-2023']).toEqual({
      dueAt: '2023-03-30T23:59:59.999+07:00',
      extended: false,
      status: 'overdue',
      timeliness: null,
      submittedAt: null,
      versions: 0,
      issues: [],
    });
    expect(report.units[1]?.periods['BC6T-2023']).toEqual({
      dueAt: '2023-04-30T23:59:59.999+07:00',
      extended: false,
      status: 'submitted',
      timeliness: 'on_time',
      submittedAt: '2023-04-02T09:15:30+07:00',
      versions: 1,
      issues: [],
    });
    expect(report.units[2]?.periods['KH-2023']).toEqual({
      dueAt: '2023-03-30T23:59:59.999+07:00',
      extended: false,
      status: 'needs_fix',
      timeliness: null,
      submittedAt: null,
      versions: 1,
      issues: [PHONE_PROBLEM],
    });
  });

  it('is plain JSON: it survives a round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('still lists every period when no unit is active', () => {
    const empty = buildStatusReport(computeStatusBoard([], PERIODS, [], at('2023-03-01T00:00')));
    expect(empty.units).toEqual([]);
    expect(
      empty.periods.map((period) => [period.id, period.dueAt, period.expected, period.reportingRate]),
    ).toEqual([
      ['KH-2023', '2023-03-30T23:59:59.999+07:00', 0, null],
      ['BC6T-2023', '2023-04-30T23:59:59.999+07:00', 0, null],
      ['BCN-2023', '2023-10-31T23:59:59.999+07:00', 0, null],
    ]);
  });
});
