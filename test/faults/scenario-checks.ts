// A sweep proves nothing about a scenario that does nothing: its fault-free execution must do the
// work the scenario names (register the new response, mail the returned plan once).
import { SHEET, SUBMISSION_COLUMNS } from '../../src/domain/layout';
import { REVIEW_LABEL } from '../../src/domain/submissions';
import { cellText } from '../../src/domain/table';
import type { FaultShell } from './port-faults';
import { FaultCounter } from './port-faults';
import type { NodeWorld, NodeScenario } from './node-shells';
import { FORM_RESPONSE_THEN_RUN, IMPORT_THEN_RUN, RETURNED_NOTE, REVIEW_DECISION } from './node-scenarios';

function column(world: { read: NodeWorld['open'] }, header: string) {
  return world.read().then((workbook) => {
    const table = workbook.read([SHEET.submissions]).get(SHEET.submissions);
    const index = table?.headers.map(String).indexOf(header) ?? -1;
    return (table?.rows ?? []).map((row) => cellText(row[index] ?? null));
  });
}

export async function expectScenarioDoesItsWork(
  shell: FaultShell<NodeWorld>,
  scenario: NodeScenario,
): Promise<void> {
  const world = await shell.setUp();
  try {
    const before = await column({ read: world.open }, SUBMISSION_COLUMNS.responseId);
    await shell.execute(world, new FaultCounter(null));
    const after = await column({ read: world.open }, SUBMISSION_COLUMNS.responseId);
    const keys = world.mailer.sent.map((mail) => mail.key ?? '');
    if (scenario === IMPORT_THEN_RUN || scenario === FORM_RESPONSE_THEN_RUN) {
      expect(after.length).toBe(before.length + 1);
      expect(keys.filter((key) => key.startsWith('receipt:'))).toHaveLength(1);
    }
    if (scenario === REVIEW_DECISION) {
      expect(keys.filter((key) => key.startsWith('returned:'))).toHaveLength(1);
      const returned = world.mailer.sent.find((mail) => mail.key?.startsWith('returned:'));
      expect(returned?.textBody).toContain(RETURNED_NOTE);
      const reviews = await column({ read: world.open }, SUBMISSION_COLUMNS.review);
      expect(reviews.slice(0, 2)).toEqual([REVIEW_LABEL.returned, REVIEW_LABEL.approved]);
    }
  } finally {
    await shell.tearDown?.(world);
  }
}
