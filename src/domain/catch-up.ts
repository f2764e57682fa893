// When the daily catch-up may skip reading Forms' responses one by one (issue 15: nothing may cost
// a call per response). The form-submit trigger registers each response as it arrives; the daily
// run is the net for a trigger that failed. Asking Forms for the responses since the last run is
// one call whatever their number, but telling which of them `Bài nộp` already holds took two calls
// each (id and time): 4,000 the morning after 2,000 schools sent their plan. Forms lists each
// response once, at its latest time (an edit restamps it), and the register keeps each response's
// latest registered time: when the register holds as many versions of the form stamped since
// then as Forms lists, every listed response is registered at its latest version, and none is read.
// Any difference — a trigger that failed or has not run yet, a response deleted in Forms, a
// response never registered — and the run reads them one by one as before.
import type { FormKind, Period } from './campaign';
import { EVENT_LOG_COLUMNS, SHEET } from './layout';
import type { RegisterEntry } from './register';
import { cellInstant, cellText, readRecords, type Table } from './table';

/**
 * The versions of `form` the register holds stamped after `since`. Strictly after: Forms gives
 * the responses "after a given date and time" (Form.getResponses(timestamp), Apps Script's
 * reference) without saying whether one stamped at that very moment is in. Counted here and not
 * listed there, it would balance a response whose trigger failed; listed and not counted, it
 * only makes the run read one by one.
 */
export function registeredVersionsSince(
  entries: readonly Pick<RegisterEntry, 'periodId' | 'lastVersionAt'>[],
  periods: readonly Pick<Period, 'id' | 'form'>[],
  form: FormKind,
  since: Date,
): number {
  const periodsOfForm = new Set(periods.filter((period) => period.form === form).map((period) => period.id));
  return entries.filter(
    (entry) => periodsOfForm.has(entry.periodId) && entry.lastVersionAt.getTime() > since.getTime(),
  ).length;
}

/**
 * Whether every response Forms listed since `since` (`listedCount` of them) is registered at its
 * latest version, told by count alone. Only a count that matches skips the reading.
 */
export function allListedRegistered(
  listedCount: number,
  entries: readonly Pick<RegisterEntry, 'periodId' | 'lastVersionAt'>[],
  periods: readonly Pick<Period, 'id' | 'form'>[],
  form: FormKind,
  since: Date,
): boolean {
  return listedCount === registeredVersionsSince(entries, periods, form, since);
}

const EVENT_LOG_READ = {
  required: [EVENT_LOG_COLUMNS.at, EVENT_LOG_COLUMNS.level, EVENT_LOG_COLUMNS.job],
  optional: [EVENT_LOG_COLUMNS.message],
};

/**
 * Whether `Nhật ký` holds a failure of `job` (the form-submit trigger's) logged after `since`. A
 * failed trigger notes itself in the script properties, but the failure may be the Properties
 * service's own (the trigger reads its settings there first), and then the note fails with it
 * while the line in `Nhật ký` is written: the run reads the forms one by one all the same. The
 * sheet is in the daily run's one batch read already; a `Nhật ký` that does not read says nothing.
 */
export function failureLoggedSince(eventLog: Table | undefined, job: string, since: Date): boolean {
  if (!eventLog) return false;
  try {
    return readRecords(eventLog, SHEET.eventLog, EVENT_LOG_READ).some((record) => {
      if (cellText(record.get(EVENT_LOG_COLUMNS.level)) !== 'Lỗi') return false;
      if (cellText(record.get(EVENT_LOG_COLUMNS.job)) !== job) return false;
      const at = cellInstant(record.get(EVENT_LOG_COLUMNS.at));
      return at !== null && at.getTime() > since.getTime();
    });
  } catch {
    return false;
  }
}
