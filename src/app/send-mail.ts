// Plans and sends the e-mail due at a moment (src/domain/mail-plan.ts), within the day's
// allowance, and records every message in `Nhật ký thư` by its key. One read, one write, under the
// script lock: two overlapping runs cannot both see a message as unsent, and a rerun finds
// everything it would send already logged. One failed message never stops the job: it is logged
// `Lỗi` and retried by the next run; a quota refusal stops sending and queues the rest.
import { placeholderContactKeys, placeholderContactMailAppRefusal } from '../domain/defaults';
import { formLinksOf, readFormFacts } from '../domain/form-facts';
import { SHEET } from '../domain/layout';
import { MAIL_RESULT_LABEL, type MailKind, type MailResult } from '../domain/mail';
import { logWithJournal, reconcileJournal } from '../domain/mail-journal';
import {
  headerText,
  renderMail,
  type MailContentContext,
  type PrefilledLinkOf,
} from '../domain/mail-content';
import {
  MAIL_LOG_STATE_LABEL,
  planMail,
  type ClosedMail,
  type PlannedMail,
  type RegisterDetails,
} from '../domain/mail-plan';
import { readRegister } from '../domain/register';
import type { Table } from '../domain/table';
import type { Clock, Lock, MailJournal, Mailer, OutgoingMail, Workbook } from '../ports';
import { readCampaignState } from './campaign-state';
import { MailLogSheet, readMailLog } from './mail-log-sheet';
import { reviewedState } from './consolidate';
import { eventLogWrite, type LogEvent } from './event-log';
import { markLogged } from './log-failure';
import { QuotaAllowance } from './quota-allowance';

/** A mailer refused a message because the day's allowance is used up (MailApp's quota, `--max-mail`). */
export class MailQuotaExceededError extends Error {
  override readonly name = 'MailQuotaExceededError';
  constructor(detail: string) {
    super(`The daily e-mail allowance is used up: ${detail}`);
  }
}

// What MailApp throws past its quota, in case an adapter lets it through unchanged.
const MAILAPP_QUOTA_MESSAGE = /too many times for one day: email/i;

function isQuotaRefusal(error: unknown): boolean {
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
  /** Why sending stopped before the end of the plan, if it did. */
  /** `journal`: a send's durable record could not be taken, so no further message is risked. */
  readonly stoppedBy: 'quota' | 'time' | 'unreachable' | 'journal' | null;
  readonly dryRun: boolean;
  /** Why nothing was sent at all (the example contact stands), in Vietnamese; also in `Nhật ký`. */
  readonly refused?: string;
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

const JOB = 'Gửi thư';

/** Why the rest of the batch waits for the next run, as `Nhật ký` says it. */
const STOP_REASON: Record<NonNullable<SendMailSummary['stoppedBy']>, string> = {
  quota: 'Hết hạn mức gửi thư trong ngày',
  time: 'Hết thời gian cho phép của lần chạy',
  unreachable: 'Không kết nối được máy chủ thư',
  journal: 'Không ghi được nhật ký gửi thư',
};

function unitCodeOf(mail: PlannedMail): string {
  if (mail.kind === 'digest') return '';
  // A held receipt is logged under no unit: it must not count as the unit's mail of the day.
  if (mail.kind === 'receipt')
    return mail.outcome === 'held' ? '' : (mail.unit?.code ?? mail.submission.unitCode);
  return mail.unit.code;
}

function registerDetails(table: Table | undefined): RegisterDetails[] {
  return readRegister(table).entries.map((entry) => ({
    responseId: entry.responseId,
    unitName: entry.unitName,
    submitterEmail: entry.submitterEmail,
    editLink: entry.editLink,
    lastVersionAt: entry.lastVersionAt,
    problems: entry.problems,
    changes: entry.changes ? entry.changes.split('\n') : [],
  }));
}

/**
 * The unit's pre-filled link as every shell builds it: from the facts of `Biểu mẫu`, else from
 * `fallback` (Apps Script's document properties of a workbook set up before the sheet existed).
 */
export function prefilledLinkOf(formsTable: Table | undefined, fallback?: PrefilledLinkOf): PrefilledLinkOf {
  const links = formLinksOf(readFormFacts(formsTable));
  return (unit, period) => links.linkFor(unit, period) ?? (fallback ? fallback(unit, period) : null);
}

function errorText(error: unknown): string {
  return headerText(error instanceof Error ? error.message : String(error));
}

/** Plans, sends and logs the mail due at `options.asOf`. Throws only if the workbook cannot be read or written. */
export function sendMail(ports: SendMailPorts, options: SendMailOptions): SendMailSummary {
  return ports.lock.withLock(() => sendMailLocked(ports, options));
}

function sendMailLocked(
  { workbook, mailer, journal }: SendMailPorts,
  options: SendMailOptions,
): SendMailSummary {
  const { asOf } = options;
  const dryRun = options.dryRun ?? false;
  const state = readCampaignState(workbook, [SHEET.mailLog, SHEET.forms]);
  const { config, periods } = state.campaign;
  // A real mailbox never gets a message signed by the example contact; the rest of the job (intake,
  // consolidation) still counts, and what is due waits for the next run.
  const placeholders = !dryRun && mailer.deliversRealMail === true ? placeholderContactKeys(config) : [];
  if (placeholders.length > 0) {
    const refused = placeholderContactMailAppRefusal(placeholders);
    workbook.write(eventLogWrite([{ at: asOf, level: 'Lỗi', job: JOB, message: refused }]));
    return { mail: [], sent: 0, queued: 0, failed: 0, closed: 0, stoppedBy: null, dryRun, refused };
  }
  const logTable = state.tables.get(SHEET.mailLog);
  const log = readMailLog(logTable);
  // Messages sent by a run that died before writing the log are sent, whatever the sheet says.
  const journaled = reconcileJournal(journal?.entries() ?? [], log);
  if (!dryRun && journaled.logged.length > 0) journal?.forget(journaled.logged);
  // Reviews as consolidation judges them: a decision typed on a response that is not the unit's
  // current one is refused there, so it must not send a return here either.
  const { board, submissions } = reviewedState(state, asOf);
  const plan = planMail({
    asOf,
    periods,
    units: state.units.all,
    board,
    submissions,
    details: registerDetails(state.tables.get(SHEET.submissions)),
    log: logWithJournal(log, journaled.unlogged),
    digestEmails: config.digestEmails,
    specialists: state.campaign.specialists ?? [],
    ...(config.escalateAfterDays !== undefined ? { escalateAfterDays: config.escalateAfterDays } : {}),
  });

  const wanted = options.kinds ? new Set<MailKind>(options.kinds) : null;
  const mails = wanted ? plan.mails.filter((mail) => wanted.has(mail.kind)) : plan.mails;
  const closedRows = wanted
    ? plan.closed.filter((closed) => closed.kind !== null && wanted.has(closed.kind))
    : plan.closed;
  const context: MailContentContext = {
    config,
    asOf,
    prefilledLink: prefilledLinkOf(state.tables.get(SHEET.forms), options.prefilledLink),
  };
  const quota = new QuotaAllowance(mailer, options.quotaReserve ?? config.mailQuotaReserve);
  const startedAt = options.clock?.now().getTime();
  const events: LogEvent[] = [];
  const logSheet = new MailLogSheet(logTable);
  const reports: MailReport[] = [];
  let stoppedBy: SendMailSummary['stoppedBy'] = null;
  logSheet.logSent(journaled.unlogged);

  for (const mail of mails) {
    const content = renderMail(mail, context);
    const outgoing: OutgoingMail = {
      key: mail.key,
      to: mail.to,
      subject: content.subject,
      htmlBody: content.htmlBody,
      textBody: content.textBody,
      senderName: headerText(config.agencyName),
      ...(config.contactEmail ? { replyTo: headerText(config.contactEmail) } : {}),
    };
    let status: MailResult = 'queued';
    let error: string | undefined;
    if (!dryRun && stoppedBy === null) {
      const elapsedMs =
        startedAt !== undefined && options.clock ? options.clock.now().getTime() - startedAt : 0;
      if (options.timeBudgetMs !== undefined && elapsedMs > options.timeBudgetMs) {
        stoppedBy = 'time';
      } else if (mailer.reachable?.() === false) {
        // Each further message would wait out a timeout in vain: the rest goes at the next run.
        stoppedBy = 'unreachable';
      } else if (!quota.allows(mail)) {
        stoppedBy = 'quota';
      } else {
        try {
          mailer.send(outgoing);
          status = 'sent';
          quota.spend(mail.to.length);
        } catch (caught) {
          if (isQuotaRefusal(caught)) {
            stoppedBy = 'quota';
          } else {
            status = 'failed';
            error = errorText(caught);
            events.push({
              at: asOf,
              level: 'Lỗi',
              job: JOB,
              message: `Không gửi được thư «${outgoing.subject}» đến ${mail.to.join(', ')}: ${error}. Thư sẽ được gửi lại ở lần chạy sau.`,
            });
          }
        }
      }
    }
    const unitCode = unitCodeOf(mail);
    const periodIds = mail.periods.map((period) => period.id);
    // Before anything else can fail, and outside the catch above (a record that fails is not a
    // failed send to retry): from here on no run sends this message again.
    if (status === 'sent' && journal) {
      const entry = { key: mail.key, at: asOf, unitCode, periodIds, kind: mail.kind, recipients: mail.to };
      try {
        journal.record(entry);
      } catch (caught) {
        // One more try: if this batch's write fails too, the journal is the message's only record,
        // and a passing failure of each would otherwise have the next run send it again.
        try {
          journal.record(entry);
          events.push({
            at: asOf,
            level: 'Cảnh báo',
            job: JOB,
            message: `Ghi nhật ký gửi thư sau thư «${outgoing.subject}» lỗi lần đầu (${errorText(caught)}); lần thử lại đã ghi được.`,
          });
        } catch (again) {
          // The message went: it is logged `Đã gửi` in this batch's `Nhật ký thư` below, which is
          // now its only record, so nothing more is sent that the journal could not cover.
          stoppedBy = 'journal';
          events.push({
            at: asOf,
            level: 'Lỗi',
            job: JOB,
            message: `Không ghi được nhật ký gửi thư sau thư «${outgoing.subject}»: ${errorText(again)}. Các thư còn lại chờ lần chạy sau.`,
          });
        }
      }
    }
    reports.push({
      key: mail.key,
      to: mail.to,
      ...(unitCode ? { unit: unitCode } : {}),
      periods: periodIds,
      kind: mail.kind,
      subject: outgoing.subject,
      status,
      ...(error !== undefined ? { error } : {}),
    });
    logSheet.upsert(
      mail.key,
      {
        at: asOf,
        unitCode,
        periodIds,
        kind: mail.kind,
        recipients: mail.to,
        subject: outgoing.subject,
        result: MAIL_RESULT_LABEL[status],
      },
      status === 'queued' && mail.waitingSince !== null,
    );
  }
  for (const closed of closedRows) closeRow(logSheet, closed, asOf);

  const count = (status: MailResult) => reports.filter((report) => report.status === status).length;
  const summary: SendMailSummary = {
    mail: reports,
    sent: count('sent'),
    queued: count('queued'),
    failed: count('failed'),
    closed: closedRows.length,
    stoppedBy,
    dryRun,
  };
  if (stoppedBy !== null) {
    events.push({
      at: asOf,
      level: 'Cảnh báo',
      job: JOB,
      message: `${STOP_REASON[stoppedBy]}: đã gửi ${summary.sent} thư, ${summary.queued} thư chờ gửi ở lần chạy sau.`,
    });
  }
  if (!dryRun && logSheet.changed) workbook.write([logSheet.write(), ...eventLogWrite(events)]);
  return summary;
}

function closeRow(logSheet: MailLogSheet, closed: ClosedMail, asOf: Date): void {
  logSheet.upsert(
    closed.key,
    {
      at: asOf,
      unitCode: closed.unitCode,
      periodIds: closed.periodIds,
      kind: closed.kind,
      recipients: [],
      subject: null,
      result: MAIL_LOG_STATE_LABEL.superseded,
    },
    false,
  );
}
