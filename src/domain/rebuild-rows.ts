// Which registered response each row of a response sheet is, for a rebuild that reads the
// `Phản hồi …` sheets instead of asking Forms for every response (issue 15: a rebuild whose calls
// do not grow with the responses). A row names no Forms id; Forms rewrites a response's row in
// place when it is edited, with the new time. So a row whose submitter and second are those of a
// registered version IS that version, and keeps the register's id, exact time and edit link
// (`Liên kết sửa` is not in the sheet); a row no registered version is (a response never
// registered, or an edit not yet registered) is left for the caller to name through Forms.
import { arrivalKey, FORM_SPECS, type IncomingResponse } from './intake';
import type { RegisterEntry } from './register';
import { vietnamDateOf } from './time';
import { unitChoiceLabel } from './units';

export interface PlacedRows {
  /** Rows that are a registered version, under the register's id, time and edit link. */
  readonly known: IncomingResponse[];
  /** Rows that no registered version is: new responses, or edits the register has not seen. */
  readonly unknown: IncomingResponse[];
}

/**
 * A row's answers as Forms gives them: a date question's cell (a date in the sheet) as the
 * `yyyy-mm-dd` FormApp answers, so a message quoting the answer reads the same whichever was read.
 */
export function asFormsAnswers(row: IncomingResponse): IncomingResponse {
  const answers = { ...row.response.answers };
  let changed = false;
  for (const question of FORM_SPECS[row.form].questions) {
    const answer = answers[question.key];
    if (question.type === 'date' && answer instanceof Date && !Number.isNaN(answer.getTime())) {
      answers[question.key] = vietnamDateOf(answer);
      changed = true;
    }
  }
  return changed ? { ...row, response: { ...row.response, answers } } : row;
}

function secondOf(time: Date): number {
  return Math.floor(time.getTime() / 1000);
}

/** Whether the row's answer to `Đơn vị` is the entry's unit (`{code} - {name}`, as the form offers it). */
function isUnitOf(row: IncomingResponse, entry: RegisterEntry): boolean {
  const answer = row.response.answers.unit;
  if (entry.unitCode === '' || answer === null || answer === undefined) return false;
  const text = Array.isArray(answer) ? answer.join(', ') : String(answer);
  return text.trim().startsWith(unitChoiceLabel({ code: entry.unitCode, name: '' }).trimEnd());
}

/**
 * Every row of the response sheets, placed against the register. One to one: rows sharing a
 * submitter and a second (schools sending in the same second on a form that collects no e-mail)
 * each take a different registered response, the one of the row's own unit first, never the same.
 */
export function placeSheetRows(
  registered: readonly RegisterEntry[],
  rows: readonly IncomingResponse[],
): PlacedRows {
  const byId = new Map(registered.map((entry) => [entry.responseId, entry]));
  const namedExactly = new Set(rows.map((row) => row.responseId).filter((id) => byId.has(id)));
  const pool = new Map<string, RegisterEntry[]>();
  for (const entry of registered) {
    if (namedExactly.has(entry.responseId)) continue;
    const key = arrivalKey(entry.submitterEmail, entry.lastVersionAt);
    pool.set(key, [...(pool.get(key) ?? []), entry]);
  }
  const known: IncomingResponse[] = [];
  const unknown: IncomingResponse[] = [];
  const asRegistered = (row: IncomingResponse, entry: RegisterEntry): IncomingResponse => ({
    ...row,
    responseId: entry.responseId,
    timestamp: entry.lastVersionAt,
    editLink: entry.editLink,
  });
  for (const row of rows) {
    const exact = byId.get(row.responseId);
    if (exact) {
      if (secondOf(exact.lastVersionAt) === secondOf(row.timestamp)) known.push(asRegistered(row, exact));
      else unknown.push(row);
      continue;
    }
    const candidates = pool.get(arrivalKey(row.respondentEmail, row.timestamp)) ?? [];
    const ownUnit = candidates.findIndex((entry) => isUnitOf(row, entry));
    const taken = candidates.splice(ownUnit >= 0 ? ownUnit : 0, 1)[0];
    if (taken) known.push(asRegistered(row, taken));
    else unknown.push(row);
  }
  return { known, unknown };
}
