// The ports: the only ways the jobs in src/app reach the world. Every shell (Apps Script, Node on an
// .xlsx file, the Sheets API) implements them, and one contract suite runs against each
// implementation. They are synchronous on purpose: Apps Script services are synchronous, and an
// Apps Script trigger must throw (not reject a promise) for Google to tell the owner it failed.
// Node shells load what they need before a job and save after it.

import type { MailClaim } from './domain/mail-claim';
import type { MailJournalEntry } from './domain/mail-journal';
import type { CellValue, Table } from './domain/table';

export type { CellValue, MailClaim, MailJournalEntry, Table };

/** Colours of a column by the value of its cells (conditional formatting, so they follow edits). */
export interface ValueColorRule {
  readonly column: string;
  readonly equals: string;
  readonly background: string;
  readonly font?: string;
}

export interface SheetFormat {
  readonly frozenRows?: number;
  readonly frozenColumns?: number;
  readonly valueColors?: readonly ValueColorRule[];
  readonly filter?: boolean;
  /** A projection that people should not type into: protected, warning only. */
  readonly protectedWarningOnly?: boolean;
  /** Columns whose cells are dates (shown as dd/MM/yyyy) or instants (dd/MM/yyyy HH:mm:ss). */
  readonly dateColumns?: readonly string[];
  readonly dateTimeColumns?: readonly string[];
  /** Bold rows (0-based, below the header), e.g. totals. */
  readonly boldRows?: readonly number[];
}

/**
 * One write of a batch. `replace` makes the sheet exactly `headers` + `rows` (creating it if
 * missing); `append` adds rows under the existing ones (creating the sheet with `headers` if
 * missing). Strings are always stored as plain text: never a formula, a number or a date.
 */
export type SheetWrite =
  | {
      readonly kind: 'replace';
      readonly sheet: string;
      readonly headers: readonly string[];
      readonly rows: readonly (readonly CellValue[])[];
      readonly format?: SheetFormat;
    }
  | {
      readonly kind: 'append';
      readonly sheet: string;
      readonly headers: readonly string[];
      readonly rows: readonly (readonly CellValue[])[];
    };

export interface Workbook {
  /** Reads the named sheets in one batch; a sheet that does not exist is absent from the map. */
  read(sheetNames: readonly string[]): ReadonlyMap<string, Table>;
  /** Applies every write in one batch. */
  write(writes: readonly SheetWrite[]): void;
}

export interface Clock {
  now(): Date;
}

export interface Lock {
  /** Runs `work` holding the script-wide lock; throws LockTimeoutError if it cannot be had. */
  withLock<T>(work: () => T): T;
}

/** One e-mail, ready to send. Header values never contain line breaks. */
export interface OutgoingMail {
  /**
   * The mail key (`Khóa thư`): the same message always has the same key, so a mailer that can
   * (an outbox file name, an SMTP Message-ID) makes a resend of it the same message.
   */
  readonly key?: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly htmlBody: string;
  readonly textBody: string;
  /** Shown as the sender's name (the agency). */
  readonly senderName: string;
  readonly replyTo?: string;
}

export interface Mailer {
  /** How many more recipients may be sent to today (MailApp's quota; locally `--max-mail`). */
  remainingDailyQuota(): number;
  /** Sends one message or throws; a throw past the quota is expected and handled by the job. */
  send(mail: OutgoingMail): void;
  /**
   * False once the mail server could not be reached (SMTP): the rest of the batch then waits for
   * the next run. Absent where there is no server to miss (MailApp, an outbox folder).
   */
  reachable?(): boolean;
  /**
   * True where a message reaches a real mailbox (MailApp, SMTP): sending is then refused while
   * `Cấu hình` holds the example contact. Absent: an outbox folder, a preview.
   */
  readonly deliversRealMail?: boolean;
}

/**
 * The durable record of each send (src/domain/mail-journal.ts): Script Properties in Apps Script,
 * an fsynced file in Node. `record` returns only once the entry would survive the process dying.
 */
export interface MailJournal {
  /** Every entry recorded and not yet forgotten. */
  entries(): readonly MailJournalEntry[];
  record(entry: MailJournalEntry): void;
  /** Forgets entries that `Nhật ký thư` now holds as sent. */
  forget(keys: readonly string[]): void;
}

/**
 * Claims on the send journal (src/domain/mail-claim.ts), so that a run can send outside the script
 * lock: the Apps Script journal has them. A shell that sends only under its lock (Node) has none.
 */
export interface MailClaims {
  /** Every claim not yet released, this execution's included. */
  claims(): readonly MailClaim[];
  /**
   * Notes, in one durable write, that this execution will send these messages (as they would be
   * journaled), and returns the claim's id. From then on `record` of one of them notes the send
   * under the claim, which only this execution writes, so it needs no lock.
   */
  claim(claimedAt: Date, entries: readonly MailJournalEntry[]): string;
  /** Forgets claims and the sends noted under them, once `Nhật ký thư` holds those sends. */
  release(ids: readonly string[]): void;
}

export type ClaimingMailJournal = MailJournal & MailClaims;
