// The send journal: a durable note of every message the mailer accepted, taken right after the send
// returns and before anything else can fail. `Nhật ký thư` is written once per run, after every
// message (one batch); a run that dies in between (a kill, the 6-minute limit, a failed write)
// would otherwise find those messages unlogged and send them again. The next run reads the
// journal: an entry whose key `Nhật ký thư` does not hold as sent is written there as sent
// (reconciled) and never sent again; an entry the sheet holds is pruned.
//
// Entries are compact lines (a JSON array), because Script Properties keep 9 KB a value and 500 KB
// in all, and a journal file is appended one line a send.
import { MAIL_KIND_LABEL, type MailKind } from './mail';
import type { MailLogEntry } from './mail-plan';

export interface MailJournalEntry {
  /** The mail key (`Khóa thư`). */
  readonly key: string;
  /** When the mailer accepted it. */
  readonly at: Date;
  readonly unitCode: string;
  readonly periodIds: readonly string[];
  readonly kind: MailKind | null;
  readonly recipients: readonly string[];
}

const KINDS = Object.keys(MAIL_KIND_LABEL) as MailKind[];

/** One entry as one line: `["key",epochMs,"unit","P1,P2","kind","a@x,b@y"]`. */
export function encodeJournalEntry(entry: MailJournalEntry): string {
  return JSON.stringify([
    entry.key,
    entry.at.getTime(),
    entry.unitCode,
    entry.periodIds.join(','),
    entry.kind ?? '',
    entry.recipients.join(','),
  ]);
}

function parts(text: string): string[] {
  return text ? text.split(',') : [];
}

/** An entry from its line; null for a line cut short by a kill while it was written (or garbage). */
export function decodeJournalEntry(line: string): MailJournalEntry | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 6) return null;
  const [key, at, unitCode, periodIds, kind, recipients] = value as unknown[];
  if (typeof key !== 'string' || key === '' || typeof at !== 'number' || !Number.isFinite(at)) return null;
  if (typeof unitCode !== 'string' || typeof periodIds !== 'string' || typeof recipients !== 'string') {
    return null;
  }
  return {
    key,
    at: new Date(at),
    unitCode,
    periodIds: parts(periodIds),
    kind: KINDS.find((known) => known === kind) ?? null,
    recipients: parts(recipients),
  };
}

/** Every entry of a journal text (one per line), the last one per key kept. */
export function decodeJournal(text: string): MailJournalEntry[] {
  const byKey = new Map<string, MailJournalEntry>();
  for (const line of text.split('\n')) {
    const entry = line.trim() ? decodeJournalEntry(line.trim()) : null;
    if (entry) byKey.set(entry.key, entry);
  }
  return [...byKey.values()];
}

export interface JournalReconciliation {
  /** Sent but not logged as sent: to be written to `Nhật ký thư` as sent, and never sent again. */
  readonly unlogged: readonly MailJournalEntry[];
  /** Already logged as sent: the journal can forget them. */
  readonly logged: readonly string[];
}

/** What the journal adds to `Nhật ký thư`, and what it can forget. */
export function reconcileJournal(
  journal: readonly MailJournalEntry[],
  log: readonly MailLogEntry[],
): JournalReconciliation {
  const loggedSent = new Set(log.filter((entry) => entry.state === 'sent').map((entry) => entry.key));
  const unlogged: MailJournalEntry[] = [];
  const logged: string[] = [];
  for (const entry of journal) {
    if (loggedSent.has(entry.key)) logged.push(entry.key);
    else unlogged.push(entry);
  }
  return { unlogged, logged };
}

/**
 * The mail log as the planner must see it: every journal entry counts as sent, whatever the sheet
 * says (a `Chờ gửi` or `Lỗi` row of a message that went out before the sheet was written).
 */
export function logWithJournal(
  log: readonly MailLogEntry[],
  unlogged: readonly MailJournalEntry[],
): MailLogEntry[] {
  const journaled = new Set(unlogged.map((entry) => entry.key));
  return [
    ...log.filter((entry) => !journaled.has(entry.key)),
    ...unlogged.map((entry) => ({
      key: entry.key,
      at: entry.at,
      unitCode: entry.unitCode,
      periodIds: entry.periodIds,
      kind: entry.kind,
      state: 'sent' as const,
    })),
  ];
}
