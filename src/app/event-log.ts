// `Nhật ký`: what the jobs did and what went wrong, appended, never rewritten.
import { EVENT_LOG_COLUMNS, SHEET, columnsOf } from '../domain/layout';
import type { AuditLevel, AuditRow, JobRunCounts } from '../domain/audit';
import type { CellValue } from '../domain/table';
import type { SheetWrite } from '../ports';

export type EventLevel = AuditLevel;

/** A row of `Nhật ký`; the domain decides the audit rows (src/domain/audit.ts). */
export type LogEvent = AuditRow;

/** The rows of `Nhật ký`, in the order of its columns. */
export function eventLogRows(events: readonly LogEvent[]): CellValue[][] {
  return events.map((event) => [event.at, event.level, event.job, event.message]);
}

export function eventLogWrite(events: readonly LogEvent[]): SheetWrite[] {
  if (events.length === 0) return [];
  return [
    {
      kind: 'append',
      sheet: SHEET.eventLog,
      headers: columnsOf(EVENT_LOG_COLUMNS),
      rows: eventLogRows(events),
    },
  ];
}

/** The counts of a run of the intake and mail jobs, as its `Nhật ký` row gives them. */
export function jobRunCounts(
  intake: {
    readonly received: number;
    readonly registered: readonly unknown[];
    readonly failed: readonly unknown[];
  },
  mail: { readonly sent: number; readonly queued: number; readonly failed: number } | null,
): JobRunCounts {
  return {
    responsesRead: intake.received,
    versionsRecorded: intake.registered.length,
    responsesFailed: intake.failed.length,
    ...(mail ? { mail: { sent: mail.sent, queued: mail.queued, failed: mail.failed } } : {}),
  };
}
