// The status as one JSON document (`hannop status --json`, `hannop run --json`): a contract that
// scripts rely on, so its field names follow docs/spec.md exactly.
import {
  computeGroupRates,
  periodRates,
  shownTimeliness,
  statusOf,
  type GroupDimension,
  type StatusBoard,
  type StatusKey,
  type Timeliness,
} from './status';
import { formatIsoVietnam } from './time';

export interface StatusReportPeriod {
  readonly id: string;
  readonly name: string;
  readonly dueAt: string;
  readonly timelyUntil: string;
  readonly expected: number;
  readonly submitted: number;
  readonly onTime: number;
  readonly late: number;
  readonly overdue: number;
  readonly needsFix: number;
  readonly approved: number;
  readonly pending: number;
  readonly notOpen: number;
  readonly reportingRate: number | null;
  readonly onTimeRate: number | null;
}

export interface StatusReportUnitPeriod {
  /** The due moment that applies to the unit: the period's own, or its extension's. */
  readonly dueAt: string;
  readonly extended: boolean;
  readonly status: StatusKey;
  readonly timeliness: Timeliness | null;
  readonly submittedAt: string | null;
  readonly versions: number;
  readonly issues: readonly string[];
}

export interface StatusReport {
  readonly asOf: string;
  readonly periods: readonly StatusReportPeriod[];
  readonly groups: readonly {
    readonly dimension: GroupDimension;
    readonly group: string;
    readonly periods: readonly (Omit<StatusReportPeriod, 'id' | 'name' | 'dueAt' | 'timelyUntil'> & {
      readonly periodId: string;
    })[];
  }[];
  readonly units: readonly {
    readonly code: string;
    readonly name: string;
    readonly level: string;
    readonly ownership: string;
    readonly ward: string;
    readonly periods: Readonly<Record<string, StatusReportUnitPeriod>>;
  }[];
}

function roundRate(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 10000) / 10000;
}

export function buildStatusReport(board: StatusBoard): StatusReport {
  const groups = computeGroupRates(board, ['all', 'level', 'ownership', 'ward']);
  const overall = groups.find((group) => group.dimension === 'all');
  const strip = <T extends { reportingRate: number | null; onTimeRate: number | null }>(rates: T) => ({
    ...rates,
    reportingRate: roundRate(rates.reportingRate),
    onTimeRate: roundRate(rates.onTimeRate),
  });
  return {
    asOf: formatIsoVietnam(board.asOf),
    // Every period is listed, even when no unit is active (the group of all units is then absent).
    periods: board.periods.map((period) => {
      const rates =
        overall?.periods.find((candidate) => candidate.periodId === period.id) ?? periodRates([], period.id);
      const { periodId, ...counts } = strip(rates);
      return {
        id: periodId,
        name: period.name,
        dueAt: formatIsoVietnam(period.dueAt),
        timelyUntil: formatIsoVietnam(period.timelyUntil),
        ...counts,
      };
    }),
    groups: groups.map((group) => ({ ...group, periods: group.periods.map(strip) })),
    units: board.units
      .filter((unit) => unit.isActive)
      .map((unit) => ({
        code: unit.code,
        name: unit.name,
        level: unit.level,
        ownership: unit.ownership,
        ward: unit.ward,
        periods: Object.fromEntries(
          board.periods.map((period) => {
            const status = statusOf(board, unit.code, period.id);
            return [
              period.id,
              {
                dueAt: formatIsoVietnam(status.dueAt),
                extended: status.extended,
                status: status.status,
                timeliness: shownTimeliness(status),
                submittedAt: status.submittedAt ? formatIsoVietnam(status.submittedAt) : null,
                versions: status.versions,
                issues: status.issues,
              },
            ];
          }),
        ),
      })),
  };
}
