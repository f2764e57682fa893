// The send job's three moments. Plan (under the script lock): read the state and `Nhật ký thư`,
// take in what the send journal holds, plan, and leave out what another live execution claimed.
// Deliver: send each message and note it in the journal right after. Log: write `Nhật ký thư` and
// `Nhật ký`. A run under the lock does all three in one go; a run sending outside it claims its
// messages after planning (src/domain/mail-claim.ts), delivers without the lock, then takes the
// lock again to log, reading the sheet and the journal afresh, and releases its claim.
import { placeholderContactKeys, placeholderContactMailAppRefusal } from '../domain/defaults';
import { formLinksOf, readFormFacts } from '../domain/form-facts';
import { SHEET } from '../domain/layout';
import { MAIL_RESULT_LABEL, type MailKind, type MailResult } from '../domain/mail';
import { claimShare, keysClaimedElsewhere, releasableClaims } from '../domain/mail-claim';
import {
  headerText,
  renderMail,
  type MailContentContext,
  type PrefilledLinkOf,
} from '../domain/mail-content';
import { logWithJournal, reconcileJournal, type MailJournalEntry } from '../domain/mail-journal';
import { planMail, type ClosedMail, type PlannedMail, type RegisterDetails } from '../domain/mail-plan';
import { readRegister } from '../domain/register';
import type { Table } from '../domain/table';
import type { ClaimingMailJournal, MailJournal, Mailer, OutgoingMail, Workbook } from '../ports';
import { readCampaignState } from './campaign-state';
import { reviewedState } from './consolidate';
import { eventLogWrite, type LogEvent } from './event-log';
import type { MailDelivery } from './deliver-mail';
import { closeRow, MailLogSheet, readMailLog } from './mail-log-sheet';
import { MAIL_JOB, STOP_REASON, type SendMailOptions, type SendMailSummary } from './mail-summary';
import { QuotaAllowance } from './quota-allowance';

export interface BatchItem {
  readonly mail: PlannedMail;
  readonly outgoing: OutgoingMail;
  readonly unitCode: string;
  readonly periodIds: readonly string[];
}

/** The mail a run will send, as planned under the script lock. */
export interface MailBatch {
  readonly asOf: Date;
  readonly dryRun: boolean;
  /** Why nothing is sent at all (the example contact stands); already in `Nhật ký`. */
  readonly refused?: string;
  /** `Nhật ký thư` as read when planned, and what the journal adds to it. */
  readonly logTable: Table | undefined;
  readonly unlogged: readonly MailJournalEntry[];
  /** To send, in order. */
  readonly items: readonly BatchItem[];
  /** Past what one claim takes: reported queued, for the next execution. */
  readonly left: readonly BatchItem[];
  readonly closedRows: readonly ClosedMail[];
  readonly heldElsewhere: number;
  /** This execution's claim on `items`; null when it sends under the lock. */
  readonly claimId: string | null;
  readonly quota: QuotaAllowance;
}

export interface MailBatchPorts {
  readonly workbook: Workbook;
  readonly mailer: Mailer;
  readonly journal?: MailJournal;
}

/** Whether the journal can claim, so that the messages can be sent outside the script lock. */
export function canClaim(journal: MailJournal | undefined): journal is ClaimingMailJournal {
  return journal !== undefined && 'claim' in journal && 'claims' in journal && 'release' in journal;
}

/**
 * The unit's pre-filled link as every shell builds it: from the facts of `Biểu mẫu`, else from
 * `fallback` (Apps Script's document properties of a workbook set up before the sheet existed).
 */
export function prefilledLinkOf(formsTable: Table | undefined, fallback?: PrefilledLinkOf): PrefilledLinkOf {
  const links = formLinksOf(readFormFacts(formsTable));
  return (unit, period) => links.linkFor(unit, period) ?? (fallback ? fallback(unit, period) : null);
}

/** The real moment, by which claims are judged live (a continuation plans as of an earlier one). */
function realNow(options: Pick<SendMailOptions, 'asOf' | 'clock'>): Date {
  return options.clock?.now() ?? options.asOf;
}

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

/** Plans the mail due at `options.asOf`. The caller holds the script lock. */
export function planMailBatch(
  { workbook, mailer, journal }: MailBatchPorts,
  options: SendMailOptions,
): MailBatch {
  const { asOf } = options;
  const dryRun = options.dryRun ?? false;
  const state = readCampaignState(workbook, [SHEET.mailLog, SHEET.forms]);
  const { config, periods } = state.campaign;
  const quota = new QuotaAllowance(mailer, options.quotaReserve ?? config.mailQuotaReserve);
  const empty = { items: [], left: [], closedRows: [], heldElsewhere: 0, claimId: null, quota };
  // A real mailbox never gets a message signed by the example contact; the rest of the job (intake,
  // consolidation) still counts, and what is due waits for the next run.
  const placeholders = !dryRun && mailer.deliversRealMail === true ? placeholderContactKeys(config) : [];
  if (placeholders.length > 0) {
    const refused = placeholderContactMailAppRefusal(placeholders);
    workbook.write(eventLogWrite([{ at: asOf, level: 'Lỗi', job: MAIL_JOB, message: refused }]));
    return { asOf, dryRun, refused, logTable: undefined, unlogged: [], ...empty };
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
  const due = wanted ? plan.mails.filter((mail) => wanted.has(mail.kind)) : plan.mails;
  // Another execution sending outside the lock has these: it sends and logs them.
  const claimedElsewhere = canClaim(journal)
    ? keysClaimedElsewhere(journal.claims(), realNow(options), null)
    : new Set<string>();
  const mails = due.filter((mail) => !claimedElsewhere.has(mail.key));
  const closedRows = (
    wanted ? plan.closed.filter((closed) => closed.kind !== null && wanted.has(closed.kind)) : plan.closed
  ).filter((closed) => !claimedElsewhere.has(closed.key));
  const context: MailContentContext = {
    config,
    asOf,
    prefilledLink: prefilledLinkOf(state.tables.get(SHEET.forms), options.prefilledLink),
  };
  const items = mails.map((mail): BatchItem => {
    const content = renderMail(mail, context);
    return {
      mail,
      outgoing: {
        key: mail.key,
        to: mail.to,
        subject: content.subject,
        htmlBody: content.htmlBody,
        textBody: content.textBody,
        senderName: headerText(config.agencyName),
        ...(config.contactEmail ? { replyTo: headerText(config.contactEmail) } : {}),
      },
      unitCode: unitCodeOf(mail),
      periodIds: mail.periods.map((period) => period.id),
    };
  });
  return {
    ...empty,
    asOf,
    dryRun,
    logTable,
    unlogged: journaled.unlogged,
    items,
    closedRows,
    heldElsewhere: due.length - mails.length,
  };
}

export function journalEntryOf(item: BatchItem, asOf: Date): MailJournalEntry {
  return {
    key: item.mail.key,
    at: asOf,
    unitCode: item.unitCode,
    periodIds: item.periodIds,
    kind: item.mail.kind,
    recipients: item.mail.to,
  };
}

/**
 * Claims the batch's messages for this execution, in one write of the journal, so that it can send
 * them without the lock. The caller holds the lock, and has written everything else it had to.
 */
export function claimMailBatch(journal: ClaimingMailJournal, batch: MailBatch, claimedAt: Date): MailBatch {
  if (batch.dryRun || batch.refused !== undefined || batch.items.length === 0) return batch;
  const share = claimShare(batch.items);
  const claimId = journal.claim(
    claimedAt,
    share.claimed.map((item) => journalEntryOf(item, batch.asOf)),
  );
  return { ...batch, items: share.claimed, left: share.left, claimId };
}

/**
 * Writes what the batch did to `Nhật ký thư` and `Nhật ký`, with `events` of the caller's (the
 * run's own row). The caller holds the lock. `fresh`: the lock was released since the batch was
 * planned, so the sheet and the journal are read again (another execution may have logged mail
 * meanwhile), and the claim is released once the sheet holds its sends, with every stale claim.
 */
export function logMailBatch(
  { workbook, journal }: Pick<MailBatchPorts, 'workbook' | 'journal'>,
  batch: MailBatch,
  delivery: MailDelivery,
  options: {
    readonly fresh: boolean;
    /** The real moment, by which stale claims are judged. */
    readonly now: Date;
    readonly events?: (summary: SendMailSummary) => readonly LogEvent[];
  },
): SendMailSummary {
  const { asOf, dryRun } = batch;
  const reports = delivery.reports;
  const count = (status: MailResult) => reports.filter((report) => report.status === status).length;
  const summary: SendMailSummary = {
    mail: reports,
    sent: count('sent'),
    queued: count('queued'),
    failed: count('failed'),
    closed: batch.closedRows.length,
    stoppedBy: delivery.stoppedBy,
    dryRun,
    heldElsewhere: batch.heldElsewhere,
    ...(batch.refused !== undefined ? { refused: batch.refused } : {}),
  };
  if (dryRun) return summary;
  if (batch.refused !== undefined) {
    // Nothing was sent or logged, but the job's own row still says what the run did.
    const events = options.events?.(summary) ?? [];
    if (events.length > 0) workbook.write(eventLogWrite(events));
    return summary;
  }
  const logTable = options.fresh ? workbook.read([SHEET.mailLog]).get(SHEET.mailLog) : batch.logTable;
  const unlogged = options.fresh
    ? reconcileJournal(journal?.entries() ?? [], readMailLog(logTable)).unlogged
    : batch.unlogged;
  const sentElsewhere = new Set(
    options.fresh
      ? [
          ...readMailLog(logTable).flatMap((entry) => (entry.state === 'sent' ? [entry.key] : [])),
          ...unlogged.map((entry) => entry.key),
        ]
      : [],
  );
  const reported = new Set(reports.map((report) => report.key));
  const logSheet = new MailLogSheet(logTable);
  for (const entry of unlogged) {
    // This batch's own sends are written below, in plan order, with their subjects.
    if (reported.has(entry.key) && options.fresh) continue;
    logSheet.upsert(entry.key, { ...entry, subject: null, result: MAIL_RESULT_LABEL.sent }, false);
  }
  const waitingSince = new Map(batch.items.map((item) => [item.mail.key, item.mail.waitingSince]));
  for (const item of batch.left) waitingSince.set(item.mail.key, item.mail.waitingSince);
  for (const report of reports) {
    // Never unsay a send that the sheet or the journal holds.
    const status = report.status !== 'sent' && sentElsewhere.has(report.key) ? 'sent' : report.status;
    logSheet.upsert(
      report.key,
      {
        at: asOf,
        unitCode: report.unit ?? '',
        periodIds: report.periods,
        kind: report.kind,
        recipients: report.to,
        subject: report.subject,
        result: MAIL_RESULT_LABEL[status],
      },
      status === 'queued' && (waitingSince.get(report.key) ?? null) !== null,
    );
  }
  for (const closed of batch.closedRows) closeRow(logSheet, closed, asOf);
  const events: LogEvent[] = [...delivery.events];
  if (delivery.stoppedBy !== null) {
    events.push({
      at: asOf,
      level: 'Cảnh báo',
      job: MAIL_JOB,
      message: `${STOP_REASON[delivery.stoppedBy]}: đã gửi ${summary.sent} thư, ${summary.queued} thư chờ gửi ở lần chạy sau.`,
    });
  }
  events.push(...(options.events?.(summary) ?? []));
  if (logSheet.changed) workbook.write([logSheet.write(), ...eventLogWrite(events)]);
  else if (events.length > 0) workbook.write(eventLogWrite(events));
  if (options.fresh) releaseClaims(journal, options.now, batch.claimId);
  return summary;
}

/**
 * Releases this execution's claim and every stale one, once `Nhật ký thư` as written holds what
 * their journal says was sent (the caller has written it, not merely batched the write).
 */
export function releaseClaims(journal: MailJournal | undefined, now: Date, ownId: string | null): void {
  if (!canClaim(journal)) return;
  const released = releasableClaims(journal.claims(), now, ownId);
  if (released.length > 0) journal.release(released);
}
