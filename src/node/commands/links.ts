// `hannop links --workbook F --csv OUT`: writes `Đường dẫn đơn vị` into the workbook and the same
// rows to a CSV (UTF-8 with a BOM, so Excel shows the Vietnamese right; no field opens as a formula).
import { writeFileSync } from 'node:fs';
import { unitLinksSheet } from '../../app/unit-links-sheet';
import { cellText } from '../../domain/table';
import { formatCsvForSpreadsheet } from '../csv';
import { withWorkbookLock } from '../local-lock';
import { XlsxWorkbook } from '../xlsx-workbook';

export interface LinksOutcome {
  readonly rows: number;
  readonly withoutLink: number;
}

export async function linksCommand(workbookPath: string, asOf: Date, csvPath: string): Promise<LinksOutcome> {
  return withWorkbookLock(workbookPath, async () => {
    const workbook = await XlsxWorkbook.open(workbookPath);
    const { write, withoutLink } = unitLinksSheet(workbook, asOf);
    workbook.write([write]);
    await workbook.save();
    const rows = [write.headers, ...write.rows.map((row) => row.map((cell) => cellText(cell)))];
    writeFileSync(csvPath, `\ufeff${formatCsvForSpreadsheet(rows)}`, 'utf8');
    return { rows: write.rows.length, withoutLink };
  });
}

export function describeLinks(outcome: LinksOutcome, shownWorkbook: string, shownCsv: string): string {
  const lines = [
    `Đã ghi ${outcome.rows} dòng vào trang «Đường dẫn đơn vị» của «${shownWorkbook}» và vào tệp «${shownCsv}».`,
  ];
  if (outcome.withoutLink > 0) {
    lines.push(
      `${outcome.withoutLink} dòng chưa có đường dẫn: trang «Biểu mẫu» chưa có biểu mẫu của kỳ đó (chạy «Thiết lập ban đầu» trong Google Sheets).`,
    );
  }
  return `${lines.join('\n')}\n`;
}
