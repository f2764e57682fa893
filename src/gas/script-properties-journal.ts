// The send journal in Apps Script: Script Properties, which outlive an execution that dies (the
// 6-minute limit, a failed write) and are written in one call a send. Entries are compact lines
// (src/domain/mail-journal.ts) packed into a few properties `hannop.journal.N` of at most ~8 KB
// each, because Google keeps 9 KB a value and 500 KB in all: a run reads them in one call, a send
// rewrites only the last one, and reconciled entries are pruned at the next run.
import { decodeJournal, encodeJournalEntry, type MailJournalEntry } from '../domain/mail-journal';
import type { MailJournal } from '../ports';

export const JOURNAL_PROPERTY_PREFIX = 'hannop.journal.';
/** Under Google's 9 KB a value, counted in UTF-8 bytes. */
const CHUNK_BYTES = 8 * 1024;

type JournalProperties = Pick<
  GoogleAppsScript.Properties.Properties,
  'getProperties' | 'setProperty' | 'deleteProperty'
>;

function utf8Bytes(text: string): number {
  return encodeURIComponent(text).replace(/%[0-9A-F]{2}/gi, 'x').length;
}

export class ScriptPropertiesJournal implements MailJournal {
  /** Lines of each chunk, by chunk number; read once, then kept in step with what is written. */
  private chunks: Map<number, string[]> | null = null;

  constructor(private readonly properties: JournalProperties) {}

  private load(): Map<number, string[]> {
    if (this.chunks) return this.chunks;
    const chunks = new Map<number, string[]>();
    const all = this.properties.getProperties();
    for (const name of Object.keys(all)) {
      if (!name.startsWith(JOURNAL_PROPERTY_PREFIX)) continue;
      const number = Number(name.slice(JOURNAL_PROPERTY_PREFIX.length));
      if (!Number.isInteger(number)) continue;
      chunks.set(number, String(all[name]).split('\n').filter(Boolean));
    }
    this.chunks = chunks;
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
    this.properties.setProperty(`${JOURNAL_PROPERTY_PREFIX}${number}`, next.join('\n'));
    chunks.set(number, next);
  }

  forget(keys: readonly string[]): void {
    const gone = new Set(keys);
    const chunks = this.load();
    for (const [number, lines] of [...chunks]) {
      const kept = lines.filter((line) => {
        const key = decodeJournal(line)[0]?.key;
        return key !== undefined && !gone.has(key);
      });
      if (kept.length === lines.length) continue;
      const name = `${JOURNAL_PROPERTY_PREFIX}${number}`;
      if (kept.length === 0) {
        this.properties.deleteProperty(name);
        chunks.delete(number);
      } else {
        this.properties.setProperty(name, kept.join('\n'));
        chunks.set(number, kept);
      }
    }
  }
}
