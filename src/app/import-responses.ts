// `hannop import`: the rows of a Google Forms CSV export (Vietnamese or English locale) appended to
// the matching `Phản hồi …` sheet, each response once: importing the same file twice adds nothing.
import { refusalAudit } from '../domain/audit';
import type { FormKind } from '../domain/campaign';
import { parseDateAnswer, responseColumns, type RawAnswer } from '../domain/forms';
import { FORM_SPECS } from '../domain/intake';
import { InputError, type InputProblem } from '../domain/problems';
import { responsesFromSheet, timestampLocaleOf } from '../domain/response-sheet';
import type { CellValue, Table } from '../domain/table';
import { titleKey } from '../domain/text';
import { vietnamInstant, type DateLocale } from '../domain/time';
import type { Lock, Workbook } from '../ports';
import { eventLogWrite } from './event-log';
import { RESPONSE_SHEET } from './sheet-response-source';

export const IMPORT_JOB = 'Nhập phản hồi';

const TIMESTAMP_KEYS = new Set(['Dấu thời gian', 'Timestamp'].map(titleKey));
const EMAIL_KEYS = new Set(['Địa chỉ email', 'Email Address', 'Email'].map(titleKey));

export interface ImportSummary {
  readonly rowsInFile: number;
  readonly added: number;
  readonly alreadyThere: number;
  /** CSV columns that are no question of the form: not imported. */
  readonly ignoredColumns: readonly string[];
}

/**
 * A date answer as the response sheet keeps it. In a sheet of the export's locale, as typed. In a
 * sheet of the other locale the same text is another day (`5/1/2023` is 1 May in an English
 * export, 5 January in a Vietnamese sheet), so a day that reads is stored as a date cell, which
 * reads alike in both. One that does not read stays as typed for `Bài nộp` to name, unless the
 * sheet would read it as some day: then it is a problem of the file, never a day guessed.
 */
function storedDateAnswer(
  raw: RawAnswer,
  exportLocale: DateLocale,
  sheetLocale: DateLocale,
): { readonly cell: CellValue } | { readonly problem: string } {
  if (raw === null || raw === undefined || raw === '' || exportLocale === sheetLocale)
    return { cell: raw as CellValue };
  const date = parseDateAnswer(raw, exportLocale);
  if (date) return { cell: vietnamInstant(date) };
  if (parseDateAnswer(raw, sheetLocale) === null) return { cell: raw as CellValue };
  const pattern = exportLocale === 'en' ? 'M/d/yyyy, tháng trước ngày' : 'dd/MM/yyyy, ngày trước tháng';
  return { problem: `«${String(raw)}» không phải là ngày theo cách viết của tệp (${pattern}).` };
}

/**
 * A file refused is refused whole, and `Nhật ký` says so (its one write): the officer sees later
 * that an import was tried and why nothing came of it.
 */
function refuseFile(
  ports: { readonly workbook: Workbook; readonly now?: () => Date },
  csv: Table,
  problems: readonly InputProblem[],
): never {
  const error = new InputError(problems);
  const first = error.message.split('\n')[0] ?? '';
  const reason = `không nhập tệp «${csv.name}» (${problems.length} lỗi; lỗi đầu: ${first})`;
  ports.workbook.write(
    eventLogWrite([refusalAudit((ports.now ?? (() => new Date()))(), IMPORT_JOB, reason)]),
  );
  throw error;
}

export function importResponses(
  ports: { readonly workbook: Workbook; readonly lock: Lock; readonly now?: () => Date },
  form: FormKind,
  csv: Table,
): ImportSummary {
  const spec = FORM_SPECS[form];
  const sheet = RESPONSE_SHEET[form];
  const parsed = responsesFromSheet(csv, form);
  const unreadable = parsed.filter((row) => !row.response);
  if (unreadable.length > 0) {
    ports.lock.withLock(() =>
      refuseFile(
        ports,
        csv,
        unreadable.map((row) => row.problem ?? { where: csv.name, row: row.rowNumber, message: '' }),
      ),
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
    const dateKeys = new Set(
      spec.questions
        .filter((question) => question.type === 'date')
        .map((question) => titleKey(question.title)),
    );
    const exportLocale = timestampLocaleOf(csv.headers);
    const sheetLocale = existing ? timestampLocaleOf(existing.headers) : 'vi';
    const dateProblems: InputProblem[] = [];
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
          const cell = index === undefined ? null : (csvRow[index] ?? null);
          if (index === undefined || !dateKeys.has(titleKey(header))) return cell;
          const stored = storedDateAnswer(cell as RawAnswer, exportLocale, sheetLocale);
          if ('cell' in stored) return stored.cell;
          const column = String(csv.headers[index] ?? header);
          dateProblems.push({ where: csv.name, row: row.rowNumber, column, message: stored.problem });
          return cell;
        }),
      );
    }
    if (dateProblems.length > 0) refuseFile(ports, csv, dateProblems);
    if (rows.length > 0) ports.workbook.write([{ kind: 'append', sheet, headers, rows }]);
    return { rowsInFile: parsed.length, added: rows.length, alreadyThere, ignoredColumns };
  });
}
