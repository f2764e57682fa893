// Next year in one step (`hannop new-year`, menu «Tạo đợt mới»): what the new year's workbook
// holds, decided here as data. The registry and the configuration are kept; every period keeps its
// rules and its day and month, moved to the new year; ids, names and the plan's name say the new
// year. A due day that lands on a weekend or a `Ngày nghỉ` day is reported, never moved: the
// department's plan says the date, not hannop. The year's records are archived whole, then emptied.
import { parseConfig, parsePeriods } from './campaign';
import { REPORT_CONFIG_KEY, reportSettingsOf } from './city-report';
import { parseHolidays } from './holidays';
import { CONFIG_COLUMNS, CONFIG_KEY, HOLIDAY_COLUMNS, PERIOD_COLUMNS, PERIOD_READ, SHEET } from './layout';
import { InputError } from './problems';
import { cellDate, cellText, readRecords, type CellValue, type Table } from './table';
import { cleanText, foldForMatch } from './text';
import { addDays, dayOfWeek, formatVietnameseDate, isoDate, type IsoDate } from './time';

/** A wrong request (not a wrong sheet): the year asked for, the archive's name. */
export class NewYearError extends Error {
  override readonly name = 'NewYearError';
}

/** Copied whole into the archive: the year's records and what they were measured against. */
export const ARCHIVED_SHEETS: readonly string[] = [
  SHEET.config,
  SHEET.units,
  SHEET.periods,
  SHEET.extensions,
  SHEET.holidays,
  SHEET.planResponses,
  SHEET.reportResponses,
  SHEET.submissions,
  SHEET.summary,
  SHEET.statistics,
  SHEET.figures,
  SHEET.mailLog,
  SHEET.eventLog,
  SHEET.unitLinks,
];

/** What the department typed in, carried into the new year as it is (the rest starts empty). */
const CARRIED_SHEETS: ReadonlySet<string> = new Set([
  SHEET.config,
  SHEET.units,
  SHEET.periods,
  SHEET.holidays,
]);

/** Kept with their header row only: the new year starts with no response, mail or extension. */
export const EMPTIED_SHEETS: readonly string[] = ARCHIVED_SHEETS.filter(
  (sheet) => !CARRIED_SHEETS.has(sheet),
);

/** Sheets the plan reads. */
export const NEW_YEAR_SHEETS: readonly string[] = [...new Set([...ARCHIVED_SHEETS, SHEET.forms])];

/** The year the officer typed, checked: four digits, later than the workbook's. */
export function parseTargetYear(text: string, currentYear: number): number {
  const typed = text.trim();
  if (!/^\d{4}$/.test(typed)) throw new NewYearError(`«${text}» không phải là năm (4 chữ số, ví dụ 2024).`);
  const year = Number(typed);
  if (year === currentYear)
    throw new NewYearError(
      `Bảng tính đã là năm ${year} («${CONFIG_KEY.year}» trong «${SHEET.config}»); không có gì để chuyển.`,
    );
  if (year < currentYear)
    throw new NewYearError(`Năm mới (${year}) phải sau năm của bảng tính (${currentYear}).`);
  return year;
}

/** Where the archive goes: `F-2023.xlsx` beside `F.xlsx`; in Google, the spreadsheet's name. */
export function archiveName(workbookName: string, year: number): string {
  const dot = workbookName.toLowerCase().endsWith('.xlsx') ? workbookName.length - 5 : workbookName.length;
  return `${workbookName.slice(0, dot)}-${year}${workbookName.slice(dot)}`;
}

export interface RenamedPeriod {
  readonly from: string;
  readonly to: string;
  readonly name: string;
}

/** A new due day the department should look at: it stays as written. */
export interface DueDayNote {
  readonly periodId: string;
  /** The last day on time (the day before «trước ngày», the day itself «đến hết ngày»). */
  readonly lastDueDate: IsoDate;
  readonly reasons: readonly string[];
}

/** A day and month the new year does not have (29/02): moved to the 28th, and said so. */
export interface MovedDate {
  readonly periodId: string;
  readonly column: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
}

export interface NewYearPlan {
  readonly fromYear: number;
  readonly toYear: number;
  /** `Cấu hình` and `Kỳ nộp` as the new year has them (every other column and row as it was). */
  readonly config: Table;
  readonly periods: Table;
  readonly renamed: readonly RenamedPeriod[];
  readonly dueDayNotes: readonly DueDayNote[];
  readonly movedDates: readonly MovedDate[];
  readonly agencyName: string;
  readonly planName: string;
  /** Keys of the old agency emptied for the new one, and what the City report now derives. */
  readonly clearedKeys: readonly string[];
  readonly superiorAgency: string;
  readonly placeName: string;
  /** The sheets to archive and to empty, among those the workbook has. */
  readonly archived: readonly string[];
  readonly emptied: readonly string[];
}

/** `Cấu hình` keys that describe the agency: emptied when `--agency` names a new one. */
const AGENCY_BOUND_KEYS: readonly string[] = [REPORT_CONFIG_KEY.superiorAgency, REPORT_CONFIG_KEY.placeName];

const WEEKEND_DAY: Readonly<Record<number, string>> = { 0: 'Chủ nhật', 6: 'Thứ Bảy' };

/** The old year written as a word of a text (`KH-2023`, `năm 2023`) becomes the new one. */
export function withYear(text: string, fromYear: number, toYear: number): string {
  return text.replace(new RegExp(`(?<!\\d)${fromYear}(?!\\d)`, 'g'), String(toYear));
}

/** The same day and month, `toYear - fromYear` years later (a date in January of the next year stays there). */
export function shiftDate(date: IsoDate, years: number): { date: IsoDate; moved: boolean } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const same = isoDate(year + years, month, day);
  if (same) return { date: same, moved: false };
  // 29/02 in a year without it: the last day of February.
  return { date: isoDate(year + years, month, day - 1) ?? date, moved: true };
}

function indexOf(table: Table, column: string): number {
  return table.headers.findIndex((header) => foldForMatch(header) === foldForMatch(column));
}

function setCell(row: CellValue[], index: number, value: CellValue): void {
  if (index >= 0) row[index] = value;
}

/**
 * The new year's `Cấu hình` and `Kỳ nộp`, or an InputError listing every problem of the sheets it
 * needs (a workbook the configuration check would refuse is not turned over).
 */
export function planNewYear(
  tables: ReadonlyMap<string, Table>,
  request: { readonly year: string; readonly agencyName?: string },
): NewYearPlan {
  const configTable = tables.get(SHEET.config);
  const periodTable = tables.get(SHEET.periods);
  const configRecords = readRecords(configTable, SHEET.config, {
    required: [CONFIG_COLUMNS.key, CONFIG_COLUMNS.value],
    optional: [CONFIG_COLUMNS.note],
  });
  const periodRecords = readRecords(periodTable, SHEET.periods, PERIOD_READ);
  const config = parseConfig(configRecords);
  const periods = parsePeriods(periodRecords);
  const problems = [...(config.ok ? [] : config.problems), ...(periods.ok ? [] : periods.problems)];
  if (!config.ok || !periods.ok || !configTable || !periodTable) throw new InputError(problems);
  const fromYear = config.value.year;
  const toYear = parseTargetYear(request.year, fromYear);
  const agency = request.agencyName?.trim();
  if (request.agencyName !== undefined && !agency)
    throw new NewYearError('Tên cơ quan mới (--agency) không được để trống.');
  const years = toYear - fromYear;

  const keyIndex = indexOf(configTable, CONFIG_COLUMNS.key);
  const valueIndex = indexOf(configTable, CONFIG_COLUMNS.value);
  const newValue = (key: string, value: CellValue): CellValue => {
    if (foldForMatch(key) === foldForMatch(CONFIG_KEY.year)) return toYear;
    if (foldForMatch(key) === foldForMatch(CONFIG_KEY.planName))
      return withYear(String(value ?? ''), fromYear, toYear);
    if (foldForMatch(key) === foldForMatch(CONFIG_KEY.agencyName) && agency) return agency;
    // The old agency's superior body and place would be wrong for the new one: they follow from
    // the new name again (reportSettingsOf) until the department writes them.
    if (
      agency &&
      AGENCY_BOUND_KEYS.some((bound) => foldForMatch(bound) === foldForMatch(key)) &&
      cellText(value)
    ) {
      cleared.push(key);
      return null;
    }
    return value;
  };
  const cleared: string[] = [];
  const configRows = configTable.rows.map((row) => {
    const copy = [...row];
    setCell(copy, valueIndex, newValue(String(row[keyIndex] ?? '').trim(), row[valueIndex] ?? null));
    return copy;
  });

  const holidays = tables.get(SHEET.holidays);
  const daysOff = holidays
    ? parseHolidays(
        readRecords(holidays, SHEET.holidays, {
          required: [HOLIDAY_COLUMNS.date],
          optional: [HOLIDAY_COLUMNS.reason],
        }),
      ).byDate
    : new Map<IsoDate, string>();
  const renamed: RenamedPeriod[] = [];
  const dueDayNotes: DueDayNote[] = [];
  const movedDates: MovedDate[] = [];
  const column = (name: string) => indexOf(periodTable, name);
  // parsePeriods orders the periods by date: each row finds its own by id.
  const byId = new Map(periods.value.map((period) => [foldForMatch(period.id), period]));
  const idColumn = column(PERIOD_COLUMNS.id);
  const periodRows = periodTable.rows.map((row) => {
    const period = byId.get(foldForMatch(cleanText(cellText(row[idColumn] ?? null))));
    if (!period) return [...row];
    const copy = [...row];
    const id = withYear(period.id, fromYear, toYear);
    const newId = id === period.id ? `${period.id}-${toYear}` : id;
    const name = withYear(period.name, fromYear, toYear);
    setCell(copy, column(PERIOD_COLUMNS.id), newId);
    setCell(copy, column(PERIOD_COLUMNS.name), name);
    renamed.push({ from: period.id, to: newId, name });
    for (const dateColumn of [
      PERIOD_COLUMNS.opensOn,
      PERIOD_COLUMNS.writtenDueDate,
      PERIOD_COLUMNS.closesOn,
    ]) {
      const at = column(dateColumn);
      const old = at >= 0 ? cellDate(row[at] ?? null) : null;
      if (!old) continue;
      const shifted = shiftDate(old, years);
      if (shifted.moved)
        movedDates.push({ periodId: newId, column: dateColumn, from: old, to: shifted.date });
      // Written as the sheet shows dates, so every shell stores the same text.
      setCell(copy, at, formatVietnameseDate(shifted.date));
    }
    const written = shiftDate(period.writtenDueDate, years).date;
    const lastDueDate = period.deadlineRule === 'before' ? addDays(written, -1) : written;
    const reasons: string[] = [];
    const weekend = WEEKEND_DAY[dayOfWeek(lastDueDate)];
    if (weekend) reasons.push(weekend);
    const dayOff = daysOff.get(lastDueDate);
    if (dayOff !== undefined) reasons.push(dayOff ? `ngày nghỉ «${dayOff}»` : 'một ngày nghỉ');
    if (reasons.length > 0) dueDayNotes.push({ periodId: newId, lastDueDate, reasons });
    return copy;
  });
  return {
    fromYear,
    toYear,
    config: { name: SHEET.config, headers: configTable.headers, rows: configRows },
    periods: { name: SHEET.periods, headers: periodTable.headers, rows: periodRows },
    renamed,
    dueDayNotes,
    movedDates,
    agencyName: agency ?? config.value.agencyName,
    clearedKeys: cleared,
    ...(({ superiorAgency, placeName }) => ({ superiorAgency, placeName }))(
      reportSettingsOf({ ...configTable, rows: configRows }, agency ?? config.value.agencyName),
    ),
    planName: withYear(config.value.planName, fromYear, toYear),
    archived: ARCHIVED_SHEETS.filter((sheet) => tables.has(sheet)),
    emptied: EMPTIED_SHEETS.filter((sheet) => tables.has(sheet)),
  };
}

/** What the officer reads after the turn (Vietnamese), whatever the shell. */
export function describeNewYear(plan: NewYearPlan, archive: string): string {
  const lines = [
    `Đã chuyển sang năm ${plan.toYear}. Dữ liệu năm ${plan.fromYear} đã lưu trong «${archive}».`,
    `Tên cơ quan: ${plan.agencyName}. Tên kế hoạch: ${plan.planName}.`,
    `Báo cáo gửi Thành phố ghi cơ quan chủ quản «${plan.superiorAgency}», địa danh «${plan.placeName}».`,
    ...(plan.clearedKeys.length > 0
      ? [
          `Đã xóa giá trị ${plan.clearedKeys.map((key) => `«${key}»`).join(', ')} của cơ quan cũ trong «${SHEET.config}»; ` +
            'ghi lại nếu khác với giá trị trên.',
        ]
      : []),
    'Kỳ nộp:',
    ...plan.renamed.map((period) => `  ${period.from} → ${period.to} (${period.name})`),
    `Đã làm trống: ${plan.emptied.map((sheet) => `«${sheet}»`).join(', ')}.`,
  ];
  for (const moved of plan.movedDates)
    lines.push(
      `Kỳ «${moved.periodId}», cột «${moved.column}»: năm ${plan.toYear} không có ngày ${formatVietnameseDate(moved.from).slice(0, 5)}; ` +
        `đã ghi ${formatVietnameseDate(moved.to)}.`,
    );
  for (const note of plan.dueDayNotes)
    lines.push(
      `Lưu ý: kỳ «${note.periodId}» có ngày cuối còn đúng hạn ${formatVietnameseDate(note.lastDueDate)} ` +
        `rơi vào ${note.reasons.join(' và ')}; hạn vẫn giữ như kế hoạch, xem lại nếu cần.`,
    );
  lines.push(
    `Trang «${SHEET.holidays}» giữ nguyên: hãy thêm các ngày nghỉ năm ${plan.toYear} rồi chạy «Kiểm tra cấu hình».`,
  );
  return `${lines.join('\n')}\n`;
}
