import { MAX_REQUEST_BYTES } from '../../src/domain/time-budget';
import { SHEET } from '../../src/domain/layout';
import { remoteBesideMemory, remoteDailyRun } from '../fakes/sheets-api-daily-run';

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

// `npm run bench` reports these figures; this pins them.
describe('a daily run of the remote shell', () => {
  it('costs three HTTP requests for 100 units, and sends nothing twice when run again', async () => {
    const figures = await remoteDailyRun(100, { rerun: true });
    expect(figures.requests).toEqual(['get', 'values.batchGet', 'batchUpdate']);
    expect(figures.registered).toBe(100);
    expect(figures.sent).toBeGreaterThan(0);
    expect(figures.mailLogRows).toBe(figures.sent);
    expect(figures.rerun).toMatchObject({ registered: 0, sent: 0 });
  });

  // Before the save sent changed rows, a routine day at 2,000 units was one request of 3,625,389
  // bytes (the derived sheets rewritten whole), and the first day one of 7,420,286.
  it('at 2,000 units sends no request over the limit, a routine day a few kilobytes, and leaves every sheet as a whole rewrite would', async () => {
    const days = await remoteBesideMemory(2000, 2);
    const [first, routine] = days;
    // The morning every unit's answers arrive: 2,000 rows registered, mailed and logged, in parts.
    for (const bytes of first?.requestBytes ?? []) expect(bytes).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
    expect(routine?.requestBytes).toHaveLength(3);
    // Measured: 18,918 bytes.
    expect(sum(routine?.requestBytes ?? [])).toBeLessThan(40_000);
    for (const day of days) {
      expect([...day.remote.keys()]).toEqual(expect.arrayContaining([SHEET.submissions, SHEET.summary]));
      for (const [name, sheet] of day.remote)
        expect({ name, sheet }).toEqual({ name, sheet: day.memory.get(name) });
    }
  }, 120_000);

  it('puts back a derived sheet a person edited, though its rows did not change since the last run', async () => {
    const days = await remoteBesideMemory(30, 2, (fake, day) => {
      if (day !== 1) return;
      fake.sheet(SHEET.summary).cells[2]![1] = { value: 'sửa tay' };
      fake.sheet(SHEET.summary).cells[40] = [{ value: 'dòng thêm tay' }];
    });
    const routine = days[1];
    for (const [name, sheet] of routine?.remote ?? []) {
      expect({ name, sheet }).toEqual({ name, sheet: routine?.memory.get(name) });
    }
    // Measured: 19,145 bytes; with the sheets rewritten whole, 130,472.
    expect(sum(routine?.requestBytes ?? [])).toBeLessThan(40_000);
  });
});
