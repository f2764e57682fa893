// `hannop run --spreadsheet ID --credentials FILE`: the daily job (intake, consolidation, the day's
// mail and its log) on the real Google Sheet through the Sheets API, from a server or scheduler.
// The spreadsheet is loaded in two requests and written back in two (src/node/sheets-api-
// workbook.ts). Responses come from the form response sheets linked in the same spreadsheet.
//
// Mail: only through SMTP. Without --smtp nothing is sent — a folder of .eml files on a server
// would look sent to the log and reach no one — so the mailer has no allowance: every message due
// is logged `Chờ gửi` and goes out on the next run that can send it.

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDaily, type DailyRunSummary } from '../../app/daily-run';
import { sheetResponseSource } from '../../app/sheet-response-source';
import { buildStatusReport, type StatusReport } from '../../domain/status-report';
import type { Mailer } from '../../ports';
import { loadGoogleCredentials, sheetsClient } from '../google-credentials';
import { heldLock, withWorkbookLock } from '../local-lock';
import { SheetsApiWorkbook } from '../sheets-api-workbook';
import { renderStatusTable } from '../status-table';

/** How long a run may send mail before it queues the rest and writes its batch. */
export const REMOTE_SEND_BUDGET_MS = 30 * 60 * 1000;

export interface RemoteRunOptions {
  readonly spreadsheetId: string;
  readonly credentialsPath: string;
  readonly asOf: Date;
  readonly now: () => Date;
  /** The SMTP mailer; null when the run has no --smtp and must not send. */
  readonly mailer: Mailer | null;
  /** Where the Sheets API is; tests point it at a local server. */
  readonly sheetsApiRootUrl?: string;
  /** Waits between retries after a 429; tests pass one that does not wait. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface RemoteRunOutcome {
  readonly json: StatusReport;
  readonly text: string;
  readonly summary: DailyRunSummary;
}

const NO_MAIL: Mailer = {
  remainingDailyQuota: () => 0,
  send: () => {
    throw new Error('This run has no mailer: it must not send.');
  },
};

export async function remoteRunCommand(options: RemoteRunOptions): Promise<RemoteRunOutcome> {
  const credentials = await loadGoogleCredentials(options.credentialsPath);
  const api = sheetsClient(credentials.auth, options.sheetsApiRootUrl);
  // Two runs on this machine at once (a slow run and the next timer) would both send: the second
  // one stops here. The lock file names the spreadsheet, so each sheet has its own.
  const lockName = join(tmpdir(), `hannop-${options.spreadsheetId.replace(/[^\w-]/g, '_')}`);
  return withWorkbookLock(lockName, async () => {
    const workbook = await SheetsApiWorkbook.open(api, options.spreadsheetId, {
      ...(credentials.accountEmail ? { accountEmail: credentials.accountEmail } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
    const startedAt = options.now();
    let summary: DailyRunSummary;
    try {
      summary = runDaily(
        { workbook, lock: heldLock, mailer: options.mailer ?? NO_MAIL, clock: { now: options.now } },
        sheetResponseSource,
        { asOf: options.asOf, sendUntil: new Date(startedAt.getTime() + REMOTE_SEND_BUDGET_MS) },
      );
    } catch (error) {
      // runDaily wrote nothing of its batch but logged the failure in `Nhật ký`: keep that line.
      await workbook.save().catch(() => undefined);
      throw error;
    }
    await workbook.save();
    return {
      json: buildStatusReport(summary.consolidation.board),
      text: outcomeText(summary, options),
      summary,
    };
  });
}

function outcomeText(summary: DailyRunSummary, options: RemoteRunOptions): string {
  const { intake, mail } = summary;
  const counts = { accepted: 0, rejected: 0, held: 0 };
  for (const entry of intake.registered) counts[entry.outcome] += 1;
  const intakeLine =
    `Phản hồi mới hoặc đã sửa: ${intake.registered.length} (hợp lệ ${counts.accepted}, ` +
    `không hợp lệ ${counts.rejected}, chờ xác minh ${counts.held})` +
    (intake.failed.length > 0 ? `; ${intake.failed.length} phản hồi lỗi, xem trang «Nhật ký»` : '') +
    '.\n';
  const mailLine = options.mailer
    ? `Thư: đã gửi ${mail.sent}, chờ gửi ${mail.queued}, lỗi ${mail.failed}.\n`
    : `Thư: không gửi vì chưa có --smtp; ${mail.queued} thư ghi «Chờ gửi» trong trang «Nhật ký thư», ` +
      'sẽ gửi ở lần chạy có --smtp.\n';
  return `${intakeLine}${mailLine}\n${renderStatusTable(summary.consolidation.board)}`;
}
