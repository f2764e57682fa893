// `hannop report --html FILE`: the department's dashboard as one self-contained page, the same
// page the spreadsheet's «Bảng điều khiển» shows. It only reads the workbook, so it takes no lock.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { dashboardPage } from '../../app/dashboard-page';
import { XlsxWorkbook } from '../xlsx-workbook';

/**
 * Writes the page beside `outPath` and renames it, so a reader never sees half a page. `maxMail`:
 * the day's allowance in recipients (`--max-mail`) the mail forecast is measured against.
 */
export async function writeDashboardHtml(
  workbookPath: string,
  asOf: Date,
  outPath: string,
  maxMail?: number,
): Promise<void> {
  const quota =
    maxMail === undefined
      ? ({ kind: 'none' } as const)
      : ({ kind: 'max-mail', recipients: maxMail } as const);
  const html = dashboardPage(await XlsxWorkbook.open(workbookPath), asOf, quota);
  await fs.mkdir(path.dirname(path.resolve(outPath)), { recursive: true });
  const partial = `${outPath}.${process.pid}.partial`;
  await fs.writeFile(partial, html, 'utf8');
  await fs.rename(partial, outPath);
}
