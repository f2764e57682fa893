// What the daily trigger does, as one batch under the script lock: pick up every response the
// form-submit trigger missed (intake), refresh the derived sheets, judge the reviews the on-edit
// trigger missed (consolidate), and send the day's mail of every kind. Sending stops at `sendUntil`
// and queues the rest, so the batch is written before Apps Script ends the run (6 minutes). A
// failure is logged in `Nhật ký` and rethrown, so that Google tells the script's owner.
import type { PrefilledLinkOf } from '../domain/mail-content';
import { jobRunAudit } from '../domain/audit';
import { SHEET } from '../domain/layout';
import type { Clock, Lock, MailJournal, Mailer, Workbook } from '../ports';
import { runAsOneBatch } from './batched-workbook';
import { STATE_SHEETS } from './campaign-state';
import { consolidate, DERIVED_SHEETS, type ConsolidationSummary } from './consolidate';
import { intakeResponses, type IntakeSummary, type ResponseSource } from './intake-responses';
import { eventLogWrite, jobRunCounts } from './event-log';
import { errorMessageOf, logFailure } from './log-failure';
import { sendMail, type SendMailSummary } from './send-mail';

export const DAILY_JOB = 'Chạy hằng ngày';

export interface DailyRunPorts {
  readonly workbook: Workbook;
  readonly lock: Lock;
  readonly mailer: Mailer;
  /** Real time: the time budget is measured with it while mail is sent. */
  readonly clock: Clock;
  /** The durable record of each send (src/domain/mail-journal.ts). */
  readonly journal?: MailJournal;
}

export interface DailyRunOptions {
  readonly asOf: Date;
  /** When sending must stop so that the batch can still be written. */
  readonly sendUntil: Date;
  readonly prefilledLink?: PrefilledLinkOf;
}

export interface DailyRunSummary {
  readonly intake: IntakeSummary;
  readonly consolidation: ConsolidationSummary;
  readonly mail: SendMailSummary;
}

export function runDaily(
  ports: DailyRunPorts,
  source: ResponseSource,
  options: DailyRunOptions,
): DailyRunSummary {
  const now = () => ports.clock.now();
  try {
    return runAsOneBatch(
      ports,
      [...STATE_SHEETS, ...source.sheets, SHEET.mailLog, SHEET.forms, ...DERIVED_SHEETS, SHEET.eventLog],
      (batch) => {
        const intake = intakeResponses({ ...batch, now }, source, { asOf: options.asOf });
        const consolidation = consolidate(batch.workbook, batch.lock, options.asOf);
        const mail = sendMail(
          { ...batch, mailer: ports.mailer, ...(ports.journal ? { journal: ports.journal } : {}) },
          {
            asOf: options.asOf,
            clock: ports.clock,
            timeBudgetMs: Math.max(0, options.sendUntil.getTime() - now().getTime()),
            ...(options.prefilledLink ? { prefilledLink: options.prefilledLink } : {}),
          },
        );
        // The run's own row in `Nhật ký`, in the batch's one write of the sheet.
        batch.workbook.write(eventLogWrite([jobRunAudit(now(), DAILY_JOB, jobRunCounts(intake, mail))]));
        return { intake, consolidation, mail };
      },
    );
  } catch (error) {
    logFailure(ports.workbook, { at: now(), job: DAILY_JOB, message: errorMessageOf(error) }, error);
    throw error;
  }
}
