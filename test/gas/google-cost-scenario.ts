// The campaign `npm run bench -- --json google-cost` measures (scripts/bench/google-cost.mjs) and
// test/gas/daily-run-cost.test.ts holds to its goals: units whose responses wait for the daily
// run, which registers them; a day later one more response comes through its trigger, and the
// routine daily run is the one measured. One module, so the bench loads one copy of the fakes.
import { mailForecastMaxPerDay } from '../../src/domain/mail-forecast';
import type { Unit } from '../../src/domain/units';
import { runConsolidate, runRebuild } from '../../src/gas/menu-handlers';
import { handleDailyRun } from '../../src/gas/trigger-handlers';
import { periods2023 } from '../fakes/campaign-fixture';
import { MAIL_CONFIG } from '../fakes/mail-fixture';
import { makeGasWorld, manyUnits, submitPlan, type GasWorld } from './gas-world';
import { ServiceMeter } from './service-meter';

/** `unitCount` units with `perUnit` responses each, registered by a first daily run; the clock at the next run. */
export function campaignWorld(unitCount: number, perUnit: number, meter?: ServiceMeter): GasWorld {
  const world = makeGasWorld({ units: manyUnits(unitCount), ...(meter ? { meter } : {}) });
  world.setDelivering(false);
  for (let round = 0; round < perUnit; round += 1) {
    world.units.forEach((unit, index) => {
      const minute = String(index % 60).padStart(2, '0');
      submitPlan(world, unit, `2023-03-2${6 + round}T1${Math.floor(index / 60) % 10}:${minute}`);
    });
  }
  world.setDelivering(true);
  world.setNow('2023-03-30T07:00');
  handleDailyRun(world.services());
  // A day later one more response came through its trigger; the routine run follows.
  world.mailApp.nextDay();
  world.setNow('2023-03-31T09:00:05');
  submitPlan(world, world.units[0] as Unit, '2023-03-31T09:00');
  world.setNow('2023-04-01T07:00');
  return world;
}

/** CPU milliseconds of the routine daily run (the bench runs it in a process of its own). */
export function dailyRunCpuMs(unitCount: number): number {
  const world = campaignWorld(unitCount, 1);
  const before = process.cpuUsage();
  handleDailyRun(world.services());
  const used = process.cpuUsage(before);
  return Math.round((used.user + used.system) / 1000);
}

export const RESPONSES_PER_UNIT = 3;

/** Every figure of the bench's google-cost section but the CPU, at `unitCount` units. */
export function measureGoogleCost(unitCount: number) {
  // One submission, after a first one made the sheets.
  const submissionMeter = new ServiceMeter();
  const fresh = makeGasWorld({ units: manyUnits(unitCount), meter: submissionMeter });
  fresh.setNow('2023-03-28T09:00:05');
  submitPlan(fresh, fresh.units[1] as Unit, '2023-03-28T09:00');
  fresh.setNow('2023-03-28T09:30:05');
  submissionMeter.reset();
  submitPlan(fresh, fresh.units[0] as Unit, '2023-03-28T09:30');
  const submission = submissionMeter.reading();

  const meter = new ServiceMeter();
  const campaign = campaignWorld(unitCount, RESPONSES_PER_UNIT, meter);
  meter.reset();
  handleDailyRun(campaign.services());
  const daily = meter.reading();
  const messages = daily.byMethod['MailApp.sendEmail'] ?? 0;
  meter.reset();
  runConsolidate(campaign.services());
  const consolidation = meter.reading();
  meter.reset();
  runRebuild(campaign.services());
  const rebuild = meter.reading();

  return {
    submissionCalls: submission.total,
    submissionBytes: Math.max(0, ...submission.writeBytes),
    // Each message costs its sendEmail and its note in the send journal, whatever else the run does.
    dailyRunCalls: daily.total - 2 * messages,
    dailyRunMessages: messages,
    dailyRunMaxRequestBytes: Math.max(0, ...daily.writeBytes),
    dailyRunReadBytes: daily.readBytes.reduce((sum, bytes) => sum + bytes, 0),
    consolidationCalls: consolidation.total,
    consolidationMaxRequestBytes: Math.max(0, ...consolidation.writeBytes),
    rebuildResponses: unitCount * RESPONSES_PER_UNIT + 1,
    rebuildCalls: rebuild.total,
    mailForecastMaxPerDay: mailForecastMaxPerDay(
      { config: MAIL_CONFIG, periods: periods2023() },
      campaign.units,
    ),
  };
}

/** One `Spreadsheets.batchUpdate`: its bytes, and the bytes of its requests by the sheet they write. */
export interface WriteBatch {
  readonly bytes: number;
  readonly bySheet: ReadonlyMap<string, number>;
}

function sheetIdOf(request: GoogleAppsScript.Sheets.Schema.Request): number | undefined {
  const cells = request.updateCells;
  return (
    request.repeatCell?.range?.sheetId ??
    cells?.start?.sheetId ??
    cells?.range?.sheetId ??
    request.appendDimension?.sheetId
  );
}

/** Records every batchUpdate the world's Advanced Sheets service takes from now on; `batches()` reads them. */
export function recordWriteBatches(world: GasWorld): { batches(): WriteBatch[] } {
  const recorded: { bytes: number; bySheetId: Map<number, number> }[] = [];
  const api = world.advancedSheets.Spreadsheets;
  const batchUpdate = api.batchUpdate.bind(api);
  api.batchUpdate = (resource, spreadsheetId) => {
    const bySheetId = new Map<number, number>();
    (resource.requests ?? []).forEach((request) => {
      const sheetId = sheetIdOf(request);
      if (sheetId !== undefined)
        bySheetId.set(sheetId, (bySheetId.get(sheetId) ?? 0) + Buffer.byteLength(JSON.stringify(request)));
    });
    recorded.push({ bytes: Buffer.byteLength(JSON.stringify(resource)), bySheetId });
    return batchUpdate(resource, spreadsheetId);
  };
  return {
    batches() {
      const properties = api.get(world.sheets.spreadsheet.spreadsheetId, {
        fields: 'sheets.properties(sheetId,title)',
      });
      const titles = new Map(
        (properties.sheets ?? []).map((sheet) => [
          sheet.properties?.sheetId ?? 0,
          sheet.properties?.title ?? '',
        ]),
      );
      return recorded.map(({ bytes, bySheetId }) => ({
        bytes,
        bySheet: new Map(
          [...bySheetId].map(([sheetId, sheetBytes]) => [titles.get(sheetId) ?? '', sheetBytes]),
        ),
      }));
    },
  };
}

/** The batchUpdates of the routine daily run at `unitCount` units (`scripts/daily-writes.mjs` prints them). */
export function dailyRunWrites(unitCount: number): WriteBatch[] {
  const world = campaignWorld(unitCount, RESPONSES_PER_UNIT);
  const recorder = recordWriteBatches(world);
  handleDailyRun(world.services());
  return recorder.batches();
}
