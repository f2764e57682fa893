// A job that failed says so in `Nhật ký`, on its own write: the batch it was part of was not
// written. Logging must not hide the failure, so a log that cannot be written is reported to the
// caller, which rethrows the job's error either way.
import type { Workbook } from '../ports';
import { eventLogWrite } from './event-log';

export function errorMessageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Errors already in `Nhật ký`: a shell that catches one again does not log it twice. */
const loggedErrors = new WeakSet<object>();

/** Notes that `error` is in `Nhật ký` already (a job logged it in its own words). */
export function markLogged(error: object): void {
  loggedErrors.add(error);
}

/**
 * Appends one `Lỗi` row; returns false (and throws nothing) when the log cannot be written. Given
 * the error, logs it once however many layers catch it.
 */
export function logFailure(
  workbook: Workbook,
  event: { readonly at: Date; readonly job: string; readonly message: string },
  error?: unknown,
): boolean {
  const known = typeof error === 'object' && error !== null ? error : null;
  if (known && loggedErrors.has(known)) return true;
  try {
    workbook.write(eventLogWrite([{ ...event, level: 'Lỗi' }]));
    if (known) markLogged(known);
    return true;
  } catch {
    return false;
  }
}
