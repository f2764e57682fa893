// The status engine: for every unit and period, where the unit stands at a given moment, and the
// completeness and timeliness rates per group as DHIS2 defines them (expected = active units,
// reporting rate = submitted / expected, on-time rate = submitted on time / expected).
import type { Period } from './campaign';
import { periodForUnit, type Extension } from './extensions';
import type { Submission } from './submissions';
import { OUTCOME_LABEL, REVIEW_LABEL, awaitsAcceptance } from './submissions';
import { compareGroupsOf, UNSPECIFIED_GROUP, type GroupDimension } from './group-order';
import type { Unit } from './units';

export type StatusKey = 'not_open' | 'pending' | 'overdue' | 'needs_fix' | 'submitted' | 'approved';
export const STATUS_LABEL: Record<StatusKey, string> = {
  not_open: 'Chưa mở nhận',
  pending: 'Chưa nộp',
  overdue: 'Quá hạn',
  needs_fix: 'Cần bổ sung',
  submitted: 'Đã nộp',
  approved: 'Đã duyệt',
};

export type Timeliness = 'on_time' | 'late';
export const TIMELINESS_LABEL: Record<Timeliness, string> = { on_time: 'Đúng hạn', late: 'Trễ hạn' };

export interface UnitPeriodStatus {
  readonly unitCode: string;
  readonly periodId: string;
  /** The due moment that applies to this unit: the period's, or its extension's (`Gia hạn`). */
  readonly dueAt: Date;
  /** Whether `dueAt` comes from an extension. */
  readonly extended: boolean;
  /** Counted in the rates: the unit is active and was registered before the period fell due. */
  readonly isExpected: boolean;
  readonly status: StatusKey;
  /** Judged on the first accepted submission; null while there is none. */
  readonly timeliness: Timeliness | null;
  /** When the first accepted submission arrived. */
  readonly submittedAt: Date | null;
  /** The accepted submission that stands now, if any. */
  readonly standingResponseId: string | null;
  /** The newest submission seen, whatever its outcome. */
  readonly latestResponseId: string | null;
  readonly versions: number;
  /** What stands in the way: the problems of the newest rejected version, a hold, a return note. */
  readonly issues: readonly string[];
}

/**
 * A version of the response was accepted (even if a later edit was rejected), or it is held and
 * the department vouched for it (`Đánh giá` = `Đạt`).
 */
export function isAcceptedVersion(submission: Submission): boolean {
  return (
    submission.outcome === 'accepted' ||
    (submission.acceptedAt !== undefined && submission.acceptedAt !== null) ||
    (awaitsAcceptance(submission.outcome) && submission.review === 'approved')
  );
}

/** When the response was first accepted. */
export function acceptedTimeOf(submission: Submission): Date {
  return submission.acceptedAt ?? submission.submittedAt;
}

export function isExpectedFor(unit: Unit, period: Period): boolean {
  return unit.isActive && (unit.activeFrom === undefined || unit.activeFrom <= period.lastDueDate);
}

function bySubmissionOrder(a: Submission, b: Submission): number {
  return a.version - b.version || a.submittedAt.getTime() - b.submittedAt.getTime();
}

// Worded after the `Đánh giá` choice, not after the agency: it is data (a Phòng, a ward committee…).
function returnIssue(submission: Submission): string {
  return `${REVIEW_LABEL.returned}${submission.reviewNote ? `: ${submission.reviewNote}` : '.'}`;
}

/** What validation or the identity check left open; a hold the department vouched for is none. */
function checkIssuesOf(submission: Submission): string[] {
  if (submission.outcome === 'held' && submission.review !== 'approved') {
    return [`${OUTCOME_LABEL.held}: chưa xác minh được người nộp thuộc đơn vị.`];
  }
  if (submission.outcome === 'closed' && submission.review !== 'approved') {
    return [
      `${OUTCOME_LABEL.closed}: kỳ đã khóa nhận; bài chỉ được tính khi được chấp nhận (Đánh giá «Đạt»).`,
    ];
  }
  if (submission.outcome === 'rejected') return [...submission.problems];
  return [];
}

function issuesOf(submission: Submission): string[] {
  if (submission.review === 'returned') return [returnIssue(submission)];
  return checkIssuesOf(submission);
}

/**
 * Where one unit stands for one period at `asOf`. `submissions` are that unit's for that period;
 * those first seen after `asOf` do not exist yet. An extension of the unit moves its due moment.
 */
export function unitPeriodStatus(
  unit: Unit,
  ownPeriod: Period,
  submissions: readonly Submission[],
  asOf: Date,
  extensions: readonly Extension[] = [],
): UnitPeriodStatus {
  const period = periodForUnit(ownPeriod, unit.code, extensions);
  const asOfTime = asOf.getTime();
  // A held response is not the unit's until the department takes it up (`Đạt` or a return): it
  // changes neither the status, nor the count of versions, nor the issues the unit is told about.
  const seen = submissions.filter(
    (submission) =>
      submission.submittedAt.getTime() <= asOfTime &&
      (submission.outcome !== 'held' || submission.review !== 'pending' || submission.acceptedAt != null),
  );
  if (seen.length > 1) seen.sort(bySubmissionOrder);
  // A response first seen before `asOf` but accepted only through a later edit was not yet
  // accepted at `asOf`.
  const accepted = seen.filter(
    (submission) => isAcceptedVersion(submission) && acceptedTimeOf(submission).getTime() <= asOfTime,
  );
  let firstAccepted: Submission | undefined;
  for (const submission of accepted) {
    // The earliest acceptance; the first of equals, as a stable sort would give.
    if (!firstAccepted || acceptedTimeOf(submission).getTime() < acceptedTimeOf(firstAccepted).getTime()) {
      firstAccepted = submission;
    }
  }
  const standing = accepted[accepted.length - 1];
  const latest = seen[seen.length - 1];
  // Every status is built with the same fields in the same order: the engine's readers then see
  // one object shape (and run faster on it).
  const made = (
    status: StatusKey,
    standingFields: Pick<UnitPeriodStatus, 'timeliness' | 'submittedAt' | 'standingResponseId'>,
    issues: readonly string[],
  ): UnitPeriodStatus => ({
    unitCode: unit.code,
    periodId: period.id,
    dueAt: period.dueAt,
    extended: period !== ownPeriod,
    isExpected: isExpectedFor(unit, ownPeriod),
    status,
    timeliness: standingFields.timeliness,
    submittedAt: standingFields.submittedAt,
    standingResponseId: standingFields.standingResponseId,
    latestResponseId: latest?.responseId ?? null,
    versions: seen.length,
    issues,
  });
  if (firstAccepted && standing) {
    const firstAcceptedAt = acceptedTimeOf(firstAccepted);
    const timeliness: Timeliness =
      firstAcceptedAt.getTime() <= period.timelyUntil.getTime() ? 'on_time' : 'late';
    // A rejected edit of the standing response, or a newer rejected response, leaves the accepted
    // version standing; its problems are still shown.
    // The standing response's own return note is added below, once.
    const later = seen.slice(seen.indexOf(standing) + 1);
    const newest = later[later.length - 1];
    const laterIssues = newest ? issuesOf(newest) : checkIssuesOf(standing);
    const status: StatusKey =
      standing.review === 'returned'
        ? 'needs_fix'
        : standing.review === 'approved'
          ? 'approved'
          : 'submitted';
    return made(
      status,
      { timeliness, submittedAt: firstAcceptedAt, standingResponseId: standing.responseId },
      status === 'needs_fix' ? [returnIssue(standing), ...laterIssues] : laterIssues,
    );
  }
  const noneStanding = { timeliness: null, submittedAt: null, standingResponseId: null };
  if (latest && (latest.outcome === 'rejected' || latest.review === 'returned')) {
    return made('needs_fix', noneStanding, issuesOf(latest));
  }
  const issues = latest ? issuesOf(latest) : [];
  // Grace days only widen what counts as on time; until they run out a unit is not yet late.
  const status: StatusKey =
    asOfTime < period.opensAt.getTime()
      ? 'not_open'
      : asOfTime > period.timelyUntil.getTime()
        ? 'overdue'
        : 'pending';
  return made(status, noneStanding, issues);
}

export interface StatusBoard {
  readonly asOf: Date;
  readonly periods: readonly Period[];
  /** Units in Vietnamese name order. */
  readonly units: readonly Unit[];
  /** Keyed by `statusKey(unitCode, periodId)`. */
  readonly byUnitPeriod: ReadonlyMap<string, UnitPeriodStatus>;
  /** `Gia hạn`: read through `periodForUnit` wherever a unit's due moment matters. */
  readonly extensions: readonly Extension[];
}

export function statusKey(unitCode: string, periodId: string): string {
  return `${unitCode}\u0000${periodId}`;
}

/** Every unit's status for every period at `asOf`. */
export function computeStatusBoard(
  units: readonly Unit[],
  periods: readonly Period[],
  submissions: readonly Submission[],
  asOf: Date,
  extensions: readonly Extension[] = [],
): StatusBoard {
  const grouped = new Map<string, Submission[]>();
  for (const submission of submissions) {
    const key = statusKey(submission.unitCode, submission.periodId);
    const list = grouped.get(key);
    if (list) list.push(submission);
    else grouped.set(key, [submission]);
  }
  const byUnitPeriod = new Map<string, UnitPeriodStatus>();
  for (const unit of units) {
    for (const period of periods) {
      const key = statusKey(unit.code, period.id);
      byUnitPeriod.set(key, unitPeriodStatus(unit, period, grouped.get(key) ?? [], asOf, extensions));
    }
  }
  return { asOf, periods, units, byUnitPeriod, extensions };
}

export function statusOf(board: StatusBoard, unitCode: string, periodId: string): UnitPeriodStatus {
  const found = board.byUnitPeriod.get(statusKey(unitCode, periodId));
  if (!found) throw new Error(`No status for unit ${unitCode} and period ${periodId}`);
  return found;
}

export interface PeriodRates {
  readonly periodId: string;
  readonly expected: number;
  /** Units with an accepted version standing (submitted or approved). */
  readonly submitted: number;
  readonly onTime: number;
  readonly late: number;
  readonly overdue: number;
  readonly needsFix: number;
  readonly approved: number;
  readonly pending: number;
  readonly notOpen: number;
  /** submitted / expected, null when nothing is expected. */
  readonly reportingRate: number | null;
  /** submitted on time / expected, null when nothing is expected. */
  readonly onTimeRate: number | null;
}

export type { GroupDimension } from './group-order';
export const GROUP_DIMENSION_LABEL: Record<GroupDimension, string> = {
  all: 'Tất cả',
  level: 'Cấp học',
  ownership: 'Loại hình',
  ward: 'Phường/Xã',
};

export interface GroupRates {
  readonly dimension: GroupDimension;
  /** The group's name (`Tất cả` for all units, `(chưa ghi)` for units with the field blank). */
  readonly group: string;
  readonly periods: readonly PeriodRates[];
}

export { UNSPECIFIED_GROUP } from './group-order';

type RateCounts = Omit<PeriodRates, 'periodId' | 'reportingRate' | 'onTimeRate'>;

function emptyCounts(): { -readonly [K in keyof RateCounts]: number } {
  return {
    expected: 0,
    submitted: 0,
    onTime: 0,
    late: 0,
    overdue: 0,
    needsFix: 0,
    approved: 0,
    pending: 0,
    notOpen: 0,
  };
}

/** Adds one unit's status for a period to the counts of its group (nothing if it is not expected). */
/**
 * The timeliness a unit's row shows: the one rule for a report returned for correction is that it
 * counts as not yet submitted, so it is neither "đã nộp" nor "đúng hạn" in any total, and its row
 * shows `Cần bổ sung` with no timeliness either. The board keeps the timeliness of the first
 * accepted version (a unit judged on time keeps it through a return): it shows again, unchanged,
 * once the corrected version is accepted.
 */
export function shownTimeliness(status: UnitPeriodStatus): Timeliness | null {
  return status.status === 'submitted' || status.status === 'approved' ? status.timeliness : null;
}

function countStatus(counts: ReturnType<typeof emptyCounts>, status: UnitPeriodStatus): void {
  if (!status.isExpected) return;
  counts.expected += 1;
  switch (status.status) {
    case 'submitted':
    case 'approved':
      counts.submitted += 1;
      if (status.status === 'approved') counts.approved += 1;
      if (status.timeliness === 'on_time') counts.onTime += 1;
      else counts.late += 1;
      break;
    case 'overdue':
      counts.overdue += 1;
      break;
    case 'needs_fix':
      counts.needsFix += 1;
      break;
    case 'pending':
      counts.pending += 1;
      break;
    case 'not_open':
      counts.notOpen += 1;
      break;
  }
}

function ratesOf(periodId: string, counts: RateCounts): PeriodRates {
  const rate = (count: number) => (counts.expected === 0 ? null : count / counts.expected);
  return { periodId, ...counts, reportingRate: rate(counts.submitted), onTimeRate: rate(counts.onTime) };
}

export function periodRates(statuses: readonly UnitPeriodStatus[], periodId: string): PeriodRates {
  const counts = emptyCounts();
  for (const status of statuses) {
    if (status.periodId === periodId) countStatus(counts, status);
  }
  return ratesOf(periodId, counts);
}

function groupOf(unit: Unit, dimension: GroupDimension): string {
  if (dimension === 'all') return GROUP_DIMENSION_LABEL.all;
  return unit[dimension] || UNSPECIFIED_GROUP;
}

/** Rates for all units, then per `Cấp học`, `Loại hình` and `Phường/Xã`, groups in the given order. */
export function computeGroupRates(
  board: StatusBoard,
  dimensions: readonly GroupDimension[] = ['all', 'level', 'ownership', 'ward'],
  /** The order of the groups; the one order of src/domain/group-order.ts unless a caller needs another. */
  compareGroups?: (a: string, b: string) => number,
): GroupRates[] {
  const result: GroupRates[] = [];
  // Each active unit's statuses, in the order of the periods, looked up once for every dimension.
  const active = board.units.filter((unit) => unit.isActive);
  const statuses = active.map((unit) => board.periods.map((period) => statusOf(board, unit.code, period.id)));
  for (const dimension of dimensions) {
    const counts = new Map<string, ReturnType<typeof emptyCounts>[]>();
    active.forEach((unit, index) => {
      const group = groupOf(unit, dimension);
      let perPeriod = counts.get(group);
      if (!perPeriod) {
        perPeriod = board.periods.map(() => emptyCounts());
        counts.set(group, perPeriod);
      }
      const unitStatuses = statuses[index] as UnitPeriodStatus[];
      perPeriod.forEach((periodCounts, periodIndex) =>
        countStatus(periodCounts, unitStatuses[periodIndex] as UnitPeriodStatus),
      );
    });
    const groups = [...counts.keys()].sort(compareGroups ?? compareGroupsOf(dimension));
    for (const group of groups) {
      const perPeriod = counts.get(group) ?? [];
      result.push({
        dimension,
        group,
        periods: board.periods.map((period, index) => ratesOf(period.id, perPeriod[index] ?? emptyCounts())),
      });
    }
  }
  return result;
}
