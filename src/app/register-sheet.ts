// `Bài nộp` as every job writes it: the submission job after new versions, the consolidation job
// after a note on a review changes.
import { SHEET, SUBMISSION_COLUMNS } from '../domain/layout';
import { registerRows, type RegisterSheet } from '../domain/register';
import type { SheetFormat, SheetWrite } from '../ports';

export const REGISTER_FORMAT: SheetFormat = {
  frozenRows: 1,
  dateTimeColumns: [
    SUBMISSION_COLUMNS.submittedAt,
    SUBMISSION_COLUMNS.acceptedAt,
    SUBMISSION_COLUMNS.lastVersionAt,
  ],
};

export function registerWrite(register: RegisterSheet): SheetWrite & { kind: 'replace' } {
  const { headers, rows } = registerRows(register);
  return { kind: 'replace', sheet: SHEET.submissions, headers, rows, format: REGISTER_FORMAT };
}
