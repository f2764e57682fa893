// The fault harness on a response arriving in the Node shells: `hannop import` of a Forms CSV export
// into an .xlsx file followed by `hannop run` (the k-th call of either throws; a failed import
// stops there), and the run on the Sheets API that takes in a response Google Forms wrote. A clean
// rerun of the same command(s) must end as the fault-free run did.
import { sweepFaults } from './port-faults';
import { sheetsApiShell, xlsxShell } from './node-shells';
import { FORM_RESPONSE_THEN_RUN, IMPORT_THEN_RUN } from './node-scenarios';
import { expectScenarioDoesItsWork } from './scenario-checks';

it('a fault at any port call of hannop import and the run after it on an .xlsx file loses nothing, sends nothing twice or never, and is in Nhật ký', async () => {
  const shell = await xlsxShell(IMPORT_THEN_RUN);
  try {
    await expectScenarioDoesItsWork(shell, IMPORT_THEN_RUN);
    const result = await sweepFaults(shell);
    expect(result.problems).toEqual([]);
    expect(result.faults).toBeGreaterThan(15);
  } finally {
    await shell.dispose();
  }
}, 60_000);

it('a fault at any port call of the run taking in a new form response on the Sheets API loses nothing, sends nothing twice or never, and is in Nhật ký', async () => {
  const shell = sheetsApiShell(FORM_RESPONSE_THEN_RUN);
  try {
    await expectScenarioDoesItsWork(shell, FORM_RESPONSE_THEN_RUN);
    const result = await sweepFaults(shell);
    expect(result.problems).toEqual([]);
    expect(result.faults).toBeGreaterThan(10);
  } finally {
    await shell.dispose();
  }
}, 60_000);
