// One daily run of the remote shell against the fake Sheets API server, on a spreadsheet set up
// with `unitCount` invented units and their form responses: what the bench reports and a test
// pins (the HTTP requests a daily job costs must not grow with the number of units).

import { google } from 'googleapis';
import { runDaily } from '../../src/app/daily-run';
import { initializeWorkbook } from '../../src/app/initialize-workbook';
import { sheetResponseSource } from '../../src/app/sheet-response-source';
import { demoResponseRows } from '../../src/demo/responses';
import { demoUnits } from '../../src/demo/units';
import { responseSheetHeaders } from '../../src/domain/forms';
import { vietnamInstant } from '../../src/domain/time';
import type { Unit } from '../../src/domain/units';
import { sheetsClient } from '../../src/node/google-credentials';
import { heldLock } from '../../src/node/local-lock';
import { SheetsApiWorkbook } from '../../src/node/sheets-api-workbook';
import type { Mailer } from '../../src/ports';
import { FakeSheetsApi, type RecordedRequest } from './sheets-api-server';

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
export function fixedTokenClient(rootUrl: string) {
  const auth = new google.auth.OAuth2();
  auth.setCredentials({ access_token: 'ya29.test-token', expiry_date: Date.now() + 3600_000 });
  return sheetsClient(auth, rootUrl);
}

/** A fake spreadsheet set up as `hannop init` would, with `unitCount` units and their demo responses; requests not counted. */
export async function seededFake(unitCount: number): Promise<{ fake: FakeSheetsApi; rootUrl: string }> {
  const fake = new FakeSheetsApi();
  const rootUrl = await fake.start();
  const units = inventedUnits(unitCount);
  const setup = await SheetsApiWorkbook.open(fixedTokenClient(rootUrl), fake.spreadsheetId);
  initializeWorkbook(setup, {
    units,
    responseHeaders: responseSheetHeaders(),
    responseRows: demoResponseRows(units),
  });
  await setup.save();
  fake.requests.length = 0;
  return { fake, rootUrl };
}

/** With `rerun`, the same run a second time (as a second scheduler would): what it registers and sends again. */
export async function remoteDailyRun(
  unitCount: number,
  options: { readonly rerun?: boolean } = {},
): Promise<RemoteDailyRunFigures> {
  const { fake, rootUrl } = await seededFake(unitCount);
  const api = fixedTokenClient(rootUrl);
  try {
    // The morning after the plan's deadline: responses to register, reminders and a digest to send.
    const asOf = vietnamInstant('2023-04-04', 8);
    const sent: string[][] = [];
    const mailer: Mailer = {
      remainingDailyQuota: () => 100000,
      send: (mail) => void sent.push([...mail.to]),
    };
    const dailyRun = async () => {
      const workbook = await SheetsApiWorkbook.open(api, fake.spreadsheetId);
      const summary = runDaily(
        { workbook, lock: heldLock, mailer, clock: { now: () => asOf } },
        sheetResponseSource,
        { asOf, sendUntil: new Date(asOf.getTime() + 5 * 60 * 1000) },
      );
      await workbook.save();
      return summary;
    };
    const summary = await dailyRun();
    const figures = {
      requests: fake.requests.map((request) => request.kind),
      registered: summary.intake.registered.length,
      sent: summary.mail.sent,
      queued: summary.mail.queued,
      mailLogRows: Math.max(0, fake.values('Nhật ký thư').length - 1),
    };
    if (!options.rerun) return figures;
    const again = await dailyRun();
    return { ...figures, rerun: { registered: again.intake.registered.length, sent: again.mail.sent } };
  } finally {
    await fake.close();
  }
}
