// `Nhật ký thư`, the mail log: the key each mail is known by (a rerun finds it and never sends
// it again) and the reading of its rows.
import { MAIL_KIND_LABEL, MAIL_RESULT_LABEL, type MailKind, type MailResult } from './mail';
import { MAIL_LOG_COLUMNS } from './layout';
import { cellInstant, cellText, type SheetRecord } from './table';
import { cleanText, labelKey } from './text';
import { type IsoDate } from './time';

/** A row of `Nhật ký thư` can also be closed: nothing calls for it any more. */
export type MailLogState = MailResult | 'superseded';
export const MAIL_LOG_STATE_LABEL: Record<MailLogState, string> = {
  ...MAIL_RESULT_LABEL,
  superseded: 'Không cần gửi',
};

export function unitNoticeKey(unitCode: string, day: IsoDate): string {
  return `unit:${unitCode}:${day}`;
}
export function receiptKey(responseId: string, version: number): string {
  return `receipt:${responseId}:v${version}`;
}
export function returnedKey(responseId: string, version: number): string {
  return `returned:${responseId}:v${version}`;
}
/** The opening notice of a period to a unit: once ever, whatever day it goes out. */
export function openingKey(unitCode: string, periodId: string): string {
  return `opening:${unitCode}:${periodId}`;
}
export function digestKey(day: IsoDate): string {
  return `digest:${day}`;
}
/** A specialist's own digest of a day (`Phụ trách`): one per address and digest day. */
export function specialistDigestKey(email: string, day: IsoDate): string {
  return `digest:${email}:${day}`;
}
/** Whom a digest key is for: '' for the whole picture, else the specialist's address. */
export function digestAudienceOf(key: string): string {
  const rest = key.slice(key.indexOf(':') + 1);
  const last = rest.lastIndexOf(':');
  return last < 0 ? '' : rest.slice(0, last);
}

/** `Mã kỳ` of a log row holds every period of the mail, joined by ", ". */
export function joinPeriodIds(periodIds: readonly string[]): string {
  return periodIds.join(', ');
}

export interface MailLogEntry {
  readonly key: string;
  /** When it was sent (Đã gửi), first queued (Chờ gửi), last tried (Lỗi) or closed. */
  readonly at: Date | null;
  readonly unitCode: string;
  readonly periodIds: readonly string[];
  readonly kind: MailKind | null;
  readonly state: MailLogState | null;
}

/** Reads `Nhật ký thư`; rows without `Khóa thư` (typed by a person, or older) are kept but not keyed. */
export function parseMailLog(records: readonly SheetRecord[]): MailLogEntry[] {
  const entries: MailLogEntry[] = [];
  for (const record of records) {
    const text = (column: string) => cleanText(cellText(record.get(column)));
    const key = text(MAIL_LOG_COLUMNS.key);
    if (!key) continue;
    entries.push({
      key,
      at: cellInstant(record.get(MAIL_LOG_COLUMNS.at)),
      unitCode: text(MAIL_LOG_COLUMNS.unitCode),
      periodIds: text(MAIL_LOG_COLUMNS.periodId)
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
      kind: labelKey(MAIL_KIND_LABEL, text(MAIL_LOG_COLUMNS.kind)) ?? null,
      state: labelKey(MAIL_LOG_STATE_LABEL, text(MAIL_LOG_COLUMNS.result)) ?? null,
    });
  }
  return entries;
}

/** What the planner needs of a `Bài nộp` row beyond its Submission (the register's entries have it). */
