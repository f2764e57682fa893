// The consolidation job: what the on-edit trigger of `Bài nộp`, the daily run and `hannop run` do
// after the submissions are in. Under the script lock it reads the state once, judges the
// department's reviews, and writes `Bài nộp` (only when a note changes), `Tổng hợp`, `Thống kê` and
// `Số liệu` in one batch. Everything written follows from what was read and `asOf`, so running it
// twice, or from a rebuilt register, writes the same cells.
import { recordedDecisions, reviewDecisionAudits } from '../domain/audit';
import { figuresTable, statisticsTable, summaryTable, type DerivedTable } from '../domain/consolidation';
import { columnsOf, EVENT_LOG_COLUMNS, EXTENSION_COLUMNS, SHEET, SPECIALIST_COLUMNS } from '../domain/layout';
import type { RegisterSheet } from '../domain/register';
import {
  boardWithoutRefusedReviews,
  judgeReviews,
  withReviewNotes,
  type ReviewJudgement,
} from '../domain/review';
import { computeStatusBoard, type StatusBoard } from '../domain/status';
import type { Submission } from '../domain/submissions';
import type { Lock, SheetFormat, SheetWrite, Workbook } from '../ports';
import { cellText, readRecords } from '../domain/table';
import { readCampaignState, type CampaignState } from './campaign-state';
import { eventLogWrite } from './event-log';
import { registerWrite } from './register-sheet';

function derivedWrite(
  sheet: string,
  table: DerivedTable,
  format: Pick<SheetFormat, 'frozenColumns' | 'filter'>,
): SheetWrite {
  return {
    kind: 'replace',
    sheet,
    headers: table.headers,
    rows: table.rows,
    format: {
      frozenRows: 1,
      ...format,
      protectedWarningOnly: true,
      ...(table.valueColors.length > 0 ? { valueColors: table.valueColors } : {}),
      ...(table.dateColumns.length > 0 ? { dateColumns: table.dateColumns } : {}),
      ...(table.totalRows.length > 0 ? { boldRows: table.totalRows } : {}),
    },
  };
}

/** The sheets a consolidation derives, read with the state so that a write sends only the rows that changed. */
export const DERIVED_SHEETS = [SHEET.summary, SHEET.statistics, SHEET.figures] as const;

/** `Tổng hợp`, `Thống kê` and `Số liệu`, each replaced whole with its format. */
export function consolidationWrites(state: CampaignState, board: StatusBoard): SheetWrite[] {
  return [
    derivedWrite(SHEET.summary, summaryTable(board), { frozenColumns: 2, filter: true }),
    derivedWrite(SHEET.statistics, statisticsTable(board), {}),
    derivedWrite(
      SHEET.figures,
      figuresTable(board, state.register.entries, state.campaign.config.figuresBasis),
      {
        frozenColumns: 4,
        filter: true,
      },
    ),
  ];
}

export interface ReviewedState {
  /** The statuses with every decision that counts, and none that does not. */
  readonly board: StatusBoard;
  readonly judgements: readonly ReviewJudgement[];
  /** The submissions the board was computed from: a decision that does not count is pending. */
  readonly submissions: readonly Submission[];
  /** The register with the system's notes on the decisions that do not count. */
  readonly register: RegisterSheet;
  /** Whether a note changed, so `Bài nộp` must be written. */
  readonly registerChanged: boolean;
}

/**
 * Where every unit stands once the department's reviews are judged. `hannop status` and the mail
 * plan should start from this board too, so that they count what the sheets show.
 */
export function reviewedState(state: CampaignState, asOf: Date): ReviewedState {
  const asTyped = computeStatusBoard(
    state.units.all,
    state.campaign.periods,
    state.submissions,
    asOf,
    state.campaign.extensions,
  );
  const judgements = judgeReviews(state.register.entries, asTyped);
  const { board, submissions } = boardWithoutRefusedReviews(asTyped, state.submissions, judgements);
  const entries = withReviewNotes(state.register.entries, judgements);
  const registerChanged = entries.some((entry, index) => entry !== state.register.entries[index]);
  return { board, judgements, submissions, register: { ...state.register, entries }, registerChanged };
}

function emptyExtensionsWrite(): SheetWrite {
  return {
    kind: 'replace',
    sheet: SHEET.extensions,
    headers: columnsOf(EXTENSION_COLUMNS),
    rows: [],
    format: { frozenRows: 1 },
  };
}

function emptySpecialistsWrite(): SheetWrite {
  return {
    kind: 'replace',
    sheet: SHEET.specialists,
    headers: columnsOf(SPECIALIST_COLUMNS),
    rows: [],
    format: { frozenRows: 1 },
  };
}

/** Every write of a consolidation: the register when a note changed, the derived sheets, an absent `Gia hạn` or `Phụ trách`. */
export function consolidationBatch(
  state: CampaignState,
  asOf: Date,
): { reviewed: ReviewedState; writes: SheetWrite[] } {
  const reviewed = reviewedState(state, asOf);
  const writes: SheetWrite[] = [];
  if (reviewed.registerChanged) writes.push(registerWrite(reviewed.register));
  writes.push(...consolidationWrites({ ...state, register: reviewed.register }, reviewed.board));
  // `Gia hạn` is optional, but every job reads it: over the Sheets API a read naming an absent
  // sheet is refused and costs two more calls (advanced-sheets-workbook.ts), on every execution.
  // Made here with its headers, in a batch written anyway, it costs nothing and shows the officer
  // where to write an extension.
  if (!state.tables.has(SHEET.extensions)) writes.push(emptyExtensionsWrite());
  if (!state.tables.has(SHEET.specialists)) writes.push(emptySpecialistsWrite());
  return { reviewed, writes };
}

export interface ConsolidationSummary {
  readonly board: StatusBoard;
  readonly judgements: readonly ReviewJudgement[];
  /** The sheets written, in order. */
  readonly sheets: readonly string[];
}

/** The job that records a review decision in `Nhật ký`, whichever job first saw it. */
export const REVIEW_AUDIT_JOB = 'Đánh giá bài nộp';

export interface ConsolidateOptions {
  /** Who typed the decisions, when Apps Script says (the on-edit event); '' otherwise. */
  readonly editor?: string;
}

/** The messages `Nhật ký` holds (none when it is absent). */
function eventLogMessages(state: CampaignState): string[] {
  const log = state.tables.get(SHEET.eventLog);
  if (!log) return [];
  return readRecords(log, SHEET.eventLog, { required: [] }).map((record) =>
    cellText(record.get(EVENT_LOG_COLUMNS.message)),
  );
}

/**
 * Reads the state once and writes the register notes, the derived sheets and, in `Nhật ký`, the
 * review decisions not recorded yet, in one batch.
 */
export function consolidate(
  workbook: Workbook,
  lock: Lock,
  asOf: Date,
  options: ConsolidateOptions = {},
): ConsolidationSummary {
  return lock.withLock(() => {
    const state = readCampaignState(workbook, [...DERIVED_SHEETS, SHEET.eventLog]);
    const { reviewed, writes } = consolidationBatch(state, asOf);
    const decisions = reviewed.judgements.length
      ? reviewDecisionAudits(
          asOf,
          REVIEW_AUDIT_JOB,
          reviewed.judgements,
          recordedDecisions(eventLogMessages(state)),
          options.editor ?? '',
        )
      : [];
    writes.push(...eventLogWrite(decisions));
    workbook.write(writes);
    return {
      board: reviewed.board,
      judgements: reviewed.judgements,
      sheets: writes.map((write) => write.sheet),
    };
  });
}
