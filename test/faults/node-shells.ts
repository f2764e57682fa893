// The two Node shells under the fault harness: the daily run (`runDailyJobAndSave`, what `hannop
// run` does) on an .xlsx file and on the local Sheets API server, with every port wrapped. A
// workbook starts as `hannop init` leaves it with three units and their demo responses, on the
// morning after the plan's deadline: responses to register, reminders and a digest to send.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initializeWorkbook } from '../../src/app/initialize-workbook';
import { demoResponseRows } from '../../src/demo/responses';
import { responseSheetHeaders } from '../../src/domain/forms';
import { CONFIG_COLUMNS, SHEET, columnsOf } from '../../src/domain/layout';
import { vietnamInstant } from '../../src/domain/time';
import { runDailyJobAndSave, type SavedWorkbook } from '../../src/node/commands/run-and-save';
import { FileMailJournal } from '../../src/node/file-mail-journal';
import { SheetsApiWorkbook } from '../../src/node/sheets-api-workbook';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';
import type { SheetWrite } from '../../src/ports';
import { FILLED_CONFIG_ROWS } from '../fakes/config-rows';
import { RecordingMailer } from '../fakes/recording-mailer';
import { fixedTokenClient, inventedUnits } from '../fakes/sheets-api-daily-run';
import { FakeSheetsApi } from '../fakes/sheets-api-server';
import {
  faultyClock,
  faultyJournal,
  faultyMailer,
  faultyWorkbook,
  observe,
  OBSERVED_SHEETS,
  type FaultCounter,
  type FaultShell,
} from './port-faults';

export const AS_OF = vietnamInstant('2023-04-04', 8);
const UNIT_COUNT = 3;

function seedWrites(): (workbook: SavedWorkbook) => void {
  const units = inventedUnits(UNIT_COUNT);
  return (workbook) => {
    initializeWorkbook(workbook, {
      units,
      responseHeaders: responseSheetHeaders(),
      responseRows: demoResponseRows(units),
    });
    const contact: SheetWrite = {
      kind: 'replace',
      sheet: SHEET.config,
      headers: columnsOf(CONFIG_COLUMNS),
      rows: FILLED_CONFIG_ROWS.map((row) => [row.key, row.value, row.note]),
    };
    workbook.write([contact]);
  };
}

interface NodeWorld {
  readonly directory: string;
  readonly mailer: RecordingMailer;
  readonly journal: FileMailJournal;
  open(): Promise<SavedWorkbook>;
  close(): Promise<void>;
}

async function dailyRun(world: NodeWorld, counter: FaultCounter | null): Promise<void> {
  const opened = await world.open();
  const clock = { now: () => AS_OF };
  if (!counter) {
    await runDailyJobAndSave(opened, AS_OF, world.mailer, { now: clock.now, journal: world.journal });
    return;
  }
  const workbook = faultyWorkbook(opened, counter);
  const now = faultyClock(clock, counter);
  await runDailyJobAndSave(workbook, AS_OF, faultyMailer(world.mailer, counter), {
    now: () => now.now(),
    journal: faultyJournal(world.journal, counter),
  });
}

function nodeShell(shell: string, makeWorld: () => Promise<NodeWorld>): FaultShell<NodeWorld> {
  return {
    shell,
    scenario: 'chạy hằng ngày',
    setUp: makeWorld,
    execute: (world, counter) => dailyRun(world, counter),
    rerun: (world) => dailyRun(world, null),
    observe: async (world) => observe((await world.open()).read(OBSERVED_SHEETS)),
    sent: (world) => world.mailer.sent.map((mail) => mail.key ?? mail.subject),
    tearDown: (world) => world.close(),
  };
}

/** The .xlsx shell: a seed file made once, copied for each world. */
export async function xlsxShell(): Promise<FaultShell<NodeWorld> & { dispose(): void }> {
  const base = mkdtempSync(join(tmpdir(), 'hannop-faults-xlsx-'));
  const seedPath = join(base, 'seed.xlsx');
  const seed = XlsxWorkbook.createEmpty();
  seedWrites()(seed);
  await seed.saveAs(seedPath);
  let worlds = 0;
  return {
    ...nodeShell('.xlsx', async () => {
      worlds += 1;
      const directory = join(base, `w${worlds}`);
      mkdirSync(directory);
      const path = join(directory, 'w.xlsx');
      copyFileSync(seedPath, path);
      return {
        directory,
        mailer: new RecordingMailer(),
        journal: new FileMailJournal(`${path}.mail-journal`),
        open: () => XlsxWorkbook.open(path),
        close: async () => undefined,
      };
    }),
    dispose: () => rmSync(base, { recursive: true, force: true }),
  };
}

/** The Sheets API shell: a fake server per world, seeded as `hannop init` would. */
export function sheetsApiShell(): FaultShell<NodeWorld> & { dispose(): void } {
  const base = mkdtempSync(join(tmpdir(), 'hannop-faults-api-'));
  let worlds = 0;
  return {
    ...nodeShell('Sheets API', async () => {
      worlds += 1;
      const fake = new FakeSheetsApi();
      const rootUrl = await fake.start();
      const api = fixedTokenClient(fake, rootUrl);
      const noWait = { sleep: async () => undefined };
      const setup = await SheetsApiWorkbook.open(api, fake.spreadsheetId, noWait);
      seedWrites()(setup);
      await setup.save();
      return {
        directory: base,
        mailer: new RecordingMailer(),
        journal: new FileMailJournal(join(base, `${worlds}.mail-journal`)),
        open: () =>
          SheetsApiWorkbook.open(api, fake.spreadsheetId, { ...noWait, maxRetries: 2, maxRequests: 5 }),
        close: () => fake.close(),
      };
    }),
    dispose: () => rmSync(base, { recursive: true, force: true }),
  };
}
