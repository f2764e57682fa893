// The send job's middle moment (src/app/mail-batch.ts): each message of a planned batch is sent
// and noted in the send journal right after, before anything else can fail. Under the script lock
// or outside it (a claimed batch), it is the same loop.
import { headerText } from '../domain/mail-content';
import type { MailResult } from '../domain/mail';
import type { Clock } from '../ports';
import type { LogEvent } from './event-log';
import { journalEntryOf, type BatchItem, type MailBatch, type MailBatchPorts } from './mail-batch';
import { isQuotaRefusal, MAIL_JOB, type MailReport, type SendMailSummary } from './mail-summary';

export interface MailDelivery {
  readonly reports: readonly MailReport[];
  readonly events: readonly LogEvent[];
  readonly stoppedBy: SendMailSummary['stoppedBy'];
  /** What a failing service threw while sending: rethrown once the batch is logged (throwIfFailed). */
  readonly failure?: { readonly error: unknown };
}

/** Rethrows what stopped the delivery, once what it did is logged. */
export function throwIfFailed(delivery: MailDelivery): void {
  if (delivery.failure) throw delivery.failure.error;
}

function errorText(error: unknown): string {
  return headerText(error instanceof Error ? error.message : String(error));
}

/** Sends the batch, noting each send in the journal before anything else can fail. */
export function deliverMailBatch(
  batch: MailBatch,
  { mailer, journal }: Pick<MailBatchPorts, 'mailer' | 'journal'>,
  options: { readonly timeBudgetMs?: number; readonly clock?: Clock },
): MailDelivery {
  const { asOf } = batch;
  const startedAt = options.clock?.now().getTime();
  const events: LogEvent[] = [];
  const reports: MailReport[] = [];
  let stoppedBy: SendMailSummary['stoppedBy'] = null;
  let failure: { readonly error: unknown } | null = null;
  for (const item of batch.items) {
    const { mail, outgoing } = item;
    let status: MailResult = 'queued';
    let error: string | undefined;
    if (!batch.dryRun && stoppedBy === null && failure === null) {
      try {
        const elapsedMs =
          startedAt !== undefined && options.clock ? options.clock.now().getTime() - startedAt : 0;
        if (options.timeBudgetMs !== undefined && elapsedMs > options.timeBudgetMs) {
          stoppedBy = 'time';
        } else if (mailer.reachable?.() === false) {
          // Each further message would wait out a timeout in vain: the rest goes at the next run.
          stoppedBy = 'unreachable';
        } else if (!batch.quota.allows(mail)) {
          stoppedBy = 'quota';
        } else {
          try {
            mailer.send(outgoing);
            status = 'sent';
            batch.quota.spend(mail.to.length);
          } catch (caught) {
            if (isQuotaRefusal(caught)) {
              stoppedBy = 'quota';
            } else {
              status = 'failed';
              error = errorText(caught);
              events.push({
                at: asOf,
                level: 'Lỗi',
                job: MAIL_JOB,
                message: `Không gửi được thư «${outgoing.subject}» đến ${mail.to.join(', ')}: ${error}. Thư sẽ được gửi lại ở lần chạy sau.`,
              });
            }
          }
        }
      } catch (caught) {
        // Not a refused message but a failing service (the quota's question, the clock): nothing
        // more is sent, what went is still logged and the claim released, then the job fails.
        failure = { error: caught };
      }
    }
    // Before anything else can fail, and outside the catch above (a record that fails is not a
    // failed send to retry): from here on no run sends this message again.
    if (status === 'sent' && journal) {
      const entry = journalEntryOf(item, asOf);
      try {
        journal.record(entry);
      } catch (caught) {
        // One more try: if the batch's write fails too, the journal is the message's only record,
        // and a passing failure of each would otherwise have the next run send it again.
        try {
          journal.record(entry);
          events.push({
            at: asOf,
            level: 'Cảnh báo',
            job: MAIL_JOB,
            message: `Ghi nhật ký gửi thư sau thư «${outgoing.subject}» lỗi lần đầu (${errorText(caught)}); lần thử lại đã ghi được.`,
          });
        } catch (again) {
          // The message went: it is logged `Đã gửi` in this batch's `Nhật ký thư`, which is now
          // its only record, so nothing more is sent that the journal could not cover.
          stoppedBy = 'journal';
          events.push({
            at: asOf,
            level: 'Lỗi',
            job: MAIL_JOB,
            message: `Không ghi được nhật ký gửi thư sau thư «${outgoing.subject}»: ${errorText(again)}. Các thư còn lại chờ lần chạy sau.`,
          });
        }
      }
    }
    reports.push(reportOf(item, status, error));
  }
  // What one claim could not take goes with the continuation, as mail left for time does.
  if (batch.left.length > 0 && stoppedBy === null && !batch.dryRun) stoppedBy = 'time';
  for (const item of batch.left) reports.push(reportOf(item, 'queued'));
  return { reports, events, stoppedBy, ...(failure ? { failure } : {}) };
}

function reportOf(item: BatchItem, status: MailResult, error?: string): MailReport {
  return {
    key: item.mail.key,
    to: item.mail.to,
    ...(item.unitCode ? { unit: item.unitCode } : {}),
    periods: item.periodIds,
    kind: item.mail.kind,
    subject: item.outgoing.subject,
    status,
    ...(error !== undefined ? { error } : {}),
  };
}
