// `Bài nộp`, the register: one row per form response. The system owns every column but the
// department's review (`Đánh giá`, `Ghi chú đánh giá`) and any column it adds itself: those are
// carried through every rewrite by `Mã phản hồi`, so nothing a person typed is lost.
import { SUBMISSION_COLUMNS, columnsOf } from './layout';
import {
  OUTCOME_LABEL,
  REVIEW_LABEL,
  splitProblemLines,
  type ReviewDecision,
  type Submission,
  type SubmissionOutcome,
} from './submissions';
import { TIMELINESS_LABEL, type Timeliness } from './status';
import { cellInstant, cellText, readRecords, type CellValue, type Table } from './table';
import { cleanText, labelKey, titleKey } from './text';

export interface RegisterEntry {
  readonly responseId: string;
  /** First seen; later edits keep it. */
  readonly submittedAt: Date;
  readonly lastVersionAt: Date;
  readonly periodId: string;
  readonly unitCode: string;
  readonly unitName: string;
  readonly submitterEmail: string;
  readonly version: number;
  readonly outcome: SubmissionOutcome;
  /** Errors, then warnings prefixed `Lưu ý: `, one per line in the sheet. */
  readonly problems: readonly string[];
  readonly timeliness: Timeliness | null;
  readonly editLink: string;
  readonly acceptedAt: Date | null;
  /** JSON of the accepted version's answers (figures and texts), '' when none was accepted. */
  readonly acceptedAnswers: string;
  /** `Thay đổi so với lần trước`: one changed answer a line, '' for a first version. */
  readonly changes: string;
  readonly systemNote: string;
  /** As typed by the department; interpreted by `reviewDecision`. */
  readonly reviewText: string;
  readonly reviewNote: string;
  /** Columns the department added, by header, carried through rewrites. */
  readonly extra: Readonly<Record<string, CellValue>>;
}

export const REGISTER_HEADERS = columnsOf(SUBMISSION_COLUMNS);
export const WARNING_PREFIX = 'Lưu ý: ';

/** The decision typed in `Đánh giá`; undefined when it is not one of the three labels. */
export function reviewDecision(reviewText: string): ReviewDecision | undefined {
  return reviewText.trim() === '' ? 'pending' : labelKey(REVIEW_LABEL, reviewText);
}

export interface RegisterSheet {
  readonly entries: RegisterEntry[];
  /** Headers the department added to the sheet, in their order. */
  readonly extraHeaders: readonly string[];
}

function isBlankCell(value: CellValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** A cell as cleaned text (as `cleanText(cellText(value))`, without normalising a string twice). */
function textOf(value: CellValue | undefined): string {
  return typeof value === 'string' ? cleanText(value) : cleanText(cellText(value ?? null));
}

/** Reads `Bài nộp` (absent: an empty register). Rows without a response id are not ours; they are dropped. */
export function readRegister(table: Table | undefined): RegisterSheet {
  if (!table) return { entries: [], extraHeaders: [] };
  const known = new Set(REGISTER_HEADERS.map(titleKey));
  const extraHeaders = table.headers
    .map((header) => String(header ?? ''))
    .filter((header) => header.trim() && !known.has(titleKey(header)));
  // The header check (and its message) as every reader of a sheet makes it; the rows are then
  // read by position, each column found once rather than once per cell.
  // Every column is required: a renamed `Đánh giá` would drop the department's reviews at the next
  // rewrite, a renamed `Mã phản hồi` would register every response again. A run stops instead.
  readRecords({ ...table, rows: [] }, table.name, { required: REGISTER_HEADERS });
  const positionByKey = new Map<string, number>();
  table.headers.forEach((header, index) => {
    const key = titleKey(String(header ?? ''));
    if (key && !positionByKey.has(key)) positionByKey.set(key, index);
  });
  const positionOf = (column: string) => positionByKey.get(titleKey(column)) ?? -1;
  const C = SUBMISSION_COLUMNS;
  const at = {
    responseId: positionOf(C.responseId),
    submittedAt: positionOf(C.submittedAt),
    lastVersionAt: positionOf(C.lastVersionAt),
    periodId: positionOf(C.periodId),
    unitCode: positionOf(C.unitCode),
    unitName: positionOf(C.unitName),
    submitterEmail: positionOf(C.submitterEmail),
    version: positionOf(C.version),
    outcome: positionOf(C.outcome),
    problems: positionOf(C.problems),
    timeliness: positionOf(C.timeliness),
    editLink: positionOf(C.editLink),
    acceptedAt: positionOf(C.acceptedAt),
    acceptedAnswers: positionOf(C.acceptedAnswers),
    changes: positionOf(C.changes),
    systemNote: positionOf(C.systemNote),
    review: positionOf(C.review),
    reviewNote: positionOf(C.reviewNote),
  };
  const extraPositions = extraHeaders.map(positionOf);
  const entries: RegisterEntry[] = [];
  for (const row of table.rows) {
    if (row.every(isBlankCell)) continue;
    const cell = (position: number): CellValue => (position < 0 ? null : (row[position] ?? null));
    const text = (position: number) => textOf(cell(position));
    const responseId = text(at.responseId);
    // A first-seen time someone typed over falls back to the other times of the row: dropping the
    // row would drop the department's review of it at the next rewrite.
    const submittedAt =
      cellInstant(cell(at.submittedAt)) ??
      cellInstant(cell(at.lastVersionAt)) ??
      cellInstant(cell(at.acceptedAt));
    if (!responseId || !submittedAt) continue;
    const extra: Record<string, CellValue> = {};
    extraHeaders.forEach((header, index) => {
      extra[header] = cell(extraPositions[index] as number);
    });
    entries.push({
      responseId,
      submittedAt,
      lastVersionAt: cellInstant(cell(at.lastVersionAt)) ?? submittedAt,
      periodId: text(at.periodId),
      unitCode: text(at.unitCode),
      unitName: text(at.unitName),
      submitterEmail: text(at.submitterEmail),
      version: Number(text(at.version)) || 1,
      outcome: labelKey(OUTCOME_LABEL, text(at.outcome)) ?? 'rejected',
      problems: splitProblemLines(cellText(cell(at.problems))),
      timeliness: labelKey(TIMELINESS_LABEL, text(at.timeliness)) ?? null,
      editLink: text(at.editLink),
      acceptedAt: cellInstant(cell(at.acceptedAt)),
      acceptedAnswers: cellText(cell(at.acceptedAnswers)),
      changes: cellText(cell(at.changes)),
      systemNote: text(at.systemNote),
      reviewText: text(at.review),
      reviewNote: cellText(cell(at.reviewNote)),
      extra,
    });
  }
  return { entries, extraHeaders };
}

export function registerRows(sheet: RegisterSheet): { headers: string[]; rows: CellValue[][] } {
  const headers = [...REGISTER_HEADERS, ...sheet.extraHeaders];
  const rows = sheet.entries.map((entry) => {
    const byHeader: Record<string, CellValue> = {
      ...entry.extra,
      [SUBMISSION_COLUMNS.responseId]: entry.responseId,
      [SUBMISSION_COLUMNS.submittedAt]: entry.submittedAt,
      [SUBMISSION_COLUMNS.periodId]: entry.periodId,
      [SUBMISSION_COLUMNS.unitCode]: entry.unitCode,
      [SUBMISSION_COLUMNS.unitName]: entry.unitName,
      [SUBMISSION_COLUMNS.submitterEmail]: entry.submitterEmail,
      [SUBMISSION_COLUMNS.version]: entry.version,
      [SUBMISSION_COLUMNS.outcome]: OUTCOME_LABEL[entry.outcome],
      [SUBMISSION_COLUMNS.problems]: entry.problems.join('\n'),
      [SUBMISSION_COLUMNS.timeliness]: entry.timeliness ? TIMELINESS_LABEL[entry.timeliness] : '',
      [SUBMISSION_COLUMNS.editLink]: entry.editLink,
      [SUBMISSION_COLUMNS.acceptedAt]: entry.acceptedAt,
      [SUBMISSION_COLUMNS.lastVersionAt]: entry.lastVersionAt,
      [SUBMISSION_COLUMNS.acceptedAnswers]: entry.acceptedAnswers,
      [SUBMISSION_COLUMNS.changes]: entry.changes,
      [SUBMISSION_COLUMNS.systemNote]: entry.systemNote,
      [SUBMISSION_COLUMNS.review]: entry.reviewText || REVIEW_LABEL.pending,
      [SUBMISSION_COLUMNS.reviewNote]: entry.reviewNote,
    };
    return headers.map((header) => byHeader[header] ?? null);
  });
  return { headers, rows };
}

/** The register as the status engine sees it. A review that is not one of the labels counts as pending. */
export function submissionOf(entry: RegisterEntry): Submission {
  return {
    responseId: entry.responseId,
    periodId: entry.periodId,
    unitCode: entry.unitCode,
    submittedAt: entry.submittedAt,
    acceptedAt: entry.acceptedAt,
    version: entry.version,
    outcome: entry.outcome,
    problems: entry.problems.filter((problem) => !problem.startsWith(WARNING_PREFIX)),
    review: reviewDecision(entry.reviewText) ?? 'pending',
    reviewNote: cleanText(entry.reviewNote),
  };
}
