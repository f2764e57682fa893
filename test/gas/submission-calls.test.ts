// What one submission costs in calls to the spreadsheet, through SpreadsheetApp and the Advanced
// Sheets service together (each one a round trip in Apps Script): the same whatever the number of
// units, because the batch reads every sheet once and writes once.
import { SHEET, SUBMISSION_COLUMNS } from '../../src/domain/layout';
import { makeGasWorld, manyUnits, submitPlan } from './gas-world';

function callsForOneSubmission(unitCount: number) {
  const world = makeGasWorld({ units: manyUnits(unitCount) });
  // The first submission creates the derived sheets; the count is for the ones after it.
  world.setNow('2023-03-28T09:00:05');
  submitPlan(world, world.units[1]!, '2023-03-28T09:00');
  world.setNow('2023-03-28T09:30:05');
  world.sheets.calls.reset();
  world.advancedSheets.calls.reset();
  submitPlan(world, world.units[0]!, '2023-03-28T09:30');
  const calls = {
    total: world.sheets.calls.total + world.advancedSheets.calls.total,
    byMethod: { ...world.sheets.calls.byMethod(), ...world.advancedSheets.calls.byMethod() },
  };
  const register = world.table(SHEET.submissions);
  const ids = register?.rows.map((row) => row[register.headers.indexOf(SUBMISSION_COLUMNS.responseId)]);
  return { calls, ids, mail: world.mailApp.sent.length };
}

describe('one submission through the trigger', () => {
  it('costs the same number of Spreadsheet calls with 100 and with 2,000 units', () => {
    const small = callsForOneSubmission(100);
    const large = callsForOneSubmission(2000);
    expect(small.ids).toHaveLength(2);
    expect(large.ids).toHaveLength(2);
    expect(small.mail).toBe(2);
    expect(large.mail).toBe(2);
    expect(large.calls.byMethod).toEqual(small.calls.byMethod);
    expect(large.calls.total).toBe(small.calls.total);
    // Issue 3's goal is 12 or fewer: two SpreadsheetApp look-ups, one read and one write of the batch.
    expect(small.calls.total).toBeLessThanOrEqual(12);
    expect(small.calls.byMethod).toEqual({
      'SpreadsheetApp.getActiveSpreadsheet': 1,
      'Spreadsheet.getId': 1,
      'Spreadsheets.get': 2,
      'Spreadsheets.batchUpdate': 1,
    });
  }, 60_000);
});
