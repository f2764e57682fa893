// What the form-submit trigger does with one response, as one batch under the script lock:
// register it (intake), refresh the derived sheets (consolidate), then send its receipt. The three
// jobs share one read of each sheet and write each sheet once (BatchedWorkbook). A repeated or
// older event registers nothing and writes nothing. If anything throws, nothing of the batch is
// written (the response is still in the Forms response sheet, so the next run picks it up), the
// failure is logged in `Nhật ký` with the response id, and the error is rethrown so that Google
// tells the script's owner.
import type { PrefilledLinkOf } from '../domain/mail-content';
import { jobRunAudit } from '../domain/audit';
import { SHEET } from '../domain/layout';
import type { Lock, MailJournal, Mailer, Workbook } from '../ports';
import { runAsOneBatch } from './batched-workbook';
import { STATE_SHEETS } from './campaign-state';
import { consolidate, DERIVED_SHEETS, type ConsolidationSummary } from './consolidate';
import { intakeResponses, type IntakeSummary, type ResponseSource } from './intake-responses';
import { eventLogWrite, jobRunCounts } from './event-log';
import { errorMessageOf, logFailure, markLogged } from './log-failure';
import { sendMail, type SendMailSummary } from './send-mail';

export const RECEIVE_JOB = 'Nhận bài nộp';

export interface ReceiveSubmissionPorts {
  readonly workbook: Workbook;
  readonly lock: Lock;
  readonly mailer: Mailer;
  readonly now: () => Date;
  /** The durable record of each send (src/domain/mail-journal.ts). */
  readonly journal?: MailJournal;
}

export interface ReceiveSubmissionOptions {
  readonly asOf: Date;
  readonly prefilledLink?: PrefilledLinkOf;
}

export interface ReceiveSubmissionSummary {
  readonly intake: IntakeSummary;
  /** Null when nothing new was registered (a repeated event): nothing consolidated or sent. */
  readonly consolidation: ConsolidationSummary | null;
  readonly mail: SendMailSummary | null;
}

/** The response could not be registered; the reason is already in `Nhật ký`. */
export class SubmissionNotRegisteredError extends Error {
  override readonly name = 'SubmissionNotRegisteredError';
  constructor(
    readonly responseId: string,
    detail: string,
  ) {
    super(`Phản hồi ${responseId} chưa được ghi nhận: ${detail}`);
  }
}

export function receiveSubmission(
  ports: ReceiveSubmissionPorts,
  source: ResponseSource,
  responseId: string,
  options: ReceiveSubmissionOptions,
): ReceiveSubmissionSummary {
  let summary: ReceiveSubmissionSummary;
  try {
    summary = runAsOneBatch(
      ports,
      [...STATE_SHEETS, SHEET.mailLog, SHEET.forms, ...DERIVED_SHEETS, SHEET.eventLog],
      (batch) => {
        const intake = intakeResponses({ ...batch, now: ports.now }, source, { asOf: options.asOf });
        if (intake.registered.length === 0) return { intake, consolidation: null, mail: null };
        const consolidation = consolidate(batch.workbook, batch.lock, options.asOf);
        const mail = sendMail(
          { ...batch, mailer: ports.mailer, ...(ports.journal ? { journal: ports.journal } : {}) },
          {
            asOf: options.asOf,
            kinds: ['receipt'],
            ...(options.prefilledLink ? { prefilledLink: options.prefilledLink } : {}),
          },
        );
        batch.workbook.write(
          eventLogWrite([jobRunAudit(ports.now(), RECEIVE_JOB, jobRunCounts(intake, mail))]),
        );
        return { intake, consolidation, mail };
      },
    );
  } catch (error) {
    logFailure(
      ports.workbook,
      { at: ports.now(), job: RECEIVE_JOB, message: `Phản hồi ${responseId}: ${errorMessageOf(error)}` },
      error,
    );
    throw error;
  }
  // Intake logged it with its id when it wrote the batch; the trigger must still fail.
  const failed = summary.intake.failed.find((failure) => failure.responseId === responseId);
  if (failed) {
    const error = new SubmissionNotRegisteredError(responseId, failed.message);
    markLogged(error);
    throw error;
  }
  return summary;
}
