// One daily run of the remote shell (`hannop run --spreadsheet`) against the fake Sheets API
// server, on a spreadsheet set up with `unitCount` invented units and their form responses: what
// the bench reports and a test pins (the HTTP requests of a daily run must not grow with the
// number of units).

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
import type { Mailer } from '../../src/ports';
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
  readonly registered: number;
  readonly sent: number;
  readonly queued: number;
  readonly mailLogRows: number;
  readonly rerun?: { readonly registered: number; readonly sent: number };
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
    const run = () =>
      remoteRunCommand({
        spreadsheetId: fake.spreadsheetId,
        credentialsPath,
        asOf,
        now: () => asOf,
        smtp: { kind: 'smtp', url: 'smtp://localhost:2525', shown: 'smtp://localhost:2525' },
        mailer,
        sheetsApiRootUrl: rootUrl,
      });
    const { summary } = await run();
    const figures = {
      requests: fake.requests.map((request) => request.kind),
      registered: summary.intake.registered.length,
      sent: summary.mail.sent,
      queued: summary.mail.queued,
      mailLogRows: Math.max(0, fake.values('Nhật ký thư').length - 1),
    };
    if (!options.rerun) return figures;
    const again = (await run()).summary;
    return { ...figures, rerun: { registered: again.intake.registered.length, sent: again.mail.sent } };
  } finally {
    rmSync(directory, { recursive: true, force: true });
    await fake.close();
  }
}
