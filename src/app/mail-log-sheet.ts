// `Nhật ký thư` as read, updated by key and written back whole (the mail job's one write), and
// the sends a journal holds that it does not log yet: the mail job writes them as sent before it
// plans, and the new year does before it archives the old year's log.
import { MAIL_LOG_COLUMNS, SHEET, columnsOf } from '../domain/layout';
import { MAIL_KIND_LABEL, MAIL_RESULT_LABEL, type MailKind } from '../domain/mail';
import { reconcileJournal, type MailJournalEntry } from '../domain/mail-journal';
import {
  MAIL_LOG_STATE_LABEL,
  joinPeriodIds,
  parseMailLog,
  type ClosedMail,
  type MailLogEntry,
} from '../domain/mail-plan';
import { readRecords, type CellValue, type Table } from '../domain/table';
import { titleKey } from '../domain/text';
import type { SheetWrite } from '../ports';

/**
 * A log without its keys or results would let every message go again: a missing or renamed column
 * stops the run before any mail (an empty, header-less sheet is a new log).
 */
function mailLogColumns(table: Table): { required: readonly string[] } {
  const hasHeaders = table.headers.some((header) => String(header ?? '').trim() !== '');
  return { required: hasHeaders ? columnsOf(MAIL_LOG_COLUMNS) : [] };
}

interface LogRowValues {
  readonly at: Date;
  readonly unitCode: string;
  readonly periodIds: readonly string[];
  readonly kind: MailKind | null;
  readonly recipients: readonly string[];
  readonly subject: string | null;
  readonly result: string;
}

/** `Nhật ký thư` as read, updated by key, and written back whole; columns a person added stay. */
export class MailLogSheet {
  readonly headers: string[];
  private readonly rows: CellValue[][];
  private readonly columnIndex = new Map<string, number>();
  private readonly rowByKey = new Map<string, number>();
  changed = false;

  constructor(table: Table | undefined) {
    this.headers = table ? table.headers.map((header) => String(header ?? '')) : [];
    for (const column of columnsOf(MAIL_LOG_COLUMNS)) {
      if (!this.headers.some((header) => titleKey(header) === titleKey(column))) this.headers.push(column);
    }
    this.headers.forEach((header, index) => {
      const key = titleKey(header);
      if (key && !this.columnIndex.has(key)) this.columnIndex.set(key, index);
    });
    this.rows = (table?.rows ?? []).map((row) => this.headers.map((_, index) => row[index] ?? null));
    const keyColumn = this.index(MAIL_LOG_COLUMNS.key);
    this.rows.forEach((row, rowIndex) => {
      const key = String(row[keyColumn] ?? '').trim();
      if (key) this.rowByKey.set(key, rowIndex);
    });
  }

  private index(column: string): number {
    return this.columnIndex.get(titleKey(column)) as number;
  }

  /** Updates the row of `key`, or adds one; a queued row keeps the moment it was first queued. */
  upsert(key: string, values: LogRowValues, keepAt: boolean): void {
    let rowIndex = this.rowByKey.get(key);
    if (rowIndex === undefined) {
      rowIndex = this.rows.length;
      this.rows.push(this.headers.map(() => null));
      this.rowByKey.set(key, rowIndex);
      keepAt = false;
    }
    const row = this.rows[rowIndex] as CellValue[];
    const set = (column: string, value: CellValue) => {
      row[this.index(column)] = value;
    };
    if (!keepAt) set(MAIL_LOG_COLUMNS.at, values.at);
    set(MAIL_LOG_COLUMNS.unitCode, values.unitCode);
    set(MAIL_LOG_COLUMNS.periodId, joinPeriodIds(values.periodIds));
    if (values.kind) set(MAIL_LOG_COLUMNS.kind, MAIL_KIND_LABEL[values.kind]);
    if (values.recipients.length > 0) set(MAIL_LOG_COLUMNS.recipients, values.recipients.join(', '));
    if (values.subject !== null) set(MAIL_LOG_COLUMNS.subject, values.subject);
    set(MAIL_LOG_COLUMNS.result, values.result);
    set(MAIL_LOG_COLUMNS.key, key);
    this.changed = true;
  }

  /** Journal entries of messages that went out, as sent (their subject is not kept). */
  logSent(entries: readonly MailJournalEntry[]): void {
    for (const entry of entries) {
      this.upsert(entry.key, { ...entry, subject: null, result: MAIL_RESULT_LABEL.sent }, false);
    }
  }

  /** The sheet as it would read after `write()`. */
  table(): Table {
    return { name: SHEET.mailLog, headers: this.headers, rows: this.rows };
  }

  write(): SheetWrite {
    return {
      kind: 'replace',
      sheet: SHEET.mailLog,
      headers: this.headers,
      rows: this.rows,
      format: {
        frozenRows: 1,
        filter: true,
        dateTimeColumns: [MAIL_LOG_COLUMNS.at],
        valueColors: [
          { column: MAIL_LOG_COLUMNS.result, equals: MAIL_RESULT_LABEL.sent, background: '#d9ead3' },
          { column: MAIL_LOG_COLUMNS.result, equals: MAIL_RESULT_LABEL.queued, background: '#fff2cc' },
          { column: MAIL_LOG_COLUMNS.result, equals: MAIL_RESULT_LABEL.failed, background: '#f4cccc' },
        ],
      },
    };
  }
}

/** The log's entries; a log without its key or result column is refused (mailLogColumns). */
export function readMailLog(table: Table | undefined): MailLogEntry[] {
  return table ? parseMailLog(readRecords(table, SHEET.mailLog, mailLogColumns(table))) : [];
}

/**
 * `Nhật ký thư` with the journal's sends it does not yet log as sent written in as sent: the
 * sheet and its write, or null when it logs them all already.
 */
export function journaledMailLog(
  table: Table | undefined,
  journal: readonly MailJournalEntry[],
): { readonly table: Table; readonly write: SheetWrite; readonly added: number } | null {
  if (journal.length === 0) return null;
  const { unlogged } = reconcileJournal(journal, readMailLog(table));
  if (unlogged.length === 0) return null;
  const sheet = new MailLogSheet(table);
  sheet.logSent(unlogged);
  return { table: sheet.table(), write: sheet.write(), added: unlogged.length };
}

/** A waiting row the plan no longer needs, closed as `Không cần gửi`. */
export function closeRow(logSheet: MailLogSheet, closed: ClosedMail, asOf: Date): void {
  logSheet.upsert(
    closed.key,
    {
      at: asOf,
      unitCode: closed.unitCode,
      periodIds: closed.periodIds,
      kind: closed.kind,
      recipients: [],
      subject: null,
      result: MAIL_LOG_STATE_LABEL.superseded,
    },
    false,
  );
}
