// The sheets the department opens every morning, as projections of the status board and the
// register: `Tổng hợp` (where each unit stands for each period), `Thống kê` (the counts and rates
// per group) and `Số liệu` (the figures of the accepted reports, with totals). They depend on
// nothing but their inputs, so a rebuild from scratch and a run after each submission give the
// same cells.
import { parseAnswers } from './answer-changes';
import type { FiguresBasis, Period } from './campaign';
import { FORM_SPECS } from './intake';
import { figureColumns, type FigureColumn } from './forms/figures';
import {
  GROUP_DIMENSION_LABEL,
  STATUS_LABEL,
  TIMELINESS_LABEL,
  UNSPECIFIED_GROUP,
  computeGroupRates,
  shownTimeliness,
  type Timeliness,
} from './status';
import { compareGroupsOf, compareLevels } from './group-order';

export { compareGroupNames, compareLevels } from './group-order';
import type { GroupDimension, PeriodRates, StatusBoard, StatusKey, UnitPeriodStatus } from './status';
import { statusKey } from './status';
import type { RegisterEntry } from './register';
import type { CellValue } from './table';
import { foldForMatch } from './text';
import { vietnamDateOf, vietnamInstant } from './time';
import { UNIT_COLUMNS } from './layout';
import type { Unit } from './units';

/** A cell colour that follows the value (conditional formatting). */
export interface ValueColor {
  readonly column: string;
  readonly equals: string;
  readonly background: string;
  readonly font?: string;
}

/** One derived sheet: its rows and what its formatting needs to know. */
export interface DerivedTable {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly CellValue[])[];
  /** Columns holding dates (shown dd/MM/yyyy). */
  readonly dateColumns: readonly string[];
  readonly valueColors: readonly ValueColor[];
  /** Rows (0-based, below the header) that are totals, shown bold. */
  readonly totalRows: readonly number[];
}

const GROUP_DIMENSIONS: readonly Exclude<GroupDimension, 'all'>[] = ['level', 'ownership', 'ward'];

/** The board's units (in Vietnamese name order, as StatusBoard promises), grouped by Cấp học. */
function unitsByLevel(units: readonly Unit[]): Unit[] {
  const levels = [...new Set(units.map((unit) => unit.level))].sort(compareLevels);
  const levelIndex = new Map(levels.map((level, index) => [level, index]));
  // Array sort is stable (ES2019): within a level the name order stays.
  return [...units].sort((a, b) => (levelIndex.get(a.level) ?? 0) - (levelIndex.get(b.level) ?? 0));
}

function statusAt(board: StatusBoard, unit: Unit, period: Period): UnitPeriodStatus {
  const status = board.byUnitPeriod.get(statusKey(unit.code, period.id));
  if (!status)
    throw new Error(`The status board has no status for unit ${unit.code} and period ${period.id}`);
  return status;
}

// ---------------------------------------------------------------------------------------------
// Tổng hợp

export const SUMMARY_UNIT_COLUMNS = [
  UNIT_COLUMNS.code,
  UNIT_COLUMNS.name,
  UNIT_COLUMNS.level,
  UNIT_COLUMNS.ownership,
  UNIT_COLUMNS.ward,
  UNIT_COLUMNS.head,
  UNIT_COLUMNS.emails,
  UNIT_COLUMNS.phone,
] as const;

export const SUMMARY_PERIOD_PARTS = {
  status: 'Tình trạng',
  timeliness: 'Đúng hạn',
  date: 'Ngày nộp',
} as const;

/** `KH-2023 – Tình trạng` (an en dash). */
export function summaryPeriodColumn(periodId: string, part: keyof typeof SUMMARY_PERIOD_PARTS): string {
  return `${periodId} – ${SUMMARY_PERIOD_PARTS[part]}`;
}

/** A period the unit does not owe (it joined after it fell due) and sent nothing for. */
export const NOT_EXPECTED_LABEL = 'Không áp dụng';

export const STATUS_COLORS: Readonly<
  Record<StatusKey, { readonly background: string; readonly font?: string }>
> = {
  not_open: { background: '#efefef', font: '#666666' },
  pending: { background: '#fff2cc' },
  overdue: { background: '#f4cccc', font: '#990000' },
  needs_fix: { background: '#fce5cd', font: '#b45f06' },
  submitted: { background: '#d9ead3' },
  approved: { background: '#b7e1cd', font: '#274e13' },
};

const STATUS_ORDER: readonly StatusKey[] = [
  'not_open',
  'pending',
  'overdue',
  'needs_fix',
  'submitted',
  'approved',
];

function statusLabelOf(status: UnitPeriodStatus): string {
  if (!status.isExpected && status.versions === 0) return NOT_EXPECTED_LABEL;
  return STATUS_LABEL[status.status];
}

/** One row per active unit, grouped by Cấp học, by name within a group. */
export function summaryTable(board: StatusBoard): DerivedTable {
  const periods = board.periods;
  const headers = [
    ...SUMMARY_UNIT_COLUMNS,
    ...periods.flatMap((period) => [
      summaryPeriodColumn(period.id, 'status'),
      summaryPeriodColumn(period.id, 'timeliness'),
      summaryPeriodColumn(period.id, 'date'),
    ]),
  ];
  const rows = unitsByLevel(board.units.filter((unit) => unit.isActive)).map((unit) => {
    const row: CellValue[] = [
      unit.code,
      unit.name,
      unit.level,
      unit.ownership,
      unit.ward,
      unit.head,
      unit.emails.join('; '),
      unit.phone,
    ];
    for (const period of periods) {
      const status = statusAt(board, unit, period);
      row.push(
        statusLabelOf(status),
        shownTimeliness(status) ? TIMELINESS_LABEL[shownTimeliness(status) as Timeliness] : '',
        // The day, as a date cell at its first moment: a filter on "date is" then matches it.
        status.submittedAt ? vietnamInstant(vietnamDateOf(status.submittedAt)) : null,
      );
    }
    return row;
  });
  const valueColors = periods.flatMap((period) =>
    STATUS_ORDER.map((key) => ({
      column: summaryPeriodColumn(period.id, 'status'),
      equals: STATUS_LABEL[key],
      ...STATUS_COLORS[key],
    })),
  );
  return {
    headers,
    rows,
    dateColumns: periods.map((period) => summaryPeriodColumn(period.id, 'date')),
    valueColors,
    totalRows: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Thống kê

export const STATISTICS_COLUMNS = {
  periodId: 'Mã kỳ',
  periodName: 'Tên kỳ',
  dimension: 'Nhóm theo',
  group: 'Nhóm',
  expected: 'Phải nộp',
  submitted: 'Đã nộp (gồm đã duyệt)',
  onTime: 'Đúng hạn',
  late: 'Trễ hạn',
  overdue: 'Quá hạn',
  needsFix: 'Cần bổ sung',
  approved: 'Đã duyệt',
  pending: 'Chưa nộp (chưa đến hạn)',
  notOpen: 'Chưa mở nhận',
  reportingRate: 'Tỷ lệ báo cáo (%)',
  onTimeRate: 'Tỷ lệ đúng hạn (%)',
} as const;

/** A rate as a percentage with two decimals (what `status --json` gives to four as a fraction). */
export function percentOf(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 10000) / 100;
}

/** Per period: all active units, then each Cấp học, Loại hình and Phường/Xã. */
export function statisticsTable(board: StatusBoard): DerivedTable {
  const groups = [
    ...computeGroupRates(board, ['all']),
    ...GROUP_DIMENSIONS.flatMap((dimension) =>
      computeGroupRates(board, [dimension], compareGroupsOf(dimension)),
    ),
  ];
  const rows: CellValue[][] = [];
  const totalRows: number[] = [];
  board.periods.forEach((period, periodIndex) => {
    for (const group of groups) {
      const rates = group.periods[periodIndex] as PeriodRates;
      if (group.dimension === 'all') totalRows.push(rows.length);
      rows.push([
        period.id,
        period.name,
        GROUP_DIMENSION_LABEL[group.dimension],
        group.group,
        rates.expected,
        rates.submitted,
        rates.onTime,
        rates.late,
        rates.overdue,
        rates.needsFix,
        rates.approved,
        rates.pending,
        rates.notOpen,
        percentOf(rates.reportingRate),
        percentOf(rates.onTimeRate),
      ]);
    }
  });
  return { headers: Object.values(STATISTICS_COLUMNS), rows, dateColumns: [], valueColors: [], totalRows };
}

// ---------------------------------------------------------------------------------------------
// Số liệu

export const FIGURES_LEAD_COLUMNS = {
  periodId: 'Mã kỳ',
  row: 'Dòng',
  unitCode: UNIT_COLUMNS.code,
  unitName: UNIT_COLUMNS.name,
  level: UNIT_COLUMNS.level,
  ownership: UNIT_COLUMNS.ownership,
  ward: UNIT_COLUMNS.ward,
  status: 'Tình trạng',
  /** 1 for a unit whose accepted report stands, 0 otherwise; a total row counts them. */
  reporting: 'Số đơn vị có số liệu',
} as const;

export const FIGURES_ROW_LABEL = { unit: 'Đơn vị', subtotal: 'Cộng', total: 'Tổng cộng' } as const;

const DIMENSION_COLUMN: Readonly<Record<Exclude<GroupDimension, 'all'>, string>> = {
  level: FIGURES_LEAD_COLUMNS.level,
  ownership: FIGURES_LEAD_COLUMNS.ownership,
  ward: FIGURES_LEAD_COLUMNS.ward,
};

/** The figure columns of every form the campaign's periods use, each title once. */
export function campaignFigureColumns(periods: readonly Period[]): FigureColumn[] {
  const columns: FigureColumn[] = [];
  const seen = new Set<string>();
  for (const kind of ['plan', 'report'] as const) {
    if (!periods.some((period) => period.form === kind)) continue;
    for (const column of figureColumns(FORM_SPECS[kind])) {
      if (seen.has(column.column)) continue;
      seen.add(column.column);
      columns.push(column);
    }
  }
  return columns;
}

/** A figure as stored: numbers as numbers, `Có` / `Không` as text (as figureValues reads them). */
function figureValue(answer: unknown): CellValue {
  return typeof answer === 'number' || typeof answer === 'string' ? answer : null;
}

const YES = 'Có';

function isYes(value: CellValue): boolean {
  return value === YES || (typeof value === 'string' && value !== 'Không' && foldForMatch(value) === 'co');
}

/** A total of one figure column (at `index` in the rows' figures) over unit rows, as the form spec says it adds up. */
function totalOf(column: FigureColumn, rows: readonly FigureRow[], index: number): number | null {
  let yes = 0;
  let count = 0;
  let sum = 0;
  for (const row of rows) {
    const value = row.figures[index] ?? null;
    if (column.total === 'countYes') {
      if (isYes(value)) yes += 1;
    } else if (typeof value === 'number') {
      count += 1;
      sum += value;
    }
  }
  if (column.total === 'countYes') return yes;
  if (count === 0) return column.total === 'sum' ? 0 : null;
  return column.total === 'sum' ? sum : Math.round((sum / count) * 100) / 100;
}

interface FigureRow {
  readonly unit: Unit;
  readonly cells: CellValue[];
  readonly figures: readonly CellValue[];
  readonly reporting: number;
}

/**
 * Per period that has opened: one row per active unit that owes it or has a report standing for
 * it, with the figures of its accepted report; then a total per Cấp học, Loại hình and Phường/Xã
 * and an overall total, computed from those same rows.
 */
/** Under `Số liệu` when `Số liệu tính bài` is `đã duyệt`. */
export const APPROVED_FIGURES_NOTE =
  'Ghi chú: số liệu chỉ tính các bài đã duyệt (Đánh giá «Đạt»); tỷ lệ nộp vẫn tính mọi bài nộp hợp lệ.';

export function figuresTable(
  board: StatusBoard,
  register: readonly RegisterEntry[],
  basis: FiguresBasis = 'valid',
): DerivedTable {
  const figureCols = campaignFigureColumns(board.periods);
  const headers = [...Object.values(FIGURES_LEAD_COLUMNS), ...figureCols.map((column) => column.column)];
  const answersById = new Map(register.map((entry) => [entry.responseId, entry.acceptedAnswers]));
  const units = unitsByLevel(board.units.filter((unit) => unit.isActive));
  const rows: CellValue[][] = [];
  const totalRows: number[] = [];
  for (const period of board.periods) {
    if (period.opensAt.getTime() > board.asOf.getTime()) continue;
    // The other form's columns stay blank for this period, totals included.
    const inForm = new Set(figureColumns(FORM_SPECS[period.form]).map((column) => column.column));
    const answerKeys = figureCols.map((column) => (inForm.has(column.column) ? column.key : null));
    const unitRows: FigureRow[] = [];
    for (const unit of units) {
      const status = statusAt(board, unit, period);
      // With `Số liệu tính bài` = `đã duyệt`, a version counts once the department approves it.
      const counts = basis === 'valid' || status.status === 'approved';
      const answers =
        status.standingResponseId && counts
          ? parseAnswers(answersById.get(status.standingResponseId) ?? '')
          : null;
      if (!status.isExpected && !answers) continue;
      const figures = answerKeys.map((key) => (key && answers ? figureValue(answers[key]) : null));
      const reporting = answers ? 1 : 0;
      unitRows.push({
        unit,
        figures,
        reporting,
        cells: [
          period.id,
          FIGURES_ROW_LABEL.unit,
          unit.code,
          unit.name,
          unit.level,
          unit.ownership,
          unit.ward,
          statusLabelOf(status),
          reporting,
          ...figures,
        ],
      });
    }
    rows.push(...unitRows.map((row) => row.cells));
    const totalRow = (
      label: string,
      groupColumn: string | null,
      group: string,
      members: readonly FigureRow[],
    ) => {
      const lead: Record<string, CellValue> = {
        [FIGURES_LEAD_COLUMNS.periodId]: period.id,
        [FIGURES_LEAD_COLUMNS.row]: label,
        [FIGURES_LEAD_COLUMNS.unitName]: groupColumn ? `${label} ${groupColumn}: ${group}` : label,
        [FIGURES_LEAD_COLUMNS.reporting]: members.reduce((count, row) => count + row.reporting, 0),
      };
      if (groupColumn) lead[groupColumn] = group;
      totalRows.push(rows.length);
      rows.push([
        ...Object.values(FIGURES_LEAD_COLUMNS).map((column) => lead[column] ?? null),
        ...figureCols.map((column, index) =>
          inForm.has(column.column) ? totalOf(column, members, index) : null,
        ),
      ]);
    };
    for (const dimension of GROUP_DIMENSIONS) {
      const members = new Map<string, FigureRow[]>();
      for (const row of unitRows) {
        const group = row.unit[dimension] || UNSPECIFIED_GROUP;
        const list = members.get(group);
        if (list) list.push(row);
        else members.set(group, [row]);
      }
      for (const group of [...members.keys()].sort(compareGroupsOf(dimension))) {
        totalRow(FIGURES_ROW_LABEL.subtotal, DIMENSION_COLUMN[dimension], group, members.get(group) ?? []);
      }
    }
    totalRow(FIGURES_ROW_LABEL.total, null, '', unitRows);
  }
  // Said under the table, in a row of no period (so no reader counts it).
  if (basis === 'approved' && rows.length > 0) {
    const note: Record<string, CellValue> = { [FIGURES_LEAD_COLUMNS.unitName]: APPROVED_FIGURES_NOTE };
    rows.push(headers.map((header) => note[header] ?? null));
  }
  return { headers, rows, dateColumns: [], valueColors: [], totalRows };
}
