// The fault harness on the Apps Script shell: a fault at every Apps Script service call of a daily
// run, a form submission and a review edit, then the next daily run.
import { sweepFaults } from './port-faults';
import { dailyRunShell, reviewEditShell, submissionShell } from './gas-shell';

describe.each([
  ['a daily run', dailyRunShell],
  ['a form submission', submissionShell],
  ['a review edit', reviewEditShell],
])('a fault at any Apps Script call of %s', (_name, shell) => {
  it('loses nothing, sends nothing twice or never, and is in Nhật ký after the next daily run', async () => {
    const result = await sweepFaults(shell);
    expect(result.problems).toEqual([]);
    expect(result.faults).toBeGreaterThan(10);
  }, 60_000);
});
