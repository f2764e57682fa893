// `hannop run`: what the daily trigger does, on the local workbook — take in the new responses,
// rebuild the derived sheets, then send the mail due, to an outbox folder or over SMTP.
import { readCampaignState } from '../../app/campaign-state';
import { CONFIG_CHECK_SHEETS, MAIL_FORECAST_PLACE, mailForecastWarning } from '../../domain/config-check';
import { consolidate, type ConsolidationSummary } from '../../app/consolidate';
import { DAILY_JOB } from '../../app/daily-run';
import { eventLogWrite, jobRunCounts } from '../../app/event-log';
import { jobRunAudit, refusalAudit } from '../../domain/audit';
import { placeholderContactKeys, placeholderContactRefusal } from '../../domain/defaults';
import { PlaceholderContactError } from '../cli-errors';
import { intakeResponses, type IntakeSummary } from '../../app/intake-responses';
import { sendMail, type MailReport, type SendMailSummary } from '../../app/send-mail';
import { sheetResponseSource } from '../../app/sheet-response-source';
import { MAIL_LOG_COLUMNS, SHEET } from '../../domain/layout';
import { MAIL_KIND_LABEL, MAIL_RESULT_LABEL } from '../../domain/mail';
import { buildStatusReport, type StatusReport } from '../../domain/status-report';
import { cellInstant, cellText, readRecords } from '../../domain/table';
import { vietnamDateOf, type IsoDate } from '../../domain/time';
import type { MailJournal, MailJournalEntry, Mailer, Workbook } from '../../ports';
import { FileMailJournal, journalPathFor } from '../file-mail-journal';
import { heldLock, withWorkbookLock } from '../local-lock';
import { smtpSenderAddress, type MailTarget } from '../options';
import { OutboxMailer } from '../outbox-mailer';
import { SmtpMailer } from '../smtp-mailer';
import { renderStatusTable } from '../status-table';
import { runDailyJobAndSave } from './run-and-save';
import { XlsxWorkbook } from '../xlsx-workbook';

export interface DailyJobOptions {
  /** The real now, for the first-seen time of a response. */
  readonly now: () => Date;
  /** Plan the mail without sending it or logging it. */
  readonly dryRun?: boolean;
  /** The durable record of each send; every shell that sends passes one. */
  readonly journal?: MailJournal;
}

export interface DailyJobSummary {
  readonly intake: IntakeSummary;
  readonly consolidation: ConsolidationSummary;
  readonly mail: SendMailSummary;
}

/**
 * The daily trigger's three jobs on an open workbook, as of `asOf`. The workbook is in memory:
 * consolidating after the intake, and planning mail on the consolidated state, cost no round trip.
 */
export function runDailyJob(
  workbook: Workbook,
  asOf: Date,
  mailer: Mailer,
  options: DailyJobOptions,
): DailyJobSummary {
  const intake = intakeResponses({ workbook, lock: heldLock, now: options.now }, sheetResponseSource, {
    asOf,
  });
  const consolidation = consolidate(workbook, heldLock, asOf);
  // `Dự trữ hạn mức thư` keeps part of a Google account's MailApp quota for its other scripts;
  // a local outbox or SMTP allowance is all this run's.
  const mail = sendMail(
    { workbook, mailer, lock: heldLock, ...(options.journal ? { journal: options.journal } : {}) },
    { asOf, dryRun: options.dryRun ?? false, quotaReserve: 0 },
  );
  // The run's own row in `Nhật ký`, in counts; a dry run leaves the workbook as it was.
  if (!options.dryRun) {
    workbook.write(eventLogWrite([jobRunAudit(options.now(), DAILY_JOB, jobRunCounts(intake, mail))]));
  }
  return { intake, consolidation, mail };
}

/**
 * Recipients of the messages sent on `day`: logged `Đã gửi` in `Nhật ký thư`, or in the send
 * journal and not yet reconciled into it (a run killed after sending). `--max-mail` is the day's
 * allowance, as MailApp's quota is: a second run on the same day has only what the first one left.
 */
export function recipientsSentOn(
  workbook: Workbook,
  day: IsoDate,
  journal: readonly MailJournalEntry[] = [],
): number {
  const table = workbook.read([SHEET.mailLog]).get(SHEET.mailLog);
  const counted = new Set<string>();
  let recipients = 0;
  for (const record of table ? readRecords(table, SHEET.mailLog, { required: [] }) : []) {
    if (cellText(record.get(MAIL_LOG_COLUMNS.result)) !== MAIL_RESULT_LABEL.sent) continue;
    const at = cellInstant(record.get(MAIL_LOG_COLUMNS.at));
    if (!at || vietnamDateOf(at) !== day) continue;
    counted.add(cellText(record.get(MAIL_LOG_COLUMNS.key)));
    recipients += cellText(record.get(MAIL_LOG_COLUMNS.recipients))
      .split(',')
      .filter((address) => address.trim() !== '').length;
  }
  for (const entry of journal) {
    if (counted.has(entry.key) || vietnamDateOf(entry.at) !== day) continue;
    counted.add(entry.key);
    recipients += entry.recipients.length;
  }
  return recipients;
}

/** Real mail (SMTP) is refused while `Cấu hình` still holds the example contact; the outbox is not. */
export function refuseRealMailWithPlaceholderContact(workbook: Workbook): void {
  const keys = placeholderContactKeys(readCampaignState(workbook).campaign.config);
  if (keys.length > 0) throw new PlaceholderContactError(placeholderContactRefusal(keys));
}

/** A dry run must not reach a mailer; this one says so if it ever does. */
export const PREVIEW_MAILER: Mailer = {
  remainingDailyQuota: () => Number.POSITIVE_INFINITY,
  send: () => {
    throw new Error('A dry run sent a message.');
  },
};

export function openMailer(
  target: MailTarget,
  maxRecipients: number | undefined,
  asOf: Date,
): OutboxMailer | SmtpMailer {
  const allowance = maxRecipients === undefined ? {} : { maxRecipients };
  if (target.kind === 'outbox') {
    // The messages are dated `asOf`: a replayed campaign's outbox reads as the days it played.
    return new OutboxMailer({ directory: target.directory, now: () => asOf, ...allowance });
  }
  const fromAddress = smtpSenderAddress(target.url);
  return new SmtpMailer({ url: target.url, ...(fromAddress ? { fromAddress } : {}), ...allowance });
}

export interface RunCommandOptions {
  readonly mail: MailTarget;
  /** The day's allowance in recipients; unlimited when absent. */
  readonly maxMail?: number;
  /** Plan and print only: no mail, and the workbook file is not written. */
  readonly dryRun?: boolean;
}

/** One message as `--json` shows it (docs/spec.md, "The command line"). */
export interface RunMailJson {
  readonly to: readonly string[];
  readonly unit?: string;
  readonly periods: readonly string[];
  readonly kind: MailReport['kind'];
  readonly subject: string;
  readonly status: MailReport['status'];
}

export type RunJson = StatusReport & { readonly mail: readonly RunMailJson[] };

export interface RunOutcome {
  readonly json: RunJson;
  readonly text: string;
  readonly summary: DailyJobSummary;
}

export async function runCommand(
  workbookPath: string,
  asOf: Date,
  now: () => Date,
  options: RunCommandOptions,
): Promise<RunOutcome> {
  return withWorkbookLock(workbookPath, async () => {
    const workbook = await XlsxWorkbook.open(workbookPath);
    const dryRun = options.dryRun ?? false;
    const journal = new FileMailJournal(journalPathFor(workbookPath));
    const maxRecipients =
      options.maxMail === undefined
        ? undefined
        : Math.max(0, options.maxMail - recipientsSentOn(workbook, vietnamDateOf(asOf), journal.entries()));
    if (!dryRun && options.mail.kind === 'smtp') {
      try {
        refuseRealMailWithPlaceholderContact(workbook);
      } catch (error) {
        // The refusal is the run's one change to the file: `Nhật ký` says what was refused and why.
        if (error instanceof PlaceholderContactError) {
          workbook.write(eventLogWrite([refusalAudit(now(), DAILY_JOB, error.message)]));
          await workbook.save();
        }
        throw error;
      }
    }
    // The whole campaign against `--max-mail`, as `hannop check` says it: a warning, not a refusal.
    const forecast =
      options.maxMail === undefined
        ? null
        : mailForecastWarning(workbook.read(CONFIG_CHECK_SHEETS), options.maxMail);
    const mailer = dryRun ? PREVIEW_MAILER : openMailer(options.mail, maxRecipients, asOf);
    try {
      const summary = await runDailyJobAndSave(workbook, asOf, mailer, { now, dryRun, journal });
      return {
        summary,
        json: { ...buildStatusReport(summary.consolidation.board), mail: summary.mail.mail.map(mailJson) },
        text:
          intakeLine(summary.intake) +
          mailText(summary.mail, options.mail) +
          (forecast ? `Cảnh báo (${MAIL_FORECAST_PLACE}): ${forecast}\n` : '') +
          '\n' +
          renderStatusTable(summary.consolidation.board),
      };
    } finally {
      if (mailer instanceof SmtpMailer) await mailer.close();
    }
  });
}

export function mailJson(report: MailReport): RunMailJson {
  return {
    to: report.to,
    ...(report.unit !== undefined ? { unit: report.unit } : {}),
    periods: report.periods,
    kind: report.kind,
    subject: report.subject,
    status: report.status,
  };
}

export function intakeLine(intake: IntakeSummary): string {
  const counts = { accepted: 0, rejected: 0, held: 0, closed: 0 };
  for (const entry of intake.registered) counts[entry.outcome] += 1;
  return (
    `Phản hồi mới hoặc đã sửa: ${intake.registered.length} (hợp lệ ${counts.accepted}, ` +
    `không hợp lệ ${counts.rejected}, chờ xác minh ${counts.held}` +
    (counts.closed > 0 ? `, nộp sau khóa ${counts.closed}` : '') +
    ')' +
    (intake.failed.length > 0 ? `; ${intake.failed.length} phản hồi lỗi, xem trang «Nhật ký»` : '') +
    '.\n'
  );
}

function mailLine(report: MailReport): string {
  const about = [report.unit ?? 'Phòng', report.periods.join(', ')].filter(Boolean).join(' ');
  return `  - ${MAIL_KIND_LABEL[report.kind]} · ${about} → ${report.to.join(', ')}: «${report.subject}»\n`;
}

export function mailText(summary: SendMailSummary, target: MailTarget): string {
  if (summary.dryRun) {
    return (
      `Chạy thử: không gửi thư, không ghi bảng tính. ${summary.mail.length} thư cần gửi` +
      (summary.mail.length > 0 ? ':\n' : '.\n') +
      summary.mail.map(mailLine).join('')
    );
  }
  const where = target.kind === 'outbox' ? `tệp .eml trong «${target.shown}»` : `qua SMTP ${target.shown}`;
  let text = `Thư: đã gửi ${summary.sent}, chờ gửi ${summary.queued}, lỗi ${summary.failed}; ${where}.\n`;
  if (summary.stoppedBy === 'quota' && summary.queued > 0) {
    text += `Hết hạn mức gửi thư trong ngày (--max-mail): ${summary.queued} thư chờ gửi ở lần chạy sau.\n`;
  }
  if (summary.stoppedBy === 'unreachable' && summary.queued > 0) {
    text += `Không kết nối được máy chủ SMTP: ${summary.queued} thư còn lại chờ gửi ở lần chạy sau.\n`;
  }
  if (summary.stoppedBy === 'journal' && summary.queued > 0) {
    text += `Không ghi được nhật ký gửi thư (xem trang «Nhật ký»): ${summary.queued} thư còn lại chờ gửi ở lần chạy sau.\n`;
  }
  for (const report of summary.mail) {
    if (report.status === 'failed') {
      text += `Không gửi được thư «${report.subject}» đến ${report.to.join(', ')}: ${report.error ?? ''}; thư sẽ được gửi lại ở lần chạy sau.\n`;
    }
  }
  return text;
}
