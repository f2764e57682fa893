// A row of `Gia hạn` moves one unit's due moment through the Node shells: the .xlsx command line
// (`hannop status --json`) and the Sheets API shell (`hannop run --spreadsheet`, against the local
// API server). The unit chosen is one the plain deadline leaves overdue.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_COLUMNS, SHEET, columnsOf } from '../../src/domain/layout';
import type { StatusReport } from '../../src/domain/status-report';
import { vietnamInstant } from '../../src/domain/time';
import { remoteRunCommand } from '../../src/node/commands/remote-run';
import { SheetsApiWorkbook } from '../../src/node/sheets-api-workbook';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';
import { fixedTokenClient, seededFake } from '../fakes/sheets-api-daily-run';
import { registeredServiceAccountKey } from '../fakes/service-account-key';
import { runCli, type CliOutcome } from './cli-runner';

jest.setTimeout(120_000);

const PERIOD = 'KH-2023';
const PLAN_DUE = '2023-03-30T23:59:59.999+07:00';
const NEW_DUE = '2023-04-15T23:59:59.999+07:00';

function extensionWrite(unitCode: string) {
  return {
    kind: 'replace' as const,
    sheet: SHEET.extensions,
    headers: columnsOf(EXTENSION_COLUMNS),
    rows: [[unitCode, PERIOD, '15/04/2023', 'Trường bị ngập, mất điện', 'Trưởng phòng']],
  };
}

type UnitPeriods = StatusReport['units'][number]['periods'];

function overdueUnit(report: StatusReport): string {
  const unit = report.units.find((each) => each.periods[PERIOD]?.status === 'overdue');
  if (!unit) throw new Error('the demo has no overdue unit');
  return unit.code;
}

function periodOf(report: StatusReport, code: string): UnitPeriods[string] | undefined {
  return report.units.find((unit) => unit.code === code)?.periods[PERIOD];
}

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hannop-extension-'));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('`Gia hạn` through the .xlsx shell', () => {
  function hannop(...argv: string[]): Promise<CliOutcome> {
    return runCli(argv, { now: () => vietnamInstant('2023-04-05', 9), cwd: dir });
  }

  it('status --json gives the extended unit its new due moment and `extended: true`, the others the plan’s', async () => {
    expect((await hannop('init', '--workbook', 'w.xlsx', '--demo')).code).toBe(0);
    const before = JSON.parse(
      (await hannop('status', '--workbook', 'w.xlsx', '--json')).stdout,
    ) as StatusReport;
    const code = overdueUnit(before);
    expect(periodOf(before, code)).toMatchObject({ dueAt: PLAN_DUE, extended: false, status: 'overdue' });

    const workbook = await XlsxWorkbook.open(join(dir, 'w.xlsx'));
    workbook.write([extensionWrite(code)]);
    await workbook.save();

    const outcome = await hannop('status', '--workbook', 'w.xlsx', '--json');
    expect(outcome.stderr).toBe('');
    const after = JSON.parse(outcome.stdout) as StatusReport;
    expect(periodOf(after, code)).toMatchObject({ dueAt: NEW_DUE, extended: true, status: 'pending' });
    const others = after.units.filter((unit) => unit.code !== code).map((unit) => unit.periods[PERIOD]);
    expect(others.every((period) => period?.dueAt === PLAN_DUE && period.extended === false)).toBe(true);
  });

  it('refuses a row naming an unknown unit, with the sheet, row and column', async () => {
    expect((await hannop('init', '--workbook', 'w.xlsx', '--demo')).code).toBe(0);
    const workbook = await XlsxWorkbook.open(join(dir, 'w.xlsx'));
    workbook.write([extensionWrite('KHONGCO')]);
    await workbook.save();
    const outcome = await hannop('status', '--workbook', 'w.xlsx', '--json');
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('«Gia hạn», dòng 2, cột «Mã đơn vị»');
    expect(outcome.stderr).toContain('KHONGCO');
  });
});

describe('`Gia hạn` through the Sheets API shell', () => {
  it('run --spreadsheet reports the extended unit’s new due moment and `extended: true`', async () => {
    const { fake, rootUrl } = await seededFake(30);
    try {
      const keyPath = join(dir, 'khoa.json');
      writeFileSync(keyPath, JSON.stringify(registeredServiceAccountKey(fake, rootUrl)));
      const asOf = vietnamInstant('2023-04-05', 8);
      const options = {
        spreadsheetId: fake.spreadsheetId,
        credentialsPath: keyPath,
        asOf,
        now: () => asOf,
        smtp: null,
        sheetsApiRootUrl: rootUrl,
        sleep: async () => undefined,
      };
      const before = (await remoteRunCommand(options)).json as StatusReport;
      const code = overdueUnit(before);
      expect(periodOf(before, code)).toMatchObject({ dueAt: PLAN_DUE, extended: false });

      const setup = await SheetsApiWorkbook.open(fixedTokenClient(fake, rootUrl), fake.spreadsheetId);
      setup.write([extensionWrite(code)]);
      await setup.save();

      const after = (await remoteRunCommand(options)).json as StatusReport;
      expect(periodOf(after, code)).toMatchObject({ dueAt: NEW_DUE, extended: true, status: 'pending' });
      const [headers, ...rows] = fake.values(SHEET.extensions);
      expect(headers).toEqual(columnsOf(EXTENSION_COLUMNS));
      expect(rows).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });
});
