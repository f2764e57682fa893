// A job that failed says so in `Nhật ký`, on its own write: the batch it was part of was not
// written. Logging must not hide the failure, so a log that cannot be written is reported to the
// caller, which rethrows the job's error either way.
import type { Workbook } from '../ports';
import { eventLogWrite } from './event-log';

export function errorMessageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Appends one `Lỗi` row; returns false (and throws nothing) when the log cannot be written. */
export function logFailure(
  workbook: Workbook,
  event: { readonly at: Date; readonly job: string; readonly message: string },
): boolean {
  try {
    workbook.write(eventLogWrite([{ ...event, level: 'Lỗi' }]));
    return true;
  } catch {
    return false;
  }
}
