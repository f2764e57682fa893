import type { MailJournalEntry } from '../../src/domain/mail-journal';
import { JOURNAL_PROPERTY_PREFIX, ScriptPropertiesJournal } from '../../src/gas/script-properties-journal';
import { FakePropertiesService, MAX_VALUE_BYTES } from '../fakes/properties-service';

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
    expect(Object.keys(service.script.snapshot())).toEqual([]);
    expect(new ScriptPropertiesJournal(service.script).claims()).toEqual([]);
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

  it('finishes a release cut short, and ignores what no claim wrote', () => {
    const service = new FakePropertiesService();
    const journal = new ScriptPropertiesJournal(service.script);
    const id = journal.claim(claimedAt, [entry(0), entry(1)]);
    journal.record(entry(1));
    // A release that died after deleting the claim's lines: only its sends are left.
    service.script.deleteProperty(`hannop.claim.${id}.0`);
    service.script.setProperty('hannop.claim.garbage', 'x');
    const next = new ScriptPropertiesJournal(service.script);
    expect(next.entries()).toEqual([]);
    expect(next.claims()).toEqual([{ id, claimedAt, keys: [] }]);
    next.release(next.claims().map((claim) => claim.id));
    expect(Object.keys(service.script.snapshot())).toEqual(['hannop.claim.garbage']);
  });
});
