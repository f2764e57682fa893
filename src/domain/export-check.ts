// A form export checked as a file before any of its rows is read: the bytes are text in an encoding
// we read without guessing, the columns are separated by commas, the quotes close, and the columns
// are the questions of the form asked for. A file that fails any of these is refused whole, with
// what to do in Vietnamese: importing half of a wrong file would mail schools about answers they
// never gave.
import { FORM_KIND_LABEL, type FormKind } from './campaign';
import type { FormSpec } from './forms/spec';
import { InputError } from './problems';
import { titleKey } from './text';

/** Google Sheets holds 50,000 characters a cell; Excel 32,767. */
export const SHEETS_CELL_CHARACTERS = 50000;
export const EXCEL_CELL_CHARACTERS = 32767;

export const SAVE_AS_CSV_UTF8 =
  'hãy mở tệp và lưu lại dưới dạng CSV UTF-8 (trong Google Trang tính: Tệp → Tải xuống → «Giá trị được phân tách bằng dấu phẩy (.csv)»; trong Excel: Lưu thành → «CSV UTF-8 (phân cách bằng dấu phẩy)»), rồi nhập lại';

function withThousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

function refused(where: string, message: string): InputError {
  return new InputError([{ where, message }]);
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** UTF-16 without a byte order mark: most ASCII characters carry a zero byte beside them. */
function looksLikeUtf16(bytes: Uint8Array): 'le' | 'be' | null {
  const sample = Math.min(bytes.length, 2000) & ~1;
  if (sample < 4) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let index = 0; index < sample; index += 1) {
    if (bytes[index] !== 0) continue;
    if (index % 2 === 0) zeroEven += 1;
    else zeroOdd += 1;
  }
  const pairs = sample / 2;
  if (zeroOdd > pairs * 0.3 && zeroEven < pairs * 0.05) return 'le';
  if (zeroEven > pairs * 0.3 && zeroOdd < pairs * 0.05) return 'be';
  return null;
}

/**
 * The text of an exported file: UTF-8 with or without a byte order mark. UTF-16 (Excel's «Unicode
 * text») and any other encoding (Windows-1258, TCVN3…) are refused with how to save it right,
 * never read as replacement characters.
 */
export function decodeExport(bytes: Uint8Array, where: string): string {
  const withoutBom = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  if (withoutBom.every((byte) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d)) {
    throw refused(where, 'tệp trống, không có dòng nào để nhập.');
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    throw refused(where, `đây là tệp Excel (.xlsx), không phải CSV: ${SAVE_AS_CSV_UTF8}.`);
  }
  const utf16 = startsWith(bytes, [0xff, 0xfe])
    ? 'le'
    : startsWith(bytes, [0xfe, 0xff])
      ? 'be'
      : looksLikeUtf16(bytes);
  if (utf16) {
    throw refused(
      where,
      `tệp được lưu dưới dạng UTF-16 (Excel gọi là «Văn bản Unicode»), không phải CSV UTF-8: ${SAVE_AS_CSV_UTF8}.`,
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(withoutBom);
  } catch {
    throw refused(
      where,
      `tệp không phải văn bản UTF-8 (có thể là Windows-1258, TCVN3 hoặc bảng mã khác; đọc tiếp sẽ làm hỏng chữ có dấu): ${SAVE_AS_CSV_UTF8}.`,
    );
  }
}

/** The first line's delimiter outside quotes: a comma, or the one a spreadsheet chose instead. */
function headerDelimiter(text: string): ',' | ';' | '\t' | null {
  let inQuotes = false;
  const seen = { ',': 0, ';': 0, '\t': 0 };
  for (const char of text) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (char === '\n' || char === '\r')) break;
    else if (!inQuotes && (char === ',' || char === ';' || char === '\t')) seen[char] += 1;
  }
  // The most frequent wins: question titles may hold a comma, unquoted in a tab-separated file.
  const [best] = (Object.entries(seen) as [',' | ';' | '\t', number][]).sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : null;
}

/** The columns every export has besides the questions, in both locales Google exports in. */
const FIXED_COLUMN_TITLES = ['Dấu thời gian', 'Timestamp', 'Địa chỉ email', 'Email Address', 'Email'];

const DELIMITER_NAME = { ';': 'dấu chấm phẩy (;)', '\t': 'dấu tab' } as const;

/** The 1-based line where a quote opens that never closes, if one does. */
function unclosedQuoteLine(text: string): number | null {
  let line = 1;
  let openedAt: number | null = null;
  let fieldStart = true;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (openedAt !== null) {
      if (char === '"') {
        if (text[index + 1] === '"') index += 1;
        else {
          openedAt = null;
          fieldStart = false;
        }
      } else if (char === '\n') line += 1;
      continue;
    }
    if (char === '"' && fieldStart) openedAt = line;
    else if (char === '\n') line += 1;
    fieldStart = char === ',' || char === '\n' || char === '\r';
  }
  return openedAt;
}

/** Checks of the text as a whole, before it is split into rows. */
export function checkExportText(text: string, where: string): void {
  const delimiter = headerDelimiter(text);
  if (delimiter === ';' || delimiter === '\t') {
    throw refused(
      where,
      `các cột được phân cách bằng ${DELIMITER_NAME[delimiter]}, không phải dấu phẩy: ${SAVE_AS_CSV_UTF8}.`,
    );
  }
  const line = unclosedQuoteLine(text);
  if (line !== null) {
    throw refused(
      where,
      `dấu ngoặc kép (") mở ở dòng ${line} không được đóng, phần còn lại của tệp sẽ dồn vào một ô: tệp có thể bị cắt dở hoặc bị sửa tay; hãy tải lại tệp xuất từ biểu mẫu.`,
    );
  }
}

function requiredTitles(spec: FormSpec): string[] {
  return spec.questions.filter((question) => question.required).map((question) => question.title);
}

/** Columns the import reads (the questions, the timestamp, the address) that the header holds more than once. */
function duplicatedColumns(headers: readonly string[], spec: FormSpec): [string, number][] {
  const read = new Set(
    [...spec.questions.map((question) => question.title), ...FIXED_COLUMN_TITLES].map(titleKey),
  );
  const counts = new Map<string, { title: string; count: number }>();
  for (const header of headers) {
    const key = titleKey(header);
    if (!read.has(key)) continue;
    const seen = counts.get(key);
    counts.set(key, { title: seen?.title ?? header, count: (seen?.count ?? 0) + 1 });
  }
  return [...counts.values()].filter((entry) => entry.count > 1).map((entry) => [entry.title, entry.count]);
}

/**
 * The header is the export of `form`: every required question has its column, and no column the
 * import reads comes twice (which of the two would be the answer?). The export of the other form
 * is named as such; otherwise the missing columns are named.
 */
export function checkExportForm(
  headers: readonly string[],
  form: FormKind,
  specs: Readonly<Record<FormKind, FormSpec>>,
  where: string,
): void {
  const [duplicated] = duplicatedColumns(headers, specs[form]);
  if (duplicated) {
    const [title, count] = duplicated;
    throw refused(
      where,
      `có ${count === 2 ? 'hai' : count} cột «${title}»: không biết câu trả lời ở cột nào là đúng; hãy dùng đúng tệp xuất từ biểu mẫu, không sửa dòng tiêu đề.`,
    );
  }
  const present = new Set(headers.map(titleKey));
  const missing = requiredTitles(specs[form]).filter((title) => !present.has(titleKey(title)));
  if (missing.length === 0) return;
  const other: FormKind = form === 'plan' ? 'report' : 'plan';
  const isOther = requiredTitles(specs[other]).every((title) => present.has(titleKey(title)));
  if (isOther) {
    const option = other === 'plan' ? 'ke-hoach' : 'bao-cao';
    throw refused(
      where,
      `đây là tệp xuất của biểu mẫu «${FORM_KIND_LABEL[other]}», không phải «${FORM_KIND_LABEL[form]}»: nhập bằng --form ${option}, hoặc chọn đúng tệp xuất của biểu mẫu «${FORM_KIND_LABEL[form]}».`,
    );
  }
  throw refused(
    where,
    `thiếu cột của câu hỏi bắt buộc ${missing.map((title) => `«${title}»`).join(', ')} của biểu mẫu «${FORM_KIND_LABEL[form]}» (tiêu đề cột có thể đã bị sửa): hãy dùng đúng tệp xuất từ biểu mẫu, không sửa dòng tiêu đề.`,
  );
}

/** Every answer fits in one cell of the workbook it goes to; the first that does not is named. */
export function checkExportCells(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  cellCharacters: number,
  where: string,
): void {
  const problems = [];
  for (const [index, row] of rows.entries()) {
    for (const [column, cell] of row.entries()) {
      if (cell.length <= cellCharacters) continue;
      problems.push({
        where,
        row: index + 2,
        column: headers[column] ?? `cột ${column + 1}`,
        message: `câu trả lời dài ${withThousands(cell.length)} ký tự, quá ${withThousands(cellCharacters)} ký tự một ô chứa được; đề nghị đơn vị rút gọn (hoặc gửi tệp đính kèm qua đường dẫn) rồi nộp lại.`,
      });
    }
  }
  if (problems.length > 0) throw new InputError(problems);
}
