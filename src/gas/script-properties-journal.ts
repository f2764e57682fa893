// The send journal in Apps Script: Script Properties, which outlive an execution that dies (the
// 6-minute limit, a failed write) and are written in one call a send. Entries are compact lines
// (src/domain/mail-journal.ts) packed into properties of at most ~8 KB each, because Google keeps
// 9 KB a value and 500 KB in all. A run reads them in one call (the execution's one read of the
// store, shared with the settings read beside them, read again each time the lock is taken).
//
// Two kinds of notes, so that no execution ever overwrites what another writes:
// - `hannop.journal.N`: sends made under the script lock (a receipt, a return). A send rewrites
//   the last chunk; reconciled entries are pruned with the next send, in the same call. A chunk
//   emptied so is kept, holding EMPTY_CHUNK: deleting it in that call would take `deleteAllOthers`,
//   which would also delete what an execution sending outside the lock wrote meanwhile.
// - a claim (src/domain/mail-claim.ts) of an execution that sends outside the lock, in a reusable
//   slot (claim-slots.ts): its messages as journal lines, written under the lock in one call, and
//   the positions of those already sent, rewritten by that execution alone after each send.
//   Released (emptied, in one call for every claim released) once `Nhật ký thư` holds the sends.
//   Claims an earlier version wrote (`hannop.claim.<id>.<n>`, `hannop.sent.<id>`) are still read,
//   honoured and released, a call a property: they are left only by an update made while one lived.
import { claimIdOf, claimedAtOfId, type MailClaim } from '../domain/mail-claim';
import {
  decodeJournal,
  decodeJournalEntry,
  encodeJournalEntry,
  type MailJournalEntry,
} from '../domain/mail-journal';
import type { ClaimingMailJournal } from '../ports';
import {
  claimHeader,
  claimSlotValues,
  EMPTY_VALUE,
  freeSlot,
  readSlots,
  releaseSlotValues,
  slotSentName,
  slotSentValue,
  type Slot,
  type SlotClaim,
} from './claim-slots';

export const JOURNAL_PROPERTY_PREFIX = 'hannop.journal.';
/** The names of claims before slots (claim-slots.ts): read and released, never written. */
export const CLAIM_PROPERTY_PREFIX = 'hannop.claim.';
export const SENT_PROPERTY_PREFIX = 'hannop.sent.';
/** What an emptied chunk holds: a line that is no entry (Google stores no empty value we rely on). */
const EMPTY_CHUNK = EMPTY_VALUE;
/** Under Google's 9 KB a value, counted in UTF-8 bytes. */
const CHUNK_BYTES = 8 * 1024;

type JournalProperties = Pick<
  GoogleAppsScript.Properties.Properties,
  'getProperties' | 'setProperty' | 'setProperties' | 'deleteProperty'
>;

function utf8Bytes(text: string): number {
  return encodeURIComponent(text).replace(/%[0-9A-F]{2}/gi, 'x').length;
}

/** Lines packed into values of at most `bytes` each, in order. */
function packLines(lines: readonly string[], bytes = CHUNK_BYTES): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (current.length > 0 && utf8Bytes([...current, line].join('\n')) > bytes) {
      chunks.push(current);
      current = [];
    }
    current.push(line);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** A claim under the earlier names: its lines by chunk number and the positions sent. */
interface NamedClaim {
  readonly chunks: Map<number, string[]>;
  sent: number[];
  hasSentProperty: boolean;
}

function namedClaimLines(claim: NamedClaim): string[] {
  // Positions count from the first chunk: a chunk missing (a release cut short) ends the list.
  const lines: string[] = [];
  for (let number = 0; claim.chunks.has(number); number += 1) lines.push(...(claim.chunks.get(number) ?? []));
  return lines;
}

export class ScriptPropertiesJournal implements ClaimingMailJournal {
  /** Lines of each chunk, by chunk number; read once a lock, then kept in step with what is written. */
  private chunks: Map<number, string[]> | null = null;
  /** Claims under the earlier names, by id. */
  private named = new Map<string, NamedClaim>();
  /** The claim slots, by number. */
  private slots = new Map<number, Slot>();
  /** Entries forgotten since the last write: the next record writes the chunks without them. */
  private prunePending = false;
  /** This execution's claim: its slot, its messages by key, and the positions sent so far. */
  private own: { id: string; slot: number; indexByKey: Map<string, number>; sent: number[] } | null = null;

  /**
   * `read` gives the store's properties as read under the script lock; by default the journal
   * reads them itself (one call). GasServices passes the execution's one read of the store.
   */
  constructor(
    private readonly properties: JournalProperties,
    private readonly read: () => Record<string, string> = () => properties.getProperties(),
    /** A suffix that makes a claim's id unique among executions claiming at the same millisecond. */
    private readonly uniqueSuffix: () => string = () => Math.random().toString(36).slice(2, 10) || '0',
  ) {}

  /** What was read may be stale once the lock is taken again: the next use reads the store again. */
  invalidate(): void {
    this.chunks = null;
    this.named = new Map();
    this.slots = new Map();
    this.prunePending = false;
  }

  private load(): Map<number, string[]> {
    if (this.chunks) return this.chunks;
    const chunks = new Map<number, string[]>();
    const named = new Map<string, NamedClaim>();
    const claimOf = (id: string) => {
      let claim = named.get(id);
      if (!claim) {
        claim = { chunks: new Map(), sent: [], hasSentProperty: false };
        named.set(id, claim);
      }
      return claim;
    };
    const all = this.read();
    for (const name of Object.keys(all)) {
      const value = String(all[name]);
      const lines = () => value.split('\n').filter((line) => line !== '' && line !== EMPTY_CHUNK);
      if (name.startsWith(JOURNAL_PROPERTY_PREFIX)) {
        const number = Number(name.slice(JOURNAL_PROPERTY_PREFIX.length));
        if (Number.isInteger(number)) chunks.set(number, lines());
      } else if (name.startsWith(CLAIM_PROPERTY_PREFIX)) {
        const rest = name.slice(CLAIM_PROPERTY_PREFIX.length);
        const dot = rest.lastIndexOf('.');
        const number = Number(rest.slice(dot + 1));
        if (dot > 0 && Number.isInteger(number)) claimOf(rest.slice(0, dot)).chunks.set(number, lines());
      } else if (name.startsWith(SENT_PROPERTY_PREFIX)) {
        const claim = claimOf(name.slice(SENT_PROPERTY_PREFIX.length));
        claim.hasSentProperty = true;
        claim.sent = value.split(',').map(Number).filter(Number.isInteger);
      }
    }
    this.chunks = chunks;
    this.named = named;
    this.slots = readSlots(all);
    return chunks;
  }

  /** Every claim the store holds, in either form: its id, its journal lines and the positions sent. */
  private storedClaims(): SlotClaim[] {
    this.load();
    const claims: SlotClaim[] = [...this.named].map(([id, claim]) => ({
      id,
      lines: namedClaimLines(claim),
      sent: claim.sent,
    }));
    this.slots.forEach((slot) => {
      if (slot.claim) claims.push(slot.claim);
    });
    return claims;
  }

  entries(): readonly MailJournalEntry[] {
    const byKey = new Map<string, MailJournalEntry>();
    for (const entry of decodeJournal([...this.load().values()].flat().join('\n')))
      byKey.set(entry.key, entry);
    for (const claim of this.storedClaims()) {
      const entries = claim.lines.map((line) => decodeJournalEntry(line));
      const sent = new Set(this.own?.id === claim.id ? [...claim.sent, ...this.own.sent] : claim.sent);
      sent.forEach((index) => {
        const entry = entries[index];
        if (entry) byKey.set(entry.key, entry);
      });
    }
    return [...byKey.values()];
  }

  claims(): readonly MailClaim[] {
    return this.storedClaims().map((claim) => ({
      id: claim.id,
      // An id no claim made is taken as long stale, so that a release removes it.
      claimedAt: claimedAtOfId(claim.id) ?? new Date(0),
      keys: claim.lines.flatMap((line) => {
        const entry = decodeJournalEntry(line);
        return entry ? [entry.key] : [];
      }),
    }));
  }

  claim(claimedAt: Date, entries: readonly MailJournalEntry[]): string {
    this.load();
    const id = claimIdOf(claimedAt, this.uniqueSuffix());
    const slot = freeSlot(this.slots);
    const held = this.slots.get(slot)?.held ?? new Set<string>();
    const lines = entries.map((entry) => encodeJournalEntry(entry));
    // Every chunk begins with the claim's id, on a line of its own.
    const packed = packLines(lines, CHUNK_BYTES - utf8Bytes(`${claimHeader(id)}\n`));
    const values = claimSlotValues(slot, held, id, packed);
    // The whole claim in one call: it holds all its keys, or none.
    this.properties.setProperties(values, false);
    this.slots.set(slot, {
      held: new Set(Object.keys(values).filter((name) => values[name] !== EMPTY_VALUE)),
      claim: { id, lines, sent: [] },
    });
    this.own = { id, slot, indexByKey: new Map(entries.map((entry, index) => [entry.key, index])), sent: [] };
    return id;
  }

  release(ids: readonly string[]): void {
    this.load();
    const released = new Set(ids);
    // Every slot released in one call, whatever the claims' size: EMPTY over each of its values.
    const values: Record<string, string> = {};
    const freed: number[] = [];
    this.slots.forEach((slot, number) => {
      if (!slot.claim || !released.has(slot.claim.id)) return;
      Object.assign(values, releaseSlotValues(number, slot.held));
      freed.push(number);
    });
    if (freed.length > 0) this.properties.setProperties(values, false);
    for (const number of freed) this.slots.set(number, { held: new Set(), claim: null });
    for (const id of ids) {
      const claim = this.named.get(id);
      if (claim) this.releaseNamed(id, claim);
      if (this.own?.id === id) this.own = null;
    }
  }

  /** A claim under the earlier names: at most one, left by an update made while it lived. */
  private releaseNamed(id: string, claim: NamedClaim): void {
    // The chunks from the last, then the sends: a release cut short leaves a prefix of the claim,
    // whose positions still match, and the next release finishes it.
    const numbers = [...claim.chunks.keys()].sort((a, b) => b - a);
    for (const number of numbers) {
      this.properties.deleteProperty(`${CLAIM_PROPERTY_PREFIX}${id}.${number}`);
      claim.chunks.delete(number);
    }
    if (claim.hasSentProperty) this.properties.deleteProperty(`${SENT_PROPERTY_PREFIX}${id}`);
    this.named.delete(id);
  }

  record(entry: MailJournalEntry): void {
    const index = this.own?.indexByKey.get(entry.key);
    if (this.own && index !== undefined) {
      // A claimed message: its position in the claim's own property, which no other execution writes.
      const sent = [...this.own.sent, index];
      this.properties.setProperty(slotSentName(this.own.slot), slotSentValue(this.own.id, sent));
      this.own.sent = sent;
      return;
    }
    const chunks = this.load();
    const line = encodeJournalEntry(entry);
    const last = Math.max(0, ...chunks.keys());
    const lines = chunks.get(last) ?? [];
    const fits = utf8Bytes([...lines, line].join('\n')) <= CHUNK_BYTES;
    const number = fits ? last : last + 1;
    const next = fits ? [...lines, line] : [line];
    if (this.prunePending) {
      // The send's note and the prune in one call: every chunk written as it now is.
      const previous = chunks.get(number);
      chunks.set(number, next);
      try {
        this.writeChunks();
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
      chunks.set(number, kept);
    }
    // Sends noted under a claim go with the claim's release.
    if (changed) this.prunePending = true;
  }

  /** Writes what `forget` dropped now, in one call, instead of with the next send. */
  pruneNow(): void {
    if (!this.prunePending) return;
    this.writeChunks();
    this.prunePending = false;
  }

  private writeChunks(): void {
    // One call for any number of chunks; the store's other properties are left as they are.
    const values: Record<string, string> = {};
    this.load().forEach((lines, number) => {
      values[`${JOURNAL_PROPERTY_PREFIX}${number}`] = lines.length > 0 ? lines.join('\n') : EMPTY_CHUNK;
    });
    this.properties.setProperties(values, false);
  }
}
