// hannop inside the Sheets API's quotas: the workbook contract holds behind a quota-enforcing
// fake, a 429 is retried with backoff, a write larger than Google's recommended 2 MB is split, and
// a deadline-evening burst of 60 submissions in one minute all land, now or at the next run.
import { AdvancedSheetsWorkbook } from '../../src/gas/advanced-sheets-workbook';
import { SHEET, SUBMISSION_COLUMNS } from '../../src/domain/layout';
import type { Unit } from '../../src/domain/units';
import { handleDailyRun } from '../../src/gas/trigger-handlers';
import type { CellValue } from '../../src/ports';
import { describeWorkbookContract } from '../contract/workbook-contract';
import { FakeAdvancedSheets } from '../fakes/advanced-sheets';
import { QuotaClock, QuotaSheets } from '../fakes/quota-sheets';
import { createFakeSpreadsheetApp } from '../fakes/spreadsheet-app';
import { at, makeGasWorld, manyUnits, submitPlan } from './gas-world';

function quotaWorld() {
  const sheets = createFakeSpreadsheetApp();
  const clock = new QuotaClock(at('2023-03-31T20:00').getTime());
  const service = new QuotaSheets(new FakeAdvancedSheets(sheets.spreadsheet), clock);
  const workbook = (retry = true) =>
    new AdvancedSheetsWorkbook(
      service,
      sheets.spreadsheet.spreadsheetId,
      retry ? { sleep: (ms) => clock.sleep(ms), random: () => 0.5 } : null,
    );
  return { sheets, clock, service, workbook };
}

describeWorkbookContract(
  'Google Sheets behind its quotas (60 reads, 60 writes a minute, 2 MB a request)',
  () => {
    const world = quotaWorld();
    return { workbook: world.workbook(), reload: async () => world.workbook() };
  },
);

describe('AdvancedSheetsWorkbook within the quotas', () => {
  const write = { kind: 'replace' as const, sheet: 'Nhật ký', headers: ['A'], rows: [['x']] };

  it('retries a read refused with 429 after backing off, and it succeeds', () => {
    const world = quotaWorld();
    world.workbook().write([write]);
    for (let index = 0; index < 59; index += 1) {
      world.clock.sleep(500);
      world.workbook().read(['Nhật ký']);
    }
    const startedAt = world.clock.nowMs;
    expect(world.workbook().read(['Nhật ký']).get('Nhật ký')?.rows).toEqual([['x']]);
    expect(world.service.refused).toBeGreaterThan(0);
    expect(world.clock.nowMs - startedAt).toBeGreaterThan(1000);
  });

  it('gives Google’s 429 to the caller when it may not wait (no sleep given)', () => {
    const world = quotaWorld();
    world.workbook().write([write]);
    for (let index = 0; index < 59; index += 1) world.workbook().read(['Nhật ký']);
    expect(() => world.workbook(false).read(['Nhật ký'])).toThrow(/Quota exceeded.*\(429\)/);
  });

  it('gives up when the minute’s quota cannot come back within the retry budget', () => {
    const world = quotaWorld();
    const stuck = new AdvancedSheetsWorkbook(
      {
        Spreadsheets: {
          get: () => {
            throw new Error('API call to sheets.spreadsheets.get failed with error: Internal error (500)');
          },
          batchUpdate: () => ({}),
        },
      },
      'x',
      { sleep: (ms) => world.clock.sleep(ms), random: () => 0 },
    );
    const startedAt = world.clock.nowMs;
    expect(() => stuck.read(['A'])).toThrow(/Internal error \(500\)/);
    const waited = world.clock.nowMs - startedAt;
    expect(waited).toBeGreaterThan(30_000);
    expect(waited).toBeLessThanOrEqual(60_000);
  });

  it('does not retry a mistake of the request (400)', () => {
    const world = quotaWorld();
    expect(() => world.workbook().read(['Không có'])).not.toThrow();
    expect(world.service.refused).toBe(0);
    expect(world.clock.nowMs).toBe(at('2023-03-31T20:00').getTime());
  });

  it('splits a write larger than 2 MB into requests under it, and the sheet holds every row', () => {
    const world = quotaWorld();
    const rows: CellValue[][] = Array.from({ length: 3000 }, (_, index) => [
      `DV${index}`,
      'Trường có tên dài '.repeat(40),
    ]);
    world.workbook().write([{ kind: 'replace', sheet: 'Số liệu', headers: ['Mã', 'Tên'], rows }]);
    expect(world.workbook().read(['Số liệu']).get('Số liệu')?.rows).toEqual(rows);
  });
});

describe('60 submissions in one minute through the form-submit trigger', () => {
  it('all land, now or at the next run, none lost and none twice', () => {
    const clock = new QuotaClock(at('2023-03-31T20:00').getTime());
    let quota: QuotaSheets | undefined;
    const world = makeGasWorld({
      units: manyUnits(60),
      sheetsService: (fakes) => (quota = new QuotaSheets(fakes.advancedSheets, clock)),
      sleep: (ms) => clock.sleep(ms),
    });
    let failed = 0;
    world.units.forEach((unit: Unit, index) => {
      const second = String(index % 60).padStart(2, '0');
      const when = `2023-03-31T20:00:${second}`;
      clock.nowMs = Math.max(clock.nowMs, at(when).getTime());
      world.setNow(when);
      try {
        submitPlan(world, unit, '2023-03-31T20:00');
      } catch {
        failed += 1;
      }
    });
    world.setNow('2023-04-01T07:00');
    clock.nowMs = Math.max(clock.nowMs, at('2023-04-01T07:00').getTime());
    handleDailyRun(world.services());
    const register = world.table(SHEET.submissions);
    const ids = register?.rows.map((row) => row[register.headers.indexOf(SUBMISSION_COLUMNS.responseId)]);
    expect(new Set(ids).size).toBe(60);
    expect(ids).toHaveLength(60);
    // The burst did reach the minute's quota, and the refused requests were retried, not lost.
    expect(quota?.refused).toBeGreaterThan(0);
    expect(failed).toBe(0);
  }, 60_000);
});
