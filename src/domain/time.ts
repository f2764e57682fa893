// Asia/Ho_Chi_Minh has been UTC+7 without daylight saving since 1975, so every conversion here is
// a fixed offset: the answers do not depend on the machine's TZ, nor on Intl time-zone data
// (which Apps Script and Node do not ship alike).

/** A calendar day in Vietnam, written `YYYY-MM-DD`. Compares correctly as text. */
export type IsoDate = string;

export const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
/** The spreadsheet's time zone that setup sets and the configuration check expects. */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Vietnam's zone under its name or its older alias; GMT+7 elsewhere (Asia/Bangkok) is not it. */
export function isVietnamTimeZone(timeZone: string): boolean {
  return timeZone === VIETNAM_TIME_ZONE || timeZone === 'Asia/Saigon';
}
const DAY_MS = 24 * 60 * 60 * 1000;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function isValidCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 9999) return false;
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

export function isoDate(year: number, month: number, day: number): IsoDate | null {
  return isValidCalendarDate(year, month, day) ? `${pad(year, 4)}-${pad(month)}-${pad(day)}` : null;
}

/** `dd/MM/yyyy` (also `d/M/yyyy`) as written in the sheets; null if it is not a real date. */
export function parseVietnameseDate(text: string): IsoDate | null {
  const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!match) return null;
  return isoDate(Number(match[3]), Number(match[2]), Number(match[1]));
}

/**
 * How a spreadsheet or an export writes a day, decided by its locale: `vi` day first
 * (`30/03/2023`), `en` (English, United States) month first (`3/30/2023`).
 */
export type DateLocale = 'vi' | 'en';

/** `d/M/yyyy` under `vi`, `M/d/yyyy` under `en`; null if it is no real date under that locale. */
export function parseSlashDate(text: string, locale: DateLocale): IsoDate | null {
  const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!match) return null;
  const [first, second, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return locale === 'en' ? isoDate(year, first, second) : isoDate(year, second, first);
}

/** `YYYY-MM-DD` as the Forms API and JSON write it; null if it is not a real date. */
export function parseIsoDate(text: string): IsoDate | null {
  const match = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(text);
  if (!match) return null;
  return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

export function formatVietnameseDate(date: IsoDate): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

/** The Vietnamese calendar day that an instant falls on. */
export function vietnamDateOf(instant: Date): IsoDate {
  const shifted = new Date(instant.getTime() + VIETNAM_OFFSET_MS);
  return `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

/** The instant a Vietnamese wall-clock time happens. */
export function vietnamInstant(date: IsoDate, hours = 0, minutes = 0, seconds = 0, milliseconds = 0): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds, milliseconds) - VIETNAM_OFFSET_MS);
}

export function startOfVietnamDay(date: IsoDate): Date {
  return vietnamInstant(date);
}

/** The last millisecond of a Vietnamese day: a deadline "đến hết ngày". */
export function endOfVietnamDay(date: IsoDate): Date {
  return vietnamInstant(date, 23, 59, 59, 999);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return vietnamDateOf(new Date(vietnamInstant(date).getTime() + days * DAY_MS));
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((vietnamInstant(to).getTime() - vietnamInstant(from).getTime()) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(vietnamInstant(date).getTime() + VIETNAM_OFFSET_MS).getUTCDay();
}

/** The wall-clock parts of an instant in Vietnam. */
export function vietnamClockOf(instant: Date): {
  date: IsoDate;
  hours: number;
  minutes: number;
  seconds: number;
} {
  const shifted = new Date(instant.getTime() + VIETNAM_OFFSET_MS);
  return {
    date: vietnamDateOf(instant),
    hours: shifted.getUTCHours(),
    minutes: shifted.getUTCMinutes(),
    seconds: shifted.getUTCSeconds(),
  };
}

/** `2023-03-30T23:59:59.999+07:00` (milliseconds only when there are any). */
export function formatIsoVietnam(instant: Date): string {
  const shifted = new Date(instant.getTime() + VIETNAM_OFFSET_MS);
  const base = shifted.toISOString().slice(0, 19);
  const milliseconds = shifted.getUTCMilliseconds();
  return `${base}${milliseconds ? `.${pad(milliseconds, 3)}` : ''}+07:00`;
}

/** `30/03/2023 21:15` for people. */
export function formatVietnameseDateTime(instant: Date, withSeconds = false): string {
  const clock = vietnamClockOf(instant);
  const time = `${pad(clock.hours)}:${pad(clock.minutes)}${withSeconds ? `:${pad(clock.seconds)}` : ''}`;
  return `${formatVietnameseDate(clock.date)} ${time}`;
}

/**
 * A moment given on the command line or in a sheet as Vietnamese wall-clock time:
 * `YYYY-MM-DD`, `YYYY-MM-DDTHH:mm`, `YYYY-MM-DDTHH:mm:ss` or `YYYY-MM-DDTHH:mm:ss.SSS` (what
 * formatIsoVietnam writes); a date alone means its first moment. An explicit offset or `Z` is
 * honoured. Null when it is not such a moment.
 */
export function parseMoment(text: string): Date | null {
  const match =
    /^\s*(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?)?\s*$/.exec(
      text,
    );
  if (!match) return null;
  const date = parseIsoDate(match[1] as string);
  if (!date) return null;
  const hours = Number(match[2] ?? 0);
  const minutes = Number(match[3] ?? 0);
  const seconds = Number(match[4] ?? 0);
  const milliseconds = Number((match[5] ?? '0').padEnd(3, '0'));
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  const wallClock = vietnamInstant(date, hours, minutes, seconds, milliseconds);
  const offset = match[6];
  if (!offset) return wallClock;
  // Offsets on Earth run from -12:00 to +14:00; `+99:99` is a typo, not a moment four days off.
  const offsetMinutes = offset === 'Z' ? 0 : Number(offset.slice(1, 3)) * 60 + Number(offset.slice(-2));
  if (Number(offset.slice(-2)) > 59 || offsetMinutes > 14 * 60) return null;
  const offsetMs = (offset.startsWith('-') ? -1 : 1) * offsetMinutes * 60000;
  return new Date(wallClock.getTime() + VIETNAM_OFFSET_MS - offsetMs);
}

/** Days from the spreadsheet serial epoch (1899-12-30) to 1970-01-01. */
const SERIAL_UNIX_EPOCH = 25569;

/** An instant as a spreadsheet serial number of days on Vietnam's clock (what Sheets stores for a date). */
export function toSerial(instant: Date): number {
  return (instant.getTime() + VIETNAM_OFFSET_MS) / DAY_MS + SERIAL_UNIX_EPOCH;
}

/** A spreadsheet serial number on Vietnam's clock as an instant, rounded to the millisecond (a day fraction in a double is not exact). */
export function fromSerial(serial: number): Date {
  return new Date(Math.round((serial - SERIAL_UNIX_EPOCH) * DAY_MS) - VIETNAM_OFFSET_MS);
}
