// What the send job takes and reports, and the errors around it; src/app/send-mail.ts runs it.
import type { MailKind, MailResult } from '../domain/mail';
import type { PrefilledLinkOf } from '../domain/mail-content';
import type { Clock, Lock, MailJournal, Mailer, Workbook } from '../ports';
import { markLogged } from './log-failure';

/** A mailer refused a message because the day's allowance is used up (MailApp's quota, `--max-mail`). */
export class MailQuotaExceededError extends Error {
  override readonly name = 'MailQuotaExceededError';
  constructor(detail: string) {
    super(`The daily e-mail allowance is used up: ${detail}`);
  }
}

// What MailApp throws past its quota, in case an adapter lets it through unchanged.
const MAILAPP_QUOTA_MESSAGE = /too many times for one day: email/i;

export function isQuotaRefusal(error: unknown): boolean {
  return (
    error instanceof MailQuotaExceededError ||
    (error instanceof Error && MAILAPP_QUOTA_MESSAGE.test(error.message))
  );
}

export interface SendMailPorts {
  readonly workbook: Workbook;
  readonly mailer: Mailer;
  /** The script lock; a caller that already holds it passes a lock that just runs the work. */
  readonly lock: Lock;
  /** The durable record of each send (src/domain/mail-journal.ts); every shell passes one. */
  readonly journal?: MailJournal;
}

export interface SendMailOptions {
  /** The moment taken as now: what is due, and the time written in the log. */
  readonly asOf: Date;
  /** Plan only: nothing is sent and nothing is written. */
  readonly dryRun?: boolean;
  /**
   * The unit's pre-filled form link when `Biểu mẫu` has no row for the form (Apps Script kept the
   * links in document properties before that sheet existed); absent: only `Biểu mẫu`.
   */
  readonly prefilledLink?: PrefilledLinkOf;
  /**
   * Recipients kept back from the mailer's allowance. Default: `Dự trữ hạn mức thư`, which is
   * about the Google account's MailApp quota; a local outbox or SMTP mailer passes 0.
   */
  readonly quotaReserve?: number;
  /** Stop sending and queue the rest once this much time has passed (Apps Script stops a run at 6 min). */
  readonly timeBudgetMs?: number;
  /** Measures the time budget; required with `timeBudgetMs`. */
  readonly clock?: Clock;
  /**
   * Only these kinds are sent (and only their waiting rows closed); the rest wait for a run that
   * sends every kind. The form-submit trigger sends receipts, the on-edit trigger returns.
   */
  readonly kinds?: readonly MailKind[];
  /**
   * Send outside the script lock (src/domain/mail-claim.ts): the messages are claimed under it,
   * sent without it, and logged under it again, so that a form submission does not wait for the
   * batch. Only with a journal that can claim (Apps Script); otherwise everything is under the lock.
   */
  readonly outsideLock?: boolean;
}

export interface MailReport {
  readonly key: string;
  readonly to: readonly string[];
  /** The unit's code; absent for the department's digest. */
  readonly unit?: string;
  readonly periods: readonly string[];
  readonly kind: MailKind;
  readonly subject: string;
  readonly status: MailResult;
  /** Why a send failed. */
  readonly error?: string;
}

export interface SendMailSummary {
  /** Every message planned, in sending order. */
  readonly mail: readonly MailReport[];
  readonly sent: number;
  readonly queued: number;
  readonly failed: number;
  /** Waiting log rows closed as `Không cần gửi`. */
  readonly closed: number;
  /**
   * Why sending stopped before the end of the plan, if it did. `journal`: a send's durable
   * record could not be taken, so no further message is risked.
   */
  readonly stoppedBy: 'quota' | 'time' | 'unreachable' | 'journal' | null;
  readonly dryRun: boolean;
  /** Why nothing was sent at all (the example contact stands), in Vietnamese; also in `Nhật ký`. */
  readonly refused?: string;
  /**
   * Due messages left out because another execution, still running, claimed them: it sends and
   * logs them (or, if it died, a run after its claim went stale does).
   */
  readonly heldElsewhere: number;
}

/** Real mail was refused while `Cấu hình` holds the example contact: a trigger rethrows it. */
export class MailRefusedError extends Error {
  override readonly name = 'MailRefusedError';
}

/** Throws when a job's sending was refused, after its other work was written: the trigger fails loudly. */
export function throwIfMailRefused(summary: SendMailSummary | null | undefined): void {
  if (summary?.refused === undefined) return;
  const error = new MailRefusedError(summary.refused);
  // sendMail wrote it in `Nhật ký` already: a trigger's failure log must not write it twice.
  markLogged(error);
  throw error;
}

export const MAIL_JOB = 'Gửi thư';

/** Why the rest of the batch waits for the next run, as `Nhật ký` says it. */
export const STOP_REASON: Record<NonNullable<SendMailSummary['stoppedBy']>, string> = {
  quota: 'Hết hạn mức gửi thư trong ngày',
  time: 'Hết thời gian cho phép của lần chạy',
  unreachable: 'Không kết nối được máy chủ thư',
  journal: 'Không ghi được nhật ký gửi thư',
};
