// The dashboard page for a workbook at a moment: what the Apps Script dialog shows and what
// `hannop report --html` writes. Reads the state sheets once and writes nothing.
import { dashboardView, renderDashboardPage } from '../domain/dashboard';
import type { Workbook } from '../ports';
import { readCampaignState } from './campaign-state';
import { statusBoardOf } from './compute-status';

export function dashboardPage(workbook: Workbook, asOf: Date): string {
  const state = readCampaignState(workbook);
  return renderDashboardPage(dashboardView(state.campaign, statusBoardOf(state, asOf)));
}
