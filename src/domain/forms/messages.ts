// The wording of every problem in a response, in one place: these messages are e-mailed to the
// schools. Each names the question (`Câu «…»: `) and quotes what was typed in «…».
import { cleanText } from '../text';
import { formatVietnameseDate, type DateLocale, type IsoDate } from '../time';

const QUOTE_LIMIT = 100;

/** What was typed, as a message quotes it: on one line, cut at 100 characters. */
export function quoteTyped(typed: string): string {
  const line = cleanText(typed);
  // A character takes at most two UTF-16 units: this many units hold more than the limit.
  const characters = Array.from(line.slice(0, 2 * QUOTE_LIMIT + 2));
  return characters.length > QUOTE_LIMIT ? `${characters.slice(0, QUOTE_LIMIT - 1).join('')}…` : line;
}

function about(title: string, detail: string): string {
  return `Câu «${title}»: ${detail}`;
}

/** `«A» hoặc «B»`, `«A», «B» hoặc «C»`. */
function alternatives(choices: readonly string[]): string {
  const quoted = choices.map((choice) => `«${choice}»`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} hoặc ${quoted[quoted.length - 1]}`;
}

function range(min: number, max: number): string {
  return `từ ${formatNumber(min)} đến ${formatNumber(max)}`;
}

/** Vietnamese decimal mark: `85,5`. */
function formatNumber(value: number): string {
  return String(value).replace('.', ',');
}

export const FORM_MESSAGE = {
  missingColumn: (title: string) => about(title, 'không tìm thấy cột này trong dữ liệu phản hồi.'),
  required: (title: string) => about(title, 'chưa được trả lời.'),
  notWholeNumber: (title: string, typed: string) =>
    about(title, `«${quoteTyped(typed)}» không phải là số nguyên không âm.`),
  notNumber: (title: string, typed: string) => about(title, `«${quoteTyped(typed)}» không phải là số.`),
  tooLarge: (title: string, typed: string) => about(title, `«${quoteTyped(typed)}» quá lớn.`),
  outOfRange: (title: string, typed: string, min: number, max: number) =>
    about(title, `«${quoteTyped(typed)}» phải nằm trong khoảng ${range(min, max)}.`),
  belowMin: (title: string, typed: string, min: number) =>
    about(title, `«${quoteTyped(typed)}» phải từ ${formatNumber(min)} trở lên.`),
  aboveMax: (title: string, typed: string, max: number) =>
    about(title, `«${quoteTyped(typed)}» không được lớn hơn ${formatNumber(max)}.`),
  notDate: (title: string, typed: string, locale: DateLocale = 'vi') =>
    about(
      title,
      locale === 'en'
        ? `«${quoteTyped(typed)}» không phải là ngày hợp lệ theo tệp tiếng Anh (tháng/ngày/năm, M/d/yyyy).`
        : `«${quoteTyped(typed)}» không phải là ngày hợp lệ (dd/MM/yyyy).`,
    ),
  dateAfterSubmission: (title: string, typed: string, submittedOn: IsoDate) =>
    about(title, `«${quoteTyped(typed)}» muộn hơn ngày nộp (${formatVietnameseDate(submittedOn)}).`),
  dateOutsideYear: (title: string, typed: string, year: number) =>
    about(title, `«${quoteTyped(typed)}» không thuộc năm ${year}; đề nghị kiểm tra lại.`),
  dateBefore: (title: string, typed: string, otherTitle: string, otherDate: IsoDate) =>
    about(
      title,
      `«${quoteTyped(typed)}» sớm hơn ngày ở câu «${otherTitle}» (${formatVietnameseDate(otherDate)}).`,
    ),
  unknownUnit: (title: string, typed: string) =>
    about(title, `«${quoteTyped(typed)}» không có trong danh sách đơn vị.`),
  inactiveUnit: (title: string, typed: string) =>
    about(title, `«${quoteTyped(typed)}» là đơn vị đã ngừng hoạt động.`),
  unknownPeriod: (title: string, typed: string, periodNames: readonly string[]) =>
    about(
      title,
      periodNames.length > 0
        ? `«${quoteTyped(typed)}» không phải là kỳ báo cáo đang nhận; chọn ${alternatives(periodNames)}.`
        : `«${quoteTyped(typed)}» không phải là kỳ báo cáo đang nhận.`,
    ),
  notAChoice: (title: string, typed: string, choices: readonly string[]) =>
    about(title, `«${quoteTyped(typed)}» không hợp lệ; chọn ${alternatives(choices)}.`),
  unknownCheckbox: (title: string, typed: string) =>
    about(title, `«${quoteTyped(typed)}» không phải là lựa chọn của câu này.`),
  missingChoices: (title: string, total: number, missing: readonly string[]) =>
    about(
      title,
      `phải chọn đủ ${total} lựa chọn; còn thiếu: ${missing.map((choice) => `«${choice}»`).join('; ')}.`,
    ),
  lengthOutOfRange: (title: string, typed: string, min: number, max: number, count: number) =>
    about(title, `«${quoteTyped(typed)}» phải có từ ${min} đến ${max} ký tự (hiện có ${count}).`),
  tooShort: (title: string, typed: string, min: number, count: number) =>
    about(title, `«${quoteTyped(typed)}» phải có ít nhất ${min} ký tự (hiện có ${count}).`),
  tooLong: (title: string, typed: string, max: number, count: number) =>
    about(title, `«${quoteTyped(typed)}» chỉ được có tối đa ${max} ký tự (hiện có ${count}).`),
  notPhone: (title: string, typed: string) =>
    about(
      title,
      `«${quoteTyped(typed)}» không phải là số điện thoại hợp lệ (bắt đầu bằng 0 hoặc +84, tiếp theo là 9–10 chữ số).`,
    ),
  notHttpLink: (title: string, typed: string) =>
    about(title, `«${quoteTyped(typed)}» không phải là đường dẫn bắt đầu bằng http:// hoặc https://.`),
  unexpectedShape: (title: string, typed: string, example: string) =>
    about(
      title,
      `«${quoteTyped(typed)}» chưa đúng dạng thường dùng (ví dụ «${example}»); đề nghị kiểm tra lại.`,
    ),
  linesRequired: (title: string, countTitle: string, count: number) =>
    about(title, `chưa được trả lời, nhưng câu «${countTitle}» ghi ${count}; cần ghi ${count} dòng.`),
  lineCountMismatch: (title: string, lineCount: number, countTitle: string, count: number) =>
    about(title, `có ${lineCount} dòng, nhưng câu «${countTitle}» ghi ${count}; hai số này phải bằng nhau.`),
  moreThan: (title: string, typed: string, otherTitle: string, other: number) =>
    about(title, `«${quoteTyped(typed)}» lớn hơn số ở câu «${otherTitle}» (${other}).`),
} as const;
