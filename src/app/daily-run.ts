// What the daily trigger does: under the script lock, as one batch, pick up every response the
// form-submit trigger missed (intake), refresh the derived sheets, judge the reviews the on-edit
// trigger missed (consolidate), plan the day's mail of every kind and claim it
// (src/domain/mail-claim.ts); then send it without the lock, so that a form submission meanwhile
// waits seconds, not minutes; then take the lock briefly to write `Nhật ký thư`. Sending stops at
// `sendUntil` and queues the rest, so the log is written before Apps Script ends the run
// (6 minutes). A failure is logged in `Nhật ký` and rethrown, so that Google tells the owner.
import type { PrefilledLinkOf } from '../domain/mail-content';
import { jobRunAudit } from '../domain/audit';
import { SHEET } from '../domain/layout';
import type { Clock, Lock, MailJournal, Mailer, Workbook } from '../ports';
import { alreadyHeldLock, BatchedWorkbook } from './batched-workbook';
import { STATE_SHEETS } from './campaign-state';
import { consolidate, DERIVED_SHEETS, type ConsolidationSummary } from './consolidate';
import { intakeResponses, type IntakeSummary, type ResponseSource } from './intake-responses';
import { jobRunCounts } from './event-log';
import { errorMessageOf, logFailure } from './log-failure';
import { deliverMailBatch, throwIfFailed } from './deliver-mail';
import { canClaim, claimMailBatch, logMailBatch, planMailBatch, releaseClaims } from './mail-batch';
import type { SendMailSummary } from './mail-summary';

export const DAILY_JOB = 'Chạy hằng ngày';

/** Every sheet the run reads, fetched in its first read. */
const DAILY_SHEETS = (source: ResponseSource): readonly string[] => [
  ...STATE_SHEETS,
  ...source.sheets,
  SHEET.mailLog,
  SHEET.forms,
  ...DERIVED_SHEETS,
  SHEET.eventLog,
];

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
  const mailPorts = { mailer: ports.mailer, ...(ports.journal ? { journal: ports.journal } : {}) };
  const mailOptions = {
    asOf: options.asOf,
    clock: ports.clock,
    ...(options.prefilledLink ? { prefilledLink: options.prefilledLink } : {}),
  };
  const budget = () => ({ timeBudgetMs: Math.max(0, options.sendUntil.getTime() - now().getTime()) });
  // The run's own row in `Nhật ký`, written with `Nhật ký thư`.
  const runRow = (intake: IntakeSummary) => (mail: SendMailSummary) => [
    jobRunAudit(now(), DAILY_JOB, jobRunCounts(intake, mail)),
  ];
  try {
    const first = ports.lock.withLock(() => {
      const workbook = new BatchedWorkbook(ports.workbook, { prefetch: DAILY_SHEETS(source) });
      const intake = intakeResponses({ workbook, lock: alreadyHeldLock, now }, source, {
        asOf: options.asOf,
      });
      const consolidation = consolidate(workbook, alreadyHeldLock, options.asOf);
      const batch = planMailBatch({ ...mailPorts, workbook }, mailOptions);
      const claiming = canClaim(ports.journal) ? ports.journal : null;
      if (!claiming || batch.items.length === 0 || batch.refused !== undefined) {
        // Nothing to send outside the lock: the run is one batch, as it always was.
        const delivery = deliverMailBatch(batch, mailPorts, { ...mailOptions, ...budget() });
        const mail = logMailBatch({ ...mailPorts, workbook }, batch, delivery, {
          fresh: false,
          now: now(),
          events: runRow(intake),
        });
        workbook.flush();
        // `Nhật ký thư` now holds what stale claims sent: they can go.
        releaseClaims(ports.journal, now(), null);
        throwIfFailed(delivery);
        return { intake, consolidation, mail, batch: null };
      }
      workbook.flush();
      // The claim last: a write of the sheets that fails leaves no claim behind it.
      return { intake, consolidation, mail: null, batch: claimMailBatch(claiming, batch, now()) };
    });
    const { intake, consolidation, batch } = first;
    if (first.mail !== null || batch === null)
      return { intake, consolidation, mail: first.mail as SendMailSummary };
    // Sent without the lock: a form submission meanwhile waits seconds, not the whole batch.
    const delivery = deliverMailBatch(batch, mailPorts, { ...mailOptions, ...budget() });
    const mail = ports.lock.withLock(() =>
      logMailBatch({ ...mailPorts, workbook: ports.workbook }, batch, delivery, {
        fresh: true,
        now: now(),
        events: runRow(intake),
      }),
    );
    throwIfFailed(delivery);
    return { intake, consolidation, mail };
  } catch (error) {
    logFailure(ports.workbook, { at: now(), job: DAILY_JOB, message: errorMessageOf(error) }, error);
    throw error;
  }
}
