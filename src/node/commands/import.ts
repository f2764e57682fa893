// `hannop import`: a Google Forms CSV export into the workbook's response sheet.
import { existsSync } from 'node:fs';
import { importResponses, type ImportSummary } from '../../app/import-responses';
import type { FormKind } from '../../domain/campaign';
import { UsageError } from '../cli-errors';
import { readCsvFile } from '../csv';
import { heldLock, withWorkbookLock } from '../local-lock';
import { XlsxWorkbook } from '../xlsx-workbook';

const FORM_OPTION: Readonly<Record<string, FormKind>> = { 'ke-hoach': 'plan', 'bao-cao': 'report' };

export async function importCommand(
  workbookPath: string,
  formOption: string,
  csvPath: string,
  shownCsv = csvPath,
  now: () => Date = () => new Date(),
): Promise<ImportSummary> {
  const form = FORM_OPTION[formOption];
  if (!form) throw new UsageError(`--form «${formOption}» không hợp lệ; ghi «ke-hoach» hoặc «bao-cao».`);
  if (!existsSync(csvPath)) throw new UsageError(`Không tìm thấy tệp CSV «${csvPath}».`);
  const csv = readCsvFile(csvPath, form, shownCsv);
  return withWorkbookLock(workbookPath, async () => {
    const workbook = await XlsxWorkbook.open(workbookPath);
    // A refused file leaves the workbook byte for byte as it was (issue 11): the refusal is told to
    // the person at the command line, not written into `Nhật ký`.
    const summary = importResponses({ workbook, lock: heldLock, now }, form, csv);
    if (summary.added > 0) await workbook.save();
    return summary;
  });
}
