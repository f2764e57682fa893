// `hannop import`: the rows of a Google Forms CSV export (Vietnamese or English locale) appended to
// the matching `Phản hồi …` sheet, each response once: importing the same file twice adds nothing.
import type { FormKind } from '../domain/campaign';
import { responseColumns } from '../domain/forms';
import { FORM_SPECS } from '../domain/intake';
import { InputError } from '../domain/problems';
import { responsesFromSheet } from '../domain/response-sheet';
import type { CellValue, Table } from '../domain/table';
import { titleKey } from '../domain/text';
import type { Lock, Workbook } from '../ports';
import { RESPONSE_SHEET } from './sheet-response-source';

const TIMESTAMP_KEYS = new Set(['Dấu thời gian', 'Timestamp'].map(titleKey));
const EMAIL_KEYS = new Set(['Địa chỉ email', 'Email Address', 'Email'].map(titleKey));

export interface ImportSummary {
  readonly rowsInFile: number;
  readonly added: number;
  readonly alreadyThere: number;
  /** CSV columns that are no question of the form: not imported. */
  readonly ignoredColumns: readonly string[];
}

export function importResponses(
  ports: { readonly workbook: Workbook; readonly lock: Lock },
  form: FormKind,
  csv: Table,
): ImportSummary {
  const spec = FORM_SPECS[form];
  const sheet = RESPONSE_SHEET[form];
  const parsed = responsesFromSheet(csv, form);
  const unreadable = parsed.filter((row) => !row.response);
  if (unreadable.length > 0) {
    throw new InputError(
      unreadable.map((row) => row.problem ?? { where: csv.name, row: row.rowNumber, message: '' }),
    );
  }
  const known = new Set(spec.questions.map((question) => titleKey(question.title)));
  const ignoredColumns = csv.headers.filter(
    (header) =>
      !known.has(titleKey(header)) &&
      !TIMESTAMP_KEYS.has(titleKey(header)) &&
      !EMAIL_KEYS.has(titleKey(header)),
  );
  return ports.lock.withLock(() => {
    const existing = ports.workbook.read([sheet]).get(sheet);
    const headers = existing && existing.headers.length > 0 ? [...existing.headers] : responseColumns(spec);
    const present = new Set(
      existing
        ? responsesFromSheet(existing, form).flatMap((row) => (row.response ? [row.response.responseId] : []))
        : [],
    );
    const indexByTitle = new Map(csv.headers.map((header, index) => [titleKey(header), index]));
    const rows: CellValue[][] = [];
    let alreadyThere = 0;
    for (const row of parsed) {
      const response = row.response;
      if (!response) continue;
      const id = response.responseId;
      if (present.has(id)) {
        alreadyThere += 1;
        continue;
      }
      present.add(id);
      const csvRow = csv.rows[row.rowNumber - 2] ?? [];
      rows.push(
        headers.map((header) => {
          if (TIMESTAMP_KEYS.has(titleKey(header))) return response.timestamp;
          if (EMAIL_KEYS.has(titleKey(header))) return response.respondentEmail;
          const index = indexByTitle.get(titleKey(header));
          return index === undefined ? null : (csvRow[index] ?? null);
        }),
      );
    }
    if (rows.length > 0) ports.workbook.write([{ kind: 'append', sheet, headers, rows }]);
    return { rowsInFile: parsed.length, added: rows.length, alreadyThere, ignoredColumns };
  });
}
