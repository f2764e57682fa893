// Every expectation here is written as a UTC instant or as Vietnamese wall-clock text, never with the
// machine's local-time Date API, so the suite means the same under any TZ. TZ itself cannot be
// switched reliably inside one Node process; CI reruns `npx jest test/domain` under TZ=UTC,
// America/Los_Angeles and Pacific/Kiritimati instead. The last test keeps that promise honest.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  VIETNAM_OFFSET_MS,
  addDays,
  dayOfWeek,
  daysBetween,
  endOfVietnamDay,
  formatIsoVietnam,
  formatVietnameseDate,
  formatVietnameseDateTime,
  isoDate,
  parseIsoDate,
  parseMoment,
  parseVietnameseDate,
  startOfVietnamDay,
  vietnamClockOf,
  vietnamDateOf,
  vietnamInstant,
} from '../../src/domain/time';

const utc = (year: number, month: number, day: number, hours = 0, minutes = 0, seconds = 0, ms = 0) =>
  new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds, ms));

describe('dates as written in the sheets (dd/MM/yyyy)', () => {
  it('reads dd/MM/yyyy and d/M/yyyy, with spaces around', () => {
    expect(parseVietnameseDate('31/03/2023')).toBe('2023-03-31');
    expect(parseVietnameseDate('1/5/2023')).toBe('2023-05-01');
    expect(parseVietnameseDate('  01/11/2023 ')).toBe('2023-11-01');
  });

  it('rejects days that do not exist', () => {
    expect(parseVietnameseDate('31/02/2023')).toBeNull();
    expect(parseVietnameseDate('29/02/2023')).toBeNull();
    expect(parseVietnameseDate('29/02/2024')).toBe('2024-02-29');
    expect(parseVietnameseDate('31/04/2023')).toBeNull();
    expect(parseVietnameseDate('00/01/2023')).toBeNull();
    expect(parseVietnameseDate('01/13/2023')).toBeNull();
    expect(parseVietnameseDate('29/02/1900')).toBeNull();
  });

  it('rejects text that is not dd/MM/yyyy', () => {
    for (const text of [
      '',
      '31-03-2023',
      '2023-03-31',
      '31/03/23',
      '31.03.2023',
      'ngày 31/03/2023',
      '31/03/2023 08:00',
    ]) {
      expect(parseVietnameseDate(text)).toBeNull();
    }
  });

  it('formats an ISO day as dd/MM/yyyy', () => {
    expect(formatVietnameseDate('2023-03-31')).toBe('31/03/2023');
    expect(formatVietnameseDate('2024-02-29')).toBe('29/02/2024');
  });

  it('reads ISO days (JSON, Forms API) and checks the calendar', () => {
    expect(parseIsoDate('2023-03-30')).toBe('2023-03-30');
    expect(parseIsoDate(' 2024-02-29 ')).toBe('2024-02-29');
    expect(parseIsoDate('2023-02-29')).toBeNull();
    expect(parseIsoDate('2023-3-30')).toBeNull();
    expect(parseIsoDate('30/03/2023')).toBeNull();
  });

  it('builds an ISO day from parts only when it exists', () => {
    expect(isoDate(2023, 3, 31)).toBe('2023-03-31');
    expect(isoDate(2023, 2, 31)).toBeNull();
    expect(isoDate(2023, 0, 1)).toBeNull();
  });
});

describe('instants and the Vietnamese calendar (UTC+7, no daylight saving)', () => {
  it('puts 16:59:59Z on the same Vietnamese day and 17:00:00Z on the next', () => {
    expect(vietnamDateOf(utc(2023, 3, 30, 16, 59, 59, 999))).toBe('2023-03-30');
    expect(vietnamDateOf(utc(2023, 3, 30, 17, 0, 0))).toBe('2023-03-31');
    expect(vietnamDateOf(utc(2023, 12, 31, 17, 0, 0))).toBe('2024-01-01');
  });

  it('places a Vietnamese wall-clock time seven hours before the same UTC time', () => {
    expect(vietnamInstant('2023-03-31', 8).toISOString()).toBe('2023-03-31T01:00:00.000Z');
    expect(startOfVietnamDay('2023-03-31').toISOString()).toBe('2023-03-30T17:00:00.000Z');
    expect(endOfVietnamDay('2023-03-30').toISOString()).toBe('2023-03-30T16:59:59.999Z');
    expect(VIETNAM_OFFSET_MS).toBe(7 * 3600 * 1000);
  });

  it('writes instants in ISO with +07:00, milliseconds only when present', () => {
    expect(formatIsoVietnam(utc(2023, 3, 30, 16, 59, 59, 999))).toBe('2023-03-30T23:59:59.999+07:00');
    expect(formatIsoVietnam(utc(2023, 3, 30, 17, 0, 0))).toBe('2023-03-31T00:00:00+07:00');
    expect(formatIsoVietnam(utc(2023, 12, 31, 20, 5, 7, 30))).toBe('2024-01-01T03:05:07.030+07:00');
  });

  it('gives the wall-clock parts and the people-facing text of an instant', () => {
    expect(vietnamClockOf(utc(2023, 3, 30, 14, 15, 4))).toEqual({
      date: '2023-03-30',
      hours: 21,
      minutes: 15,
      seconds: 4,
    });
    expect(formatVietnameseDateTime(utc(2023, 3, 30, 14, 15, 4))).toBe('30/03/2023 21:15');
    expect(formatVietnameseDateTime(utc(2023, 3, 30, 14, 15, 4), true)).toBe('30/03/2023 21:15:04');
    expect(formatVietnameseDateTime(utc(2023, 3, 30, 17, 0, 0))).toBe('31/03/2023 00:00');
  });
});

describe('parseMoment (--as-of and ISO text in sheets)', () => {
  it('reads wall-clock time in Vietnam', () => {
    expect(parseMoment('2023-03-31T08:00')?.toISOString()).toBe('2023-03-31T01:00:00.000Z');
    expect(parseMoment('2023-03-30T23:59')?.toISOString()).toBe('2023-03-30T16:59:00.000Z');
    expect(parseMoment('2023-03-30T23:59:59')?.toISOString()).toBe('2023-03-30T16:59:59.000Z');
    expect(parseMoment('2023-03-30 23:59:59')?.toISOString()).toBe('2023-03-30T16:59:59.000Z');
  });

  it('reads a date alone as the first moment of that Vietnamese day', () => {
    expect(parseMoment('2023-03-31')?.toISOString()).toBe('2023-03-30T17:00:00.000Z');
  });

  it('honours Z and explicit offsets', () => {
    expect(parseMoment('2023-03-30T16:59:59Z')?.toISOString()).toBe('2023-03-30T16:59:59.000Z');
    expect(parseMoment('2023-03-30T23:59:59+07:00')?.toISOString()).toBe('2023-03-30T16:59:59.000Z');
    expect(parseMoment('2023-03-30T09:59:59-07:00')?.toISOString()).toBe('2023-03-30T16:59:59.000Z');
    expect(parseMoment('2023-03-31T05:29:59+12:30')?.toISOString()).toBe('2023-03-30T16:59:59.000Z');
    expect(parseMoment('2023-03-30T23:59:59+0700')?.toISOString()).toBe('2023-03-30T16:59:59.000Z');
  });

  it('refuses offsets no clock on Earth shows (beyond ±14:00, or minutes past 59)', () => {
    expect(parseMoment('2023-03-31T08:00+14:00')?.toISOString()).toBe('2023-03-30T18:00:00.000Z');
    expect(parseMoment('2023-03-31T08:00-12:00')?.toISOString()).toBe('2023-03-31T20:00:00.000Z');
    for (const text of [
      '2023-03-31T08:00+99:99',
      '2023-03-31T08:00+14:01',
      '2023-03-31T08:00-15:00',
      '2023-03-31T08:00+07:60',
    ]) {
      expect(parseMoment(text)).toBeNull();
    }
  });

  it('reads back what formatIsoVietnam writes, milliseconds included', () => {
    for (const instant of [
      utc(2023, 3, 30, 16, 59, 59, 999),
      utc(2023, 3, 30, 17, 0, 0),
      utc(2023, 1, 1, 0, 0, 0, 5),
    ]) {
      expect(parseMoment(formatIsoVietnam(instant))?.getTime()).toBe(instant.getTime());
    }
    expect(parseMoment('2023-03-30T23:59:59.5')?.toISOString()).toBe('2023-03-30T16:59:59.500Z');
  });

  it('refuses what is not a moment', () => {
    for (const text of [
      '',
      'hôm nay',
      '31/03/2023',
      '2023-02-29',
      '2023-03-31T24:00',
      '2023-03-31T23:60',
      '2023-03-31T23:59:60',
      '2023-03-31T8:00',
      '2023-03-31T08',
      '2023-03-31T08:00+7',
    ]) {
      expect(parseMoment(text)).toBeNull();
    }
  });
});

describe('calendar arithmetic', () => {
  it('adds days across month and year ends and leap days', () => {
    expect(addDays('2023-03-31', -1)).toBe('2023-03-30');
    expect(addDays('2023-03-31', 1)).toBe('2023-04-01');
    expect(addDays('2023-05-01', -1)).toBe('2023-04-30');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2023-03-30', 14)).toBe('2023-04-13');
    expect(addDays('2023-03-30', 0)).toBe('2023-03-30');
  });

  it('counts whole days between two days', () => {
    expect(daysBetween('2023-03-23', '2023-03-30')).toBe(7);
    expect(daysBetween('2023-03-30', '2023-03-23')).toBe(-7);
    expect(daysBetween('2023-12-31', '2024-03-01')).toBe(61);
  });

  it('gives the day of the week of a Vietnamese day (0 = Sunday)', () => {
    expect(dayOfWeek('2023-01-01')).toBe(0);
    expect(dayOfWeek('2023-03-31')).toBe(5);
    expect(dayOfWeek('2024-02-29')).toBe(4);
    expect(dayOfWeek('2024-01-01')).toBe(1);
  });
});

describe('no dependence on the machine time zone', () => {
  // Reading the machine zone in any of these ways makes an answer depend on TZ.
  const localTimePatterns: readonly RegExp[] = [
    /\.(?:get|set)(?:FullYear|Month|Date|Day|Hours|Minutes|Seconds|Milliseconds)\(/,
    /\.getTimezoneOffset\(/,
    /\.toLocale(?:Date|Time)?String\(/,
    /\.toDateString\(|\.toTimeString\(/,
    /new Date\([^()]*,/,
    /new Date\(\s*['"`]/,
    /Date\.parse\(/,
  ];
  const root = join(__dirname, '..', '..');
  const sources = [
    ...['src/domain', 'test/domain'].flatMap((folder) =>
      readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts'))
        .sort()
        .map((file) => `${folder}/${file}`),
    ),
    'test/fakes/tables.ts',
  ];

  it.each(sources)('%s uses only UTC or Vietnam-time arithmetic', (path) => {
    const offending = readFileSync(join(root, path), 'utf8')
      .split('\n')
      .map((line, index) => ({ line: line.trim(), number: index + 1 }))
      .filter(({ line }) => localTimePatterns.some((pattern) => pattern.test(line)))
      .map(({ line, number }) => `${path}:${number}: ${line}`);
    expect(offending).toEqual([]);
  });
});
