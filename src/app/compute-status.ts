// The status of every unit for every period at a moment: what `hannop status` prints.
import { computeStatusBoard, type StatusBoard } from '../domain/status';
import { buildStatusReport, type StatusReport } from '../domain/status-report';
import type { Workbook } from '../ports';
import { readCampaignState, type CampaignState } from './campaign-state';

export function statusBoardOf(state: CampaignState, asOf: Date): StatusBoard {
  return computeStatusBoard(state.units.all, state.campaign.periods, state.submissions, asOf);
}

export function computeStatus(workbook: Workbook, asOf: Date): { board: StatusBoard; report: StatusReport } {
  const board = statusBoardOf(readCampaignState(workbook), asOf);
  return { board, report: buildStatusReport(board) };
}
