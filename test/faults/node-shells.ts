// The two Node shells under the fault harness, on an .xlsx file and on the local Sheets API
// server, with every port wrapped. A workbook starts as `hannop init` leaves it with three units
// and their demo responses, on the morning after the plan's deadline: responses to register,
// reminders and a digest to send. Each scenario (test/faults/node-scenarios.ts) says what happened
// before the execution under test, cleanly, and what that execution is.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initializeWorkbook } from '../../src/app/initialize-workbook';
import { responseSheetHeaders } from '../../src/domain/forms';
import { CONFIG_COLUMNS, SHEET, columnsOf } from '../../src/domain/layout';
import type { CellValue } from '../../src/domain/table';
import { vietnamInstant } from '../../src/domain/time';
import type { Unit } from '../../src/domain/units';
import { runDailyJobAndSave, type SavedWorkbook } from '../../src/node/commands/run-and-save';
import { FileMailJournal } from '../../src/node/file-mail-journal';
import { SheetsApiWorkbook } from '../../src/node/sheets-api-workbook';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';
import type { MailJournal, SheetWrite } from '../../src/ports';
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
export const UNITS: readonly Unit[] = inventedUnits(3);

export interface NodeWorld {
  readonly directory: string;
  readonly mailer: RecordingMailer;
  readonly journal: FileMailJournal;
  open(): Promise<SavedWorkbook>;
  close(): Promise<void>;
}

/** What happened before the execution under test: done cleanly, once per world or once per shell. */
export interface Preparation {
  open(): Promise<SavedWorkbook>;
  readonly journal: MailJournal;
  /** A folder for the files the officer works with (a CSV export). */
  readonly directory: string;
}

export interface NodeScenario {
  readonly name: string;
  /** The response rows `hannop init` writes (the demo's, or some of them). */
  readonly responseRows: { readonly plan: CellValue[][]; readonly report: CellValue[][] };
  /** What happened before, cleanly: a first run, a decision typed in `Bài nộp`… */
  prepare?(preparation: Preparation): Promise<void>;
  /** What happened before that is outside the workbook file (Google Forms writing a response). */
  arrive?(open: () => Promise<SavedWorkbook>): Promise<void>;
  /** The execution under test (`counter` null: the clean rerun), the same command(s) both times. */
  execute(world: NodeWorld, counter: FaultCounter | null, directory: string): Promise<void>;
}

function seedWrites(scenario: NodeScenario): (workbook: SavedWorkbook) => void {
  return (workbook) => {
    initializeWorkbook(workbook, {
      units: UNITS,
      responseHeaders: responseSheetHeaders(),
      responseRows: scenario.responseRows,
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

/** The daily run (what `hannop run` does) as of `asOf`, its ports wrapped with `counter` when given. */
export async function dailyRun(world: NodeWorld, counter: FaultCounter | null, asOf = AS_OF): Promise<void> {
  const opened = await world.open();
  const clock = { now: () => asOf };
  if (!counter) {
    await runDailyJobAndSave(opened, asOf, world.mailer, { now: clock.now, journal: world.journal });
    return;
  }
  const workbook = faultyWorkbook(opened, counter);
  const now = faultyClock(clock, counter);
  await runDailyJobAndSave(workbook, asOf, faultyMailer(world.mailer, counter), {
    now: () => now.now(),
    journal: faultyJournal(world.journal, counter),
  });
}

/** A clean daily run whose mail is not counted: what happened before the scenario. */
export async function earlierRun(preparation: Preparation, asOf: Date): Promise<void> {
  await runDailyJobAndSave(await preparation.open(), asOf, new RecordingMailer(), {
    now: () => asOf,
    journal: preparation.journal,
  });
}

function nodeShell(
  shell: string,
  scenario: NodeScenario,
  directory: string,
  makeWorld: () => Promise<NodeWorld>,
): FaultShell<NodeWorld> {
  return {
    shell,
    scenario: scenario.name,
    setUp: makeWorld,
    execute: (world, counter) => scenario.execute(world, counter, directory),
    rerun: (world) => scenario.execute(world, null, directory),
    observe: async (world) => observe((await world.open()).read(OBSERVED_SHEETS)),
    sent: (world) => world.mailer.sent.map((mail) => mail.key ?? mail.subject),
    tearDown: (world) => world.close(),
  };
}

/** The .xlsx shell: a seed file made and prepared once, copied for each world. */
export async function xlsxShell(
  scenario: NodeScenario,
): Promise<FaultShell<NodeWorld> & { dispose(): void }> {
  const base = mkdtempSync(join(tmpdir(), 'hannop-faults-xlsx-'));
  const seedPath = join(base, 'seed.xlsx');
  const seed = XlsxWorkbook.createEmpty();
  seedWrites(scenario)(seed);
  await seed.saveAs(seedPath);
  const open = () => XlsxWorkbook.open(seedPath);
  await scenario.prepare?.({
    open,
    journal: new FileMailJournal(join(base, 'seed.journal')),
    directory: base,
  });
  await scenario.arrive?.(open);
  let worlds = 0;
  return {
    ...nodeShell('.xlsx', scenario, base, async () => {
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

/**
 * The Sheets API shell: one fake server, seeded as `hannop init` would and prepared once; each
 * world starts from a snapshot of that spreadsheet.
 */
export function sheetsApiShell(scenario: NodeScenario): FaultShell<NodeWorld> & { dispose(): Promise<void> } {
  const base = mkdtempSync(join(tmpdir(), 'hannop-faults-api-'));
  const fake = new FakeSheetsApi();
  const noWait = { sleep: async () => undefined };
  let worlds = 0;
  let seeded: Promise<{ open: () => Promise<SavedWorkbook>; snapshot: unknown }> | null = null;
  const seed = async () => {
    const api = fixedTokenClient(fake, await fake.start());
    const setup = await SheetsApiWorkbook.open(api, fake.spreadsheetId, noWait);
    seedWrites(scenario)(setup);
    await setup.save();
    const open = () =>
      SheetsApiWorkbook.open(api, fake.spreadsheetId, { ...noWait, maxRetries: 2, maxRequests: 5 });
    const journal = new FileMailJournal(join(base, 'seed.mail-journal'));
    await scenario.prepare?.({ open, journal, directory: base });
    await scenario.arrive?.(open);
    return { open, snapshot: fake.snapshot() };
  };
  return {
    ...nodeShell('Sheets API', scenario, base, async () => {
      seeded ??= seed();
      const { open, snapshot } = await seeded;
      fake.restore(snapshot);
      worlds += 1;
      const journal = new FileMailJournal(join(base, `${worlds}.mail-journal`));
      return { directory: base, mailer: new RecordingMailer(), journal, open, close: async () => undefined };
    }),
    dispose: async () => {
      await fake.close();
      rmSync(base, { recursive: true, force: true });
    },
  };
}

/** Writes a file the officer works with into the shell's folder (once per shell). */
export function officerFile(directory: string, name: string, text: string): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}
