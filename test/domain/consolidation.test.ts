import type { Period } from '../../src/domain/campaign';
import {
  FIGURES_LEAD_COLUMNS,
  FIGURES_ROW_LABEL,
  NOT_EXPECTED_LABEL,
  STATISTICS_COLUMNS,
  STATUS_COLORS,
  campaignFigureColumns,
  compareGroupNames,
  compareLevels,
  figuresTable,
  percentOf,
  statisticsTable,
  summaryPeriodColumn,
  summaryTable,
  type DerivedTable,
} from '../../src/domain/consolidation';
import { REPORT_FORM } from '../../src/domain/forms';
import { figureColumns } from '../../src/domain/forms/figures';
import { PLAN_FORM } from '../../src/domain/forms/plan-form';
import { UNIT_COLUMNS } from '../../src/domain/layout';
import type { RegisterEntry } from '../../src/domain/register';
import { STATUS_LABEL } from '../../src/domain/status';
import type { CellValue } from '../../src/domain/table';
import { vietnamInstant } from '../../src/domain/time';
import type { Unit } from '../../src/domain/units';
import { makeUnit, periods2023 } from '../fakes/campaign-fixture';
import { boardOf, planAnswers, registerEntry, reportAnswers } from './register-fixture';

const PERIODS = periods2023();
const [KH, BC6T, BCN] = PERIODS as [Period, Period, Period];

const UNITS: readonly Unit[] = [
  makeUnit({ code: 'MN01', name: 'Mầm non Dương', ownership: 'Công lập', ward: 'Phường An Khánh' }),
  makeUnit({ code: 'MN02', name: 'Mầm non Đa Kao', ownership: 'Tư thục', ward: 'Phường An Khánh' }),
  makeUnit({ code: 'MN03', name: 'Mầm non Cũ', isActive: false }),
  makeUnit({ code: 'MN04', name: 'Mầm non Mới', activeFrom: '2023-04-10', ward: 'Phường Thảo Điền' }),
  makeUnit({ code: 'TH01', name: 'Tiểu học Uyên', level: 'Tiểu học', ward: 'Phường Bình Trưng' }),
  makeUnit({ code: 'TH02', name: 'Tiểu học Ưu Đàm', level: 'Tiểu học', ward: 'Phường Bình Trưng' }),
  makeUnit({ code: 'TH03', name: 'Tiểu học Hòa Bình', level: 'Tiểu học', ward: 'Phường Bình Trưng' }),
  makeUnit({ code: 'THCS1', name: 'THCS An Phú', level: 'THCS', ward: 'Phường An Phú' }),
  makeUnit({ code: 'THPT1', name: 'THPT An Bình', level: 'THPT', ward: 'Phường An Phú' }),
];

/** A campaign at 20/04/2023 with a unit in every status. */
const ENTRIES: readonly RegisterEntry[] = [
  // KH-2023, due at the end of 30/03/2023.
  registerEntry({
    responseId: 'R01',
    unitCode: 'MN01',
    periodId: KH.id,
    submittedAt: '2023-03-20T08:00',
    reviewText: 'Đạt',
    acceptedAnswers: planAnswers('MN01', 2),
  }),
  registerEntry({
    responseId: 'R02',
    unitCode: 'MN02',
    periodId: KH.id,
    submittedAt: '2023-04-02T09:30',
    acceptedAnswers: planAnswers('MN02', 1),
  }),
  registerEntry({
    responseId: 'R03',
    unitCode: 'TH02',
    periodId: KH.id,
    submittedAt: '2023-03-25T10:00',
    outcome: 'rejected',
  }),
  registerEntry({
    responseId: 'R04',
    unitCode: 'THCS1',
    periodId: KH.id,
    submittedAt: '2023-03-28T14:00',
    reviewText: 'Yêu cầu bổ sung',
    reviewNote: 'Thiếu chữ ký.',
    acceptedAnswers: planAnswers('THCS1', 3),
  }),
  registerEntry({
    responseId: 'R05',
    unitCode: 'THPT1',
    periodId: KH.id,
    submittedAt: '2023-03-30T23:59',
    acceptedAnswers: planAnswers('THPT1', 0),
  }),
  registerEntry({
    responseId: 'R06',
    unitCode: 'TH03',
    periodId: KH.id,
    submittedAt: '2023-03-29T07:00',
    outcome: 'held',
  }),
  registerEntry({
    responseId: 'R07',
    unitCode: 'MN03',
    periodId: KH.id,
    submittedAt: '2023-03-10T07:00',
    acceptedAnswers: planAnswers('MN03', 9),
  }),
  // BC6T-2023, open from 01/04, due at the end of 30/04/2023.
  registerEntry({
    responseId: 'R08',
    unitCode: 'MN01',
    periodId: BC6T.id,
    submittedAt: '2023-04-10T08:00',
    acceptedAnswers: reportAnswers('MN01', BC6T.id, { propagandaSessions: 4 }),
  }),
  registerEntry({
    responseId: 'R09',
    unitCode: 'MN04',
    periodId: BC6T.id,
    submittedAt: '2023-04-15T08:00',
    acceptedAnswers: reportAnswers('MN04', BC6T.id, { propagandaSessions: 2 }),
  }),
];

const AS_OF = '2023-04-20T12:00';

function column(table: DerivedTable, title: string): number {
  const index = table.headers.indexOf(title);
  if (index < 0) throw new Error(`no column ${title} in ${table.headers.join(', ')}`);
  return index;
}

function cellsOf(table: DerivedTable, title: string): CellValue[] {
  const index = column(table, title);
  return table.rows.map((row) => row[index] ?? null);
}

function rowWhere(table: DerivedTable, match: Readonly<Record<string, CellValue>>): readonly CellValue[] {
  const rows = table.rows.filter((row) =>
    Object.entries(match).every(([title, value]) => row[column(table, title)] === value),
  );
  if (rows.length !== 1) throw new Error(`${rows.length} rows match ${JSON.stringify(match)}`);
  return rows[0] as readonly CellValue[];
}

function valueAt(table: DerivedTable, row: readonly CellValue[], title: string): CellValue {
  return row[column(table, title)] ?? null;
}

describe('group order', () => {
  it('puts Cấp học in the order of the school system, unknown levels after, blank last', () => {
    const levels = ['THPT', '', 'Liên cấp', 'THCS', 'Mầm non', 'Tiểu học', 'Giáo dục thường xuyên'];
    expect([...levels].sort(compareLevels)).toEqual([
      'Mầm non',
      'Tiểu học',
      'THCS',
      'THPT',
      'Giáo dục thường xuyên',
      'Liên cấp',
      '',
    ]);
  });

  it('sorts other groups in Vietnamese order with the blank group last', () => {
    expect(['Phường Ư', '(chưa ghi)', 'Phường Đ', 'Phường U', 'Phường D'].sort(compareGroupNames)).toEqual([
      'Phường D',
      'Phường Đ',
      'Phường U',
      'Phường Ư',
      '(chưa ghi)',
    ]);
  });
});

describe('Tổng hợp', () => {
  const board = boardOf(UNITS, PERIODS, ENTRIES, AS_OF);
  const table = summaryTable(board);

  it('has the unit columns, then status, timeliness and date per period (en dash)', () => {
    expect(table.headers).toEqual([
      'Mã đơn vị',
      'Tên đơn vị',
      'Cấp học',
      'Loại hình',
      'Phường/Xã',
      'Thủ trưởng',
      'Email',
      'Điện thoại',
      'KH-2023 – Tình trạng',
      'KH-2023 – Đúng hạn',
      'KH-2023 – Ngày nộp',
      'BC6T-2023 – Tình trạng',
      'BC6T-2023 – Đúng hạn',
      'BC6T-2023 – Ngày nộp',
      'BCN-2023 – Tình trạng',
      'BCN-2023 – Đúng hạn',
      'BCN-2023 – Ngày nộp',
    ]);
  });

  it('lists active units by Cấp học, then by name with Đ after D and Ư after U', () => {
    expect(cellsOf(table, UNIT_COLUMNS.name)).toEqual([
      'Mầm non Dương',
      'Mầm non Đa Kao',
      'Mầm non Mới',
      'Tiểu học Hòa Bình',
      'Tiểu học Uyên',
      'Tiểu học Ưu Đàm',
      'THCS An Phú',
      'THPT An Bình',
    ]);
  });

  it('shows each status and timeliness in Vietnamese and the day of the accepted submission', () => {
    const kh = (code: string) => {
      const row = rowWhere(table, { [UNIT_COLUMNS.code]: code });
      return [
        valueAt(table, row, summaryPeriodColumn(KH.id, 'status')),
        valueAt(table, row, summaryPeriodColumn(KH.id, 'timeliness')),
        valueAt(table, row, summaryPeriodColumn(KH.id, 'date')),
      ];
    };
    expect(kh('MN01')).toEqual(['Đã duyệt', 'Đúng hạn', vietnamInstant('2023-03-20')]);
    expect(kh('MN02')).toEqual(['Đã nộp', 'Trễ hạn', vietnamInstant('2023-04-02')]);
    expect(kh('TH01')).toEqual(['Quá hạn', '', null]);
    expect(kh('TH02')).toEqual(['Cần bổ sung', '', null]);
    // Returned for correction: not yet submitted, so no timeliness, as in the totals (one rule).
    expect(kh('THCS1')).toEqual(['Cần bổ sung', '', vietnamInstant('2023-03-28')]);
    expect(kh('THPT1')).toEqual(['Đã nộp', 'Đúng hạn', vietnamInstant('2023-03-30')]);
    expect(kh('TH03')).toEqual(['Quá hạn', '', null]);
    // Registered on 10/04: the plan was not asked of it.
    expect(kh('MN04')).toEqual([NOT_EXPECTED_LABEL, '', null]);
    const mn04 = rowWhere(table, { [UNIT_COLUMNS.code]: 'MN04' });
    expect(valueAt(table, mn04, summaryPeriodColumn(BC6T.id, 'status'))).toBe('Đã nộp');
    const th01 = rowWhere(table, { [UNIT_COLUMNS.code]: 'TH01' });
    expect(valueAt(table, th01, summaryPeriodColumn(BC6T.id, 'status'))).toBe('Chưa nộp');
    expect(valueAt(table, th01, summaryPeriodColumn(BCN.id, 'status'))).toBe('Chưa mở nhận');
  });

  it('carries the unit columns as the register has them', () => {
    const row = rowWhere(table, { [UNIT_COLUMNS.code]: 'MN02' });
    expect(row.slice(0, 8)).toEqual([
      'MN02',
      'Mầm non Đa Kao',
      'Mầm non',
      'Tư thục',
      'Phường An Khánh',
      'Nguyễn Thị Hiệu Trưởng',
      'mn02@truong.example.edu.vn',
      '0901234567',
    ]);
  });

  it('colours every status label of every period, and marks the date columns', () => {
    for (const period of PERIODS) {
      const rules = table.valueColors.filter(
        (rule) => rule.column === summaryPeriodColumn(period.id, 'status'),
      );
      expect(rules.map((rule) => rule.equals).sort()).toEqual(Object.values(STATUS_LABEL).sort());
      expect(rules.find((rule) => rule.equals === 'Quá hạn')?.background).toBe(
        STATUS_COLORS.overdue.background,
      );
    }
    expect(table.dateColumns).toEqual(['KH-2023 – Ngày nộp', 'BC6T-2023 – Ngày nộp', 'BCN-2023 – Ngày nộp']);
  });
});

describe('Thống kê', () => {
  const board = boardOf(UNITS, PERIODS, ENTRIES, AS_OF);
  const table = statisticsTable(board);
  const C = STATISTICS_COLUMNS;
  const counts = (periodId: string, dimension: string, group: string) => {
    const row = rowWhere(table, { [C.periodId]: periodId, [C.dimension]: dimension, [C.group]: group });
    return Object.fromEntries(
      (
        [
          'expected',
          'submitted',
          'onTime',
          'late',
          'overdue',
          'needsFix',
          'approved',
          'pending',
          'notOpen',
          'reportingRate',
          'onTimeRate',
        ] as const
      ).map((key) => [key, valueAt(table, row, C[key])]),
    );
  };

  it('counts every status for all active units, the inactive one and the one not yet registered left out', () => {
    expect(counts(KH.id, 'Tất cả', 'Tất cả')).toEqual({
      expected: 7,
      submitted: 3,
      onTime: 2,
      late: 1,
      overdue: 2,
      needsFix: 2,
      approved: 1,
      pending: 0,
      notOpen: 0,
      reportingRate: 42.86,
      onTimeRate: 28.57,
    });
  });

  it('expects a unit added mid-campaign from the first period due after it joined', () => {
    expect(counts(BC6T.id, 'Tất cả', 'Tất cả')).toMatchObject({
      expected: 8,
      submitted: 2,
      onTime: 2,
      pending: 6,
      reportingRate: 25,
    });
    expect(counts(BCN.id, 'Tất cả', 'Tất cả')).toMatchObject({
      expected: 8,
      notOpen: 8,
      reportingRate: 0,
      onTimeRate: 0,
    });
  });

  it('counts by Cấp học, Loại hình and Phường/Xã', () => {
    expect(counts(KH.id, 'Cấp học', 'Mầm non')).toMatchObject({
      expected: 2,
      submitted: 2,
      onTime: 1,
      late: 1,
      approved: 1,
      reportingRate: 100,
      onTimeRate: 50,
    });
    expect(counts(KH.id, 'Cấp học', 'Tiểu học')).toMatchObject({
      expected: 3,
      submitted: 0,
      overdue: 2,
      needsFix: 1,
      reportingRate: 0,
    });
    expect(counts(KH.id, 'Loại hình', 'Tư thục')).toMatchObject({ expected: 1, submitted: 1, late: 1 });
    expect(counts(KH.id, 'Phường/Xã', 'Phường An Phú')).toMatchObject({
      expected: 2,
      submitted: 1,
      needsFix: 1,
    });
    // MN04 is the only unit of its ward and owed nothing for the plan: no rate rather than 0 %.
    expect(counts(KH.id, 'Phường/Xã', 'Phường Thảo Điền')).toMatchObject({
      expected: 0,
      reportingRate: null,
      onTimeRate: null,
    });
  });

  it('orders the rows by period, then all units, Cấp học in school order, Loại hình and Phường/Xã', () => {
    const khRows = table.rows
      .filter((row) => row[0] === KH.id)
      .map((row) => `${String(row[2])}: ${String(row[3])}`);
    expect(khRows).toEqual([
      'Tất cả: Tất cả',
      'Cấp học: Mầm non',
      'Cấp học: Tiểu học',
      'Cấp học: THCS',
      'Cấp học: THPT',
      'Loại hình: Công lập',
      'Loại hình: Tư thục',
      'Phường/Xã: Phường An Khánh',
      'Phường/Xã: Phường An Phú',
      'Phường/Xã: Phường Bình Trưng',
      'Phường/Xã: Phường Thảo Điền',
    ]);
    expect(table.totalRows).toEqual([0, 11, 22]);
  });

  it('gives rates as percentages with two decimals', () => {
    expect(percentOf(2 / 3)).toBe(66.67);
    expect(percentOf(1)).toBe(100);
    expect(percentOf(null)).toBeNull();
  });
});

describe('Số liệu', () => {
  const reportEntry = (
    responseId: string,
    unitCode: string,
    submittedAt: string,
    figures: Record<string, unknown>,
  ) =>
    registerEntry({
      responseId,
      unitCode,
      periodId: BC6T.id,
      submittedAt,
      acceptedAnswers: reportAnswers(unitCode, BC6T.id, figures),
    });
  const figures = (n: number, conference: 'Có' | 'Không', eDocPercent: number) => ({
    propagandaSessions: n,
    propagandaAttendees: n * 100,
    dvkActive: n,
    dvkRecognized: 1,
    receptionSessions: 2,
    petitionsReceived: n + 1,
    petitionsResolved: n,
    dialogues: 3,
    staffConference: conference,
    eDocPercent,
    commendations: 5,
    violations: 0,
  });
  const entries = [
    ...ENTRIES.filter((entry) => entry.periodId === KH.id),
    reportEntry('S1', 'MN01', '2023-04-10T08:00', figures(4, 'Có', 90)),
    reportEntry('S2', 'MN02', '2023-04-11T08:00', figures(7, 'Không', 75.5)),
    reportEntry('S3', 'TH01', '2023-04-12T08:00', figures(10, 'Có', 100)),
    // An edit of S3's unit's report replaced by a newer accepted response: only the newer counts.
    reportEntry('S4', 'TH01', '2023-04-20T08:00', figures(11, 'Có', 99)),
    reportEntry('S5', 'THCS1', '2023-04-13T08:00', figures(1, 'Không', 50)),
    // A cell someone broke by hand: the unit counts as having no figures.
    registerEntry({
      responseId: 'S6',
      unitCode: 'THPT1',
      periodId: BC6T.id,
      submittedAt: '2023-04-14T08:00',
      acceptedAnswers: '{không phải JSON',
    }),
    reportEntry('S7', 'MN03', '2023-04-14T08:00', figures(50, 'Có', 10)),
  ];
  const board = boardOf(UNITS, PERIODS, entries, '2023-05-10T12:00');
  const table = figuresTable(board, entries);
  const reportColumns = figureColumns(REPORT_FORM);
  const L = FIGURES_LEAD_COLUMNS;
  const unitRows = (periodId: string) =>
    table.rows.filter(
      (row) =>
        row[column(table, L.periodId)] === periodId && row[column(table, L.row)] === FIGURES_ROW_LABEL.unit,
    );

  it('has the lead columns, then the figure columns of the plan and of the report form', () => {
    expect(table.headers).toEqual([
      ...Object.values(L),
      ...figureColumns(PLAN_FORM).map((c) => c.column),
      ...reportColumns.map((c) => c.column),
    ]);
    expect(campaignFigureColumns([BC6T]).map((c) => c.column)).toEqual(reportColumns.map((c) => c.column));
  });

  it('leaves out periods not yet open and inactive units', () => {
    expect(new Set(cellsOf(table, L.periodId))).toEqual(new Set([KH.id, BC6T.id]));
    expect(cellsOf(table, L.unitCode)).not.toContain('MN03');
  });

  it('gives each unit the figures of the accepted report that stands', () => {
    const th01 = rowWhere(table, { [L.periodId]: BC6T.id, [L.unitCode]: 'TH01' });
    expect(valueAt(table, th01, 'Buổi tuyên truyền, quán triệt')).toBe(11);
    expect(valueAt(table, th01, 'Hội nghị cán bộ, công chức, viên chức')).toBe('Có');
    expect(valueAt(table, th01, 'Tỷ lệ văn bản điện tử (%)')).toBe(99);
    expect(valueAt(table, th01, L.reporting)).toBe(1);
    expect(valueAt(table, th01, 'Mô hình “Dân vận khéo” đăng ký')).toBeNull();
    const thpt = rowWhere(table, { [L.periodId]: BC6T.id, [L.unitCode]: 'THPT1' });
    expect(valueAt(table, thpt, L.reporting)).toBe(0);
    expect(valueAt(table, thpt, 'Buổi tuyên truyền, quán triệt')).toBeNull();
    const th02 = rowWhere(table, { [L.periodId]: BC6T.id, [L.unitCode]: 'TH02' });
    expect(valueAt(table, th02, L.status)).toBe('Quá hạn');
    const kh = rowWhere(table, { [L.periodId]: KH.id, [L.unitCode]: 'MN01' });
    expect(valueAt(table, kh, 'Mô hình “Dân vận khéo” đăng ký')).toBe(2);
    expect(valueAt(table, kh, 'Buổi tuyên truyền, quán triệt')).toBeNull();
  });

  it('makes every total equal to the sum of its unit rows (average and count of Có where the spec says)', () => {
    const groupColumns = { 'Cấp học': L.level, 'Loại hình': L.ownership, 'Phường/Xã': L.ward } as const;
    let checked = 0;
    for (const period of [KH, BC6T]) {
      const units = unitRows(period.id);
      const totals = table.rows.filter(
        (row) =>
          row[column(table, L.periodId)] === period.id &&
          row[column(table, L.row)] !== FIGURES_ROW_LABEL.unit,
      );
      for (const total of totals) {
        const kind = total[column(table, L.row)];
        const name = String(total[column(table, L.unitName)]);
        const dimension = (Object.keys(groupColumns) as (keyof typeof groupColumns)[]).find((key) =>
          name.startsWith(`Cộng ${key}: `),
        );
        const members =
          kind === FIGURES_ROW_LABEL.total
            ? units
            : units.filter(
                (row) =>
                  dimension &&
                  row[column(table, groupColumns[dimension])] ===
                    total[column(table, groupColumns[dimension])],
              );
        expect(members.length).toBeGreaterThan(0);
        expect(total[column(table, L.reporting)]).toBe(
          members.reduce((sum, row) => sum + Number(row[column(table, L.reporting)]), 0),
        );
        for (const figure of campaignFigureColumns(PERIODS)) {
          const values = members.map((row) => row[column(table, figure.column)] ?? null);
          const numbers = values.filter((value): value is number => typeof value === 'number');
          const inForm = figureColumns(period.form === 'plan' ? PLAN_FORM : REPORT_FORM).some(
            (c) => c.column === figure.column,
          );
          const expected = !inForm
            ? null
            : figure.total === 'countYes'
              ? values.filter((value) => value === 'Có').length
              : figure.total === 'average'
                ? numbers.length === 0
                  ? null
                  : Math.round((numbers.reduce((a, b) => a + b, 0) / numbers.length) * 100) / 100
                : numbers.reduce((a, b) => a + b, 0);
          expect([name, figure.column, total[column(table, figure.column)]]).toEqual([
            name,
            figure.column,
            expected,
          ]);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('gives the overall totals of the six-month report', () => {
    const total = rowWhere(table, { [L.periodId]: BC6T.id, [L.row]: FIGURES_ROW_LABEL.total });
    expect(valueAt(table, total, L.unitName)).toBe('Tổng cộng');
    expect(valueAt(table, total, L.reporting)).toBe(4);
    expect(valueAt(table, total, 'Buổi tuyên truyền, quán triệt')).toBe(4 + 7 + 11 + 1);
    expect(valueAt(table, total, 'Hội nghị cán bộ, công chức, viên chức')).toBe(2);
    expect(valueAt(table, total, 'Tỷ lệ văn bản điện tử (%)')).toBe(
      Math.round(((90 + 75.5 + 99 + 50) / 4) * 100) / 100,
    );
    const planTotal = rowWhere(table, { [L.periodId]: KH.id, [L.row]: FIGURES_ROW_LABEL.total });
    // MN01 2, MN02 1, THCS1 3 (returned, still its accepted plan), THPT1 0; MN03 is inactive.
    expect(valueAt(table, planTotal, 'Mô hình “Dân vận khéo” đăng ký')).toBe(6);
    expect(valueAt(table, planTotal, 'Buổi tuyên truyền, quán triệt')).toBeNull();
  });

  it('names each subtotal and marks total rows bold', () => {
    const subtotal = rowWhere(table, {
      [L.periodId]: BC6T.id,
      [L.row]: FIGURES_ROW_LABEL.subtotal,
      [L.level]: 'Tiểu học',
    });
    expect(valueAt(table, subtotal, L.unitName)).toBe('Cộng Cấp học: Tiểu học');
    const bold = table.totalRows.map((index) => table.rows[index]?.[column(table, L.row)]);
    expect(bold.every((kind) => kind !== FIGURES_ROW_LABEL.unit)).toBe(true);
    expect(bold.length).toBe(
      table.rows.filter((row) => row[column(table, L.row)] !== FIGURES_ROW_LABEL.unit).length,
    );
  });

  it('lists unit rows in the same order as Tổng hợp', () => {
    const summaryOrder = cellsOf(summaryTable(board), UNIT_COLUMNS.code);
    expect(unitRows(BC6T.id).map((row) => row[column(table, L.unitCode)])).toEqual(summaryOrder);
  });
});
