// The report for the City committee, from the same state the sheets show: the campaign read once,
// the department's reviews judged as consolidation judges them, and `Số liệu` computed by the same
// function that writes the sheet. Both shells render what this returns.
import {
  buildCityReport,
  chooseReportPeriod,
  reportSettingsOf,
  type CityReport,
} from '../domain/city-report';
import { figuresTable } from '../domain/consolidation';
import { SHEET } from '../domain/layout';
import type { Workbook } from '../ports';
import { readCampaignState, type CampaignState } from './campaign-state';
import { reviewedState } from './consolidate';

/** From a state already read (Apps Script reads it once, asks the officer the period, then builds). */
export function cityReportOf(state: CampaignState, asOf: Date, periodId?: string): CityReport {
  const period = chooseReportPeriod(state.campaign.periods, asOf, periodId);
  const reviewed = reviewedState(state, asOf);
  return buildCityReport({
    campaign: state.campaign,
    board: reviewed.board,
    figures: figuresTable(reviewed.board, reviewed.register.entries, state.campaign.config.figuresBasis),
    period,
    settings: reportSettingsOf(state.tables.get(SHEET.config), state.campaign.config.agencyName),
  });
}

/** `periodId` absent: the latest period due at `asOf` (see chooseReportPeriod). */
export function cityReport(workbook: Workbook, asOf: Date, periodId?: string): CityReport {
  return cityReportOf(readCampaignState(workbook), asOf, periodId);
}
