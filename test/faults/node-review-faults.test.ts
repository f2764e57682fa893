// The fault harness on a review decision in the Node shells: the department types `Yêu cầu bổ sung`
// (with a note) and `Đạt` in `Đánh giá` of `Bài nộp`; the next `hannop run` applies them. The k-th
// port call of that run throws; after a clean rerun the decisions are applied once and the
// returned plan is mailed once.
import { sweepFaults } from './port-faults';
import { sheetsApiShell, xlsxShell } from './node-shells';
import { REVIEW_DECISION } from './node-scenarios';
import { expectScenarioDoesItsWork } from './scenario-checks';

it('a fault at any port call of the run applying a review decision on an .xlsx file loses nothing, mails it once, and is in Nhật ký', async () => {
  const shell = await xlsxShell(REVIEW_DECISION);
  try {
    await expectScenarioDoesItsWork(shell, REVIEW_DECISION);
    const result = await sweepFaults(shell);
    expect(result.problems).toEqual([]);
    expect(result.faults).toBeGreaterThan(10);
  } finally {
    await shell.dispose();
  }
}, 60_000);

it('a fault at any port call of the run applying a review decision on the Sheets API loses nothing, mails it once, and is in Nhật ký', async () => {
  const shell = sheetsApiShell(REVIEW_DECISION);
  try {
    await expectScenarioDoesItsWork(shell, REVIEW_DECISION);
    const result = await sweepFaults(shell);
    expect(result.problems).toEqual([]);
    expect(result.faults).toBeGreaterThan(10);
  } finally {
    await shell.dispose();
  }
}, 60_000);
