// What `Nhật ký` records besides warnings and failures, decided as data: one row per job run (what
// it did, in counts), per setup or `init` (setup-audit.ts), per review decision (who, when, which
// response, what decision) and per refused action. The jobs append these rows in the same write as their other changes.
import type { ReviewJudgement } from './review';
import { REVIEW_LABEL } from './submissions';
import { formatVietnameseDateTime } from './time';

export type AuditLevel = 'Thông tin' | 'Cảnh báo' | 'Lỗi';

/** One row of `Nhật ký`. */
export interface AuditRow {
  readonly at: Date;
  readonly level: AuditLevel;
  /** The job, in Vietnamese: `Nhận bài nộp`, `Gửi thư`, … */
  readonly job: string;
  readonly message: string;
}

/** What a run of the intake, consolidation and mail jobs did, in counts. */
export interface JobRunCounts {
  /** Responses read from the forms or the response sheets (new or not). */
  readonly responsesRead: number;
  /** Versions written to `Bài nộp` (new responses and edits). */
  readonly versionsRecorded: number;
  readonly responsesFailed: number;
  /** Absent when the run sent no mail at all (no mail job). */
  readonly mail?: { readonly sent: number; readonly queued: number; readonly failed: number };
}

/** `Đã đọc 12 phản hồi; ghi 3 lần nộp vào «Bài nộp»; thư: 5 đã gửi, 2 chờ gửi, 0 lỗi.` */
export function jobRunAudit(at: Date, job: string, counts: JobRunCounts): AuditRow {
  const parts = [
    `đã đọc ${counts.responsesRead} phản hồi`,
    `ghi ${counts.versionsRecorded} lần nộp vào «Bài nộp»`,
  ];
  if (counts.responsesFailed > 0) parts.push(`${counts.responsesFailed} phản hồi lỗi`);
  if (counts.mail) {
    const { sent, queued, failed } = counts.mail;
    parts.push(`thư: ${sent} đã gửi, ${queued} chờ gửi, ${failed} lỗi`);
  }
  const text = parts.join('; ');
  const level: AuditLevel =
    counts.responsesFailed > 0 || (counts.mail?.failed ?? 0) > 0 ? 'Cảnh báo' : 'Thông tin';
  return { at, level, job, message: `${text.charAt(0).toUpperCase()}${text.slice(1)}.` };
}

/** An action the system refused (sending real mail, importing a file…), and why. */
export function refusalAudit(at: Date, job: string, reason: string): AuditRow {
  return { at, level: 'Cảnh báo', job, message: `Từ chối: ${reason}` };
}

/** The label a review decision row names; an unknown text is quoted as typed. */
function decisionLabel(judgement: ReviewJudgement): string {
  return judgement.decision ? (REVIEW_LABEL[judgement.decision] ?? judgement.decision) : 'không hợp lệ';
}

const DECISION_PREFIX = 'Đánh giá «';

/** The key of a decision as its audit row names it: response, version and decision. */
function decisionKey(responseId: string, version: number, label: string): string {
  return `${responseId}\u0000${version}\u0000${label}`;
}

function decisionMessage(judgement: ReviewJudgement, label: string, editor: string, at: Date): string {
  const who = editor ? editor : 'không rõ (Google không cho biết người sửa)';
  const counts = judgement.applies ? 'được tính' : `không được tính: ${judgement.note ?? ''}`;
  return (
    `${DECISION_PREFIX}${label}» cho bài nộp «${judgement.responseId}» lần nộp ${judgement.version} ` +
    `(đơn vị ${judgement.unitCode || '?'}, kỳ ${judgement.periodId || '?'}); người đánh giá: ${who}; ` +
    `ghi nhận lúc ${formatVietnameseDateTime(at)}; ${counts}`
  );
}

const RECORDED_DECISION = /^Đánh giá «(.+?)» cho bài nộp «(.+?)» lần nộp (\d+) /;

/** The decisions `Nhật ký` already records, from the messages of its rows. */
export function recordedDecisions(messages: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const message of messages) {
    const match = RECORDED_DECISION.exec(message);
    if (match) keys.add(decisionKey(match[2] as string, Number(match[3]), match[1] as string));
  }
  return keys;
}

/**
 * One row per decision typed in `Bài nộp` that `Nhật ký` does not record yet: the same decision on
 * the same version is recorded once, however often the cell is edited or the daily run judges it.
 * `editor` is the address Apps Script gives for the edit ('' when it gives none, or for a decision
 * the daily run found).
 */
export function reviewDecisionAudits(
  at: Date,
  job: string,
  judgements: readonly ReviewJudgement[],
  recorded: ReadonlySet<string>,
  editor: string,
): AuditRow[] {
  const rows: AuditRow[] = [];
  for (const judgement of judgements) {
    const label = decisionLabel(judgement);
    const key = decisionKey(judgement.responseId, judgement.version, label);
    if (recorded.has(key)) continue;
    rows.push({
      at,
      level: judgement.applies ? 'Thông tin' : 'Cảnh báo',
      job,
      message: decisionMessage(judgement, label, editor, at),
    });
  }
  return rows;
}
