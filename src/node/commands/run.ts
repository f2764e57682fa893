// `hannop run`: what the daily trigger does, on the local workbook.
import { intakeResponses } from '../../app/intake-responses';
import { sheetResponseSource } from '../../app/sheet-response-source';
import { consolidate } from '../../app/consolidate';
import { buildStatusReport, type StatusReport } from '../../domain/status-report';
import { heldLock, withWorkbookLock } from '../local-lock';
import { renderStatusTable } from '../status-table';
import { XlsxWorkbook } from '../xlsx-workbook';

export interface RunOutcome {
  readonly json: StatusReport;
  readonly text: string;
}

export async function runCommand(workbookPath: string, asOf: Date, now: () => Date): Promise<RunOutcome> {
  return withWorkbookLock(workbookPath, async () => {
    const workbook = await XlsxWorkbook.open(workbookPath);
    const intake = intakeResponses({ workbook, lock: heldLock, now }, sheetResponseSource, { asOf });
    // The workbook is in memory here: consolidating after the intake costs no round trip.
    const { board } = consolidate(workbook, heldLock, asOf);
    await workbook.save();
    const counts = { accepted: 0, rejected: 0, held: 0 };
    for (const entry of intake.registered) counts[entry.outcome] += 1;
    const intakeLine =
      `Phản hồi mới hoặc đã sửa: ${intake.registered.length} (hợp lệ ${counts.accepted}, ` +
      `không hợp lệ ${counts.rejected}, chờ xác minh ${counts.held})` +
      (intake.failed.length > 0 ? `; ${intake.failed.length} phản hồi lỗi, xem trang «Nhật ký»` : '') +
      '.\n\n';
    return { json: buildStatusReport(board), text: intakeLine + renderStatusTable(board) };
  });
}
