import { remoteDailyRun } from '../fakes/sheets-api-daily-run';

// `npm run bench` reports these figures; this pins them.
describe('a daily run of the remote shell', () => {
  it('costs three HTTP requests for 100 units, and sends nothing twice when run again', async () => {
    const figures = await remoteDailyRun(100, { rerun: true });
    expect(figures.requests).toEqual(['get', 'values.batchGet', 'batchUpdate']);
    expect(figures.registered).toBe(100);
    expect(figures.sent).toBeGreaterThan(0);
    expect(figures.mailLogRows).toBe(figures.sent);
    expect(figures.rerun).toEqual({ registered: 0, sent: 0 });
  });

  it('costs the same three requests for 2,000 units', async () => {
    const figures = await remoteDailyRun(2000);
    expect(figures.requests).toEqual(['get', 'values.batchGet', 'batchUpdate']);
    expect(figures.registered).toBe(2000);
    expect(figures.mailLogRows).toBe(figures.sent);
  }, 120_000);
});
