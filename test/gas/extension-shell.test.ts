// A row of `Gia hạn` through the Apps Script shell (fakes): the response trigger, the daily run and
// the consolidation judge the extended unit by its new due day, the others by the plan's.
import { EXTENSION_COLUMNS, SHEET, SUBMISSION_COLUMNS, columnsOf } from '../../src/domain/layout';
import { readRecords } from '../../src/domain/table';
import { runConsolidate } from '../../src/gas/menu-handlers';
import { SpreadsheetWorkbook } from '../../src/gas/spreadsheet-workbook';
import { handleDailyRun } from '../../src/gas/trigger-handlers';
import { asSpreadsheet, asSpreadsheetApp } from '../fakes/spreadsheet-app';
import { makeGasWorld, submitPlan, type GasWorld } from './gas-world';

function timelinessByUnit(world: GasWorld): Map<string, string> {
  const records = readRecords(world.table(SHEET.submissions), SHEET.submissions, {
    required: [SUBMISSION_COLUMNS.unitCode, SUBMISSION_COLUMNS.timeliness],
  });
  return new Map(
    records.map((record) => [
      String(record.get(SUBMISSION_COLUMNS.unitCode)),
      String(record.get(SUBMISSION_COLUMNS.timeliness) ?? ''),
    ]),
  );
}

describe('`Gia hạn` in the Apps Script shell', () => {
  it('a plan sent after the plan’s deadline is on time for the extended unit, late for the other', () => {
    const world = makeGasWorld();
    const [plain, extended] = world.units as [GasWorld['units'][number], GasWorld['units'][number]];
    new SpreadsheetWorkbook(
      asSpreadsheet(world.sheets.spreadsheet),
      asSpreadsheetApp(world.sheets.app),
    ).write([
      {
        kind: 'replace',
        sheet: SHEET.extensions,
        headers: columnsOf(EXTENSION_COLUMNS),
        rows: [[extended.code, 'KH-2023', '15/04/2023', 'Trường bị ngập, mất điện', 'Trưởng phòng']],
      },
    ]);
    // Both send on 02/04/2023, after the plan's last day (30/03) and before the new one (15/04).
    world.setNow('2023-04-02T09:00:05');
    submitPlan(world, plain, '2023-04-02T09:00');
    submitPlan(world, extended, '2023-04-02T09:00');
    expect(world.logged).toEqual([]);
    expect(timelinessByUnit(world)).toEqual(
      new Map([
        [plain.code, 'Trễ hạn'],
        [extended.code, 'Đúng hạn'],
      ]),
    );

    // The daily run and «Tổng hợp ngay» keep the same judgement.
    world.setNow('2023-04-03T07:00');
    handleDailyRun(world.services());
    runConsolidate(world.services());
    expect(world.logged).toEqual([]);
    expect(timelinessByUnit(world).get(extended.code)).toBe('Đúng hạn');
    expect(timelinessByUnit(world).get(plain.code)).toBe('Trễ hạn');
    // `Tổng hợp` too: the extended unit's plan counts as on time.
    const rows = world.table(SHEET.summary)!.rows;
    expect(rows.find((row) => row[0] === extended.code)).toContain('Đúng hạn');
    expect(rows.find((row) => row[0] === plain.code)).toContain('Trễ hạn');
  });
});
