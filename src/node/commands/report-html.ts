// `hannop report --html FILE`: the department's dashboard as one self-contained page, the same
// page the spreadsheet's «Bảng điều khiển» shows. It only reads the workbook, so it takes no lock.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { dashboardPage } from '../../app/dashboard-page';
import { XlsxWorkbook } from '../xlsx-workbook';

/** Writes the page beside `outPath` and renames it, so a reader never sees half a page. */
export async function writeDashboardHtml(workbookPath: string, asOf: Date, outPath: string): Promise<void> {
  const html = dashboardPage(await XlsxWorkbook.open(workbookPath), asOf);
  await fs.mkdir(path.dirname(path.resolve(outPath)), { recursive: true });
  const partial = `${outPath}.${process.pid}.partial`;
  await fs.writeFile(partial, html, 'utf8');
  await fs.rename(partial, outPath);
}
