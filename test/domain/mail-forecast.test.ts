import { makePeriod, type Campaign } from '../../src/domain/campaign';
import { checkConfig } from '../../src/domain/config-check';
import { DEFAULT_PERIOD_ROWS } from '../../src/domain/defaults';
import { PERIOD_COLUMNS, SHEET } from '../../src/domain/layout';
import {
  comingMailForecast,
  describeMailForecast,
  forecastMail,
  MAIL_PRIORITY,
  mailForecastMaxPerDay,
  mailPriority,
} from '../../src/domain/mail-forecast';
import { makeUnit } from '../fakes/campaign-fixture';
import { configTable, MAIL_CONFIG, periodsTable, unitsTable } from '../fakes/mail-fixture';

// Last day on time Thursday 30/03/2023; reminders 23, 27, 29/03; overdue notices 31/03 and 02/04;
// the digest the day after the last day of grace (31/03), no Monday before the last notice.
const PLAN = makePeriod({
  id: 'KH-2023',
  name: 'Kế hoạch năm 2023',
  form: 'plan',
  opensOn: '2023-03-14',
  writtenDueDate: '2023-03-31',
  deadlineRule: 'before',
  graceDays: 0,
  remindBeforeDays: [7, 3, 1],
  remindAfterDays: [1, 3],
});

const UNITS = [
  makeUnit({ code: 'MNHM', name: 'Mầm non Hoa Mai' }),
  makeUnit({
    code: 'THDD',
    name: 'Tiểu học Đặng Đức',
    emails: ['a@thdd.example.edu.vn', 'b@thdd.example.edu.vn'],
  }),
  makeUnit({ code: 'NGUNG', name: 'Trường đã ngừng', isActive: false }),
];

const CAMPAIGN: Campaign = { config: MAIL_CONFIG, periods: [PLAN] };

describe('forecastMail', () => {
  it('counts recipients per day from the schedule, the deadline-day receipts and the digest', () => {
    const forecast = forecastMail(CAMPAIGN, UNITS, 3);
    expect(
      forecast.days.map((day) => [
        day.day,
        day.noticeRecipients,
        day.receiptRecipients,
        day.digestRecipients,
      ]),
    ).toEqual([
      ['2023-03-23', 3, 0, 0],
      ['2023-03-27', 3, 0, 0],
      ['2023-03-29', 3, 0, 0],
      ['2023-03-30', 0, 3, 0],
      ['2023-03-31', 3, 0, 1],
      ['2023-04-02', 3, 0, 0],
    ]);
    expect(forecast.maxPerDay).toBe(4);
    expect(forecast.overflowDays.map((day) => day.day)).toEqual(['2023-03-31']);
  });

  it('sends a unit one notice a day however many periods call for it, but a receipt per period', () => {
    const twin = makePeriod({
      ...PLAN,
      id: 'KH2-2023',
      remindBeforeDays: [7, 3, 1],
      remindAfterDays: [1, 3],
    });
    const forecast = forecastMail({ ...CAMPAIGN, periods: [PLAN, twin] }, UNITS, 100);
    expect(forecast.days.find((day) => day.day === '2023-03-23')?.noticeRecipients).toBe(3);
    expect(forecast.days.find((day) => day.day === '2023-03-30')?.receiptRecipients).toBe(6);
    expect(mailForecastMaxPerDay({ ...CAMPAIGN, periods: [PLAN, twin] }, UNITS)).toBe(6);
    expect(forecast.overflowDays).toEqual([]);
    expect(describeMailForecast(forecast)).toBeNull();
  });

  it('adds every Monday while notices are still due, and nothing for a campaign without units', () => {
    const long = makePeriod({ ...PLAN, remindAfterDays: [1, 14] });
    const days = forecastMail({ ...CAMPAIGN, periods: [long] }, UNITS, 100).days;
    expect(days.filter((day) => day.digestRecipients > 0).map((day) => day.day)).toEqual([
      '2023-03-31',
      '2023-04-03',
      '2023-04-10',
    ]);
    expect(forecastMail(CAMPAIGN, [], 100)).toMatchObject({ maxPerDay: 1, overflowDays: [] });
  });

  it('says which days overflow, the fullest first, and what to change', () => {
    expect(describeMailForecast(forecastMail(CAMPAIGN, UNITS, 2))).toBe(
      'dự báo thư của đợt thu vượt hạn mức 2 người nhận mỗi ngày vào 6 ngày (nhiều nhất 4): 31/03/2023: 4 người ' +
        'nhận (nhắc 3, xác nhận 0, tổng hợp 1); 23/03/2023: 3 người nhận (nhắc 3, xác nhận 0, tổng hợp 0); ' +
        '27/03/2023: 3 người nhận (nhắc 3, xác nhận 0, tổng hợp 0); 29/03/2023: 3 người nhận (nhắc 3, xác nhận 0, ' +
        'tổng hợp 0); 30/03/2023: 3 người nhận (nhắc 0, xác nhận 3, tổng hợp 0); và 1 ngày khác. Thư vượt hạn mức ' +
        'sẽ chờ sang ngày sau (thư xác nhận luôn gửi trước, rồi thư quá hạn, rồi thư nhắc). Hãy bớt ngày nhắc trong ' +
        '«Kỳ nộp» (cột «Nhắc trước hạn», «Nhắc sau hạn»), bớt địa chỉ email của mỗi đơn vị, hoặc gửi thư qua SMTP ' +
        'từ máy chủ (hannop run --spreadsheet … --smtp …) với hạn mức lớn hơn.',
    );
  });

  it('keeps only the days from the given day on, and their overflow', () => {
    const whole = forecastMail(CAMPAIGN, UNITS, 2);
    const coming = comingMailForecast(whole, '2023-03-30');
    expect(coming.days.map((day) => day.day)).toEqual(
      whole.days.map((day) => day.day).filter((day) => day >= '2023-03-30'),
    );
    expect(coming.days[0]?.day).toBe('2023-03-30');
    expect(coming.overflowDays.map((day) => day.day)).toEqual(['2023-03-31', '2023-03-30', '2023-04-02']);
    expect(coming.maxPerDay).toBe(4);
    expect(comingMailForecast(whole, '2024-01-01')).toEqual({
      days: [],
      maxPerDay: 0,
      dailyQuota: 2,
      overflowDays: [],
    });
  });

  it('puts receipts first, then what asks a unit to act, reminders, and the digest last', () => {
    expect(MAIL_PRIORITY[0]).toBe('receipt');
    expect(mailPriority('overdue')).toBeLessThan(mailPriority('reminder'));
    expect(mailPriority('reminder')).toBeLessThan(mailPriority('digest'));
  });
});

describe('the configuration check with a mail quota', () => {
  const tables = () =>
    new Map([
      [SHEET.config, configTable()],
      [SHEET.units, unitsTable(UNITS)],
      [
        SHEET.periods,
        periodsTable([{ ...DEFAULT_PERIOD_ROWS[0], [PERIOD_COLUMNS.remindAfterDays]: '1, 3' }]),
      ],
    ]);

  it('warns about the days the quota, less the reserve, cannot carry', () => {
    const problems = checkConfig({ tables: tables(), mailQuota: 8 });
    expect(problems.filter((problem) => problem.where === 'Dự báo thư')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringMatching(
          /^dự báo thư của đợt thu vượt hạn mức 3 người nhận mỗi ngày vào 1 ngày \(nhiều nhất 4\): 31\/03\/2023/,
        ),
      }),
    ]);
  });

  it('says nothing of mail when every day fits, or when no quota is given', () => {
    expect(
      checkConfig({ tables: tables(), mailQuota: 9 }).some((problem) => problem.where === 'Dự báo thư'),
    ).toBe(false);
    expect(checkConfig({ tables: tables() }).some((problem) => problem.where === 'Dự báo thư')).toBe(false);
  });
});
