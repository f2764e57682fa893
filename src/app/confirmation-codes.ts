// `hannop codes` (and `init`, as setup does): gives every unit of `Đơn vị` without a
// `Mã xác nhận` a new unguessable one, adding the column if it is missing. Codes typed by people
// stay as they are; a code several units share is reported, not changed. Apps Script does the
// same through one range write of the column (src/gas/unit-links.ts).
import { assignMissingCodes, bytesFromUuid, type CodeAssignment } from '../domain/confirmation-code';
import { SHEET, UNIT_COLUMNS } from '../domain/layout';
import { cellText, readRecords, type CellValue } from '../domain/table';
import { cleanText, titleKey } from '../domain/text';
import type { Workbook } from '../ports';

export interface CodesSummary {
  /** Unit code → its new confirmation code. */
  readonly generated: ReadonlyMap<string, string>;
  readonly sharedCodes: CodeAssignment['sharedCodes'];
}

export function assignConfirmationCodes(workbook: Workbook, randomUuid: () => string): CodesSummary {
  const table = workbook.read([SHEET.units]).get(SHEET.units);
  const records = readRecords(table, SHEET.units, { required: [UNIT_COLUMNS.code] });
  const slots = records
    .map((record) => ({
      unitCode: cleanText(cellText(record.get(UNIT_COLUMNS.code))),
      confirmationCode: cleanText(cellText(record.get(UNIT_COLUMNS.confirmationCode))),
      rowIndex: record.rowNumber - 2,
    }))
    .filter((slot) => slot.unitCode !== '');
  const assignment = assignMissingCodes(slots, () => bytesFromUuid(randomUuid()));
  if (assignment.assigned.size === 0 || !table) {
    return { generated: assignment.assigned, sharedCodes: assignment.sharedCodes };
  }
  const headers = [...table.headers];
  let codeIndex = headers.findIndex((header) => titleKey(header) === titleKey(UNIT_COLUMNS.confirmationCode));
  if (codeIndex < 0) {
    codeIndex = headers.length;
    headers.push(UNIT_COLUMNS.confirmationCode);
  }
  const rows: CellValue[][] = table.rows.map((row) => headers.map((_, index) => row[index] ?? null));
  for (const slot of slots) {
    const code = assignment.assigned.get(slot.unitCode);
    const row = rows[slot.rowIndex];
    if (code && row) row[codeIndex] = code;
  }
  workbook.write([{ kind: 'replace', sheet: SHEET.units, headers, rows, format: { frozenRows: 1 } }]);
  return { generated: assignment.assigned, sharedCodes: assignment.sharedCodes };
}
