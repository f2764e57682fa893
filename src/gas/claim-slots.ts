// Where a claim (src/domain/mail-claim.ts) lives in Script Properties: a small pool of reusable
// SLOTS, so that releasing a claim of any size is ONE `setProperties` call (issue 15: a daily run
// whose calls do not grow with units). A slot `s` is the properties `hannop.claimSlot.<s>.<n>` (the
// claim's messages as journal lines, packed in chunks of ~8 KB) and `hannop.claimSent.<s>` (the
// positions sent so far, written by the claiming execution alone, outside the lock). The claim's
// id is not in the names but in the values: every value of the slot begins with the line `#<id>`.
//
// A release writes EMPTY to every property of the slot in one call; the names stay, to be reused by
// the next claim, so that emptied names do not pile up in the 500 KB store. Deleting them instead
// would take a call each (or `deleteAllOthers`, which would also delete what an execution sending
// outside the lock writes meanwhile). A slot is free when its chunk 0 holds no claim.
//
// Each value carries its claim's id, so that whatever one call left half-written (Google does not
// say that `setProperties` is all or nothing) is never read as part of another claim: a claim is its
// chunks 0, 1, … up to the first that is EMPTY, missing, or another claim's; its sends count only
// under the same id. The prefixes differ from the earlier names (`hannop.claim.<id>.<n>`,
// `hannop.sent.<id>`, still read: script-properties-journal.ts), because a version of hannop still
// running those would take `hannop.claim.0.0` for a claim with a meaningless id, judge it stale and
// delete it while its execution sends.

/** What an emptied property holds: a line that is no entry (Google stores no empty value we rely on). */
export const EMPTY_VALUE = '-';
export const SLOT_CHUNK_PREFIX = 'hannop.claimSlot.';
export const SLOT_SENT_PREFIX = 'hannop.claimSent.';
const HEADER = '#';

export function slotChunkName(slot: number, chunk: number): string {
  return `${SLOT_CHUNK_PREFIX}${slot}.${chunk}`;
}

export function slotSentName(slot: number): string {
  return `${SLOT_SENT_PREFIX}${slot}`;
}

/** The line that begins every value of a claim's slot. */
export function claimHeader(id: string): string {
  return `${HEADER}${id}`;
}

/** A value of a slot as the claim `id` writes it: its header, then its lines. */
export function slotValue(id: string, lines: readonly string[]): string {
  return [claimHeader(id), ...lines].join('\n');
}

/** The claim's id and its lines in a value of a slot; null for EMPTY or a value no claim wrote. */
function readSlotValue(value: string): { readonly id: string; readonly lines: string[] } | null {
  const [first = '', ...rest] = value.split('\n');
  if (!first.startsWith(HEADER) || first.length === HEADER.length) return null;
  return { id: first.slice(HEADER.length), lines: rest.filter((line) => line !== '') };
}

export interface SlotClaim {
  readonly id: string;
  /** The claim's journal lines, in order: its positions count from the first. */
  readonly lines: readonly string[];
  /** The positions its execution noted as sent. */
  readonly sent: readonly number[];
}

export interface Slot {
  /** The names of the slot holding anything but EMPTY: what a claim or a release of it empties. */
  readonly held: ReadonlySet<string>;
  /** The claim the slot holds; null when it is free. */
  readonly claim: SlotClaim | null;
}

/** Every slot the store holds, by number, from the execution's one read of the store. */
export function readSlots(all: Readonly<Record<string, string>>): Map<number, Slot> {
  const chunks = new Map<number, Map<number, string>>();
  const sent = new Map<number, string>();
  const held = new Map<number, Set<string>>();
  for (const name of Object.keys(all)) {
    const value = String(all[name]);
    let slot: number;
    if (name.startsWith(SLOT_CHUNK_PREFIX)) {
      const match = /^(\d+)\.(\d+)$/.exec(name.slice(SLOT_CHUNK_PREFIX.length));
      if (!match) continue;
      slot = Number(match[1]);
      const perSlot = chunks.get(slot) ?? new Map<number, string>();
      perSlot.set(Number(match[2]), value);
      chunks.set(slot, perSlot);
    } else if (name.startsWith(SLOT_SENT_PREFIX)) {
      const match = /^\d+$/.exec(name.slice(SLOT_SENT_PREFIX.length));
      if (!match) continue;
      slot = Number(match[0]);
      sent.set(slot, value);
    } else {
      continue;
    }
    const names = held.get(slot) ?? new Set<string>();
    if (value !== EMPTY_VALUE) names.add(name);
    held.set(slot, names);
  }
  const slots = new Map<number, Slot>();
  held.forEach((names, slot) => {
    const perSlot = chunks.get(slot) ?? new Map<number, string>();
    const first = readSlotValue(perSlot.get(0) ?? EMPTY_VALUE);
    if (!first) {
      slots.set(slot, { held: names, claim: null });
      return;
    }
    const lines: string[] = [];
    for (let number = 0; ; number += 1) {
      const chunk = readSlotValue(perSlot.get(number) ?? EMPTY_VALUE);
      if (!chunk || chunk.id !== first.id) break;
      lines.push(...chunk.lines);
    }
    const sends = readSlotValue(sent.get(slot) ?? EMPTY_VALUE);
    const positions =
      sends?.id === first.id
        ? sends.lines.join(',').split(',').filter(Boolean).map(Number).filter(Number.isInteger)
        : [];
    slots.set(slot, { held: names, claim: { id: first.id, lines, sent: positions } });
  });
  return slots;
}

/** The lowest slot holding no claim: two executions claiming, both under the lock, take two. */
export function freeSlot(slots: ReadonlyMap<number, Slot>): number {
  let slot = 0;
  while (slots.get(slot)?.claim) slot += 1;
  return slot;
}

/**
 * The values that put the claim `id` (its lines packed in `chunks`) in `slot`, for one call: its
 * chunks, and EMPTY over whatever else the slot held (its sends, chunks of an earlier claim).
 */
export function claimSlotValues(
  slot: number,
  held: ReadonlySet<string>,
  id: string,
  chunks: readonly (readonly string[])[],
): Record<string, string> {
  const values: Record<string, string> = {};
  held.forEach((name) => {
    values[name] = EMPTY_VALUE;
  });
  // A claim of no message still holds chunk 0, so that it exists until it is released.
  (chunks.length > 0 ? chunks : [[]]).forEach((lines, number) => {
    values[slotChunkName(slot, number)] = slotValue(id, lines);
  });
  return values;
}

/** The values that free `slot`, for one call with every other slot released. */
export function releaseSlotValues(slot: number, held: ReadonlySet<string>): Record<string, string> {
  const values: Record<string, string> = {};
  held.forEach((name) => {
    values[name] = EMPTY_VALUE;
  });
  // The sends too, even if this execution read none: whoever wrote them wrote them under this claim.
  values[slotSentName(slot)] = EMPTY_VALUE;
  return values;
}

/** The slot's sends as the claiming execution writes them, one call a send. */
export function slotSentValue(id: string, positions: readonly number[]): string {
  return slotValue(id, [positions.join(',')]);
}
