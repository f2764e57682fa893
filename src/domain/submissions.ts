// The register of submissions (`Bài nộp`): one row per form response, as the status engine sees it.

/**
 * accepted: valid and the submitter proven; rejected: failed validation; held: identity not proven;
 * closed: valid but sent after the period's `Khóa nhận`, counted only once the department accepts it.
 */
export type SubmissionOutcome = 'accepted' | 'rejected' | 'held' | 'closed';
export const OUTCOME_LABEL: Record<SubmissionOutcome, string> = {
  accepted: 'Hợp lệ',
  rejected: 'Không hợp lệ',
  held: 'Chờ xác minh',
  closed: 'Nộp sau khóa',
};

/** Held or sent after the closing day: counts only when `Đánh giá` says `Đạt`. */
export function awaitsAcceptance(outcome: SubmissionOutcome): boolean {
  return outcome === 'held' || outcome === 'closed';
}

/** The department's decision in `Đánh giá`. */
export type ReviewDecision = 'pending' | 'approved' | 'returned';
export const REVIEW_LABEL: Record<ReviewDecision, string> = {
  pending: 'Chờ duyệt',
  approved: 'Đạt',
  returned: 'Yêu cầu bổ sung',
};

export interface Submission {
  readonly responseId: string;
  readonly periodId: string;
  readonly unitCode: string;
  /** When the response was first seen; later edits keep it. */
  readonly submittedAt: Date;
  /**
   * When a version of this response was first accepted, kept when a later edit is rejected (the
   * accepted version still stands). Absent: an accepted outcome counts from `submittedAt`.
   */
  readonly acceptedAt?: Date | null;
  readonly version: number;
  /** The outcome of the newest version. */
  readonly outcome: SubmissionOutcome;
  /** What the school must fix (rejected) or why it is held, one message each. */
  readonly problems: readonly string[];
  readonly review: ReviewDecision;
  readonly reviewNote: string;
}

/** Problems are kept one per line in `Lỗi cần sửa`. */
export function splitProblemLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/^[-•]\s*/, '').trim())
    .filter(Boolean);
}
