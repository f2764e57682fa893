// The dashboard page for a workbook at a moment: what the Apps Script dialog shows and what
// `hannop report --html` writes. Reads the state sheets once and writes nothing.
import { dashboardView, renderDashboardPage } from '../domain/dashboard';
import { dashboardMailForecast, type MailQuotaSource } from '../domain/dashboard-mail-forecast';
import { vietnamDateOf } from '../domain/time';
import type { Workbook } from '../ports';
import { readCampaignState } from './campaign-state';
import { statusBoardOf } from './compute-status';

/** `mailQuota`: the day's allowance the coming days' mail is measured against (none: not compared). */
export function dashboardPage(
  workbook: Workbook,
  asOf: Date,
  mailQuota: MailQuotaSource = { kind: 'none' },
): string {
  const state = readCampaignState(workbook);
  const mailForecast = dashboardMailForecast(state.campaign, state.units.all, mailQuota, vietnamDateOf(asOf));
  return renderDashboardPage({ ...dashboardView(state.campaign, statusBoardOf(state, asOf)), mailForecast });
}
