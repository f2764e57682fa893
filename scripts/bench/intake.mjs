// The submission job (issue 3): how many SpreadsheetApp calls ONE form submission costs — the
// intake of one new response and the consolidation it triggers, in one batch, through the real
// adapter on the SpreadsheetApp fake (each job with a new adapter, as a trigger run has), with
// 100 and with 2,000 units — and the CPU time to rebuild `Bài nộp` from 12,000 responses
// ("Xử lý lại toàn bộ"), in memory.
//
// The Apps Script submit handler reads the response from Forms, not from a sheet, so the
// response source here holds the one response and reads no sheet. The campaign is
// test/fakes/large-campaign.ts, which test/gas/spreadsheet-workbook.test.ts pins.

import { cpuMs, median } from './consolidation.mjs';

export const title = 'Intake';

const REBUILD_RUNS = 5;
const RESPONSES_PER_UNIT_AND_PERIOD = 2;
const REBUILD_UNITS = 2000;

export async function run(bench) {
  const { intakeResponses } = await bench.importTs('src/app/intake-responses.ts');
  const { consolidate, consolidationWrites, reviewedState } = await bench.importTs('src/app/consolidate.ts');
  const { SpreadsheetWorkbook } = await bench.importTs('src/gas/spreadsheet-workbook.ts');
  const { AdvancedSheetsWorkbook } = await bench.importTs('src/gas/advanced-sheets-workbook.ts');
  const { FakeAdvancedSheets } = await bench.importTs('test/fakes/advanced-sheets.ts');
  const { createFakeSpreadsheetApp, asSpreadsheet, asSpreadsheetApp } = await bench.importTs(
    'test/fakes/spreadsheet-app.ts',
  );
  const campaign = await bench.importTs('test/fakes/large-campaign.ts');
  const asOf = campaign.LARGE_CAMPAIGN_AS_OF;
  const lock = { withLock: (work) => work() };
  const sourceOf = (responses) => ({ sheets: [], read: () => ({ responses, problems: [] }) });
  const alsoConsolidate = (state) => consolidationWrites(state, reviewedState(state, asOf).board);

  /** `advanced`: through the Advanced Sheets service (what Apps Script uses), else SpreadsheetApp. */
  function submissionCalls(unitCount, advanced = false) {
    const world = createFakeSpreadsheetApp();
    const api = new FakeAdvancedSheets(world.spreadsheet);
    const adapter = advanced
      ? () => new AdvancedSheetsWorkbook(api, world.spreadsheet.spreadsheetId)
      : () => new SpreadsheetWorkbook(asSpreadsheet(world.spreadsheet), asSpreadsheetApp(world.app));
    const units = campaign.seedLargeCampaign(adapter(), unitCount);
    // Every morning's consolidation has run: the derived sheets exist with their formats.
    consolidate(adapter(), lock, asOf);
    consolidate(adapter(), lock, asOf);
    world.calls.reset();
    api.calls.reset();
    const summary = intakeResponses(
      { workbook: adapter(), lock, now: () => asOf },
      sourceOf([campaign.largeCampaignResponse(units[10], 0, 'NEW-1')]),
      { asOf, alsoWrite: alsoConsolidate },
    );
    if (summary.registered.length !== 1 || summary.registered[0].outcome !== 'accepted') {
      throw new Error(`the submission was not accepted: ${JSON.stringify(summary.failed)}`);
    }
    return world.calls.total + api.calls.total;
  }

  bench.log('intake: counting Spreadsheet calls of one submission for 100 and 2,000 units…');
  const small = submissionCalls(100);
  const large = submissionCalls(2000);
  const advancedSmall = submissionCalls(100, true);
  const advancedLarge = submissionCalls(2000, true);

  bench.log('intake: measuring the CPU of a rebuild from 12,000 responses…');
  // The rebuild runs in Apps Script ("Xử lý lại toàn bộ"): measure the code as the build bundles it.
  const rebuild = await bench.importBundled([
    'src/app/intake-responses.ts',
    'src/app/initialize-workbook.ts',
    'test/fakes/memory-workbook.ts',
    'test/fakes/large-campaign.ts',
  ]);
  const units = rebuild.largeCampaignUnits(REBUILD_UNITS);
  const responses = rebuild.largeCampaignResponses(units, RESPONSES_PER_UNIT_AND_PERIOD);
  const rebuildMs = [];
  let registered = 0;
  for (let run = 0; run < REBUILD_RUNS; run += 1) {
    const workbook = new rebuild.MemoryWorkbook();
    workbook.write(
      rebuild.initialSheets({
        units,
        responseHeaders: { plan: ['Dấu thời gian'], report: ['Dấu thời gian'] },
      }),
    );
    rebuildMs.push(
      cpuMs(() => {
        registered = rebuild.intakeResponses({ workbook, lock, now: () => asOf }, sourceOf(responses), {
          asOf,
          rebuild: true,
        }).registered.length;
      }),
    );
  }
  if (registered !== responses.length) {
    throw new Error(`the rebuild registered ${registered} of ${responses.length} responses`);
  }

  return [
    {
      measure: 'Spreadsheet calls, one submission + consolidation, 100 units (SpreadsheetApp)',
      value: small,
      unit: 'calls',
    },
    {
      measure: 'Spreadsheet calls, one submission + consolidation, 2,000 units (SpreadsheetApp)',
      value: large,
      unit: 'calls',
    },
    {
      measure:
        'Sheets calls, one submission + consolidation, 100 units (Advanced Sheets, used in Apps Script)',
      value: advancedSmall,
      unit: 'calls',
    },
    {
      measure: 'Sheets calls, one submission + consolidation, 2,000 units (Advanced Sheets; issue goal: 12)',
      value: advancedLarge,
      unit: 'calls',
      goal: { below: 13 },
    },
    {
      measure: 'submission calls that grow with the units (2,000 − 100)',
      value: Math.max(large - small, advancedLarge - advancedSmall),
      unit: 'calls',
      goal: { below: 1 },
    },
    {
      measure: `CPU, rebuild of ${responses.length.toLocaleString('en')} responses in memory (median of ${REBUILD_RUNS})`,
      value: median(rebuildMs),
      unit: 'ms',
      goal: { below: 1000 },
    },
  ];
}
