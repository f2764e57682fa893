// The fault harness on the .xlsx shell: a fault at every port call of a daily run (workbook read,
// write and save, mailer, clock, send journal), then a clean rerun.
import { sweepFaults } from './port-faults';
import { xlsxShell } from './node-shells';
import { DAILY_RUN } from './node-scenarios';

it('a fault at any port call of a daily run on an .xlsx file loses nothing, sends nothing twice or never, and is in Nhật ký', async () => {
  const shell = await xlsxShell(DAILY_RUN);
  try {
    const result = await sweepFaults(shell);
    expect(result.problems).toEqual([]);
    expect(result.faults).toBeGreaterThan(15);
    expect(result.runs).toBe(2 * result.faults + 2);
  } finally {
    await shell.dispose();
  }
}, 60_000);
