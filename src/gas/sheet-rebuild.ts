// "Xử lý lại toàn bộ" from the response sheets (issue 15: a rebuild whose calls do not grow with
// the responses). Setup makes the spreadsheet each form's destination, so every response is a row
// of `Phản hồi Kế hoạch` / `Phản hồi Báo cáo`, rewritten in place when it is edited: the rebuild
// reads both sheets in the same batch read as the state, and names each row by the registered
// version it is (src/domain/rebuild-rows.ts). Only the rows no registered version is (a response
// whose trigger never ran, an edit not yet registered) are asked of Forms, from the earliest of
// them on, a few calls each: their Forms id, exact time and edit link. Too many of those, or a
// sheet missing or no longer linked to its form, and the caller rebuilds through FormApp as before,
// in parts within the time budget (resumable-jobs.ts).
import { rebuildRegister } from '../app/rebuild-register';
import type { ResponseSource } from '../app/intake-responses';
import { RESPONSE_SHEET } from '../app/sheet-response-source';
import { FORM_KIND_LABEL, type FormKind } from '../domain/campaign';
import { arrivalKey, type IncomingResponse } from '../domain/intake';
import { SHEET } from '../domain/layout';
import type { AnswerEntries } from '../domain/prefilled-link';
import { describeProblem } from '../domain/problems';
import { asFormsAnswers, placeSheetRows } from '../domain/rebuild-rows';
import { readRegister, type RegisterEntry } from '../domain/register';
import { responsesFromSheet } from '../domain/response-sheet';
import { incomingFromFormResponse, type OpenForm } from './form-response-source';
import { namesForm } from './forms-setup';
import { storedFormIds } from './install-triggers';
import { loadCheckpoint } from './continuation';
import { recordProgress, type RebuildPart } from './resumable-jobs';
import type { GasServices } from './services';

/**
 * The most FormApp calls the sheet rebuild spends naming rows Forms has and the register has not
 * (about 20 s at Google's pace): beyond, the FormApp rebuild, with its time budget, is the safer way.
 */
export const SHEET_REBUILD_FORM_CALLS = 2000;
/** FormApp calls to name one such row: its id, then its e-mail, edit link and answers. */
const CALLS_PER_UNKNOWN_ROW = 4;

/** Why the response sheets cannot stand for the forms: the caller reads the forms instead. */
export class ResponseSheetUnfit extends Error {
  constructor(
    message: string,
    /** A sheet is missing (true), or only too many rows are new to the register (false). */
    readonly sheets: boolean,
  ) {
    super(message);
    this.name = 'ResponseSheetUnfit';
  }
}

function secondOf(time: Date): number {
  return Math.floor(time.getTime() / 1000);
}

/** A sentence naming each response sheet that is missing or no longer the one its form writes to. */
export function unfitResponseSheets(services: GasServices, forms: readonly OpenForm[]): string[] {
  const ids = storedFormIds(services.documentPropertyValues);
  const reasons: string[] = [];
  for (const { kind, form } of forms) {
    const name = RESPONSE_SHEET[kind];
    const sheet = services.spreadsheet.getSheetByName(name);
    if (!sheet) {
      reasons.push(`Không có trang «${name}» trong bảng tính.`);
      continue;
    }
    const url = sheet.getFormUrl();
    // openForms opens whole Form objects; the published URL is asked only for a URL that needs it.
    const published = () => (form as unknown as GoogleAppsScript.Forms.Form).getPublishedUrl();
    const linked =
      url !== null && namesForm(url, ids[kind] ?? '', /\/forms\/d\/e\//.test(url) ? published() : '');
    if (!linked)
      reasons.push(`Trang «${name}» không còn nhận câu trả lời của biểu mẫu ${FORM_KIND_LABEL[kind]}.`);
  }
  return reasons;
}

/**
 * The rows no registered version is, named through Forms: the responses from the earliest of them
 * on, each one stamped in the second of such a row asked its id, and, unless it is a registered
 * version, read in full. A row Forms no longer has (deleted in Forms, kept in the sheet) keeps the
 * sheet's id; a response Forms has and the sheet has not is left as the register has it.
 */
function nameThroughForms(
  forms: readonly OpenForm[],
  unknown: readonly IncomingResponse[],
  registered: readonly RegisterEntry[],
  answerEntries: (kind: FormKind) => AnswerEntries | null,
): IncomingResponse[] {
  if (unknown.length * CALLS_PER_UNKNOWN_ROW > SHEET_REBUILD_FORM_CALLS)
    throw new ResponseSheetUnfit(`${unknown.length} phản hồi chưa có trong «${SHEET.submissions}».`, false);
  const byId = new Map(registered.map((entry) => [entry.responseId, entry]));
  const named: IncomingResponse[] = [];
  for (const { kind, form } of forms) {
    const rows = unknown.filter((row) => row.form === kind);
    if (rows.length === 0) continue;
    const seconds = new Set(rows.map((row) => secondOf(row.timestamp)));
    // A second early: Google's "after a given date and time" must not leave out the first row's.
    const from = new Date((Math.min(...seconds) - 1) * 1000);
    const listed = form.getResponses(from as unknown as GoogleAppsScript.Base.Date);
    if (listed.length + rows.length * CALLS_PER_UNKNOWN_ROW > SHEET_REBUILD_FORM_CALLS)
      throw new ResponseSheetUnfit(
        `${listed.length} phản hồi cần đọc từ biểu mẫu ${FORM_KIND_LABEL[kind]}.`,
        false,
      );
    const rowsByKey = new Map<string, number>();
    for (const row of rows) {
      const key = arrivalKey(row.respondentEmail, row.timestamp);
      rowsByKey.set(key, (rowsByKey.get(key) ?? 0) + 1);
    }
    const entries = answerEntries(kind);
    for (const response of listed) {
      const timestamp = response.getTimestamp() as unknown as Date;
      if (!seconds.has(secondOf(timestamp))) continue;
      const id = response.getId();
      if (byId.get(id)?.lastVersionAt.getTime() === timestamp.getTime()) continue;
      const incoming = incomingFromFormResponse(kind, response, entries, { id, timestamp });
      const key = arrivalKey(incoming.respondentEmail, incoming.timestamp);
      const left = rowsByKey.get(key) ?? 0;
      // Only a response that is one of the rows: the others are registered, or not in the sheet.
      if (left === 0) continue;
      rowsByKey.set(key, left - 1);
      named.push(incoming);
    }
    for (const row of rows) {
      const key = arrivalKey(row.respondentEmail, row.timestamp);
      const left = rowsByKey.get(key) ?? 0;
      if (left === 0) continue;
      rowsByKey.set(key, left - 1);
      named.push(row);
    }
  }
  return named;
}

/** The responses of a rebuild as the response sheets hold them, read in the batch of the state. */
export function sheetRebuildSource(
  forms: readonly OpenForm[],
  options: {
    readonly asOf: Date;
    readonly answerEntries: (kind: FormKind) => AnswerEntries | null;
    /** Forms that could not be opened, logged as warnings by the intake. */
    readonly problems: readonly string[];
  },
): ResponseSource {
  return {
    sheets: [SHEET.planResponses, SHEET.reportResponses],
    read(tables) {
      const rows: IncomingResponse[] = [];
      const problems = [...options.problems];
      for (const { kind } of forms) {
        const table = tables.get(RESPONSE_SHEET[kind]);
        if (!table)
          throw new ResponseSheetUnfit(`Không có trang «${RESPONSE_SHEET[kind]}» trong bảng tính.`, true);
        for (const row of responsesFromSheet(table, kind)) {
          if (row.problem) problems.push(describeProblem(row.problem));
          if (row.response && row.response.timestamp.getTime() <= options.asOf.getTime())
            rows.push(asFormsAnswers(row.response));
        }
      }
      const registered = readRegister(tables.get(SHEET.submissions)).entries;
      const placed = placeSheetRows(registered, rows);
      const named = nameThroughForms(forms, placed.unknown, registered, options.answerEntries);
      return { responses: [...placed.known, ...named], problems };
    },
  };
}

/** What stood in the way of the sheets; `sheets`: a sheet missing or unlinked (setup mends it). */
export interface SheetRebuildRefusal {
  readonly unfit: readonly string[];
  readonly sheets: boolean;
}

/**
 * A whole rebuild from the response sheets in one execution, or why it cannot be (the caller then
 * rebuilds through FormApp). `opened`: the forms, opened by the caller.
 */
export function runSheetRebuild(
  services: GasServices,
  opened: ReturnType<GasServices['openForms']>,
  asOf: Date,
  lockWaitMs: number,
): { readonly intake: RebuildPart['intake'] } | SheetRebuildRefusal {
  const unfit = unfitResponseSheets(services, opened.forms);
  if (unfit.length > 0) return { unfit, sheets: true };
  try {
    const { intake } = rebuildRegister(
      { workbook: services.workbook, lock: services.lock(lockWaitMs), now: () => services.now() },
      sheetRebuildSource(opened.forms, {
        asOf,
        answerEntries: (kind) => services.answerEntries(kind),
        problems: opened.problems,
      }),
      asOf,
    );
    return { intake };
  } catch (error) {
    if (error instanceof ResponseSheetUnfit) return { unfit: [error.message], sheets: error.sheets };
    throw error;
  }
}

/**
 * A rebuild from the sheets is whole: a FormApp rebuild left half done by an earlier click is
 * superseded, so its checkpoint goes (and its continuation with it). Asked of the script
 * properties read once; the lock and the triggers only when there is one.
 */
export function finishSheetRebuild(services: GasServices, intake: RebuildPart['intake']): RebuildPart {
  const values = services.scriptPropertyValues;
  if (loadCheckpoint({ getProperty: (key) => values[key] ?? null }, 'rebuild'))
    recordProgress(services, { job: 'rebuild', checkpoint: null });
  return { intake, finished: true, executions: 1 };
}

/** What the officer reads when the rebuild went through FormApp instead of the sheets. */
export function readFromFormsNote(refusal: SheetRebuildRefusal): string {
  const why = refusal.unfit.join(' ');
  return refusal.sheets
    ? `${why} Đã đọc phản hồi trực tiếp từ biểu mẫu (chậm hơn); hãy chạy «Thiết lập ban đầu» để nối lại trang câu trả lời.`
    : `${why} Đã đọc phản hồi trực tiếp từ biểu mẫu.`;
}
