// Two faults in one daily run on an .xlsx file: a fixed sample of pairs of a port call and one of
// the three after it, every (k, k+1) kept (the failure's own path: the clock for its line, the
// line's write, its save; or the send journal's second try).
import { samplePairs, sweepFaults } from './port-faults';
import { xlsxShell } from './node-shells';
import { DAILY_RUN } from './node-scenarios';

it('two faults in one daily run on an .xlsx file lose nothing and send nothing twice or never', async () => {
  const shell = await xlsxShell(DAILY_RUN);
  try {
    const result = await sweepFaults(shell, samplePairs(3, 36, 20231));
    expect(result.problems).toEqual([]);
    expect(result.faults).toBe(36);
    expect(result.secondFaultsThrown).toBeGreaterThan(result.faults / 2);
  } finally {
    await shell.dispose();
  }
}, 60_000);
