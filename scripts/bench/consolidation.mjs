// The consolidation job (`Tổng hợp`, `Thống kê`, `Số liệu`): how many SpreadsheetApp calls it costs
// (each is a round trip in Apps Script, so the count must not grow with the number of units) and
// how much CPU it takes for 2,000 units × 3 periods.
//
// Calls are counted on the SpreadsheetApp fake through the real adapter (src/gas/spreadsheet-
// workbook.ts), each job with a new adapter as a trigger run has: the first run, which creates
// and formats the derived sheets, and the steady state, where they exist with their formats and
// no review note changes (the daily case). Rule-builder calls are counted like every other call.
// The campaign is test/fakes/large-campaign.ts, which test/gas/spreadsheet-workbook.test.ts pins.

export const title = 'Consolidation';

const CPU_RUNS = 9;

export function cpuMs(work) {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export async function run(bench) {
  const { consolidate, consolidationWrites, reviewedState } = await bench.importTs('src/app/consolidate.ts');
  const { readCampaignState } = await bench.importTs('src/app/campaign-state.ts');
  const { SpreadsheetWorkbook } = await bench.importTs('src/gas/spreadsheet-workbook.ts');
  const { AdvancedSheetsWorkbook } = await bench.importTs('src/gas/advanced-sheets-workbook.ts');
  const { FakeAdvancedSheets } = await bench.importTs('test/fakes/advanced-sheets.ts');
  const { createFakeSpreadsheetApp, asSpreadsheet, asSpreadsheetApp } = await bench.importTs(
    'test/fakes/spreadsheet-app.ts',
  );
  const { ConsolidationWorkbook } = await bench.importTs('test/fakes/consolidation-workbook.ts');
  const { seedLargeCampaign, LARGE_CAMPAIGN_AS_OF: asOf } = await bench.importTs(
    'test/fakes/large-campaign.ts',
  );

  const lock = { withLock: (work) => work() };

  /** `advanced`: through the Advanced Sheets service (what Apps Script uses), else SpreadsheetApp. */
  function callsFor(unitCount, advanced = false) {
    const world = createFakeSpreadsheetApp();
    const api = new FakeAdvancedSheets(world.spreadsheet);
    const adapter = advanced
      ? () => new AdvancedSheetsWorkbook(api, world.spreadsheet.spreadsheetId)
      : () => new SpreadsheetWorkbook(asSpreadsheet(world.spreadsheet), asSpreadsheetApp(world.app));
    const calls = () => world.calls.total + api.calls.total;
    const reset = () => {
      world.calls.reset();
      api.calls.reset();
    };
    seedLargeCampaign(adapter(), unitCount);
    reset();
    // The first run also writes `Bài nộp` when it notes a review that does not count.
    consolidate(adapter(), lock, asOf);
    const firstRun = calls();
    reset();
    const steady = consolidate(adapter(), lock, asOf);
    const steadyRun = calls();
    reset();
    readCampaignState(adapter());
    const reads = calls();
    return { firstRun, steadyRun, reads, sheets: steady.sheets };
  }

  bench.log('consolidation: counting Spreadsheet calls for 100 and 2,000 units…');
  const small = callsFor(100);
  const large = callsFor(2000);
  const advancedSmall = callsFor(100, true);
  const advancedLarge = callsFor(2000, true);
  if (small.sheets.join() !== large.sheets.join()) throw new Error('the two sizes wrote different sheets');

  bench.log('consolidation: measuring CPU for 2,000 units × 3 periods…');
  const memory = new ConsolidationWorkbook();
  seedLargeCampaign(memory, 2000);
  const jobMs = [];
  const afterReadMs = [];
  const readMs = [];
  for (let run = 0; run < CPU_RUNS; run += 1) {
    jobMs.push(cpuMs(() => consolidate(memory, lock, asOf)));
    let state;
    readMs.push(cpuMs(() => (state = readCampaignState(memory))));
    afterReadMs.push(cpuMs(() => consolidationWrites(state, reviewedState(state, asOf).board)));
  }

  return [
    {
      measure: 'Spreadsheet calls, first run (creates + formats), 100 units',
      value: small.firstRun,
      unit: 'calls',
    },
    { measure: 'Spreadsheet calls, first run, 2,000 units', value: large.firstRun, unit: 'calls' },
    {
      measure: 'Spreadsheet calls, steady state (sheets formatted), 100 units',
      value: small.steadyRun,
      unit: 'calls',
    },
    { measure: 'Spreadsheet calls, steady state, 2,000 units', value: large.steadyRun, unit: 'calls' },
    {
      measure: 'Sheets calls, first run, 2,000 units (Advanced Sheets, used in Apps Script)',
      value: advancedLarge.firstRun,
      unit: 'calls',
    },
    {
      measure: 'Sheets calls, steady state, 100 units (Advanced Sheets)',
      value: advancedSmall.steadyRun,
      unit: 'calls',
    },
    {
      measure: 'Sheets calls, steady state, 2,000 units (Advanced Sheets; issue goal: 15)',
      value: advancedLarge.steadyRun,
      unit: 'calls',
      goal: { below: 16 },
    },
    {
      measure: 'steady-state calls that grow with the units (2,000 − 100)',
      value: Math.max(large.steadyRun - small.steadyRun, advancedLarge.steadyRun - advancedSmall.steadyRun),
      unit: 'calls',
      goal: { below: 1 },
    },
    { measure: 'of which reading the 4 state sheets', value: large.reads, unit: 'calls' },
    {
      measure: `CPU, whole job in memory, 2,000 × 3 (median of ${CPU_RUNS})`,
      value: median(jobMs),
      unit: 'ms',
      goal: { below: 300 },
    },
    { measure: 'CPU, reading and parsing the state (campaign-state.ts)', value: median(readMs), unit: 'ms' },
    { measure: 'CPU, after the state is read: reviews + 3 sheets', value: median(afterReadMs), unit: 'ms' },
  ];
}
