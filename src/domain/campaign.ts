// The campaign: who runs it (`Cấu hình`) and what is due when (`Kỳ nộp`), with the deadline rule.
import { CONFIG_COLUMNS, CONFIG_KEY, PERIOD_COLUMNS, SHEET } from './layout';
import type { Extension } from './extensions';
import type { Checked, InputProblem } from './problems';
import type { Specialist } from './specialists';
import { cellDate, cellText, type SheetRecord } from './table';
import { cleanText, foldForMatch, labelKey } from './text';
import { addDays, endOfVietnamDay, formatVietnameseDate, startOfVietnamDay, type IsoDate } from './time';
import { isValidEmail, splitEmails } from './units';

export type FormKind = 'plan' | 'report';
export const FORM_KIND_LABEL: Record<FormKind, string> = { plan: 'Kế hoạch', report: 'Báo cáo' };

/** `trước ngày` X: due by the end of the day before X. `đến hết ngày` X: due by the end of X. */
export type DeadlineRule = 'before' | 'through';
export const DEADLINE_RULE_LABEL: Record<DeadlineRule, string> = {
  before: 'trước ngày',
  through: 'đến hết ngày',
};

export type IdentityCheck = 'email_or_code' | 'email' | 'code' | 'off';
export const IDENTITY_CHECK_LABEL: Record<IdentityCheck, string> = {
  email_or_code: 'Email hoặc mã xác nhận',
  email: 'Email',
  code: 'Mã xác nhận',
  off: 'Tắt',
};

/** `Số liệu tính bài`: the figures count every accepted version, or only the approved ones. */
export type FiguresBasis = 'valid' | 'approved';
export const FIGURES_BASIS_LABEL: Record<FiguresBasis, string> = {
  valid: 'đã nộp hợp lệ',
  approved: 'đã duyệt',
};

export interface Period {
  readonly id: string;
  readonly name: string;
  readonly form: FormKind;
  readonly opensOn: IsoDate;
  /** The date as written in the plan (`Hạn nộp`), read with `deadlineRule`. */
  readonly writtenDueDate: IsoDate;
  readonly deadlineRule: DeadlineRule;
  readonly graceDays: number;
  readonly remindBeforeDays: readonly number[];
  readonly remindAfterDays: readonly number[];
  /** `Khóa nhận`: after the end of this day a new response is held (`Nộp sau khóa`); optional. */
  readonly closesOn?: IsoDate;
  /** The first moment a submission is accepted. */
  readonly opensAt: Date;
  /** The last day on time, Vietnamese calendar. */
  readonly lastDueDate: IsoDate;
  /** The last moment that is on time without grace: 23:59:59.999 of `lastDueDate`. */
  readonly dueAt: Date;
  /** The last moment that still counts as on time: `dueAt` plus the grace days. */
  readonly timelyUntil: Date;
}

export interface CampaignConfig {
  readonly agencyName: string;
  readonly planName: string;
  readonly year: number;
  readonly contactName: string;
  readonly contactEmail: string;
  readonly contactPhone: string;
  readonly digestEmails: readonly string[];
  /** Hour of the day (0–23, Vietnam time) at which the daily job sends mail. */
  readonly dailyMailHour: number;
  /** Mail quota kept back for people's own use. */
  readonly mailQuotaReserve: number;
  readonly identityCheck: IdentityCheck;
  /** Forms accept only accounts of the department's Google Workspace domain (FormApp setRequireLogin). */
  readonly requireSignIn: boolean;
  /** `Báo cấp trên sau (ngày)`: a unit overdue longer is named in red to its specialist; absent: never. */
  readonly escalateAfterDays?: number;
  /** `Số liệu tính bài`; absent means `valid`. */
  readonly figuresBasis?: FiguresBasis;
}

export interface Campaign {
  readonly config: CampaignConfig;
  /** Sorted by due moment. */
  readonly periods: readonly Period[];
  /** `Gia hạn`: later due days of single units (none when the sheet is absent). */
  readonly extensions?: readonly Extension[];
  /** `Phụ trách`: who follows which units in the daily digest (none when the sheet is absent). */
  readonly specialists?: readonly Specialist[];
}

/** Builds a period from the values as written; the due moments follow from the deadline rule. */
export function makePeriod(fields: {
  id: string;
  name: string;
  form: FormKind;
  opensOn: IsoDate;
  writtenDueDate: IsoDate;
  deadlineRule: DeadlineRule;
  graceDays: number;
  remindBeforeDays: readonly number[];
  remindAfterDays: readonly number[];
  closesOn?: IsoDate;
}): Period {
  const lastDueDate =
    fields.deadlineRule === 'before' ? addDays(fields.writtenDueDate, -1) : fields.writtenDueDate;
  return {
    ...fields,
    opensAt: startOfVietnamDay(fields.opensOn),
    lastDueDate,
    dueAt: endOfVietnamDay(lastDueDate),
    timelyUntil: endOfVietnamDay(addDays(lastDueDate, fields.graceDays)),
  };
}

/** "hết ngày 30/03/2023 (trước ngày 31/03/2023)": the due moment and the plan's own words. */
export function describeDeadline(period: Period): { dueMoment: string; asWritten: string } {
  return {
    dueMoment: `hết ngày ${formatVietnameseDate(period.lastDueDate)}`,
    asWritten: `${DEADLINE_RULE_LABEL[period.deadlineRule]} ${formatVietnameseDate(period.writtenDueDate)}`,
  };
}

/** `7, 3, 1` → [7, 3, 1]; null if any part is not a whole number. */
export function parseDayList(text: string): number[] | null {
  if (text.trim() === '') return [];
  const parts = text.split(/[,;\s]+/).filter(Boolean);
  if (!parts.every((part) => /^\d{1,3}$/.test(part))) return null;
  return [...new Set(parts.map(Number))].sort((a, b) => b - a);
}

function parseWholeNumber(text: string): number | null {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}

/** The last moment a new response counts without the department's acceptance, for one unit. */
export function closingMomentOf(period: Period, unitPeriod: Period): Date | null {
  if (!period.closesOn) return null;
  const closing = endOfVietnamDay(period.closesOn);
  // An extension reaching past the closing day keeps the unit open until its own end.
  return unitPeriod.timelyUntil.getTime() > closing.getTime() ? unitPeriod.timelyUntil : closing;
}

export function parsePeriods(records: readonly SheetRecord[]): Checked<Period[]> {
  const problems: InputProblem[] = [];
  const periods: Period[] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    const where = record.sheet;
    const row = record.rowNumber;
    const problem = (column: string, message: string) => problems.push({ where, row, column, message });
    const text = (column: string) => cleanText(cellText(record.get(column)));
    const date = (column: string): IsoDate | null => {
      const value = cellDate(record.get(column));
      if (!value) {
        const typed = text(column);
        problem(
          column,
          typed ? `«${typed}» không phải là ngày hợp lệ (dd/MM/yyyy).` : 'thiếu ngày (dd/MM/yyyy).',
        );
      }
      return value;
    };
    const id = text(PERIOD_COLUMNS.id);
    if (!id) problem(PERIOD_COLUMNS.id, 'thiếu mã kỳ.');
    else if (seen.has(foldForMatch(id)))
      problem(PERIOD_COLUMNS.id, `mã kỳ «${id}» bị trùng với dòng ${seen.get(foldForMatch(id))}.`);
    else seen.set(foldForMatch(id), row);
    const name = text(PERIOD_COLUMNS.name);
    if (!name) problem(PERIOD_COLUMNS.name, 'thiếu tên kỳ.');
    const formText = text(PERIOD_COLUMNS.form);
    const form = labelKey(FORM_KIND_LABEL, formText);
    if (!form)
      problem(
        PERIOD_COLUMNS.form,
        `${formText ? `«${formText}» không hợp lệ` : 'thiếu biểu mẫu'}; ghi «Kế hoạch» hoặc «Báo cáo».`,
      );
    const opensOn = date(PERIOD_COLUMNS.opensOn);
    const writtenDueDate = date(PERIOD_COLUMNS.writtenDueDate);
    const ruleText = text(PERIOD_COLUMNS.deadlineRule);
    const deadlineRule = ruleText === '' ? 'before' : labelKey(DEADLINE_RULE_LABEL, ruleText);
    if (!deadlineRule)
      problem(
        PERIOD_COLUMNS.deadlineRule,
        `«${ruleText}» không hợp lệ; ghi «trước ngày» hoặc «đến hết ngày».`,
      );
    const graceText = text(PERIOD_COLUMNS.graceDays);
    const graceDays = graceText === '' ? 0 : parseWholeNumber(graceText);
    if (graceDays === null)
      problem(PERIOD_COLUMNS.graceDays, `«${graceText}» không phải là số ngày (số nguyên ≥ 0).`);
    const before = parseDayList(text(PERIOD_COLUMNS.remindBeforeDays));
    if (!before)
      problem(
        PERIOD_COLUMNS.remindBeforeDays,
        `«${text(PERIOD_COLUMNS.remindBeforeDays)}» phải là các số ngày cách nhau bởi dấu phẩy, ví dụ «7, 3, 1».`,
      );
    const after = parseDayList(text(PERIOD_COLUMNS.remindAfterDays));
    if (!after)
      problem(
        PERIOD_COLUMNS.remindAfterDays,
        `«${text(PERIOD_COLUMNS.remindAfterDays)}» phải là các số ngày cách nhau bởi dấu phẩy, ví dụ «1, 3, 7, 14».`,
      );
    // The form must open on or before the last day on time.
    const lastDueDate =
      writtenDueDate && (deadlineRule === 'before' ? addDays(writtenDueDate, -1) : writtenDueDate);
    if (opensOn && lastDueDate && opensOn > lastDueDate) {
      problem(PERIOD_COLUMNS.opensOn, `ngày mở nhận ${formatVietnameseDate(opensOn)} phải trước hạn nộp.`);
    }
    // `Khóa nhận` is optional: blank means the period never closes.
    const closesOn =
      record.has(PERIOD_COLUMNS.closesOn) && text(PERIOD_COLUMNS.closesOn)
        ? date(PERIOD_COLUMNS.closesOn)
        : null;
    if (closesOn && lastDueDate && closesOn < lastDueDate)
      problem(
        PERIOD_COLUMNS.closesOn,
        `ngày khóa nhận ${formatVietnameseDate(closesOn)} sớm hơn hạn nộp (hết ngày ${formatVietnameseDate(lastDueDate)}).`,
      );
    if (
      id &&
      name &&
      form &&
      opensOn &&
      writtenDueDate &&
      deadlineRule &&
      graceDays !== null &&
      before &&
      after
    ) {
      periods.push(
        makePeriod({
          id,
          name,
          form,
          opensOn,
          writtenDueDate,
          deadlineRule,
          graceDays,
          remindBeforeDays: before,
          remindAfterDays: [...after].reverse(),
          ...(closesOn ? { closesOn } : {}),
        }),
      );
    }
  }
  if (records.length === 0) problems.push({ where: SHEET.periods, message: 'chưa có kỳ nộp nào.' });
  periods.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id.localeCompare(b.id));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: periods };
}

export function parseConfig(records: readonly SheetRecord[]): Checked<CampaignConfig> {
  const problems: InputProblem[] = [];
  const values = new Map<string, { text: string; row: number; sheet: string }>();
  for (const record of records) {
    const key = cleanText(cellText(record.get(CONFIG_COLUMNS.key)));
    if (key)
      values.set(foldForMatch(key), {
        text: cleanText(cellText(record.get(CONFIG_COLUMNS.value))),
        row: record.rowNumber,
        sheet: record.sheet,
      });
  }
  const sheet = records[0]?.sheet ?? SHEET.config;
  const read = (key: string, required: boolean): { text: string; row?: number } => {
    const found = values.get(foldForMatch(key));
    if (!found) {
      if (required)
        problems.push({ where: sheet, column: CONFIG_COLUMNS.key, message: `thiếu khóa «${key}».` });
      return { text: '' };
    }
    if (required && !found.text)
      problems.push({
        where: sheet,
        row: found.row,
        column: CONFIG_COLUMNS.value,
        message: `khóa «${key}» chưa có giá trị.`,
      });
    return { text: found.text, row: found.row };
  };
  const bad = (key: string, row: number | undefined, message: string) =>
    problems.push({
      where: sheet,
      ...(row !== undefined ? { row } : {}),
      column: CONFIG_COLUMNS.value,
      message: `«${key}»: ${message}`,
    });

  const agencyName = read(CONFIG_KEY.agencyName, true).text;
  const planName = read(CONFIG_KEY.planName, true).text;
  const yearField = read(CONFIG_KEY.year, true);
  const year = Number(yearField.text);
  if (yearField.text && !/^\d{4}$/.test(yearField.text))
    bad(CONFIG_KEY.year, yearField.row, `«${yearField.text}» không phải là năm (4 chữ số).`);
  const contactName = read(CONFIG_KEY.contactName, false).text;
  const contactEmailField = read(CONFIG_KEY.contactEmail, true);
  const contactEmail = contactEmailField.text.toLowerCase();
  if (contactEmail && !isValidEmail(contactEmail))
    bad(
      CONFIG_KEY.contactEmail,
      contactEmailField.row,
      `«${contactEmailField.text}» không phải là địa chỉ email hợp lệ.`,
    );
  const contactPhone = read(CONFIG_KEY.contactPhone, false).text;
  const digestField = read(CONFIG_KEY.digestEmails, false);
  const digestEmails = splitEmails(digestField.text);
  for (const email of digestEmails)
    if (!isValidEmail(email))
      bad(CONFIG_KEY.digestEmails, digestField.row, `«${email}» không phải là địa chỉ email hợp lệ.`);
  const hourField = read(CONFIG_KEY.dailyMailHour, false);
  const dailyMailHour = hourField.text === '' ? 7 : parseWholeNumber(hourField.text);
  if (dailyMailHour === null || dailyMailHour > 23)
    bad(CONFIG_KEY.dailyMailHour, hourField.row, `«${hourField.text}» phải là giờ từ 0 đến 23.`);
  const reserveField = read(CONFIG_KEY.mailQuotaReserve, false);
  const mailQuotaReserve = reserveField.text === '' ? 0 : parseWholeNumber(reserveField.text);
  if (mailQuotaReserve === null)
    bad(CONFIG_KEY.mailQuotaReserve, reserveField.row, `«${reserveField.text}» phải là số nguyên ≥ 0.`);
  const identityField = read(CONFIG_KEY.identityCheck, false);
  const identityCheck =
    identityField.text === '' ? 'email_or_code' : labelKey(IDENTITY_CHECK_LABEL, identityField.text);
  if (!identityCheck) {
    bad(
      CONFIG_KEY.identityCheck,
      identityField.row,
      `«${identityField.text}» không hợp lệ; ghi một trong: ${Object.values(IDENTITY_CHECK_LABEL)
        .map((label) => `«${label}»`)
        .join(', ')}.`,
    );
  }
  const signInField = read(CONFIG_KEY.requireSignIn, false);
  const signInText = foldForMatch(signInField.text);
  const requireSignIn =
    signInText === '' || signInText === 'khong' ? false : signInText === 'co' ? true : null;
  if (requireSignIn === null) {
    bad(
      CONFIG_KEY.requireSignIn,
      signInField.row,
      `«${signInField.text}» không hợp lệ; ghi «có» hoặc «không».`,
    );
  }
  const escalateField = read(CONFIG_KEY.escalateAfterDays, false);
  const escalateAfterDays = escalateField.text === '' ? undefined : parseWholeNumber(escalateField.text);
  if (escalateAfterDays === null)
    bad(
      CONFIG_KEY.escalateAfterDays,
      escalateField.row,
      `«${escalateField.text}» không phải là số ngày (số nguyên ≥ 0).`,
    );
  const basisField = read(CONFIG_KEY.figuresBasis, false);
  const figuresBasis = basisField.text === '' ? 'valid' : labelKey(FIGURES_BASIS_LABEL, basisField.text);
  if (!figuresBasis)
    bad(
      CONFIG_KEY.figuresBasis,
      basisField.row,
      `«${basisField.text}» không hợp lệ; ghi «${FIGURES_BASIS_LABEL.valid}» hoặc «${FIGURES_BASIS_LABEL.approved}».`,
    );
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      agencyName,
      planName,
      year,
      contactName,
      contactEmail,
      contactPhone,
      digestEmails,
      dailyMailHour: dailyMailHour as number,
      mailQuotaReserve: mailQuotaReserve as number,
      identityCheck: identityCheck as IdentityCheck,
      requireSignIn: requireSignIn as boolean,
      ...(typeof escalateAfterDays === 'number' ? { escalateAfterDays } : {}),
      ...(figuresBasis === 'approved' ? { figuresBasis } : {}),
    },
  };
}
