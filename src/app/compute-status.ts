// The status of every unit for every period at a moment: what `hannop status` prints.
import type { StatusBoard } from '../domain/status';
import { buildStatusReport, type StatusReport } from '../domain/status-report';
import type { Workbook } from '../ports';
import { readCampaignState, type CampaignState } from './campaign-state';
import { reviewedState } from './consolidate';

/** The statuses as the sheets show them: the department's decisions judged first. */
export function statusBoardOf(state: CampaignState, asOf: Date): StatusBoard {
  return reviewedState(state, asOf).board;
}

export function computeStatus(workbook: Workbook, asOf: Date): { board: StatusBoard; report: StatusReport } {
  const board = statusBoardOf(readCampaignState(workbook), asOf);
  return { board, report: buildStatusReport(board) };
}
