// Each unit's `Mã xác nhận` and pre-filled link.
//
// Codes: generated for the units of `Đơn vị` that lack one and written back in ONE range write
// of that column only (read once, write once), so nothing a person typed in another column is
// rewritten. The Workbook port would replace the whole sheet, which is more than this needs.
// The column is formatted as plain text first, so Sheets never reads a code as a number or date.
//
// Links: setup stores one small template per form in the document properties (forms-setup.ts);
// each unit's link is computed from it on demand (domain/prefilled-link.ts), so links never go
// stale when a unit's name or code changes, and 400 links cost no FormApp call and no storage
// (a property value holds at most 9 KB; 400 links would not fit).
import { assignMissingCodes, bytesFromUuid, type CodeAssignment } from '../domain/confirmation-code';
import { SHEET, UNIT_COLUMNS } from '../domain/layout';
import { formLinksFrom, type FormLinks } from '../domain/prefilled-link';
import { InputError } from '../domain/problems';
import { cellText, readRecords, type CellValue, type Table } from '../domain/table';
import { cleanText, titleKey } from '../domain/text';
import { readPrefillTemplates } from './forms-setup';

export interface GeneratedCode {
  readonly unitCode: string;
  readonly code: string;
  /** 1-based sheet row. */
  readonly row: number;
}

export interface UnitCodesReport {
  readonly generated: readonly GeneratedCode[];
  /** Codes several units share (typed by people): reported, not changed. */
  readonly sharedCodes: CodeAssignment['sharedCodes'];
  /** The `Mã xác nhận` column was missing and has been added at the right. */
  readonly columnAdded: boolean;
}

function toCellValue(value: unknown): CellValue {
  if (value === '' || value === null || value === undefined) return null;
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value instanceof Date
  ) {
    return value;
  }
  return String(value);
}

/**
 * Gives every unit of `Đơn vị` without a `Mã xác nhận` a new unguessable one. `randomUuid` is the
 * entropy (Utilities.getUuid in Apps Script). Costs one read and, only if a code was missing,
 * one format and one write of the code column.
 */
export function ensureConfirmationCodes(
  spreadsheet: Pick<GoogleAppsScript.Spreadsheet.Spreadsheet, 'getSheetByName'>,
  randomUuid: () => string,
): UnitCodesReport {
  const sheet = spreadsheet.getSheetByName(SHEET.units);
  if (!sheet)
    throw new InputError([
      { where: SHEET.units, message: `không có trang «${SHEET.units}» trong bảng tính.` },
    ]);
  const values = sheet.getDataRange().getValues();
  const headers = (values[0] ?? []).map((header) => cellText(toCellValue(header)));
  const table: Table = {
    name: SHEET.units,
    headers,
    rows: values.slice(1).map((row) => row.map(toCellValue)),
  };
  const records = readRecords(table, SHEET.units, { required: [UNIT_COLUMNS.code] });
  const codeIndex = headers.findIndex(
    (header) => titleKey(header) === titleKey(UNIT_COLUMNS.confirmationCode),
  );
  const columnAdded = codeIndex < 0;
  const slots = records
    .map((record) => ({
      unitCode: cleanText(cellText(record.get(UNIT_COLUMNS.code))),
      confirmationCode: cleanText(cellText(record.get(UNIT_COLUMNS.confirmationCode))),
      row: record.rowNumber,
    }))
    .filter((slot) => slot.unitCode !== '');
  const assignment = assignMissingCodes(slots, () => bytesFromUuid(randomUuid()));
  const generated = slots
    .filter((slot) => assignment.assigned.has(slot.unitCode))
    .map((slot) => ({
      unitCode: slot.unitCode,
      code: assignment.assigned.get(slot.unitCode) as string,
      row: slot.row,
    }));
  if (generated.length === 0 && !columnAdded)
    return { generated, sharedCodes: assignment.sharedCodes, columnAdded };

  const codeByRow = new Map(generated.map((entry) => [entry.row, entry.code]));
  const column = columnAdded ? headers.length + 1 : codeIndex + 1;
  const cells: unknown[][] = [];
  if (columnAdded) cells.push([UNIT_COLUMNS.confirmationCode]);
  for (let row = 2; row <= values.length; row += 1) {
    const existing = columnAdded ? '' : (values[row - 1] as unknown[])[codeIndex];
    cells.push([codeByRow.get(row) ?? existing ?? '']);
  }
  if (cells.length > 0) {
    const range = sheet.getRange(columnAdded ? 1 : 2, column, cells.length, 1);
    range.setNumberFormat('@');
    range.setValues(cells);
  }
  return { generated, sharedCodes: assignment.sharedCodes, columnAdded };
}

/** Where e-mails find each unit's pre-filled link (undefined for a form not set up yet). */
export function unitFormLinks(
  properties: Pick<GoogleAppsScript.Properties.Properties, 'getProperty'>,
): FormLinks {
  return formLinksFrom(readPrefillTemplates(properties));
}
