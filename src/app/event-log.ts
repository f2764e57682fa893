// `Nhật ký`: what the jobs did and what went wrong, appended, never rewritten.
import { EVENT_LOG_COLUMNS, SHEET, columnsOf } from '../domain/layout';
import type { SheetWrite } from '../ports';

export type EventLevel = 'Thông tin' | 'Cảnh báo' | 'Lỗi';

export interface LogEvent {
  readonly at: Date;
  readonly level: EventLevel;
  /** The job, in Vietnamese: `Nhận bài nộp`, `Gửi thư`, … */
  readonly job: string;
  readonly message: string;
}

export function eventLogWrite(events: readonly LogEvent[]): SheetWrite[] {
  if (events.length === 0) return [];
  return [
    {
      kind: 'append',
      sheet: SHEET.eventLog,
      headers: columnsOf(EVENT_LOG_COLUMNS),
      rows: events.map((event) => [event.at, event.level, event.job, event.message]),
    },
  ];
}
