// Two faults in one daily run on the Sheets API: a fixed sample of pairs of a port call and one of
// the three after it, every (k, k+1) kept, so that the second fault lands in the failure's own path
// (the clock for its line, the line's write, its save). A clean rerun must still lose nothing and
// send nothing twice or never.
import { samplePairs, sweepFaults } from './port-faults';
import { sheetsApiShell } from './node-shells';
import { DAILY_RUN } from './node-scenarios';

it('two faults in one daily run on the Sheets API lose nothing and send nothing twice or never', async () => {
  const shell = sheetsApiShell(DAILY_RUN);
  try {
    const result = await sweepFaults(shell, samplePairs(3, 36, 20231));
    expect(result.problems).toEqual([]);
    expect(result.faults).toBe(36);
    expect(result.secondFaultsThrown).toBeGreaterThan(result.faults / 2);
  } finally {
    await shell.dispose();
  }
}, 60_000);
