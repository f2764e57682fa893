import { keysClaimedElsewhere } from '../../src/domain/mail-claim';
import { encodeJournalEntry, type MailJournalEntry } from '../../src/domain/mail-journal';
import { JOURNAL_PROPERTY_PREFIX, ScriptPropertiesJournal } from '../../src/gas/script-properties-journal';
import { FakePropertiesService, MAX_VALUE_BYTES } from '../fakes/properties-service';

/** The names a claim of any version writes. */
const CLAIM_NAME = /^hannop\.(claim|sent|claimSlot|claimSent)\./;

function claimNames(service: FakePropertiesService): string[] {
  return Object.keys(service.script.snapshot()).filter((name) => CLAIM_NAME.test(name));
}

/** The claim properties holding anything but the emptied marker. */
function holding(service: FakePropertiesService): Record<string, string> {
  const stored = service.script.snapshot();
  return Object.fromEntries(
    claimNames(service).flatMap((name) => (stored[name] === '-' ? [] : [[name, stored[name] ?? '']])),
  );
}

const entry = (index: number): MailJournalEntry => ({
  key: `receipt:2_ABaOnud${String(index).padStart(4, '0')}xyzQWERTYUIOPasdfghjklzxcvbnm:v1`,
  at: new Date(Date.UTC(2023, 2, 31, 0, 0, index)),
  unitCode: `TRUONG${index}`,
  periodIds: ['KH-2023', 'BC6T-2023'],
  kind: 'receipt',
  recipients: [`hieutruong${index}@truong.example.edu.vn`, `vanthu${index}@truong.example.edu.vn`],
});

describe('ScriptPropertiesJournal', () => {
  it('keeps 300 sends within 9 KB a value, read back in one call, and prunes them to nothing', () => {
    const service = new FakePropertiesService();
    service.script.setProperty('triggerSettings', 'kept');
    const journal = new ScriptPropertiesJournal(service.script);
    for (let index = 0; index < 300; index += 1) journal.record(entry(index));
    const stored = service.script.snapshot();
    const chunks = Object.keys(stored).filter((name) => name.startsWith(JOURNAL_PROPERTY_PREFIX));
    expect(chunks.length).toBeGreaterThan(1);
    for (const name of chunks)
      expect(Buffer.byteLength(stored[name] ?? '', 'utf8')).toBeLessThanOrEqual(MAX_VALUE_BYTES);

    // A later execution reads every entry in one call.
    const calls = service.calls.total;
    const later = new ScriptPropertiesJournal(service.script);
    expect(later.entries().map((read) => read.key)).toEqual(
      Array.from({ length: 300 }, (_, index) => entry(index).key),
    );
    expect(later.entries()[7]).toEqual(entry(7));
    expect(service.calls.total - calls).toBe(1);

    // Forgetting writes nothing: the prune goes with the next send's note, in one call.
    const beforeForget = service.calls.total;
    later.forget(later.entries().map((read) => read.key));
    expect(service.calls.total).toBe(beforeForget);
    later.record(entry(300));
    expect(service.calls.total - beforeForget).toBe(1);
    // The emptied chunks stay, holding no entry (a delete would take another call, or
    // `deleteAllOthers`, which could delete what an execution sending outside the lock writes).
    const after = service.script.snapshot();
    expect(after['triggerSettings']).toBe('kept');
    const holding = Object.keys(after).filter(
      (name) => name.startsWith(JOURNAL_PROPERTY_PREFIX) && after[name] !== '-',
    );
    expect(holding).toHaveLength(1);
    expect(new ScriptPropertiesJournal(service.script).entries()).toEqual([entry(300)]);
  });

  it('forgets only the entries it is told, keeping the rest of a chunk', () => {
    const service = new FakePropertiesService();
    const journal = new ScriptPropertiesJournal(service.script);
    [0, 1, 2].forEach((index) => journal.record(entry(index)));
    journal.forget([entry(1).key]);
    journal.record(entry(3));
    expect(new ScriptPropertiesJournal(service.script).entries().map((read) => read.key)).toEqual([
      entry(0).key,
      entry(2).key,
      entry(3).key,
    ]);
  });

  it("reads through the execution's one read of the store when given it", () => {
    const service = new FakePropertiesService();
    const journal = new ScriptPropertiesJournal(service.script);
    journal.record(entry(0));
    const values = service.script.getProperties();
    const calls = service.calls.total;
    const shared = new ScriptPropertiesJournal(service.script, () => values);
    expect(shared.entries()).toEqual([entry(0)]);
    expect(service.calls.total).toBe(calls);
  });

  it('keeps the prune for the next note when the note cannot be written, losing no entry', () => {
    const service = new FakePropertiesService();
    const journal = new ScriptPropertiesJournal(service.script);
    [0, 1].forEach((index) => journal.record(entry(index)));
    const failing = new ScriptPropertiesJournal({
      getProperties: () => service.script.getProperties(),
      setProperty: () => {
        throw new Error('Service unavailable');
      },
      setProperties: () => {
        throw new Error('Service unavailable');
      },
    } as unknown as GoogleAppsScript.Properties.Properties);
    failing.forget([entry(0).key]);
    expect(() => failing.record(entry(2))).toThrow('Service unavailable');
    expect(failing.entries().map((read) => read.key)).toEqual([entry(1).key]);
    expect(new ScriptPropertiesJournal(service.script).entries().map((read) => read.key)).toEqual([
      entry(0).key,
      entry(1).key,
    ]);
  });
});

describe('ScriptPropertiesJournal claims', () => {
  const claimedAt = new Date(Date.UTC(2023, 2, 14, 0, 0, 0));

  it('claims 300 messages in one call, notes each send under the claim, and releases it', () => {
    const service = new FakePropertiesService();
    const journal = new ScriptPropertiesJournal(service.script);
    journal.entries();
    const entries = Array.from({ length: 300 }, (_, index) => entry(index));
    const before = service.calls.count('Properties.setProperties');
    const id = journal.claim(claimedAt, entries);
    expect(service.calls.count('Properties.setProperties') - before).toBe(1);
    const stored = service.script.snapshot();
    for (const name of Object.keys(stored))
      expect(Buffer.byteLength(stored[name] ?? '', 'utf8')).toBeLessThanOrEqual(MAX_VALUE_BYTES);

    journal.record(entry(5));
    journal.record(entry(250));
    // Another execution reads the claim and the two sends; nothing else counts as sent.
    const other = new ScriptPropertiesJournal(service.script);
    expect(other.claims()).toEqual([{ id, claimedAt, keys: entries.map((one) => one.key) }]);
    expect(other.entries()).toEqual([entry(5), entry(250)]);

    journal.release([id]);
    expect(holding(service)).toEqual({});
    expect(new ScriptPropertiesJournal(service.script).claims()).toEqual([]);
    expect(new ScriptPropertiesJournal(service.script).entries()).toEqual([]);
  });

  it('never loses a send noted under a claim to another execution’s prune of the journal', () => {
    const service = new FakePropertiesService();
    const sender = new ScriptPropertiesJournal(service.script);
    [0, 1].forEach((index) => sender.record(entry(index)));
    sender.claim(claimedAt, [entry(10), entry(11)]);
    // A submission reads the store under the lock, then the sender notes a send without it…
    const submission = new ScriptPropertiesJournal(service.script);
    submission.entries();
    sender.record(entry(10));
    // …and the submission prunes what `Nhật ký thư` holds with its receipt's note.
    submission.forget([entry(0).key, entry(1).key]);
    submission.record(entry(20));
    expect(
      new ScriptPropertiesJournal(service.script)
        .entries()
        .map((read) => read.key)
        .sort(),
    ).toEqual([entry(10).key, entry(20).key].sort());
  });

  it('releases a claim of 1,500 messages in one Properties call, deleting nothing', () => {
    const service = new FakePropertiesService();
    const journal = new ScriptPropertiesJournal(service.script);
    const entries = Array.from({ length: 1500 }, (_, index) => entry(index));
    const id = journal.claim(claimedAt, entries);
    expect(claimNames(service).length).toBeGreaterThan(20);
    [0, 700, 1499].forEach((index) => journal.record(entry(index)));

    // The run that logged them, under the lock: one read of the store, one write.
    const logger = new ScriptPropertiesJournal(service.script);
    expect(logger.entries()).toEqual([entry(0), entry(700), entry(1499)]);
    const before = service.calls.total;
    logger.release([id]);
    expect(service.calls.total - before).toBe(1);
    expect(service.calls.count('Properties.setProperties')).toBe(2);
    expect(service.calls.count('Properties.deleteProperty')).toBe(0);
    expect(holding(service)).toEqual({});
    const after = new ScriptPropertiesJournal(service.script);
    expect(after.claims()).toEqual([]);
    expect(after.entries()).toEqual([]);
  });

  it('releases every claim given, of any size, in one call together', () => {
    const service = new FakePropertiesService();
    const ids = [300, 2, 900].map((size, index) =>
      new ScriptPropertiesJournal(service.script).claim(
        new Date(claimedAt.getTime() + index),
        Array.from({ length: size }, (_, position) => entry(index * 1000 + position)),
      ),
    );
    const logger = new ScriptPropertiesJournal(service.script);
    expect(logger.claims().map((claim) => claim.id)).toEqual(ids);
    const before = service.calls.total;
    logger.release(ids);
    expect(service.calls.total - before).toBe(1);
    expect(holding(service)).toEqual({});
  });

  it('reuses its slots: 30 days of claims and releases leave a bounded number of names, all emptied', () => {
    const service = new FakePropertiesService();
    const sizes = Array.from({ length: 30 }, (_, day) => [40 + ((day * 173) % 500), 1 + ((day * 7) % 20)]);
    for (const [day, [large = 0, small = 0]] of sizes.entries()) {
      const at = new Date(claimedAt.getTime() + day * 86_400_000);
      // The day's run and a submission's batch, both claiming before either releases.
      const run = new ScriptPropertiesJournal(service.script);
      const runId = run.claim(
        at,
        Array.from({ length: large }, (_, index) => entry(index)),
      );
      const batch = new ScriptPropertiesJournal(service.script);
      const batchId = batch.claim(
        at,
        Array.from({ length: small }, (_, index) => entry(5000 + index)),
      );
      run.record(entry(0));
      batch.record(entry(5000));
      const logger = new ScriptPropertiesJournal(service.script);
      expect(logger.entries().map((one) => one.key)).toEqual([entry(0).key, entry(5000).key]);
      const before = service.calls.total;
      logger.release([runId, batchId]);
      expect(service.calls.total - before).toBe(1);
      expect(holding(service)).toEqual({});
    }
    // Two slots, each as many chunks as its largest claim and its sends: not a name a day.
    const names = claimNames(service);
    const largest = Math.max(...sizes.map(([large = 0]) => large));
    const chunksOfLargest = Math.ceil((largest * (entry(999).key.length + 120)) / (8 * 1024)) + 1;
    expect(names.length).toBeLessThanOrEqual(chunksOfLargest + 3);
    expect(new Set(names.map((name) => name.split('.')[2]))).toEqual(new Set(['0', '1']));
    expect(service.script.getKeys()).toHaveLength(names.length);
  });

  it('gives two executions claiming in turn under the lock two slots, and frees one without touching the other', () => {
    const service = new FakePropertiesService();
    const first = new ScriptPropertiesJournal(service.script);
    const firstId = first.claim(claimedAt, [entry(0), entry(1)]);
    const second = new ScriptPropertiesJournal(service.script);
    const secondId = second.claim(claimedAt, [entry(2), entry(3)]);
    expect(secondId).not.toBe(firstId);
    expect(Object.keys(holding(service)).sort()).toEqual(['hannop.claimSlot.0.0', 'hannop.claimSlot.1.0']);
    first.record(entry(1));
    second.record(entry(3));

    first.release([firstId]);
    const other = new ScriptPropertiesJournal(service.script);
    expect(other.claims()).toEqual([{ id: secondId, claimedAt, keys: [entry(2).key, entry(3).key] }]);
    expect(other.entries()).toEqual([entry(3)]);

    // The freed slot, the lowest, goes to the next claim; the sends of the first count no more.
    const third = new ScriptPropertiesJournal(service.script);
    const thirdId = third.claim(claimedAt, [entry(4), entry(5)]);
    expect(Object.keys(holding(service)).sort()).toEqual([
      'hannop.claimSent.1',
      'hannop.claimSlot.0.0',
      'hannop.claimSlot.1.0',
    ]);
    const reader = new ScriptPropertiesJournal(service.script);
    expect(reader.claims().map((claim) => [claim.id, claim.keys])).toEqual([
      [thirdId, [entry(4).key, entry(5).key]],
      [secondId, [entry(2).key, entry(3).key]],
    ]);
    expect(reader.entries()).toEqual([entry(3)]);
  });

  it('never reads what an earlier claim of the slot left as part of the next one', () => {
    const service = new FakePropertiesService();
    const journal = new ScriptPropertiesJournal(service.script);
    const entries = Array.from({ length: 200 }, (_, index) => entry(index));
    const id = journal.claim(claimedAt, entries);
    entries.forEach((one) => journal.record(one));
    // A release cut short after it emptied chunk 0: the rest of the claim and its sends are left.
    service.script.setProperty('hannop.claimSlot.0.0', '-');
    service.script.setProperty('hannop.claimSlot.garbage', 'x');
    service.script.setProperty('hannop.claimSlot.0.x', 'x');
    const next = new ScriptPropertiesJournal(service.script);
    expect(next.claims()).toEqual([]);
    expect(next.entries()).toEqual([]);

    // The slot is free; a smaller claim takes it and the leftovers count for nothing.
    const laterAt = new Date(claimedAt.getTime() + 60_000);
    const laterId = next.claim(laterAt, [entry(900)]);
    expect(laterId).not.toBe(id);
    const reader = new ScriptPropertiesJournal(service.script);
    expect(reader.claims()).toEqual([{ id: laterId, claimedAt: laterAt, keys: [entry(900).key] }]);
    expect(reader.entries()).toEqual([]);
    expect(Object.keys(holding(service)).sort()).toEqual([
      'hannop.claimSlot.0.0',
      'hannop.claimSlot.0.x',
      'hannop.claimSlot.garbage',
    ]);
  });

  it('counts a send only under the claim that noted it', () => {
    const service = new FakePropertiesService();
    const journal = new ScriptPropertiesJournal(service.script);
    const id = journal.claim(claimedAt, [entry(0), entry(1)]);
    // Positions noted under another id (a claim the slot held before) are not this claim's sends.
    service.script.setProperty('hannop.claimSent.0', '#1678752000000-other\n0,1');
    expect(new ScriptPropertiesJournal(service.script).entries()).toEqual([]);
    service.script.setProperty('hannop.claimSent.0', `#${id}\n1`);
    expect(new ScriptPropertiesJournal(service.script).entries()).toEqual([entry(1)]);
  });

  it('honours and releases a claim written under the earlier names, with the slots in the same release', () => {
    const service = new FakePropertiesService();
    // As the version before slots wrote it: `hannop.claim.<id>.<n>` and `hannop.sent.<id>`.
    const oldId = '1678752000000-k3x9q2';
    service.script.setProperties(
      {
        [`hannop.claim.${oldId}.0`]: [entry(0), entry(1)].map(encodeJournalEntry).join('\n'),
        [`hannop.claim.${oldId}.1`]: encodeJournalEntry(entry(2)),
        [`hannop.sent.${oldId}`]: '0,2',
      },
      false,
    );
    const journal = new ScriptPropertiesJournal(service.script);
    expect(journal.claims()).toEqual([
      { id: oldId, claimedAt: new Date(1678752000000), keys: [entry(0).key, entry(1).key, entry(2).key] },
    ]);
    expect(journal.entries()).toEqual([entry(0), entry(2)]);
    // A run planning now leaves its keys to it while it lives.
    expect([...keysClaimedElsewhere(journal.claims(), new Date(1678752060000), null)]).toEqual([
      entry(0).key,
      entry(1).key,
      entry(2).key,
    ]);
    const newId = journal.claim(claimedAt, [entry(3)]);
    expect(journal.claims().map((claim) => claim.id)).toEqual([oldId, newId]);

    const logger = new ScriptPropertiesJournal(service.script);
    logger.claims();
    const before = service.calls.total;
    logger.release([oldId, newId]);
    // One call for the slot; the earlier names deleted one by one (they exist at most once).
    expect(service.calls.total - before).toBe(4);
    expect(holding(service)).toEqual({});
    expect(Object.keys(service.script.snapshot()).filter((name) => name.startsWith('hannop.claim.'))).toEqual(
      [],
    );
    expect(Object.keys(service.script.snapshot()).filter((name) => name.startsWith('hannop.sent.'))).toEqual(
      [],
    );
  });
});
