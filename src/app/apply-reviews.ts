// What the on-edit trigger of `Bài nộp` does when the department types a review, as one batch under
// the script lock: judge the reviews and refresh the derived sheets (consolidate), then send the
// "returned for correction" mail of each `Yêu cầu bổ sung` that counts. `Nhật ký thư` keys the mail
// by response and version, so a decision is mailed once however often the cell is edited; the
// daily run sends what this trigger missed. A failure is logged in `Nhật ký` and rethrown.
import type { PrefilledLinkOf } from '../domain/mail-content';
import { SHEET } from '../domain/layout';
import type { Lock, MailJournal, Mailer, Workbook } from '../ports';
import { runAsOneBatch } from './batched-workbook';
import { STATE_SHEETS } from './campaign-state';
import { consolidate, type ConsolidationSummary } from './consolidate';
import { errorMessageOf, logFailure } from './log-failure';
import { sendMail, type SendMailSummary } from './send-mail';

export const REVIEW_JOB = 'Đánh giá bài nộp';

export interface ApplyReviewsPorts {
  readonly workbook: Workbook;
  readonly lock: Lock;
  readonly mailer: Mailer;
  /** The durable record of each send (src/domain/mail-journal.ts). */
  readonly journal?: MailJournal;
}

export interface ApplyReviewsOptions {
  readonly asOf: Date;
  readonly prefilledLink?: PrefilledLinkOf;
  /** The address of whoever typed the decision, when Apps Script gives it (the on-edit event's `user`). */
  readonly editor?: string;
}

export function applyReviews(
  ports: ApplyReviewsPorts,
  options: ApplyReviewsOptions,
): { readonly consolidation: ConsolidationSummary; readonly mail: SendMailSummary } {
  try {
    return runAsOneBatch(ports, [...STATE_SHEETS, SHEET.mailLog, SHEET.forms, SHEET.eventLog], (batch) => {
      const consolidation = consolidate(batch.workbook, batch.lock, options.asOf, {
        editor: options.editor ?? '',
      });
      const mail = sendMail(
        { ...batch, mailer: ports.mailer, ...(ports.journal ? { journal: ports.journal } : {}) },
        {
          asOf: options.asOf,
          kinds: ['returned'],
          ...(options.prefilledLink ? { prefilledLink: options.prefilledLink } : {}),
        },
      );
      return { consolidation, mail };
    });
  } catch (error) {
    logFailure(ports.workbook, { at: options.asOf, job: REVIEW_JOB, message: errorMessageOf(error) }, error);
    throw error;
  }
}
