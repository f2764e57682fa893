// «Kiểm tra cấu hình»: every problem of the input sheets and the forms, listed at once as data.
// An error stops the jobs or the units (a missing key, a bad date, a form that takes no answers);
// a warning is something the system runs with but the department probably did not mean (a due
// day on a weekend or a day off). Facts about the forms come in from the shell, so this stays pure.
import {
  FORM_KIND_LABEL,
  describeDeadline,
  parseConfig,
  parsePeriods,
  type FormKind,
  type Period,
} from './campaign';
import { placeholderContactKeys } from './defaults';
import { readFormFacts } from './form-facts';
import { parseHolidays } from './holidays';
import { describeMailForecast, forecastMail } from './mail-forecast';
import {
  CONFIG_COLUMNS,
  EXTENSION_COLUMNS,
  HOLIDAY_COLUMNS,
  PERIOD_COLUMNS,
  PERIOD_READ,
  SHEET,
  SPECIALIST_READ,
  UNIT_COLUMNS,
  columnsOf,
} from './layout';
import { InputError, describeProblem, type InputProblem } from './problems';
import { cellText, readRecords, type ColumnSpec, type SheetRecord, type Table } from './table';
import { cleanText, foldForMatch, isMixedScript } from './text';
import { dayOfWeek, formatVietnameseDate, isVietnamTimeZone, VIETNAM_TIME_ZONE, type IsoDate } from './time';
import { UnitRegistry, parseUnits } from './units';
import { parseExtensions } from './extensions';
import { parseSpecialists } from './specialists';

export type ConfigProblemSeverity = 'error' | 'warning';

export const SEVERITY_LABEL: Readonly<Record<ConfigProblemSeverity, string>> = {
  error: 'Lỗi',
  warning: 'Cảnh báo',
};

export interface ConfigProblem extends InputProblem {
  readonly severity: ConfigProblemSeverity;
}

/** What Apps Script found of a form; null when there is none or it cannot be opened. */
export interface FormFact {
  /** Its responses go to this spreadsheet. */
  readonly linked: boolean;
  /** Published and accepting responses: a unit can submit now. */
  readonly acceptingResponses: boolean;
}

export type FormFacts = Readonly<Record<FormKind, FormFact | null>>;

export interface ConfigCheckInput {
  /** `Cấu hình`, `Đơn vị`, `Kỳ nộp` and, if the department keeps one, `Ngày nghỉ`. */
  readonly tables: ReadonlyMap<string, Table>;
  /** Omitted where there are no Google Forms to ask (the local workbook). */
  readonly forms?: FormFacts;
  /** The spreadsheet's own time zone; omitted where there is none (the local workbook). */
  readonly spreadsheetTimeZone?: string;
  /** Recipients a day allows (MailApp's remaining quota, or `--max-mail`); omitted: no forecast. */
  readonly mailQuota?: number;
}

export const MAIL_FORECAST_PLACE = 'Dự báo thư';

/**
 * The forecast against the quota, when the sheets it needs read cleanly (their problems are told by
 * the check): null when every day fits. `hannop check` and `hannop run --max-mail` say it.
 */
export function mailForecastWarning(tables: ReadonlyMap<string, Table>, mailQuota: number): string | null {
  const records = (sheet: string, columns: ColumnSpec) => {
    try {
      return readRecords(tables.get(sheet), sheet, columns);
    } catch (error) {
      if (error instanceof InputError) return null;
      throw error;
    }
  };
  const configRecords = records(SHEET.config, { required: [CONFIG_COLUMNS.key, CONFIG_COLUMNS.value] });
  const periodRecords = records(SHEET.periods, PERIOD_READ);
  const unitRecords = records(SHEET.units, { required: UNIT_REQUIRED, optional: UNIT_OPTIONAL });
  if (!configRecords || !periodRecords || !unitRecords) return null;
  const config = parseConfig(configRecords);
  const periods = parsePeriods(periodRecords);
  const units = parseUnits(unitRecords);
  if (!config.ok || !periods.ok || !units.ok) return null;
  const quota = Math.max(0, mailQuota - config.value.mailQuotaReserve);
  const forecast = forecastMail({ config: config.value, periods: periods.value }, units.value.all, quota);
  return describeMailForecast(forecast);
}

function checkMailForecast(list: ProblemList, tables: ReadonlyMap<string, Table>, mailQuota: number): void {
  const message = mailForecastWarning(tables, mailQuota);
  if (message) list.add('warning', [{ where: MAIL_FORECAST_PLACE, message }]);
}

export const SPREADSHEET_PLACE = 'Bảng tính';

/** The sheets the check reads, in one batch. */
export const CONFIG_CHECK_SHEETS = [
  SHEET.config,
  SHEET.units,
  SHEET.periods,
  SHEET.holidays,
  SHEET.extensions,
  SHEET.specialists,
  SHEET.forms,
] as const;

const UNIT_OPTIONAL: readonly string[] = [UNIT_COLUMNS.activeFrom, UNIT_COLUMNS.confirmationCode];
const UNIT_REQUIRED = columnsOf(UNIT_COLUMNS).filter((column) => !UNIT_OPTIONAL.includes(column));

const WEEKEND_DAY: Readonly<Record<number, string>> = { 0: 'Chủ nhật', 6: 'Thứ Bảy' };

export function formPlace(kind: FormKind): string {
  return `Biểu mẫu ${FORM_KIND_LABEL[kind]}`;
}

class ProblemList {
  readonly items: ConfigProblem[] = [];

  add(severity: ConfigProblemSeverity, problems: readonly InputProblem[]): void {
    problems.forEach((problem) => this.items.push({ ...problem, severity }));
  }

  /** The records of a sheet, or null (with the problem noted) when it or a header is missing. */
  records(
    table: Table | undefined,
    sheet: string,
    columns: ColumnSpec,
    severity: ConfigProblemSeverity,
  ): SheetRecord[] | null {
    try {
      return readRecords(table, sheet, columns);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      this.add(severity, error.problems);
      return null;
    }
  }
}

function checkConfigSheet(list: ProblemList, table: Table | undefined): void {
  const records = list.records(
    table,
    SHEET.config,
    { required: [CONFIG_COLUMNS.key, CONFIG_COLUMNS.value] },
    'error',
  );
  if (!records) return;
  const checked = parseConfig(records);
  if (!checked.ok) list.add('error', checked.problems);
  else {
    // The example contact setup and `init` wrote: every mail would carry it, nobody reads it.
    const placeholders = new Set(placeholderContactKeys(checked.value).map(foldForMatch));
    for (const record of records) {
      const key = cleanText(cellText(record.get(CONFIG_COLUMNS.key)));
      if (!placeholders.has(foldForMatch(key))) continue;
      list.add('error', [
        {
          where: record.sheet,
          row: record.rowNumber,
          column: CONFIG_COLUMNS.value,
          message: `«${key}» vẫn là thông tin mẫu «${cellText(record.get(CONFIG_COLUMNS.value))}»; thay bằng người phụ trách thật trước khi gửi thư.`,
        },
      ]);
    }
  }
  // parseConfig takes the last row of a key: say so, since the officer may be editing the other.
  const firstRowByKey = new Map<string, number>();
  for (const record of records) {
    const key = cleanText(cellText(record.get(CONFIG_COLUMNS.key)));
    if (!key) continue;
    const firstRow = firstRowByKey.get(foldForMatch(key));
    if (firstRow === undefined) {
      firstRowByKey.set(foldForMatch(key), record.rowNumber);
      continue;
    }
    list.add('warning', [
      {
        where: record.sheet,
        row: record.rowNumber,
        column: CONFIG_COLUMNS.key,
        message: `khóa «${key}» đã có ở dòng ${firstRow}; hệ thống dùng giá trị ở dòng cuối cùng của khóa này.`,
      },
    ]);
  }
}

function checkUnitsSheet(list: ProblemList, table: Table | undefined): void {
  const records = list.records(
    table,
    SHEET.units,
    { required: UNIT_REQUIRED, optional: UNIT_OPTIONAL },
    'error',
  );
  if (!records) return;
  const checked = parseUnits(records);
  if (!checked.ok) {
    list.add('error', checked.problems);
    return;
  }
  // A look-alike address (a Cyrillic «а» among Latin letters) would take the unit's mail and
  // pass its identity check.
  for (const unit of checked.value.all) {
    for (const email of unit.emails.filter(isMixedScript)) {
      list.add('warning', [
        {
          where: SHEET.units,
          row: unit.rowNumber,
          column: UNIT_COLUMNS.emails,
          message: `«${email}» trộn chữ của nhiều bảng chữ cái (ví dụ chữ «а» Kirin giữa các chữ Latinh), trông giống một địa chỉ khác; đề nghị gõ lại địa chỉ này.`,
        },
      ]);
    }
  }
  if (checked.value.active.length === 0) {
    list.add('error', [
      { where: SHEET.units, message: 'chưa có đơn vị nào đang hoạt động nên không đơn vị nào phải nộp.' },
    ]);
  }
}

/** Each valid row of `Kỳ nộp` with its row number (a row with a problem is left out). */
function validPeriods(records: readonly SheetRecord[]): { period: Period; row: number }[] {
  const periods: { period: Period; row: number }[] = [];
  for (const record of records) {
    const checked = parsePeriods([record]);
    if (checked.ok && checked.value[0]) periods.push({ period: checked.value[0], row: record.rowNumber });
  }
  return periods;
}

function readHolidays(list: ProblemList, table: Table | undefined): ReadonlyMap<IsoDate, string> {
  // The sheet is optional: without it, only weekends are checked.
  if (!table) return new Map();
  const records = list.records(
    table,
    SHEET.holidays,
    { required: [HOLIDAY_COLUMNS.date], optional: [HOLIDAY_COLUMNS.reason] },
    'warning',
  );
  if (!records) return new Map();
  const holidays = parseHolidays(records);
  list.add('warning', holidays.problems);
  return holidays.byDate;
}

function checkPeriodsSheet(
  list: ProblemList,
  table: Table | undefined,
  holidays: ReadonlyMap<IsoDate, string>,
): void {
  const records = list.records(table, SHEET.periods, PERIOD_READ, 'error');
  if (!records) return;
  const checked = parsePeriods(records);
  if (!checked.ok) list.add('error', checked.problems);
  for (const { period, row } of validPeriods(records)) {
    const day = period.lastDueDate;
    const reasons: string[] = [];
    const weekend = WEEKEND_DAY[dayOfWeek(day)];
    if (weekend) reasons.push(weekend);
    const holiday = holidays.get(day);
    if (holiday !== undefined) reasons.push(holiday ? `ngày nghỉ «${holiday}»` : 'một ngày nghỉ');
    if (reasons.length === 0) continue;
    list.add('warning', [
      {
        where: SHEET.periods,
        row,
        column: PERIOD_COLUMNS.writtenDueDate,
        message:
          `kỳ «${period.id}»: ngày cuối còn đúng hạn ${formatVietnameseDate(day)} ` +
          `(${describeDeadline(period).asWritten}) rơi vào ${reasons.join(' và ')}; nên xem lại hạn nộp.`,
      },
    ]);
  }
}

function checkForms(list: ProblemList, forms: FormFacts): void {
  for (const kind of ['plan', 'report'] as const) {
    const fact = forms[kind];
    const where = formPlace(kind);
    if (!fact) {
      list.add('error', [
        {
          where,
          message:
            'chưa có biểu mẫu này hoặc không mở được biểu mẫu đã lưu; hãy chạy «Thiết lập ban đầu» trong trình đơn Hạn nộp.',
        },
      ]);
      continue;
    }
    if (!fact.linked) {
      list.add('error', [
        {
          where,
          message:
            'biểu mẫu chưa gửi câu trả lời về bảng tính này nên bài nộp sẽ không được ghi nhận; hãy chạy «Thiết lập ban đầu».',
        },
      ]);
    }
    if (!fact.acceptingResponses) {
      list.add('error', [
        {
          where,
          message:
            'biểu mẫu đang không nhận câu trả lời nên đơn vị không nộp được; hãy bật «Chấp nhận câu trả lời» trong Google Forms hoặc chạy «Thiết lập ban đầu».',
        },
      ]);
    }
  }
}

/** `Gia hạn` (optional): a row naming an unknown unit or period, or an earlier day, is an error. */
function checkExtensionsSheet(list: ProblemList, tables: ReadonlyMap<string, Table>): void {
  const table = tables.get(SHEET.extensions);
  if (!table) return;
  const quiet = new ProblemList();
  const unitRecords = quiet.records(
    tables.get(SHEET.units),
    SHEET.units,
    { required: [UNIT_COLUMNS.code] },
    'error',
  );
  const periodRecords = quiet.records(tables.get(SHEET.periods), SHEET.periods, PERIOD_READ, 'error');
  const records = list.records(
    table,
    SHEET.extensions,
    {
      required: [EXTENSION_COLUMNS.unitCode, EXTENSION_COLUMNS.periodId, EXTENSION_COLUMNS.newDueDate],
      optional: [EXTENSION_COLUMNS.reason, EXTENSION_COLUMNS.approvedBy],
    },
    'error',
  );
  if (!records || !unitRecords || !periodRecords) return;
  // The other sheets' own problems are reported above; here only their valid rows count.
  const units = new UnitRegistry(
    unitRecords.flatMap((record) => {
      const checked = parseUnits([record]);
      return checked.ok ? checked.value.all : [];
    }),
  );
  const periods = validPeriods(periodRecords).map(({ period }) => period);
  list.add('error', parseExtensions(records, units, periods).problems);
}

/** `Phụ trách` (optional): an unknown level or a bad address is an error; units nobody follows, a warning. */
function checkSpecialistsSheet(list: ProblemList, tables: ReadonlyMap<string, Table>): void {
  const table = tables.get(SHEET.specialists);
  if (!table) return;
  const unitRecords = new ProblemList().records(
    tables.get(SHEET.units),
    SHEET.units,
    { required: UNIT_REQUIRED, optional: UNIT_OPTIONAL },
    'error',
  );
  const records = list.records(table, SHEET.specialists, SPECIALIST_READ, 'error');
  if (!records || !unitRecords) return;
  // The registry's own problems are reported above; here only its valid rows count.
  const units = unitRecords.flatMap((record) => {
    const checked = parseUnits([record]);
    return checked.ok ? checked.value.all : [];
  });
  const parsed = parseSpecialists(records, units);
  list.add('error', parsed.problems);
  list.add('warning', parsed.warnings);
}

/** Every problem of the configuration, sheet by sheet, each sheet's in row order. */
export function checkConfig(input: ConfigCheckInput): ConfigProblem[] {
  const list = new ProblemList();
  const { tables } = input;
  checkConfigSheet(list, tables.get(SHEET.config));
  checkUnitsSheet(list, tables.get(SHEET.units));
  const holidayList = new ProblemList();
  const holidays = readHolidays(holidayList, tables.get(SHEET.holidays));
  checkPeriodsSheet(list, tables.get(SHEET.periods), holidays);
  list.items.push(...holidayList.items);
  checkExtensionsSheet(list, tables);
  checkSpecialistsSheet(list, tables);
  if (input.forms) checkForms(list, input.forms);
  // A wrong row of `Biểu mẫu` leaves that form's mails without the unit's own link.
  list.add('error', readFormFacts(tables.get(SHEET.forms)).problems);
  if (input.mailQuota !== undefined) checkMailForecast(list, tables, input.mailQuota);
  if (input.spreadsheetTimeZone !== undefined && !isVietnamTimeZone(input.spreadsheetTimeZone)) {
    list.add('error', [
      {
        where: SPREADSHEET_PLACE,
        message:
          `múi giờ là «${input.spreadsheetTimeZone}», không phải «${VIETNAM_TIME_ZONE}» (GMT+07:00) nên ngày giờ ` +
          'nộp và hạn nộp bị đọc lệch; hãy chạy «Thiết lập ban đầu» (đặt lại múi giờ) hoặc chọn Tệp › Cài đặt › ' +
          'Múi giờ «(GMT+07:00) Hồ Chí Minh».',
      },
    ]);
  }
  const sheetOrder = new Map<string, number>();
  list.items.forEach((problem) => {
    if (!sheetOrder.has(problem.where)) sheetOrder.set(problem.where, sheetOrder.size);
  });
  return list.items
    .map((problem, index) => ({ problem, index }))
    .sort(
      (a, b) =>
        (sheetOrder.get(a.problem.where) as number) - (sheetOrder.get(b.problem.where) as number) ||
        (a.problem.row ?? 0) - (b.problem.row ?? 0) ||
        a.index - b.index,
    )
    .map(({ problem }) => problem);
}

/** The check as the officer reads it: errors first, then warnings, each with its place. */
export function describeConfigCheck(problems: readonly ConfigProblem[]): string {
  if (problems.length === 0) return 'Không phát hiện vấn đề nào.';
  const errors = problems.filter((problem) => problem.severity === 'error');
  const warnings = problems.filter((problem) => problem.severity === 'warning');
  const counts = [
    errors.length > 0 ? `${errors.length} lỗi` : null,
    warnings.length > 0 ? `${warnings.length} cảnh báo` : null,
  ].filter(Boolean);
  const lines = [`Phát hiện ${counts.join(' và ')}.`];
  if (errors.length > 0) {
    lines.push('', `${SEVERITY_LABEL.error} (cần sửa để hệ thống chạy đúng):`);
    errors.forEach((problem) => lines.push(`• ${describeProblem(problem)}`));
  }
  if (warnings.length > 0) {
    lines.push('', `${SEVERITY_LABEL.warning} (hệ thống vẫn chạy, nhưng nên xem lại):`);
    warnings.forEach((problem) => lines.push(`• ${describeProblem(problem)}`));
  }
  return lines.join('\n');
}
