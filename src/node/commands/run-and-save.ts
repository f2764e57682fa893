// The daily job and its save, as both Node shells run them (`hannop run` on an .xlsx file and
// `hannop run --spreadsheet`): a job that fails still says so in `Nhật ký`, saved on its own, as
// the Apps Script trigger does (src/app/daily-run.ts). What the jobs wrote before the failure is
// whole (each job writes its own batch), and every message sent is in the send journal, which is
// forgotten only once a saved `Nhật ký thư` holds it.
import { DAILY_JOB } from '../../app/daily-run';
import { errorMessageOf, logFailure } from '../../app/log-failure';
import { InputError } from '../../domain/problems';
import type { MailJournal, Mailer, Workbook } from '../../ports';
import { runDailyJob, type DailyJobOptions, type DailyJobSummary } from './run';

/** A workbook the shell loads whole and writes back with `save`. */
export interface SavedWorkbook extends Workbook {
  save(): Promise<void>;
}

/** Says in `Nhật ký` that `job` failed, and saves that line (with what the job wrote) if it can. */
export async function recordFailure(
  workbook: SavedWorkbook,
  now: () => Date,
  error: unknown,
  job = DAILY_JOB,
): Promise<void> {
  // A clock that fails too must not hide the job's error: the line then carries the system's time.
  let at: Date;
  try {
    at = now();
  } catch {
    at = new Date();
  }
  if (logFailure(workbook, { at, job, message: errorMessageOf(error) })) {
    // The run's own error is the one to report: a save that fails too adds nothing to it.
    await workbook.save().catch(() => undefined);
  }
}

export async function runDailyJobAndSave(
  workbook: SavedWorkbook,
  asOf: Date,
  mailer: Mailer,
  options: DailyJobOptions & { readonly journal: MailJournal },
): Promise<DailyJobSummary> {
  let summary: DailyJobSummary;
  try {
    summary = runDailyJob(workbook, asOf, mailer, options);
  } catch (error) {
    // A workbook the person must fix (a sheet or column missing, a wrong setting) is refused as it
    // was, byte for byte, with the sentence on the command line; a job that broke says so in `Nhật ký`.
    if (!options.dryRun && !(error instanceof InputError)) await recordFailure(workbook, options.now, error);
    throw error;
  }
  // A dry run leaves the workbook as it was: intake and consolidation happened in memory only.
  if (options.dryRun) return summary;
  try {
    await workbook.save();
  } catch (error) {
    // A passing failure (a full disk freed, a Sheets 503) may let the second save through.
    await recordFailure(workbook, options.now, error);
    throw error;
  }
  try {
    // The saved `Nhật ký thư` holds every journal entry as sent now.
    options.journal.forget(options.journal.entries().map((entry) => entry.key));
  } catch (error) {
    // Nothing is lost: the run's work is saved, and the next run forgets what this one could not.
    await recordFailure(workbook, options.now, error);
  }
  return summary;
}
