// The send journal in Node: a file beside the workbook (`w.xlsx.mail-journal`), or for the remote
// shell one per spreadsheet in the private cache folder. Each send appends one line and fsyncs
// the file before the next message, so a kill, a full disk at save time or a power cut loses at
// most the message in flight. A line cut short by a kill is skipped when read. Forgetting rewrites
// the file (temp + fsync + rename): the reconciled entries are in `Nhật ký thư` by then.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { decodeJournal, encodeJournalEntry, type MailJournalEntry } from '../domain/mail-journal';
import type { MailJournal } from '../ports';

export function journalPathFor(workbookPath: string): string {
  return `${workbookPath}.mail-journal`;
}

export class FileMailJournal implements MailJournal {
  constructor(readonly path: string) {}

  entries(): readonly MailJournalEntry[] {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return decodeJournal(text);
  }

  record(entry: MailJournalEntry): void {
    const handle = openSync(this.path, 'a', 0o600);
    try {
      // The leading newline ends a line a kill may have cut short, so this one stands alone.
      writeSync(handle, `\n${encodeJournalEntry(entry)}\n`);
      fsyncSync(handle);
    } finally {
      closeSync(handle);
    }
  }

  forget(keys: readonly string[]): void {
    const gone = new Set(keys);
    const kept = this.entries().filter((entry) => !gone.has(entry.key));
    if (kept.length === 0) {
      try {
        unlinkSync(this.path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      return;
    }
    const temporary = `${this.path}.partial`;
    const handle = openSync(temporary, 'w', 0o600);
    try {
      writeSync(handle, kept.map((entry) => `${encodeJournalEntry(entry)}\n`).join(''));
      fsyncSync(handle);
    } finally {
      closeSync(handle);
    }
    renameSync(temporary, this.path);
  }
}
