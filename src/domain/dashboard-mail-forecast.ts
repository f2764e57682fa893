// The dashboard's «Dự báo thư»: the coming days' mail against the day's quota, the days that will
// overflow marked, and what to change in the configuration check's own words (describeMailForecast),
// so the officer reads one wording wherever the forecast is shown.
import type { Campaign } from './campaign';
import { escapeHtml } from './mail-content';
import { comingMailForecast, describeMailForecast, forecastMail, type MailForecast } from './mail-forecast';
import { formatVietnameseDate, type IsoDate } from './time';
import type { Unit } from './units';

/**
 * Where the day's allowance comes from: MailApp's remaining quota today (Apps Script), `--max-mail`
 * (the command line), or nothing to compare with (`hannop report` without `--max-mail`).
 */
export type MailQuotaSource =
  { readonly kind: 'mailapp' | 'max-mail'; readonly recipients: number } | { readonly kind: 'none' };

export interface DashboardMailForecast {
  /** From the view's day on; `dailyQuota` is +∞ when there is nothing to compare with. */
  readonly forecast: MailForecast;
  readonly source: MailQuotaSource;
  /** `Dự trữ hạn mức thư`, taken off the quota as the daily run does. */
  readonly reserve: number;
}

/** The coming days of the campaign's forecast against the quota less the reserve. */
export function dashboardMailForecast(
  campaign: Campaign,
  units: readonly Unit[],
  source: MailQuotaSource,
  today: IsoDate,
): DashboardMailForecast {
  const reserve = campaign.config.mailQuotaReserve;
  const quota = source.kind === 'none' ? Number.POSITIVE_INFINITY : Math.max(0, source.recipients - reserve);
  return { forecast: comingMailForecast(forecastMail(campaign, units, quota), today), source, reserve };
}

/** The coming days with mail the table lists; later days are counted under it (the advice names the worst). */
export const FORECAST_TABLE_DAYS = 14;

export const NO_COMING_MAIL = 'Không còn thư nào dự kiến gửi trong đợt thu.';

export const NO_QUOTA_TO_COMPARE =
  'Chưa so với hạn mức gửi thư mỗi ngày: thêm --max-mail N (số người nhận mỗi ngày) vào lệnh hannop report để so.';

/** The sentence when every coming day fits. */
export function forecastFitsSentence(quota: number): string {
  return `Không ngày nào sắp tới vượt hạn mức ${quota} người nhận mỗi ngày: thư sẽ được gửi đúng ngày.`;
}

function quotaSentence(view: DashboardMailForecast): string {
  const { source, reserve, forecast } = view;
  if (source.kind === 'none') return '';
  const origin =
    source.kind === 'mailapp'
      ? `hạn mức MailApp còn lại hôm nay là ${source.recipients}`
      : `--max-mail ${source.recipients}`;
  const less = reserve > 0 ? `, trừ ${reserve} dự trữ («Dự trữ hạn mức thư»)` : '';
  return `<p>Hạn mức: ${forecast.dailyQuota} người nhận mỗi ngày (${origin}${less}).</p>`;
}

/** The verdict: what to change when a day overflows, else that every day fits. */
export function mailForecastVerdict(view: DashboardMailForecast): string {
  if (view.forecast.days.length === 0) return NO_COMING_MAIL;
  if (view.source.kind === 'none') return NO_QUOTA_TO_COMPARE;
  const advice = describeMailForecast(view.forecast);
  return advice ? `Cảnh báo: ${advice}` : forecastFitsSentence(view.forecast.dailyQuota);
}

/** The section of the page, HTML; every figure is computed, nothing comes from a sheet as text. */
export function mailForecastSection(view: DashboardMailForecast): string {
  const { forecast } = view;
  const title = '<h2>Dự báo thư</h2>';
  const verdict = mailForecastVerdict(view);
  const overflows = forecast.overflowDays.length > 0;
  const verdictHtml = `<p class="${overflows ? 'forecast-alert' : 'empty'}">${escapeHtml(verdict)}</p>`;
  if (forecast.days.length === 0) return `<section id="du-bao-thu">${title}${verdictHtml}</section>`;
  const compared = view.source.kind !== 'none';
  const over = new Set(forecast.overflowDays.map((day) => day.day));
  const shown = forecast.days.slice(0, FORECAST_TABLE_DAYS);
  const rows = shown
    .map((day) => {
      const excess = day.totalRecipients - forecast.dailyQuota;
      const numbers = [
        day.noticeRecipients,
        day.receiptRecipients,
        day.digestRecipients,
        day.totalRecipients,
      ];
      const quotaCell = compared ? `<td class="number">${forecast.dailyQuota}</td>` : '';
      const verdictCell = compared
        ? `<td>${over.has(day.day) ? `<span class="badge">Vượt ${excess}</span>` : 'Đủ'}</td>`
        : '';
      return (
        `<tr${over.has(day.day) ? ' class="overflow"' : ''}><td>${formatVietnameseDate(day.day)}</td>` +
        numbers.map((count) => `<td class="number">${count}</td>`).join('') +
        `${quotaCell}${verdictCell}</tr>`
      );
    })
    .join('');
  const later = forecast.days.slice(FORECAST_TABLE_DAYS);
  const laterOver = later.filter((day) => over.has(day.day)).length;
  const laterNote =
    later.length === 0
      ? ''
      : `<p>Sau đó còn ${later.length} ngày có thư` +
        (compared ? `, ${laterOver} ngày trong số đó vượt hạn mức` : '') +
        '.</p>';
  const headers = [
    'Ngày',
    'Nhắc và quá hạn',
    'Xác nhận',
    'Tổng hợp',
    'Người nhận',
    ...(compared ? ['Hạn mức', 'So với hạn mức'] : []),
  ];
  return (
    `<section id="du-bao-thu">${title}${quotaSentence(view)}${verdictHtml}` +
    '<div class="table-wrap"><table class="forecast"><thead><tr>' +
    headers.map((header) => `<th scope="col">${header}</th>`).join('') +
    `</tr></thead><tbody>${rows}</tbody></table></div>${laterNote}` +
    '<p class="note">Ước tính tối đa: coi như chưa đơn vị nào nộp, nên mỗi đơn vị nhận thư vào mỗi ngày nhắc, ' +
    'và mọi đơn vị nộp vào ngày cuối hạn (thư xác nhận).</p></section>'
  );
}
