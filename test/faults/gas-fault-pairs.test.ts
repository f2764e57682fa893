// Two faults in one Apps Script daily run: every pair of a service call and each of the three
// after it, so that the second lands on each step of what follows the first (its line in
// `Nhật ký`, the journal's second try, the batch's write). A clean rerun must still lose nothing
// and send nothing twice or never.
import { pairsAfterEachCall, sweepFaults } from './port-faults';
import { dailyRunShell } from './gas-shell';

it('two faults in one Apps Script daily run lose nothing and send nothing twice or never', async () => {
  const result = await sweepFaults(dailyRunShell, pairsAfterEachCall(3));
  expect(result.problems).toEqual([]);
  expect(result.faults).toBeGreaterThan(100);
  expect(result.secondFaultsThrown).toBeGreaterThan(result.faults / 2);
}, 60_000);
