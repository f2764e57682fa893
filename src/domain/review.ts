// The department's review in `Bài nộp`: `Đạt` or `Yêu cầu bổ sung` typed in `Đánh giá`. A decision
// counts only for the response that is the unit's current one for the period (the accepted
// version that stands, or the newest response when none stands): a decision typed on an older row
// would otherwise return or approve something the unit has already replaced. A decision that does
// not count is said so in `Ghi chú xử lý`, in words the officer can act on; nothing the department
// typed is changed.
import type { RegisterEntry } from './register';
import { reviewDecision, submissionOf } from './register';
import {
  isAcceptedVersion,
  statusKey,
  unitPeriodStatus,
  type StatusBoard,
  type UnitPeriodStatus,
} from './status';
import { REVIEW_LABEL, type ReviewDecision, type Submission } from './submissions';
import { formatVietnameseDateTime } from './time';

/** Notes written by this module begin with one of these, so the next run can replace them. */
export const REVIEW_NOTE_MARKERS = ['Đánh giá không áp dụng:', 'Đánh giá không hợp lệ:'] as const;

const [NOT_APPLIED, NOT_UNDERSTOOD] = REVIEW_NOTE_MARKERS;

export interface ReviewJudgement {
  readonly responseId: string;
  readonly unitCode: string;
  readonly periodId: string;
  /** The register version the decision was typed on (a new version clears the decision). */
  readonly version: number;
  /** Undefined when `Đánh giá` holds none of the three labels. */
  readonly decision: Exclude<ReviewDecision, 'pending'> | undefined;
  /** The decision counts: the status engine and the mail plan act on it. */
  readonly applies: boolean;
  /** Why it does not count, for `Ghi chú xử lý`; null when it applies. */
  readonly note: string | null;
}

function invalidLabelNote(reviewText: string): string {
  const labels = [REVIEW_LABEL.pending, REVIEW_LABEL.approved, REVIEW_LABEL.returned].map(
    (label) => `«${label}»`,
  );
  return `${NOT_UNDERSTOOD} «${reviewText}»; chọn ${labels[0]}, ${labels[1]} hoặc ${labels[2]}.`;
}

function describeResponse(entry: RegisterEntry): string {
  return `«${entry.responseId}» (lần nộp ${entry.version}, nộp lúc ${formatVietnameseDateTime(entry.submittedAt)})`;
}

/**
 * Judges every decision typed in `Đánh giá` against `board`, the statuses computed with every
 * decision as typed. Rows first seen after the board's moment are not judged yet.
 */
export function judgeReviews(entries: readonly RegisterEntry[], board: StatusBoard): ReviewJudgement[] {
  const entryById = new Map(entries.map((entry) => [entry.responseId, entry]));
  // Every row holds one of a few texts (`Chờ duyệt` mostly): each is read once.
  const decisionByText = new Map<string, ReviewDecision | undefined>();
  const judgements: ReviewJudgement[] = [];
  for (const entry of entries) {
    if (entry.submittedAt.getTime() > board.asOf.getTime()) continue;
    if (!decisionByText.has(entry.reviewText))
      decisionByText.set(entry.reviewText, reviewDecision(entry.reviewText));
    const decision = decisionByText.get(entry.reviewText);
    if (decision === 'pending') continue;
    const base = {
      responseId: entry.responseId,
      unitCode: entry.unitCode,
      periodId: entry.periodId,
      version: entry.version,
      decision,
    };
    if (decision === undefined) {
      judgements.push({ ...base, applies: false, note: invalidLabelNote(entry.reviewText) });
      continue;
    }
    const status = board.byUnitPeriod.get(statusKey(entry.unitCode, entry.periodId));
    if (!status) {
      judgements.push({
        ...base,
        applies: false,
        note: `${NOT_APPLIED} bài nộp này chưa xác định được đơn vị hoặc kỳ nộp (xem «Lỗi cần sửa»).`,
      });
      continue;
    }
    const currentId = status.standingResponseId ?? status.latestResponseId;
    if (currentId !== entry.responseId) {
      const current = currentId ? entryById.get(currentId) : undefined;
      const which = current ? describeResponse(current) : `«${currentId ?? ''}»`;
      judgements.push({
        ...base,
        applies: false,
        note:
          `${NOT_APPLIED} bài nộp hiện hành của đơn vị ${entry.unitCode} cho kỳ ${entry.periodId} là ` +
          `bài có mã phản hồi ${which}; hãy đánh giá ở dòng của bài đó.`,
      });
      continue;
    }
    const submission: Submission = { ...submissionOf(entry), review: decision };
    if (decision === 'approved' && !isAcceptedVersion(submission)) {
      judgements.push({
        ...base,
        applies: false,
        note: `${NOT_APPLIED} bài nộp không hợp lệ nên không thể «${REVIEW_LABEL.approved}»; đơn vị cần sửa và nộp lại.`,
      });
      continue;
    }
    judgements.push({ ...base, applies: true, note: null });
  }
  return judgements;
}

/** The system's note without what this module wrote there on an earlier run. */
function withoutReviewNote(systemNote: string): string {
  let cut = systemNote.length;
  for (const marker of REVIEW_NOTE_MARKERS) {
    const index = systemNote.indexOf(marker);
    if (index >= 0 && index < cut) cut = index;
  }
  return systemNote.slice(0, cut).trim();
}

/**
 * The register with `Ghi chú xử lý` saying which decisions do not count. Other notes (an earlier
 * decision made stale by a new version, say) are kept; a note of an earlier run that no longer
 * holds is removed. Only `systemNote` changes.
 */
export function withReviewNotes(
  entries: readonly RegisterEntry[],
  judgements: readonly ReviewJudgement[],
): RegisterEntry[] {
  const noteById = new Map<string, string>();
  for (const judgement of judgements) if (judgement.note) noteById.set(judgement.responseId, judgement.note);
  return entries.map((entry) => {
    const kept = withoutReviewNote(entry.systemNote);
    const added = noteById.get(entry.responseId);
    const systemNote = added ? (kept ? `${kept} ${added}` : added) : kept;
    return systemNote === entry.systemNote ? entry : { ...entry, systemNote };
  });
}

/** The submissions as the status engine must see them: a decision that does not count is pending. */
export function withRefusedReviewsIgnored(
  submissions: readonly Submission[],
  judgements: readonly ReviewJudgement[],
): Submission[] {
  const refused = new Set(
    judgements.filter((judgement) => !judgement.applies).map((judgement) => judgement.responseId),
  );
  return submissions.map((submission) =>
    refused.has(submission.responseId) && submission.review !== 'pending'
      ? { ...submission, review: 'pending' }
      : submission,
  );
}

/**
 * The board as if the decisions that do not count had not been typed, with the submissions it is
 * computed from. Only the slots of refused decisions are computed again: the others cannot change.
 */
export function boardWithoutRefusedReviews(
  board: StatusBoard,
  submissions: readonly Submission[],
  judgements: readonly ReviewJudgement[],
): { board: StatusBoard; submissions: readonly Submission[] } {
  const slots = new Set(
    judgements
      .filter((judgement) => !judgement.applies && judgement.decision !== undefined)
      .map((judgement) => statusKey(judgement.unitCode, judgement.periodId))
      .filter((slot) => board.byUnitPeriod.has(slot)),
  );
  if (slots.size === 0) return { board, submissions };
  const effective = withRefusedReviewsIgnored(submissions, judgements);
  const slotSubmissions = new Map<string, Submission[]>();
  for (const submission of effective) {
    const slot = statusKey(submission.unitCode, submission.periodId);
    if (!slots.has(slot)) continue;
    const list = slotSubmissions.get(slot);
    if (list) list.push(submission);
    else slotSubmissions.set(slot, [submission]);
  }
  const unitByCode = new Map(board.units.map((unit) => [unit.code, unit]));
  const periodById = new Map(board.periods.map((period) => [period.id, period]));
  const byUnitPeriod = new Map<string, UnitPeriodStatus>(board.byUnitPeriod);
  slots.forEach((slot) => {
    const before = board.byUnitPeriod.get(slot) as UnitPeriodStatus;
    const unit = unitByCode.get(before.unitCode);
    const period = periodById.get(before.periodId);
    if (unit && period)
      byUnitPeriod.set(
        slot,
        unitPeriodStatus(unit, period, slotSubmissions.get(slot) ?? [], board.asOf, board.extensions),
      );
  });
  return { board: { ...board, byUnitPeriod }, submissions: effective };
}
