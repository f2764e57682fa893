// The remote shell (`hannop run --spreadsheet`): how many HTTP requests one daily run makes to the
// Sheets API — intake, consolidation, mail and its log — against the local fake server of
// test/fakes, for 100 and 2,000 units. Each request is a round trip to Google and counts against
// the per-minute quota, so the count must not grow with the number of units.

export const title = 'Remote shell';

const GOAL_REQUESTS = 5;

export async function run(bench) {
  const { remoteDailyRun } = await bench.importTs('test/fakes/sheets-api-daily-run.ts');
  const rows = [];
  for (const units of [100, 2000]) {
    bench.log(`remote: daily run on ${units} units…`);
    const startedAt = performance.now();
    const figures = await remoteDailyRun(units);
    const elapsedMs = performance.now() - startedAt;
    rows.push({
      measure: `HTTP requests of a daily run, ${units} units (${figures.requests.join(', ')})`,
      value: figures.requests.length,
      unit: 'requests',
      goal: { below: GOAL_REQUESTS + 1 },
    });
    rows.push({
      measure: `e-mails sent and logged in that run, ${units} units`,
      value: figures.mailLogRows,
      unit: 'mails',
    });
    rows.push({
      measure: `set-up and daily run on the local server, ${units} units`,
      value: elapsedMs,
      unit: 'ms',
    });
  }
  return rows;
}
