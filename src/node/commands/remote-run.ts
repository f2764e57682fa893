// `hannop run --spreadsheet ID --credentials FILE`: the daily job of `hannop run` (intake,
// consolidation, the day's mail and its log) on the real Google Sheet through the Sheets API, from
// a server or a scheduler. The spreadsheet is loaded in two requests and written back in one
// atomic batchUpdate (src/node/sheets-api-workbook.ts), retries included at most five requests
// a run; responses come from the form response sheets linked in it.
//
// Mail goes only through SMTP. Without --smtp the run is a dry run: it shows what it would do and
// writes nothing to the sheet. A folder of .eml files on a server reaches no one, yet its messages
// would be logged `Đã gửi` in the department's sheet and never be sent again.

import { join } from 'node:path';
import { buildStatusReport } from '../../domain/status-report';
import { vietnamDateOf } from '../../domain/time';
import type { Mailer } from '../../ports';
import { UsageError } from '../cli-errors';
import { loadGoogleCredentials, sheetsClient, signInToGoogle } from '../google-credentials';
import { FileMailJournal } from '../file-mail-journal';
import { privateCacheDirectory, withWorkbookLock } from '../local-lock';
import { mailTargetOption, maxMailOption, pathOption, requireOption, type MailTarget } from '../options';
import { SheetsApiWorkbook } from '../sheets-api-workbook';
import { SmtpMailer } from '../smtp-mailer';
import { renderStatusTable } from '../status-table';
import {
  intakeLine,
  mailJson,
  mailText,
  openMailer,
  PREVIEW_MAILER,
  recipientsSentOn,
  type RunOutcome,
  refuseRealMailWithPlaceholderContact,
} from './run';
import { runDailyJobAndSave } from './run-and-save';

export interface RemoteRunOptions {
  readonly spreadsheetId: string;
  readonly credentialsPath: string;
  readonly asOf: Date;
  readonly now: () => Date;
  /** The SMTP server; null: a dry run. */
  readonly smtp: Extract<MailTarget, { kind: 'smtp' }> | null;
  /** The day's allowance in recipients; unlimited when absent. */
  readonly maxMail?: number;
  readonly dryRun?: boolean;
  /** Used instead of an SMTP connection to `smtp` (tests). */
  readonly mailer?: Mailer;
  /** Where the Sheets API is; tests point it at a local server. */
  readonly sheetsApiRootUrl?: string;
  /** Waits between retries after a 429; tests pass one that does not wait. */
  readonly sleep?: (ms: number) => Promise<void>;
}

const SPREADSHEET_ID = /^[\w-]{10,}$/;
/**
 * Requests a daily run may send to the Sheets API, retries included: two to load, one to save, two
 * retries. A save over MAX_REQUEST_BYTES goes in parts, and the workbook allows each part past the
 * first on top: the cap bounds retries, not how much changed in a day.
 */
export const DAILY_RUN_MAX_REQUESTS = 5;
const DAILY_RUN_REQUESTS_WITHOUT_RETRY = 3;

/** `--spreadsheet ID` (or the sheet's address, which holds the id after `/d/`). */
export function spreadsheetIdOption(values: Record<string, unknown>): string {
  const text = requireOption(values, 'spreadsheet').trim();
  const id = /\/spreadsheets\/d\/([\w-]+)/.exec(text)?.[1] ?? text;
  if (!SPREADSHEET_ID.test(id)) {
    throw new UsageError(
      `--spreadsheet «${text}» không phải mã bảng tính; mã là phần giữa «/d/» và «/edit» trong địa chỉ của bảng tính.`,
    );
  }
  return id;
}

/** The options of `hannop run --spreadsheet …`, checked; the local-only options are refused. */
export function remoteRunOptions(
  values: Record<string, unknown>,
  asOf: Date,
  io: { readonly now: () => Date; readonly cwd: string; readonly sheetsApiRootUrl?: string },
): RemoteRunOptions {
  for (const local of ['workbook', 'outbox']) {
    if (values[local] !== undefined) {
      throw new UsageError(
        `--${local} không dùng cùng --spreadsheet: hannop chạy hoặc trên tệp .xlsx, hoặc trên Google Sheet qua ` +
          'Sheets API (thư gửi qua --smtp).',
      );
    }
  }
  const smtp = values.smtp === undefined ? null : mailTargetOption(values, io.cwd, io.cwd, '.');
  const maxMail = maxMailOption(values);
  return {
    spreadsheetId: spreadsheetIdOption(values),
    credentialsPath: pathOption(values, 'credentials', io.cwd),
    asOf,
    now: io.now,
    smtp: smtp?.kind === 'smtp' ? smtp : null,
    ...(maxMail !== undefined ? { maxMail } : {}),
    dryRun: values['dry-run'] === true,
    ...(io.sheetsApiRootUrl ? { sheetsApiRootUrl: io.sheetsApiRootUrl } : {}),
  };
}

const NO_SMTP_LINE = 'Không có --smtp: chạy thử, không gửi thư và không ghi gì vào Google Sheet.\n';

export async function remoteRunCommand(options: RemoteRunOptions): Promise<RunOutcome> {
  const credentials = await loadGoogleCredentials(options.credentialsPath);
  // The token endpoint first: a revoked key or refresh token is told before anything is read.
  await signInToGoogle(credentials);
  const api = sheetsClient(credentials.auth, options.sheetsApiRootUrl);
  // Two runs on this machine at once (a slow run and the next timer) would both send: the second
  // one stops here. The lock and the send journal are named after the spreadsheet, so each sheet
  // has its own, in a folder only this user can write (not the shared /tmp, where anyone could
  // create the lock and block the job).
  const cache = privateCacheDirectory();
  const lockName = join(cache, options.spreadsheetId);
  const journal = new FileMailJournal(join(cache, `${options.spreadsheetId}.mail-journal`));
  return withWorkbookLock(lockName, async () => {
    const workbook = await SheetsApiWorkbook.open(api, options.spreadsheetId, {
      ...(credentials.accountEmail ? { accountEmail: credentials.accountEmail } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      // The first try of each of the three requests always has its turn; retries share the rest,
      // and a save that would record a failure past the five is not sent.
      maxRetries: DAILY_RUN_MAX_REQUESTS - DAILY_RUN_REQUESTS_WITHOUT_RETRY,
      maxRequests: DAILY_RUN_MAX_REQUESTS,
    });
    const dryRun = options.dryRun === true || options.smtp === null;
    const maxRecipients =
      options.maxMail === undefined
        ? undefined
        : Math.max(
            0,
            options.maxMail - recipientsSentOn(workbook, vietnamDateOf(options.asOf), journal.entries()),
          );
    if (!dryRun) refuseRealMailWithPlaceholderContact(workbook);
    const mailer =
      dryRun || !options.smtp
        ? PREVIEW_MAILER
        : (options.mailer ?? openMailer(options.smtp, maxRecipients, options.asOf));
    try {
      const summary = await runDailyJobAndSave(workbook, options.asOf, mailer, {
        now: options.now,
        dryRun,
        journal,
      });
      return {
        summary,
        json: { ...buildStatusReport(summary.consolidation.board), mail: summary.mail.mail.map(mailJson) },
        text:
          (options.smtp ? '' : NO_SMTP_LINE) +
          intakeLine(summary.intake) +
          mailText(summary.mail, options.smtp ?? { kind: 'outbox', directory: '', shown: '' }) +
          '\n' +
          renderStatusTable(summary.consolidation.board),
      };
    } finally {
      if (mailer instanceof SmtpMailer) await mailer.close();
    }
  });
}
