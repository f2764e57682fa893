// `hannop init`: a new workbook with every sheet, the 2023 defaults, and units from a CSV.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import { assignConfirmationCodes } from '../../app/confirmation-codes';
import { consolidate } from '../../app/consolidate';
import { journalPathFor } from '../file-mail-journal';
import { eventLogWrite } from '../../app/event-log';
import { initializeWorkbook } from '../../app/initialize-workbook';
import { COMMAND_LINE_RUNNER, setupAudit, type SetupCounts } from '../../domain/setup-audit';
import { UNIT_COLUMNS } from '../../domain/layout';
import { InputError, valueOrThrow } from '../../domain/problems';
import { responseSheetHeaders } from '../../domain/forms';
import { readRecords } from '../../domain/table';
import { parseUnits, type Unit } from '../../domain/units';
import { demoFormFacts } from '../../demo/forms';
import { demoResponseRows } from '../../demo/responses';
import { demoUnits } from '../../demo/units';
import { UsageError } from '../cli-errors';
import { csvTable } from '../csv';
import { heldLock } from '../local-lock';
import { layOutXlsx } from '../xlsx-layout';
import { XlsxWorkbook } from '../xlsx-workbook';

export function readUnitsCsv(path: string): Unit[] {
  if (!existsSync(path)) throw new UsageError(`Không tìm thấy tệp đơn vị «${path}».`);
  const table = csvTable(path, readFileSync(path, 'utf8'));
  const records = readRecords(table, path, {
    required: [
      UNIT_COLUMNS.code,
      UNIT_COLUMNS.name,
      UNIT_COLUMNS.level,
      UNIT_COLUMNS.ownership,
      UNIT_COLUMNS.ward,
      UNIT_COLUMNS.emails,
    ],
    optional: [
      UNIT_COLUMNS.head,
      UNIT_COLUMNS.phone,
      UNIT_COLUMNS.isActive,
      UNIT_COLUMNS.confirmationCode,
      UNIT_COLUMNS.activeFrom,
    ],
  });
  if (records.length === 0) throw new InputError([{ where: path, message: 'tệp không có đơn vị nào.' }]);
  // Keep the CSV's order: the registry sorts by name for display, the sheet follows the file.
  const registry = valueOrThrow(parseUnits(records));
  return [...registry.all].sort((a, b) => a.rowNumber - b.rowNumber);
}

/** `Việc` of init's row in `Nhật ký`. */
export const INIT_JOB = 'Khởi tạo bảng tính';

export async function initCommand(options: {
  workbook: string;
  units?: string;
  demo: boolean;
  /** With `demo`: false leaves the response sheets empty, for the campaign player to fill day by day. */
  demoResponses?: boolean;
  /** The moment the derived sheets (`Tổng hợp`…) are first computed for; default now. */
  asOf?: Date;
}): Promise<Unit[]> {
  if (extname(options.workbook).toLowerCase() !== '.xlsx') {
    throw new UsageError(`«${options.workbook}»: bảng tính phải là tệp .xlsx.`);
  }
  if (existsSync(options.workbook)) {
    throw new UsageError(`«${options.workbook}» đã có; hannop init không ghi đè một bảng tính đang dùng.`);
  }
  const units = options.units ? readUnitsCsv(options.units) : options.demo ? demoUnits() : [];
  const workbook = XlsxWorkbook.createEmpty();
  const formFacts = options.demo ? demoFormFacts() : [];
  initializeWorkbook(workbook, {
    units,
    responseHeaders: responseSheetHeaders(),
    ...(options.demo && options.demoResponses !== false ? { responseRows: demoResponseRows(units) } : {}),
    formFacts,
  });
  mkdirSync(dirname(options.workbook), { recursive: true });
  const now = options.asOf ?? new Date();
  // As setup does: every unit gets its confirmation code at once.
  const codes = assignConfirmationCodes(workbook, randomUUID);
  // The derived sheets as the first run would make them, so the workbook has every sheet at once.
  consolidate(workbook, heldLock, now);
  const dropDowns = layOutXlsx(workbook);
  // Its row in `Nhật ký`, as setup's: what it made, in counts; the command line has no address.
  const counts: SetupCounts = {
    sheetsCreated: workbook.sheetNames().length,
    sheetsPresent: 0,
    configKeysAdded: 0,
    dropDownsSet: dropDowns,
    units: { total: units.length, active: units.filter((unit) => unit.isActive).length },
    codesGenerated: codes.generated.size,
    exampleForms: formFacts.length,
    notes: 0,
  };
  workbook.write(eventLogWrite([setupAudit(now, INIT_JOB, counts, COMMAND_LINE_RUNNER)]));
  await workbook.saveAs(options.workbook);
  // A journal left by an earlier workbook of this name would hold its messages as sent here.
  rmSync(journalPathFor(options.workbook), { force: true });
  return units;
}
