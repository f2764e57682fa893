// The campaign's mail, forecast day by day from the mail plan's own rules (mail-plan.ts), against
// the daily quota, so the department learns before the campaign which days will not fit and what
// to change. Counted in recipients, as MailApp counts its quota.
//
// It is an upper bound, on purpose: notices assume no unit has submitted (every expected unit gets
// its notice on each schedule day, one mail a day per unit however many periods call for it); the
// digest goes on the day after each period's last day of grace and every Monday until the last
// overdue day; receipts assume every unit submits once per period, all on its last day on time (the
// deadline-day rush). A day over the quota is a day whose mail, on that assumption, waits as
// `Chờ gửi` for the next day.
import type { Campaign, Period } from './campaign';
import { lastTimelyDate, noticeSchedule } from './mail-plan';
import { isExpectedFor } from './status';
export { MAIL_PRIORITY, mailPriority } from './mail-priority';
import { addDays, dayOfWeek, formatVietnameseDate, type IsoDate } from './time';
import type { Unit } from './units';

export interface MailForecastDay {
  readonly day: IsoDate;
  /** Recipients of reminders and overdue notices (one mail a day per unit). */
  readonly noticeRecipients: number;
  readonly receiptRecipients: number;
  readonly digestRecipients: number;
  readonly totalRecipients: number;
}

export interface MailForecast {
  /** Days with any mail, ascending. */
  readonly days: readonly MailForecastDay[];
  readonly maxPerDay: number;
  /** The recipients a day allows (MailApp's quota less the reserve, or `--max-mail`). */
  readonly dailyQuota: number;
  /** The days over the quota, the fullest first. */
  readonly overflowDays: readonly MailForecastDay[];
}

function add(counts: Map<IsoDate, { notice: number; receipt: number; digest: number }>, day: IsoDate) {
  let count = counts.get(day);
  if (!count) {
    count = { notice: 0, receipt: 0, digest: 0 };
    counts.set(day, count);
  }
  return count;
}

function digestDays(periods: readonly Period[]): Set<IsoDate> {
  const days = new Set<IsoDate>();
  for (const period of periods) {
    const firstLate = addDays(lastTimelyDate(period), 1);
    days.add(firstLate);
    const lastNotice = addDays(lastTimelyDate(period), Math.max(0, ...period.remindAfterDays));
    for (let day = firstLate; day <= lastNotice; day = addDays(day, 1)) {
      if (dayOfWeek(day) === 1) days.add(day);
    }
  }
  return days;
}

/** The forecast of a campaign for its units, against `dailyQuota` recipients a day. */
export function forecastMail(campaign: Campaign, units: readonly Unit[], dailyQuota: number): MailForecast {
  const counts = new Map<IsoDate, { notice: number; receipt: number; digest: number }>();
  const active = units.filter((unit) => unit.isActive);
  for (const unit of active) {
    const noticeDays = new Set<IsoDate>();
    for (const period of campaign.periods) {
      if (!isExpectedFor(unit, period)) continue;
      noticeSchedule(period).forEach((day) => noticeDays.add(day));
      add(counts, period.lastDueDate).receipt += unit.emails.length;
    }
    noticeDays.forEach((day) => (add(counts, day).notice += unit.emails.length));
  }
  const digestRecipients = campaign.config.digestEmails.length;
  if (digestRecipients > 0) {
    digestDays(campaign.periods).forEach((day) => (add(counts, day).digest += digestRecipients));
  }
  const days = [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([day, count]) => ({
      day,
      noticeRecipients: count.notice,
      receiptRecipients: count.receipt,
      digestRecipients: count.digest,
      totalRecipients: count.notice + count.receipt + count.digest,
    }))
    .filter((day) => day.totalRecipients > 0);
  const overflowDays = days
    .filter((day) => day.totalRecipients > dailyQuota)
    .sort((a, b) => b.totalRecipients - a.totalRecipients || (a.day < b.day ? -1 : 1));
  return {
    days,
    maxPerDay: Math.max(0, ...days.map((day) => day.totalRecipients)),
    dailyQuota,
    overflowDays,
  };
}

/** The most recipients any day of the campaign may need (the bench's `mailForecastMaxPerDay`). */
export function mailForecastMaxPerDay(campaign: Campaign, units: readonly Unit[]): number {
  return forecastMail(campaign, units, Number.MAX_SAFE_INTEGER).maxPerDay;
}

/**
 * The forecast from `today` on: what is still to come of a campaign under way (the dashboard's
 * view). Past days are gone, whatever they held.
 */
export function comingMailForecast(forecast: MailForecast, today: IsoDate): MailForecast {
  const days = forecast.days.filter((day) => day.day >= today);
  return {
    days,
    maxPerDay: Math.max(0, ...days.map((day) => day.totalRecipients)),
    dailyQuota: forecast.dailyQuota,
    overflowDays: forecast.overflowDays.filter((day) => day.day >= today),
  };
}

const SHOWN_DAYS = 5;

/** What the officer reads: null when every day fits; else the worst days and what to change. */
export function describeMailForecast(forecast: MailForecast): string | null {
  if (forecast.overflowDays.length === 0) return null;
  const shown = forecast.overflowDays
    .slice(0, SHOWN_DAYS)
    .map(
      (day) =>
        `${formatVietnameseDate(day.day)}: ${day.totalRecipients} người nhận (nhắc ${day.noticeRecipients}, ` +
        `xác nhận ${day.receiptRecipients}, tổng hợp ${day.digestRecipients})`,
    );
  const more = forecast.overflowDays.length - shown.length;
  return (
    `dự báo thư của đợt thu vượt hạn mức ${forecast.dailyQuota} người nhận mỗi ngày vào ` +
    `${forecast.overflowDays.length} ngày (nhiều nhất ${forecast.maxPerDay}): ${shown.join('; ')}` +
    `${more > 0 ? `; và ${more} ngày khác` : ''}. Thư vượt hạn mức sẽ chờ sang ngày sau (thư xác nhận luôn gửi ` +
    'trước, rồi thư quá hạn, rồi thư nhắc). Hãy bớt ngày nhắc trong «Kỳ nộp» (cột «Nhắc trước hạn», «Nhắc sau hạn»), ' +
    'bớt địa chỉ email của mỗi đơn vị, hoặc gửi thư qua SMTP từ máy chủ (hannop run --spreadsheet … --smtp …) với ' +
    'hạn mức lớn hơn.'
  );
}
