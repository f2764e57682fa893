// `hannop demo` (`npm start`): the demo campaign played day by day on data/demo.xlsx. Each day the
// daily job runs at `Giờ gửi thư hằng ngày`, as the trigger would; then the day's invented
// submissions land in the response sheets and the department's reviews in `Bài nộp`, and the job
// runs again at the end of the day, standing in for the form-submit and on-edit triggers.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { readCampaignState } from '../../app/campaign-state';
import { eventLogWrite } from '../../app/event-log';
import { REGISTER_FORMAT } from '../../app/register-sheet';
import { RESPONSE_SHEET } from '../../app/sheet-response-source';
import { demoCampaignEvents, type DemoEvent } from '../../demo/campaign';
import { EVENT_LOG_COLUMNS, SHEET, SUBMISSION_COLUMNS } from '../../domain/layout';
import { PLAN_FORM, REPORT_FORM, responseColumns } from '../../domain/forms';
import { OUTCOME_LABEL } from '../../domain/submissions';
import { cellText, readRecords, type CellValue } from '../../domain/table';
import {
  addDays,
  daysBetween,
  formatVietnameseDate,
  parseVietnameseDate,
  vietnamDateOf,
  vietnamInstant,
  type IsoDate,
} from '../../domain/time';
import type { StatusBoard } from '../../domain/status';
import type { SheetWrite, Workbook } from '../../ports';
import { UsageError } from '../cli-errors';
import { withWorkbookLock } from '../local-lock';
import { FileMailJournal, journalPathFor } from '../file-mail-journal';
import { OutboxMailer } from '../outbox-mailer';
import { renderStatusTable } from '../status-table';
import { XlsxWorkbook } from '../xlsx-workbook';
import { initCommand } from './init';
import { runDailyJob, type DailyJobSummary } from './run';

/** The job name under which the player records how far it went, in `Nhật ký`. */
export const PLAYER_JOB = 'Chạy thử đợt thu';
const PROGRESS = /^Đã chạy đến hết ngày (\d{2}\/\d{2}\/\d{4})\.$/;

/** After the annual report's last overdue notice (01/11 + 14 days) and a few Monday digests. */
export const DEMO_LAST_DAY: IsoDate = '2023-11-30';

export interface PlayOptions {
  readonly workbookPath: string;
  /** How the workbook path is shown to the person. */
  readonly shownPath: string;
  readonly outboxDirectory: string;
  readonly shownOutbox: string;
  readonly from?: IsoDate;
  readonly to?: IsoDate;
  readonly reset: boolean;
  /** Progress lines as they happen. */
  readonly print: (text: string) => void;
  /** Writes the dashboard page for the last day played, if the shell can. */
  readonly writeDashboard?: (workbookPath: string, asOf: Date) => Promise<string | null>;
}

export interface PlaySummary {
  readonly firstDay: IsoDate | null;
  readonly lastDay: IsoDate | null;
  readonly daysPlayed: number;
  readonly submissions: number;
  readonly mailSent: number;
  readonly mailQueued: number;
}

function playedUntil(workbook: Workbook): IsoDate | null {
  const table = workbook.read([SHEET.eventLog]).get(SHEET.eventLog);
  if (!table) return null;
  let last: IsoDate | null = null;
  for (const record of readRecords(table, SHEET.eventLog, { required: [] })) {
    if (cellText(record.get(EVENT_LOG_COLUMNS.job)) !== PLAYER_JOB) continue;
    const match = PROGRESS.exec(cellText(record.get(EVENT_LOG_COLUMNS.message)));
    const day = match?.[1] ? parseVietnameseDate(match[1]) : null;
    if (day && (last === null || day > last)) last = day;
  }
  return last;
}

/** The department's decision typed into `Đánh giá` of the unit's newest accepted row, as a person would. */
function reviewWrite(workbook: Workbook, event: Extract<DemoEvent, { kind: 'review' }>): SheetWrite[] {
  const table = workbook.read([SHEET.submissions]).get(SHEET.submissions);
  if (!table) return [];
  const column = (title: string) => table.headers.findIndex((header) => cellText(header) === title);
  const [unit, period, outcome, version, review, note] = [
    SUBMISSION_COLUMNS.unitCode,
    SUBMISSION_COLUMNS.periodId,
    SUBMISSION_COLUMNS.outcome,
    SUBMISSION_COLUMNS.version,
    SUBMISSION_COLUMNS.review,
    SUBMISSION_COLUMNS.reviewNote,
  ].map(column) as [number, number, number, number, number, number];
  let target = -1;
  table.rows.forEach((row, index) => {
    if (cellText(row[unit] ?? null) !== event.unitCode || cellText(row[period] ?? null) !== event.periodId)
      return;
    if (cellText(row[outcome] ?? null) !== OUTCOME_LABEL.accepted) return;
    const current = target >= 0 ? Number(table.rows[target]?.[version] ?? 0) : -1;
    if (Number(row[version] ?? 0) >= current) target = index;
  });
  if (target < 0) return [];
  const rows = table.rows.map((row, index): CellValue[] => {
    if (index !== target) return [...row];
    const edited = [...row];
    edited[review] = event.decision;
    edited[note] = event.note === '' ? null : event.note;
    return edited;
  });
  return [
    {
      kind: 'replace',
      sheet: SHEET.submissions,
      headers: table.headers.map(cellText),
      rows,
      format: REGISTER_FORMAT,
    },
  ];
}

/** The day's submissions appended as Google Forms appends them, then the reviews typed in, in order. */
function applyEvents(workbook: Workbook, events: readonly DemoEvent[]): void {
  const writes: SheetWrite[] = [];
  const appended = { plan: [] as (readonly CellValue[])[], report: [] as (readonly CellValue[])[] };
  for (const event of events) if (event.kind === 'response') appended[event.form].push(event.row);
  if (appended.plan.length > 0) {
    writes.push({
      kind: 'append',
      sheet: RESPONSE_SHEET.plan,
      headers: responseColumns(PLAN_FORM),
      rows: appended.plan,
    });
  }
  if (appended.report.length > 0) {
    writes.push({
      kind: 'append',
      sheet: RESPONSE_SHEET.report,
      headers: responseColumns(REPORT_FORM),
      rows: appended.report,
    });
  }
  if (writes.length > 0) workbook.write(writes);
  for (const event of events) if (event.kind === 'review') workbook.write(reviewWrite(workbook, event));
}

function dayLine(day: IsoDate, runs: readonly DailyJobSummary[], reviews: number): string | null {
  const counts = { registered: 0, accepted: 0, rejected: 0, held: 0, closed: 0, sent: 0, queued: 0 };
  for (const run of runs) {
    counts.registered += run.intake.registered.length;
    for (const entry of run.intake.registered) counts[entry.outcome] += 1;
    counts.sent += run.mail.sent;
    counts.queued += run.mail.queued;
  }
  if (counts.registered === 0 && counts.sent === 0 && counts.queued === 0 && reviews === 0) return null;
  const parts = [
    counts.registered > 0
      ? `${counts.registered} bài nộp (hợp lệ ${counts.accepted}, không hợp lệ ${counts.rejected}, chờ xác minh ${counts.held})`
      : null,
    reviews > 0 ? `${reviews} đánh giá của Phòng` : null,
    counts.sent > 0 || counts.queued > 0
      ? `thư: gửi ${counts.sent}` + (counts.queued > 0 ? `, chờ gửi ${counts.queued}` : '')
      : null,
  ].filter((part): part is string => part !== null);
  return `${formatVietnameseDate(day)}  ${parts.join(' · ')}\n`;
}

export async function playDemoCampaign(options: PlayOptions): Promise<PlaySummary> {
  if (options.from && options.to && options.from > options.to) {
    throw new UsageError(
      `--from ${formatVietnameseDate(options.from)} sau --to ${formatVietnameseDate(options.to)}.`,
    );
  }
  if (options.reset) {
    rmSync(options.workbookPath, { force: true });
    rmSync(options.outboxDirectory, { recursive: true, force: true });
  }
  if (!existsSync(options.workbookPath)) {
    mkdirSync(dirname(options.workbookPath), { recursive: true });
    await initCommand({ workbook: options.workbookPath, demo: true, demoResponses: false });
    options.print(`Đã tạo bảng tính mẫu «${options.shownPath}» (đợt thu 2023, đơn vị giả định).\n`);
  }
  return withWorkbookLock(options.workbookPath, async () => {
    const workbook = await XlsxWorkbook.open(options.workbookPath);
    const state = readCampaignState(workbook);
    const opening = state.campaign.periods.map((period) => period.opensOn).sort()[0] ?? '2023-03-14';
    const done = playedUntil(workbook);
    const requested = options.from ?? opening;
    const firstDay = done !== null && addDays(done, 1) > requested ? addDays(done, 1) : requested;
    const lastDay = options.to ?? DEMO_LAST_DAY;
    if (done !== null && options.from !== undefined && options.from <= done) {
      options.print(
        `Đã chạy đến hết ngày ${formatVietnameseDate(done)}: tiếp tục từ ${formatVietnameseDate(firstDay)} ` +
          '(--reset để chạy lại từ đầu).\n',
      );
    }
    const summary = { submissions: 0, mailSent: 0, mailQueued: 0, daysPlayed: 0 };
    let board: StatusBoard | null = null;
    if (firstDay > lastDay) {
      options.print(
        `Đợt thu mẫu đã chạy đến hết ngày ${formatVietnameseDate(done ?? lastDay)}; ` +
          'dùng --to để chạy tiếp hoặc --reset để chạy lại từ đầu.\n',
      );
    } else {
      options.print(
        `Chạy đợt thu từ ${formatVietnameseDate(firstDay)} đến ${formatVietnameseDate(lastDay)}, ` +
          `mỗi ngày lúc ${state.campaign.config.dailyMailHour} giờ và cuối ngày:\n`,
      );
    }
    let mailMoment = vietnamInstant(firstDay);
    const mailer = new OutboxMailer({ directory: options.outboxDirectory, now: () => mailMoment });
    // As `hannop run`: each message is journaled as it goes, so a demo killed before its save
    // (it saves once, at the end) does not send it again when played again.
    const journal = new FileMailJournal(journalPathFor(options.workbookPath));
    const events = demoCampaignEvents([...state.units.all].sort((a, b) => a.rowNumber - b.rowNumber));
    const days = firstDay > lastDay ? 0 : daysBetween(firstDay, lastDay) + 1;
    for (let offset = 0; offset < days; offset += 1) {
      const day = addDays(firstDay, offset);
      const runs: DailyJobSummary[] = [];
      const run = (asOf: Date) => {
        mailMoment = asOf;
        const result = runDailyJob(workbook, asOf, mailer, { now: () => asOf, journal });
        runs.push(result);
        board = result.consolidation.board;
      };
      run(vietnamInstant(day, state.campaign.config.dailyMailHour));
      const today = events.filter((event) => vietnamDateOf(event.at) === day);
      if (today.length > 0) {
        applyEvents(workbook, today);
        run(vietnamInstant(day, 23, 59));
      }
      const reviews = today.filter((event) => event.kind === 'review').length;
      const line = dayLine(day, runs, reviews);
      if (line) options.print(line);
      summary.daysPlayed += 1;
      for (const result of runs) {
        summary.submissions += result.intake.registered.length;
        summary.mailSent += result.mail.sent;
        summary.mailQueued += result.mail.queued;
      }
    }
    const played = days > 0 ? lastDay : null;
    if (played) {
      workbook.write(
        eventLogWrite([
          {
            at: vietnamInstant(played, 23, 59),
            level: 'Thông tin',
            job: PLAYER_JOB,
            message: `Đã chạy đến hết ngày ${formatVietnameseDate(played)}.`,
          },
        ]),
      );
      await workbook.save();
      // The saved `Nhật ký thư` holds every journal entry as sent now.
      journal.forget(journal.entries().map((entry) => entry.key));
    }
    const asOf = vietnamInstant(played ?? done ?? lastDay, 23, 59);
    const finalBoard: StatusBoard =
      board ?? runDailyJob(workbook, asOf, mailer, { now: () => asOf, dryRun: true }).consolidation.board;
    options.print(`\nTình trạng cuối ngày ${formatVietnameseDate(vietnamDateOf(asOf))}:\n`);
    options.print(renderStatusTable(finalBoard));
    options.print(`\nThư đã gửi (tệp .eml): ${options.shownOutbox}\n`);
    const dashboard = options.writeDashboard
      ? await options.writeDashboard(options.workbookPath, asOf)
      : null;
    if (dashboard) options.print(`Bảng điều khiển: ${dashboard}\n`);
    return {
      firstDay: days > 0 ? firstDay : null,
      lastDay: played,
      daysPlayed: summary.daysPlayed,
      submissions: summary.submissions,
      mailSent: summary.mailSent,
      mailQueued: summary.mailQueued,
    };
  });
}
