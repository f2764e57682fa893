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
    expect(Object.keys(service.script.snapshot()).sort()).toEqual([
      `${JOURNAL_PROPERTY_PREFIX}0`,
      'triggerSettings',
    ]);
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
