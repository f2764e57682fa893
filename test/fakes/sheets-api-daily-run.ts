// One daily run of the remote shell (`hannop run --spreadsheet`) against the fake Sheets API
// server, on a spreadsheet set up with `unitCount` invented units and their form responses: what
// the bench reports and a test pins (the HTTP requests of a routine daily run must not grow with
// the number of units, nor any request pass 2 MB), and the same days on a MemoryWorkbook beside it.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { google } from 'googleapis';
import { initializeWorkbook } from '../../src/app/initialize-workbook';
import { demoResponseRows } from '../../src/demo/responses';
import { demoUnits } from '../../src/demo/units';
import type { FormFact } from '../../src/domain/form-facts';
import { responseSheetHeaders } from '../../src/domain/forms';
import { CONFIG_COLUMNS, SHEET, columnsOf } from '../../src/domain/layout';
import { FILLED_CONFIG_ROWS } from './config-rows';
import { vietnamInstant } from '../../src/domain/time';
import type { Unit } from '../../src/domain/units';
import { sheetsClient } from '../../src/node/google-credentials';
import { remoteRunCommand } from '../../src/node/commands/remote-run';
import { SheetsApiWorkbook } from '../../src/node/sheets-api-workbook';
import { runDailyJob } from '../../src/node/commands/run';
import type { CellValue, Mailer, Table } from '../../src/ports';
import { MemoryJournal } from './memory-journal';
import { MemoryWorkbook } from './memory-workbook';
import { FakeSheetsApi, type RecordedRequest } from './sheets-api-server';
import { registeredServiceAccountKey } from './service-account-key';

/** `count` units made from the 60 demo units, each with its own code and address. */
export function inventedUnits(count: number): Unit[] {
  const demo = demoUnits(60);
  return Array.from({ length: count }, (_, index) => {
    const base = demo[index % demo.length] as Unit;
    const serial = String(index + 1).padStart(4, '0');
    return {
      ...base,
      code: `${base.code.replace(/\d+$/, '')}${serial}`,
      name: index < demo.length ? base.name : `${base.name} ${serial}`,
      emails: [`dv${serial}@demo.example.edu.vn`],
      rowNumber: index + 2,
    };
  });
}

export interface RemoteDailyRunFigures {
  readonly requests: readonly RecordedRequest['kind'][];
  /** The body of each request in UTF-8 bytes, in the same order. */
  readonly requestBytes: readonly number[];
  readonly registered: number;
  readonly sent: number;
  readonly queued: number;
  readonly mailLogRows: number;
  readonly rerun?: {
    readonly registered: number;
    readonly sent: number;
    readonly requestBytes: readonly number[];
  };
}

/** A client with a token that does not expire: nothing goes to Google's token endpoint. */
export function fixedTokenClient(fake: FakeSheetsApi, rootUrl: string) {
  const auth = new google.auth.OAuth2();
  auth.setCredentials({ access_token: fake.tokens.issueAccessToken(), expiry_date: Date.now() + 3600_000 });
  return sheetsClient(auth, rootUrl);
}

/** A fake spreadsheet set up as `hannop init` would, with `unitCount` units and their demo responses; requests not counted. */
export async function seededFake(
  unitCount: number,
  options: { readonly formFacts?: readonly FormFact[] } = {},
): Promise<{ fake: FakeSheetsApi; rootUrl: string }> {
  const fake = new FakeSheetsApi();
  const rootUrl = await fake.start();
  const units = inventedUnits(unitCount);
  const setup = await SheetsApiWorkbook.open(fixedTokenClient(fake, rootUrl), fake.spreadsheetId);
  initializeWorkbook(setup, {
    units,
    responseHeaders: responseSheetHeaders(),
    responseRows: demoResponseRows(units),
    ...(options.formFacts ? { formFacts: options.formFacts } : {}),
  });
  // A department's real contact: SMTP mail is refused while the example one stands.
  setup.write([
    {
      kind: 'replace',
      sheet: SHEET.config,
      headers: columnsOf(CONFIG_COLUMNS),
      rows: FILLED_CONFIG_ROWS.map((row) => [row.key, row.value, row.note]),
    },
  ]);
  await setup.save();
  fake.requests.length = 0;
  return { fake, rootUrl };
}

/** `hannop run --spreadsheet` against the local server as of `asOf`, mail to `mailer`. */
function remoteRunAt(
  fake: FakeSheetsApi,
  rootUrl: string,
  credentialsPath: string,
  asOf: Date,
  mailer: Mailer,
): ReturnType<typeof remoteRunCommand> {
  return remoteRunCommand({
    spreadsheetId: fake.spreadsheetId,
    credentialsPath,
    asOf,
    now: () => asOf,
    smtp: { kind: 'smtp', url: 'smtp://localhost:2525', shown: 'smtp://localhost:2525' },
    mailer,
    sheetsApiRootUrl: rootUrl,
  });
}

/**
 * `hannop run --spreadsheet` as the command line runs it (service-account key, SMTP mailer
 * replaced by one that records), on the morning after the plan's deadline: responses to register,
 * reminders and a digest to send. With `rerun`, the same run a second time, as a second scheduler
 * would: what it registers and sends again.
 */
export async function remoteDailyRun(
  unitCount: number,
  options: { readonly rerun?: boolean } = {},
): Promise<RemoteDailyRunFigures> {
  const { fake, rootUrl } = await seededFake(unitCount);
  const directory = mkdtempSync(join(tmpdir(), 'hannop-remote-'));
  try {
    const credentialsPath = join(directory, 'khoa.json');
    writeFileSync(credentialsPath, JSON.stringify(registeredServiceAccountKey(fake, rootUrl)));
    const asOf = vietnamInstant('2023-04-04', 8);
    const mailer: Mailer = { remainingDailyQuota: () => 100000, send: () => undefined };
    const run = () => remoteRunAt(fake, rootUrl, credentialsPath, asOf, mailer);
    const { summary } = await run();
    const figures = {
      requests: fake.requests.map((request) => request.kind),
      requestBytes: fake.requests.map((request) => request.bytes),
      registered: summary.intake.registered.length,
      sent: summary.mail.sent,
      queued: summary.mail.queued,
      mailLogRows: Math.max(0, fake.values('Nhật ký thư').length - 1),
    };
    if (!options.rerun) return figures;
    const rerunFrom = fake.requests.length;
    const again = (await run()).summary;
    return {
      ...figures,
      rerun: {
        registered: again.intake.registered.length,
        sent: again.mail.sent,
        requestBytes: fake.requests.slice(rerunFrom).map((request) => request.bytes),
      },
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
    await fake.close();
  }
}

/** A sheet's cells as a test compares them: dates to the second (a serial number is not exact). */
export type ComparableSheet = readonly (readonly (string | number | boolean | null)[])[];

function comparable(table: {
  headers: readonly string[];
  rows: readonly (readonly CellValue[])[];
}): ComparableSheet {
  const cell = (value: CellValue | undefined) =>
    value instanceof Date ? `@${Math.round(value.getTime() / 1000)}` : (value ?? null);
  const rows = [
    table.headers.map(cell),
    ...table.rows.map((row) => table.headers.map((_, index) => cell(row[index]))),
  ];
  while (rows.length > 1 && (rows[rows.length - 1] as unknown[]).every((value) => value === null)) rows.pop();
  return rows;
}

export interface SideBySideDay {
  /** Every sheet of the spreadsheet after the remote run, read back through the API. */
  readonly remote: ReadonlyMap<string, ComparableSheet>;
  /** The same day's job on an in-memory workbook, where every write lands whole. */
  readonly memory: ReadonlyMap<string, ComparableSheet>;
  readonly requestBytes: readonly number[];
}

/**
 * `days` daily runs of the remote shell (as `remoteDailyRun`, the second one the same day) next to
 * the same job on a MemoryWorkbook seeded alike: what the remote save's changed rows left in the
 * spreadsheet, against a workbook where every replace is the whole table.
 */
export async function remoteBesideMemory(
  unitCount: number,
  days: number,
  /** What a person does in the spreadsheet before the run of day `day` (0 the first). */
  beforeDay: (fake: FakeSheetsApi, day: number) => void = () => undefined,
): Promise<SideBySideDay[]> {
  const { fake, rootUrl } = await seededFake(unitCount);
  const units = inventedUnits(unitCount);
  const memory = new MemoryWorkbook();
  initializeWorkbook(memory, {
    units,
    responseHeaders: responseSheetHeaders(),
    responseRows: demoResponseRows(units),
  });
  memory.write([
    {
      kind: 'replace',
      sheet: SHEET.config,
      headers: columnsOf(CONFIG_COLUMNS),
      rows: FILLED_CONFIG_ROWS.map((row) => [row.key, row.value, row.note]),
    },
  ]);
  const journal = new MemoryJournal();
  const directory = mkdtempSync(join(tmpdir(), 'hannop-remote-'));
  try {
    const credentialsPath = join(directory, 'khoa.json');
    writeFileSync(credentialsPath, JSON.stringify(registeredServiceAccountKey(fake, rootUrl)));
    const mailer: Mailer = { remainingDailyQuota: () => 100000, send: () => undefined };
    const result: SideBySideDay[] = [];
    for (let day = 0; day < days; day += 1) {
      // Each morning from the one after the plan's deadline.
      const asOf = new Date(vietnamInstant('2023-04-04', 8).getTime() + day * 24 * 60 * 60 * 1000);
      beforeDay(fake, day);
      const from = fake.requests.length;
      await remoteRunAt(fake, rootUrl, credentialsPath, asOf, mailer);
      const requestBytes = fake.requests.slice(from).map((request) => request.bytes);
      runDailyJob(memory, asOf, mailer, { now: () => asOf, journal });
      const names = fake.sheetTitles().filter((name) => memory.table(name));
      const readBack = (
        await SheetsApiWorkbook.open(fixedTokenClient(fake, rootUrl), fake.spreadsheetId)
      ).read(names);
      result.push({
        remote: new Map(names.map((name) => [name, comparable(readBack.get(name) as Table)])),
        memory: new Map(names.map((name) => [name, comparable(memory.table(name) as Table)])),
        requestBytes,
      });
    }
    return result;
  } finally {
    rmSync(directory, { recursive: true, force: true });
    await fake.close();
  }
}
