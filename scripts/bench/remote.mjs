// The remote shell (`hannop run --spreadsheet`): how many HTTP requests and bytes one daily run
// sends to the Sheets API — intake, consolidation, mail and its log — against the local fake
// server of test/fakes, for 100, 2,000 and 5,000 units. Each request is a round trip to Google and
// counts against the per-minute quota; Google recommends at most 2 MB a request. The first
// morning registers, mails and logs every unit at once (megabytes that really change, sent in
// parts under the limit); a routine morning after it sends only the rows that changed.

export const title = 'Remote shell';

const GOAL_ROUTINE_REQUESTS = 3;
const GOAL_MAX_REQUEST_BYTES = 2 * 1024 * 1024;

export async function run(bench) {
  const { remoteBesideMemory } = await bench.importTs('test/fakes/sheets-api-daily-run.ts');
  const rows = [];
  for (const units of [100, 2000, 5000]) {
    bench.log(`remote: two daily runs on ${units} units…`);
    const startedAt = performance.now();
    const [first, routine] = await remoteBesideMemory(units, 2);
    const elapsedMs = performance.now() - startedAt;
    const total = (bytes) => bytes.reduce((sum, value) => sum + value, 0);
    rows.push({
      measure: `HTTP requests of the first daily run (every unit new), ${units} units`,
      value: first.requestBytes.length,
      unit: 'requests',
    });
    rows.push({
      measure: `largest request of the first daily run, ${units} units (${total(first.requestBytes)} bytes in all)`,
      value: Math.max(...first.requestBytes),
      unit: 'bytes',
      goal: { below: GOAL_MAX_REQUEST_BYTES + 1 },
    });
    rows.push({
      measure: `HTTP requests of a routine daily run, ${units} units`,
      value: routine.requestBytes.length,
      unit: 'requests',
      goal: { below: GOAL_ROUTINE_REQUESTS + 1 },
    });
    rows.push({
      measure: `bytes sent by a routine daily run, ${units} units`,
      value: total(routine.requestBytes),
      unit: 'bytes',
    });
    rows.push({
      measure: `set-up and two daily runs on the local server, ${units} units`,
      value: elapsedMs,
      unit: 'ms',
    });
  }
  return rows;
}
