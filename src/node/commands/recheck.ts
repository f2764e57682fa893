// `hannop recheck --workbook F`: «Xử lý lại toàn bộ» on the local workbook — every response of
// `Phản hồi …` judged again against today's `Đơn vị` and forms, the department's reviews kept, the
// derived sheets rebuilt. The same job as the menu item (src/app/rebuild-register.ts); no mail.
import { describeRebuild, rebuildRegister } from '../../app/rebuild-register';
import type { IntakeSummary } from '../../app/intake-responses';
import { sheetResponseSource } from '../../app/sheet-response-source';
import { heldLock, withWorkbookLock } from '../local-lock';
import { XlsxWorkbook } from '../xlsx-workbook';

export async function recheckCommand(
  workbookPath: string,
  asOf: Date,
  now: () => Date,
): Promise<IntakeSummary> {
  return withWorkbookLock(workbookPath, async () => {
    const workbook = await XlsxWorkbook.open(workbookPath);
    const { intake } = rebuildRegister({ workbook, lock: heldLock, now }, sheetResponseSource, asOf);
    await workbook.save();
    return intake;
  });
}

export function describeRecheck(intake: IntakeSummary): string {
  return `${describeRebuild(intake).join('\n')}\n`;
}
