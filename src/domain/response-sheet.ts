// The `Phản hồi …` sheets and Google Forms CSV exports: one row per response, `Dấu thời gian`
// (or `Timestamp`), `Địa chỉ email` (or `Email Address`), then the question titles.
import type { FormKind } from './campaign';
import { answersByTitle } from './forms';
import type { RawAnswer } from './forms/answers';
import { FORM_SPECS, type IncomingResponse } from './intake';
import { RESPONSE_FIXED_COLUMNS } from './layout';
import type { InputProblem } from './problems';
import { cellText, type CellValue, type Table } from './table';
import { titleKey } from './text';
import { isoDate, vietnamInstant, type DateLocale } from './time';

const TIMESTAMP_HEADERS = [RESPONSE_FIXED_COLUMNS.timestamp, 'Timestamp'].map(titleKey);
const EMAIL_HEADERS = [RESPONSE_FIXED_COLUMNS.email, 'Email Address', 'Email'].map(titleKey);

export type TimestampLocale = DateLocale;

/**
 * A Forms timestamp as a spreadsheet shows it, in Vietnam time: `30/03/2023 21:15:04` (Vietnamese
 * locale, day first) or `3/30/2023 21:15:04` (English locale, month first).
 */
export function parseFormsTimestamp(text: string, locale: TimestampLocale): Date | null {
  const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$/.exec(text);
  if (!match) return null;
  const [first, second] = [Number(match[1]), Number(match[2])];
  const date =
    locale === 'vi' ? isoDate(Number(match[3]), second, first) : isoDate(Number(match[3]), first, second);
  const hours = Number(match[4] ?? 0);
  const minutes = Number(match[5] ?? 0);
  const seconds = Number(match[6] ?? 0);
  if (!date || hours > 23 || minutes > 59 || seconds > 59) return null;
  return vietnamInstant(date, hours, minutes, seconds);
}

/**
 * The locale of a sheet or export by its header row: English headers mean month-first days, in
 * its timestamps and in its date answers alike. The header row decides, never the look of a day:
 * a timestamp that does not read under it is a problem on its row, not a reason to read the
 * others another way.
 */
export function timestampLocaleOf(headers: readonly string[]): TimestampLocale {
  return headers.some((header) => titleKey(header) === titleKey('Timestamp')) ? 'en' : 'vi';
}

function fnv1a(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * A response read from a sheet or a CSV has no Forms id: it is named by its form, time and
 * submitter, so importing the same export twice finds the same ids. Rows that share all three
 * (three schools submitting in the same second on a form that collects no e-mail) are told apart
 * by `occurrence`, their order among those rows: the first keeps the plain id, the others get
 * `-2`, `-3`… Two rows are two responses always; the same row read again is the same one.
 */
export function sheetResponseId(form: FormKind, timestamp: Date, email: string, occurrence = 1): string {
  const key = `${form}|${timestamp.toISOString()}|${email.trim().toLowerCase()}`;
  const base = `${form === 'plan' ? 'KH' : 'BC'}-${fnv1a(key, 0x811c9dc5)}${fnv1a(key, 0x01234567)}`;
  return occurrence > 1 ? `${base}-${occurrence}` : base;
}

function indexOfHeader(headers: readonly string[], candidates: readonly string[]): number {
  return headers.findIndex((header) => candidates.includes(titleKey(String(header ?? ''))));
}

export interface SheetResponseRow {
  readonly rowNumber: number;
  readonly response: IncomingResponse | null;
  /**
   * Why the row could not be read (no valid timestamp; row 1 when the sheet has no timestamp
   * column); such rows are reported, never dropped silently.
   */
  readonly problem?: InputProblem;
}

export function timestampOfCell(value: CellValue, locale: TimestampLocale): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'string') return parseFormsTimestamp(value, locale);
  return null;
}

/** Every row of a response sheet as an incoming response. */
export function responsesFromSheet(table: Table, form: FormKind): SheetResponseRow[] {
  const timestampIndex = indexOfHeader(table.headers, TIMESTAMP_HEADERS);
  const locale = timestampLocaleOf(table.headers);
  const emailIndex = indexOfHeader(table.headers, EMAIL_HEADERS);
  const spec = FORM_SPECS[form];
  const rows: SheetResponseRow[] = [];
  const isEmptyRow = (row: readonly CellValue[]) => row.every((cell) => cell === null || cell === '');
  if (timestampIndex < 0) {
    if (table.rows.every(isEmptyRow)) return [];
    const column = RESPONSE_FIXED_COLUMNS.timestamp;
    const message = `thiếu cột «${column}» (hoặc «Timestamp») ở dòng tiêu đề.`;
    return [{ rowNumber: 1, response: null, problem: { where: table.name, row: 1, column, message } }];
  }
  const timestampColumn = String(table.headers[timestampIndex] ?? '');
  const occurrences = new Map<string, number>();
  table.rows.forEach((row, index) => {
    if (isEmptyRow(row)) return;
    const rowNumber = index + 2;
    const timestampCell = row[timestampIndex] ?? null;
    const timestamp = timestampOfCell(timestampCell, locale);
    if (!timestamp) {
      const typed = cellText(timestampCell);
      const pattern = locale === 'en' ? 'M/d/yyyy HH:mm:ss' : 'dd/MM/yyyy HH:mm:ss';
      const message = typed
        ? `«${typed}» không phải là dấu thời gian hợp lệ (${pattern}).`
        : 'thiếu dấu thời gian.';
      rows.push({
        rowNumber,
        response: null,
        problem: { where: table.name, row: rowNumber, column: timestampColumn, message },
      });
      return;
    }
    const email =
      emailIndex >= 0
        ? String(row[emailIndex] ?? '')
            .trim()
            .toLowerCase()
        : '';
    const plainId = sheetResponseId(form, timestamp, email);
    const occurrence = (occurrences.get(plainId) ?? 0) + 1;
    occurrences.set(plainId, occurrence);
    rows.push({
      rowNumber,
      response: {
        responseId: sheetResponseId(form, timestamp, email, occurrence),
        form,
        timestamp,
        respondentEmail: email,
        response: answersByTitle(spec, table.headers, row as readonly RawAnswer[], locale),
        editLink: '',
      },
    });
  });
  return rows;
}
