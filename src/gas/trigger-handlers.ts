// The installable triggers: a form response arrives, the day's run, an edit of `Bài nộp`. Each
// turns Apps Script's event into the job's input and runs the job; a failure is logged in
// `Nhật ký` (by the job, or here when it came before the job: reading the event, the settings,
// the forms) and rethrown, so Google e-mails the owner that the trigger failed.
import { applyReviews, REVIEW_JOB } from '../app/apply-reviews';
import { DAILY_JOB, runDaily } from '../app/daily-run';
import { errorMessageOf, logFailure } from '../app/log-failure';
import { RECEIVE_JOB, receiveSubmission } from '../app/receive-submission';
import { throwIfMailRefused } from '../app/send-mail';
import { MailRefusedError } from '../app/mail-summary';
import type { FormKind } from '../domain/campaign';
import { isBlankResponse } from '../domain/intake';
import { SHEET, SUBMISSION_COLUMNS } from '../domain/layout';
import { REGISTER_HEADERS } from '../domain/register';
import {
  formAppResponseSource,
  incomingFromFormResponse,
  singleResponseSource,
} from './form-response-source';
import { WORK_BUDGET_MS } from '../domain/job-budget';
import { mailLeftForLater, recordProgress } from './resumable-jobs';
import { noteRecheck, ResponseCursor } from './response-cursor';
import { LOCK_WAIT_MS } from './script-lock';
import type { GasServices } from './services';

/** Runs a trigger's work; a failure not yet in `Nhật ký` is written there, then rethrown. */
function loggingFailures(
  services: GasServices,
  job: string,
  work: () => void,
  subject: () => string = () => '',
  onFailure: (error: unknown) => void = () => undefined,
): void {
  try {
    work();
  } catch (error) {
    try {
      onFailure(error);
    } catch {
      // What the failure would have noted is left to Google's failure e-mail and the log below.
    }
    try {
      const message = `${subject()}${errorMessageOf(error)}`;
      logFailure(services.workbook, { at: services.now(), job, message }, error);
    } catch {
      // The spreadsheet cannot even be opened: Google's failure e-mail is all that is left.
    }
    throw error;
  }
}

/**
 * Sending stops this long after the daily run starts, leaving time to write within the 6 minutes;
 * the rest goes out from the continuation trigger (resumable-jobs.ts), as of the same moment.
 */
export const DAILY_SEND_BUDGET_MS = WORK_BUDGET_MS;

export function handleFormSubmit(
  services: GasServices,
  kind: FormKind,
  event: Pick<GoogleAppsScript.Events.FormsOnFormSubmit, 'response'> | undefined,
): void {
  // Forms sometimes fires an event without a response, or with no answer at all: nothing to do.
  if (!event?.response) return;
  const response = event.response;
  loggingFailures(
    services,
    RECEIVE_JOB,
    () => receiveFormResponse(services, kind, response),
    // The response's id, asked of FormApp only when something failed (the lock's timeout, say).
    () => `Phản hồi ${response.getId()}: `,
    // Unless it was registered and only its receipt refused, the next daily run reads it (response-cursor.ts).
    (error) => {
      if (!(error instanceof MailRefusedError)) noteRecheck(services.scriptProperties, kind, services.now());
    },
  );
}

function receiveFormResponse(
  services: GasServices,
  kind: FormKind,
  response: GoogleAppsScript.Forms.FormResponse,
): void {
  // The lock first: the script properties are then read once, under it, for the send journal,
  // the spreadsheet's id and the form's map of entries together (issue 15: every call counted).
  // The lock's section is the rest of the execution (main.ts returns right after; a failure adds
  // its line to `Nhật ký`, a write that belongs under the lock anyway): Google releases it when the
  // execution ends, so it costs no releaseLock call.
  const lock = services.lock(LOCK_WAIT_MS.submission, 'atExecutionEnd');
  const summary = lock.withLock(() => {
    const incoming = incomingFromFormResponse(kind, response, services.answerEntries(kind));
    if (isBlankResponse(incoming)) return null;
    const now = services.now();
    // A response is never left out for being stamped a moment after this execution's clock.
    const asOf = new Date(Math.max(now.getTime(), incoming.timestamp.getTime()));
    return receiveSubmission(
      {
        workbook: services.submissionWorkbook,
        lock,
        mailer: services.mailer,
        journal: services.mailJournal,
        now: () => services.now(),
      },
      singleResponseSource(incoming),
      incoming.responseId,
      // The links setup stored are read only for a unit `Biểu mẫu` has none for.
      { asOf, prefilledLink: (unit, period) => services.prefilledLink(unit, period) },
    );
  });
  // The response is registered; its receipt waits while the example contact stands.
  if (summary) throwIfMailRefused(summary.mail);
}

export function handleDailyRun(services: GasServices): void {
  loggingFailures(services, DAILY_JOB, () => runDailyTrigger(services));
}

function runDailyTrigger(services: GasServices): void {
  const startedAt = services.now();
  const { forms, problems } = services.openForms();
  const cursor = new ResponseCursor(() => services.scriptPropertyValues);
  const summary = runDaily(
    {
      workbook: services.workbook,
      lock: services.lock(LOCK_WAIT_MS.daily),
      mailer: services.mailer,
      journal: services.mailJournal,
      clock: services.clock,
    },
    formAppResponseSource(forms, {
      onlyChanged: true,
      problems,
      cursor,
      answerEntries: (kind) => services.answerEntries(kind),
      failedJob: RECEIVE_JOB,
    }),
    {
      asOf: startedAt,
      sendUntil: new Date(startedAt.getTime() + DAILY_SEND_BUDGET_MS),
      prefilledLink: services.prefilledLink,
    },
  );
  // Mail left for lack of time goes out from a continuation today; left for the quota, tomorrow.
  const more = mailLeftForLater(summary.mail);
  recordProgress(services, {
    job: 'dailyMail',
    checkpoint: more ? { job: 'dailyMail', asOf: startedAt, after: null, executions: 1 } : null,
  });
  // The run's batch is written: the next run reads only what came after.
  cursor.store(
    services.scriptProperties,
    startedAt,
    summary.intake.failed.map((failure) => failure.responseId),
  );
  services.note(
    `Chạy hằng ngày: ${summary.intake.registered.length} phản hồi mới, ` +
      `${summary.mail.sent} thư đã gửi, ${summary.mail.queued} thư chờ gửi` +
      `${more ? ' (phần còn lại được gửi tiếp sau ít phút)' : ''}.`,
  );
  // Responses were taken in and the sheets rebuilt; the refusal is in `Nhật ký`, and the trigger
  // fails so that Google e-mails the owner, as for any failing trigger.
  throwIfMailRefused(summary.mail);
}

/** 1-based positions of the review columns: every job writes `Bài nộp` with its columns in this order. */
const REVIEW_COLUMNS = [SUBMISSION_COLUMNS.review, SUBMISSION_COLUMNS.reviewNote].map(
  (column) => REGISTER_HEADERS.indexOf(column) + 1,
);

/**
 * Whether an edit touches the review cells of `Bài nộp`, without reading a cell: the positions
 * are the ones every job writes. Columns a person moved since the last write are caught by the
 * daily run instead.
 */
export function touchesReviewColumns(range: GoogleAppsScript.Spreadsheet.Range): boolean {
  if (range.getSheet().getName() !== SHEET.submissions) return false;
  const firstColumn = range.getColumn();
  const lastColumn = firstColumn + range.getNumColumns() - 1;
  if (!REVIEW_COLUMNS.some((column) => column >= firstColumn && column <= lastColumn)) return false;
  return range.getRow() + range.getNumRows() - 1 >= 2;
}

export function handleReviewEdit(
  services: GasServices,
  event:
    | (Pick<GoogleAppsScript.Events.SheetsOnEdit, 'range'> & { readonly user?: { getEmail(): string } })
    | undefined,
): void {
  if (!event?.range) return;
  const range = event.range;
  // The edit event's `user` is "the active user, if available (depending on a complex set of
  // security restrictions)" (developers.google.com/apps-script/guides/triggers/events): an
  // installable trigger runs as its owner, so another editor's address may be withheld ('').
  const editor = event.user?.getEmail?.() ?? '';
  loggingFailures(services, REVIEW_JOB, () => {
    if (touchesReviewColumns(range)) applyReviewEdit(services, editor);
  });
}

function applyReviewEdit(services: GasServices, editor: string): void {
  const summary = applyReviews(
    {
      workbook: services.workbook,
      lock: services.lock(LOCK_WAIT_MS.submission),
      mailer: services.mailer,
      journal: services.mailJournal,
    },
    { asOf: services.now(), prefilledLink: services.prefilledLink, editor },
  );
  throwIfMailRefused(summary.mail);
}
