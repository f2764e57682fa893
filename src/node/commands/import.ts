// `hannop import`: a Google Forms CSV export into the workbook's response sheet.
import { existsSync } from 'node:fs';
import { IMPORT_JOB, importResponses, type ImportSummary } from '../../app/import-responses';
import type { FormKind } from '../../domain/campaign';
import { InputError } from '../../domain/problems';
import type { Table } from '../../domain/table';
import { UsageError } from '../cli-errors';
import { readCsvFile } from '../csv';
import { heldLock, withWorkbookLock } from '../local-lock';
import { XlsxWorkbook } from '../xlsx-workbook';
import { recordFailure, type SavedWorkbook } from './run-and-save';

const FORM_OPTION: Readonly<Record<string, FormKind>> = { 'ke-hoach': 'plan', 'bao-cao': 'report' };

/**
 * The import and its save on an open workbook. A refused file leaves the workbook byte for byte as
 * it was (issue 11): the refusal is told to the person at the command line, not written into
 * `Nhật ký`. An import that broke (a read, the write, the save) says so in `Nhật ký`, saved on its
 * own, as `hannop run` does: the person may not be the one who looks at the workbook next.
 */
export async function importAndSave(
  workbook: SavedWorkbook,
  form: FormKind,
  csv: Table,
  now: () => Date,
): Promise<ImportSummary> {
  try {
    const summary = importResponses({ workbook, lock: heldLock, now }, form, csv);
    if (summary.added > 0) await workbook.save();
    return summary;
  } catch (error) {
    if (!(error instanceof InputError)) await recordFailure(workbook, now, error, IMPORT_JOB);
    throw error;
  }
}

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
  return withWorkbookLock(workbookPath, async () =>
    importAndSave(await XlsxWorkbook.open(workbookPath), form, csv, now),
  );
}
