import { allListedRegistered, registeredVersionsSince } from '../../src/domain/catch-up';

const periods = [
  { id: 'KH-2023', form: 'plan' as const },
  { id: 'BC6T-2023', form: 'report' as const },
  { id: 'BCN-2023', form: 'report' as const },
];
const since = new Date(Date.UTC(2023, 2, 27, 0, 0, 0));
const entry = (periodId: string, ms: number) => ({
  periodId,
  lastVersionAt: new Date(since.getTime() + ms),
});

describe('registeredVersionsSince', () => {
  it('counts the versions of the form stamped after the moment, and no other', () => {
    const entries = [
      entry('KH-2023', 0),
      entry('KH-2023', 1),
      entry('KH-2023', -1),
      entry('BC6T-2023', 5),
      entry('BCN-2023', 7),
      entry('', 9),
      entry('KH-2022', 9),
    ];
    expect(registeredVersionsSince(entries, periods, 'plan', since)).toBe(1);
    expect(registeredVersionsSince(entries, periods, 'report', since)).toBe(2);
  });

  it('leaves out a version stamped at the very moment: Forms may not list it', () => {
    // Form.getResponses(since) lists the responses "after" it; one at the moment itself, counted,
    // would balance a response whose trigger failed, and the run would read neither.
    expect(registeredVersionsSince([entry('KH-2023', 0)], periods, 'plan', since)).toBe(0);
    // Forms lists the version at 3 ms and a response whose trigger failed: two, not yet registered both.
    const registered = [entry('KH-2023', 0), entry('KH-2023', 3)];
    expect(allListedRegistered(2, registered, periods, 'plan', since)).toBe(false);
  });

  it('counts none when the periods did not read', () => {
    expect(registeredVersionsSince([entry('KH-2023', 5)], [], 'plan', since)).toBe(0);
  });
});

describe('allListedRegistered', () => {
  const entries = [entry('KH-2023', 10), entry('KH-2023', 20)];
  it('is true only when Forms lists exactly as many', () => {
    expect(allListedRegistered(2, entries, periods, 'plan', since)).toBe(true);
    // A response whose trigger failed: Forms lists one more.
    expect(allListedRegistered(3, entries, periods, 'plan', since)).toBe(false);
    // A response deleted in Forms: the register holds one more.
    expect(allListedRegistered(1, entries, periods, 'plan', since)).toBe(false);
    expect(allListedRegistered(0, [], periods, 'plan', since)).toBe(true);
  });
});
