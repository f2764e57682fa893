// A MailJournal in memory: what a durable journal keeps survives the "crash" of a test run
// because the test keeps the object between runs.
import type { MailJournal, MailJournalEntry } from '../../src/ports';

export class MemoryJournal implements MailJournal {
  readonly byKey = new Map<string, MailJournalEntry>();
  /** Number of `record` calls, for counting sends. */
  recorded = 0;
  /** Throws on the record call with this 1-based number (a full disk)… */
  failOnRecord: number | null = null;
  /** …and on as many calls after it as this says, minus one (a disk that stays full). */
  failingRecords = 1;

  entries(): readonly MailJournalEntry[] {
    return [...this.byKey.values()];
  }

  record(entry: MailJournalEntry): void {
    this.recorded += 1;
    if (this.failOnRecord !== null && this.recorded >= this.failOnRecord) {
      if (this.recorded - this.failOnRecord + 1 >= this.failingRecords) this.failOnRecord = null;
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
    this.byKey.set(entry.key, entry);
  }

  forget(keys: readonly string[]): void {
    for (const key of keys) this.byKey.delete(key);
  }
}
