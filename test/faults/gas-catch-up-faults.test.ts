// The fault harness on a correction sent the day its response was first registered: whatever call
// of its form-submit trigger fails, and whatever call of the failure's own path (its recheck note,
// its line in `Nhật ký`) fails after it, the next daily run registers the correction. The count of
// the daily catch-up (src/domain/catch-up.ts) cannot see it: only the note or the line can.
import { pairsAfterEachCall, sweepFaults } from './port-faults';
import { editSinceCursorShell } from './gas-shell';

describe('a correction sent the day its response was registered', () => {
  it('loses nothing when any call of its trigger fails', async () => {
    const result = await sweepFaults(editSinceCursorShell);
    expect(result.problems).toEqual([]);
    expect(result.faults).toBeGreaterThan(10);
  }, 60_000);

  it('loses nothing when a second fault lands on the failure’s note or its line in Nhật ký', async () => {
    const result = await sweepFaults(editSinceCursorShell, pairsAfterEachCall(2));
    expect(result.problems).toEqual([]);
    expect(result.secondFaultsThrown).toBeGreaterThan(result.faults / 2);
  }, 60_000);
});
