// The fault harness on the remote shell, against the local Sheets API server: a fault at every
// port call of a daily run, then a clean rerun.
import { sweepFaults } from './port-faults';
import { sheetsApiShell } from './node-shells';
import { DAILY_RUN } from './node-scenarios';

it('a fault at any port call of a daily run on the Sheets API loses nothing, sends nothing twice or never, and is in Nhật ký', async () => {
  const shell = sheetsApiShell(DAILY_RUN);
  try {
    const result = await sweepFaults(shell);
    expect(result.problems).toEqual([]);
    expect(result.faults).toBeGreaterThan(15);
  } finally {
    await shell.dispose();
  }
}, 60_000);
