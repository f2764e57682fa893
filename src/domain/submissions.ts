// The register of submissions (`Bài nộp`): one row per form response, as the status engine sees it.
import { SUBMISSION_COLUMNS } from './layout';
import type { Checked, InputProblem } from './problems';
import { cellInstant, cellText, type SheetRecord } from './table';
import { cleanText, foldForMatch } from './text';

/** accepted: valid and the submitter proven; rejected: failed validation; held: identity not proven. */
export type SubmissionOutcome = 'accepted' | 'rejected' | 'held';
export const OUTCOME_LABEL: Record<SubmissionOutcome, string> = {
  accepted: 'Hợp lệ',
  rejected: 'Không hợp lệ',
  held: 'Chờ xác minh',
};

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

export function labelKey<K extends string>(labels: Record<K, string>, text: string): K | undefined {
  const folded = foldForMatch(text);
  return (Object.keys(labels) as K[]).find((key) => foldForMatch(labels[key]) === folded);
}

/** Problems are kept one per line in `Lỗi cần sửa`. */
export function splitProblemLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/^[-•]\s*/, '').trim())
    .filter(Boolean);
}

/** Reads `Bài nộp`. Only the department's `Đánh giá` can be mistyped by a person; it is reported. */
export function parseSubmissions(records: readonly SheetRecord[]): Checked<Submission[]> {
  const problems: InputProblem[] = [];
  const submissions: Submission[] = [];
  for (const record of records) {
    const text = (column: string) => cleanText(cellText(record.get(column)));
    const responseId = text(SUBMISSION_COLUMNS.responseId);
    const submittedAt = cellInstant(record.get(SUBMISSION_COLUMNS.submittedAt));
    const outcome = labelKey(OUTCOME_LABEL, text(SUBMISSION_COLUMNS.outcome));
    const acceptedAt = cellInstant(record.get(SUBMISSION_COLUMNS.acceptedAt));
    const reviewText = text(SUBMISSION_COLUMNS.review);
    const review = reviewText === '' ? 'pending' : labelKey(REVIEW_LABEL, reviewText);
    if (!review) {
      problems.push({
        where: record.sheet,
        row: record.rowNumber,
        column: SUBMISSION_COLUMNS.review,
        message: `«${reviewText}» không hợp lệ; chọn «Chờ duyệt», «Đạt» hoặc «Yêu cầu bổ sung».`,
      });
    }
    if (!responseId || !submittedAt || !outcome || !review) continue;
    submissions.push({
      responseId,
      periodId: text(SUBMISSION_COLUMNS.periodId),
      unitCode: text(SUBMISSION_COLUMNS.unitCode),
      submittedAt,
      acceptedAt,
      version: Number(text(SUBMISSION_COLUMNS.version)) || 1,
      outcome,
      problems: splitProblemLines(cellText(record.get(SUBMISSION_COLUMNS.problems))),
      review,
      reviewNote: text(SUBMISSION_COLUMNS.reviewNote),
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: submissions };
}
