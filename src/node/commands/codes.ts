// `hannop codes --workbook F`: creates the missing confirmation codes of `Đơn vị`.
import { randomUUID } from 'node:crypto';
import { assignConfirmationCodes, type CodesSummary } from '../../app/confirmation-codes';
import { withWorkbookLock } from '../local-lock';
import { XlsxWorkbook } from '../xlsx-workbook';

export async function codesCommand(workbookPath: string): Promise<CodesSummary> {
  return withWorkbookLock(workbookPath, async () => {
    const workbook = await XlsxWorkbook.open(workbookPath);
    const summary = assignConfirmationCodes(workbook, randomUUID);
    if (summary.generated.size > 0) await workbook.save();
    return summary;
  });
}

export function describeCodes(summary: CodesSummary, shownWorkbook: string): string {
  const lines = [
    summary.generated.size > 0
      ? `Đã tạo mã xác nhận cho ${summary.generated.size} đơn vị trong «${shownWorkbook}».`
      : 'Mọi đơn vị đã có mã xác nhận; không tạo thêm mã nào.',
  ];
  for (const shared of summary.sharedCodes) {
    lines.push(
      `Lưu ý: mã «${shared.code}» dùng chung cho ${shared.unitCodes.join(', ')}; mỗi đơn vị nên có mã riêng (xóa mã rồi chạy lại lệnh này).`,
    );
  }
  return `${lines.join('\n')}\n`;
}
