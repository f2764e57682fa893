// The send journal in Apps Script: Script Properties, which outlive an execution that dies (the
// 6-minute limit, a failed write) and are written in one call a send. Entries are compact lines
// (src/domain/mail-journal.ts) packed into a few properties `hannop.journal.N` of at most ~8 KB
// each, because Google keeps 9 KB a value and 500 KB in all: a run reads them in one call (the
// execution's one read of the store, shared with the settings read beside them), a send rewrites
// only the last one, and reconciled entries are pruned with the run's first send, in the same call
// whatever the number of chunks. A run that sends nothing leaves them to the next run that sends:
// they are in `Nhật ký thư` already, so they only cost room, and each run that adds entries prunes.
import { decodeJournal, encodeJournalEntry, type MailJournalEntry } from '../domain/mail-journal';
import type { MailJournal } from '../ports';

export const JOURNAL_PROPERTY_PREFIX = 'hannop.journal.';
/** Under Google's 9 KB a value, counted in UTF-8 bytes. */
const CHUNK_BYTES = 8 * 1024;

type JournalProperties = Pick<
  GoogleAppsScript.Properties.Properties,
  'getProperties' | 'setProperty' | 'setProperties'
>;

function utf8Bytes(text: string): number {
  return encodeURIComponent(text).replace(/%[0-9A-F]{2}/gi, 'x').length;
}

export class ScriptPropertiesJournal implements MailJournal {
  /** Lines of each chunk, by chunk number; read once, then kept in step with what is written. */
  private chunks: Map<number, string[]> | null = null;
  /** The store's other properties (trigger settings…), as read with the journal. */
  private others: Record<string, string> = {};

  /** Entries forgotten since the last write: the next record writes the store whole, without them. */
  private prunePending = false;

  /**
   * `read` gives the store's properties as read under the script lock; by default the journal
   * reads them itself (one call). GasServices passes the execution's one read of the store.
   */
  constructor(
    private readonly properties: JournalProperties,
    private readonly read: () => Record<string, string> = () => properties.getProperties(),
  ) {}

  private load(): Map<number, string[]> {
    if (this.chunks) return this.chunks;
    const chunks = new Map<number, string[]>();
    const all = this.read();
    const others: Record<string, string> = {};
    for (const name of Object.keys(all)) {
      const number = name.startsWith(JOURNAL_PROPERTY_PREFIX)
        ? Number(name.slice(JOURNAL_PROPERTY_PREFIX.length))
        : Number.NaN;
      if (Number.isInteger(number)) chunks.set(number, String(all[name]).split('\n').filter(Boolean));
      else others[name] = String(all[name]);
    }
    this.chunks = chunks;
    this.others = others;
    return chunks;
  }

  entries(): readonly MailJournalEntry[] {
    return decodeJournal([...this.load().values()].flat().join('\n'));
  }

  record(entry: MailJournalEntry): void {
    const chunks = this.load();
    const line = encodeJournalEntry(entry);
    const last = Math.max(0, ...chunks.keys());
    const lines = chunks.get(last) ?? [];
    const fits = utf8Bytes([...lines, line].join('\n')) <= CHUNK_BYTES;
    const number = fits ? last : last + 1;
    const next = fits ? [...lines, line] : [line];
    if (this.prunePending) {
      // The send's note and the prune in one call: the store written whole.
      const previous = chunks.get(number);
      chunks.set(number, next);
      try {
        this.writeWhole();
      } catch (error) {
        if (previous) chunks.set(number, previous);
        else chunks.delete(number);
        throw error;
      }
      this.prunePending = false;
      return;
    }
    this.properties.setProperty(`${JOURNAL_PROPERTY_PREFIX}${number}`, next.join('\n'));
    chunks.set(number, next);
  }

  forget(keys: readonly string[]): void {
    const gone = new Set(keys);
    const chunks = this.load();
    let changed = false;
    for (const [number, lines] of [...chunks]) {
      const kept = lines.filter((line) => {
        const key = decodeJournal(line)[0]?.key;
        return key !== undefined && !gone.has(key);
      });
      if (kept.length === lines.length) continue;
      changed = true;
      if (kept.length === 0) chunks.delete(number);
      else chunks.set(number, kept);
    }
    if (changed) this.prunePending = true;
  }

  /** Writes what `forget` dropped now, in one call, instead of with the next send. */
  pruneNow(): void {
    if (!this.prunePending) return;
    this.writeWhole();
    this.prunePending = false;
  }

  private writeWhole(): void {
    // One call for any number of chunks: the store is written whole, the other properties as
    // read with the journal. Jobs and setup, the only writers, hold the script lock meanwhile.
    const stored: Record<string, string> = { ...this.others };
    this.load().forEach((lines, number) => {
      stored[`${JOURNAL_PROPERTY_PREFIX}${number}`] = lines.join('\n');
    });
    this.properties.setProperties(stored, true);
  }
}
