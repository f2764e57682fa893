// Responses as FormApp gives them, turned into the IncomingResponse the intake takes. Answers are
// read from the FormResponse, never from the response sheet: Sheets turns `0901234567` into a
// number and `1.234` into 1234, and the sheet has no response id. The id Forms gives is the
// `Mã phản hồi` of `Bài nộp`, so the trigger, the daily catch-up and a rebuild meet the same row.
import type { ResponseSource } from '../app/intake-responses';
import { parsePeriods, type FormKind, type Period } from '../domain/campaign';
import { allListedRegistered, failureLoggedSince } from '../domain/catch-up';
import { answersByItemTitle, type RawAnswer } from '../domain/forms';
import { FORM_SPECS, type IncomingResponse } from '../domain/intake';
import { PERIOD_READ, SHEET } from '../domain/layout';
import { answersFromPrefilledLink, type AnswerEntries } from '../domain/prefilled-link';
import { readRegister, type RegisterEntry } from '../domain/register';
import { readRecords, type Table } from '../domain/table';
import type { ResponseCursor } from './response-cursor';

type FormResponse = GoogleAppsScript.Forms.FormResponse;

function answerOf(value: unknown): RawAnswer {
  if (Array.isArray(value)) return value.map(String);
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  return String(value);
}

function timestampOf(response: FormResponse): Date {
  // Apps Script's typings name its own Date type; at run time it is a JavaScript Date.
  return response.getTimestamp() as unknown as Date;
}

/** Every answer from the response's pre-filled link (one call), or null when the map does not cover it. */
function answersFromLink(
  form: FormKind,
  response: FormResponse,
  entries: AnswerEntries,
): Map<string, RawAnswer> | null {
  const answers = answersFromPrefilledLink(response.toPrefilledUrl(), entries);
  if (!answers) return null;
  const byTitle = new Map<string, RawAnswer>();
  const checkboxes = new Set(
    FORM_SPECS[form].questions.filter((question) => question.type === 'checkboxes').map((q) => q.title),
  );
  answers.forEach((values, title) => {
    byTitle.set(title, checkboxes.has(title) ? values : (values[0] ?? null));
  });
  return byTitle;
}

/**
 * One FormResponse (an event's, or one of `getResponses()`) as the intake takes it. With setup's
 * map of entries (answer-entries.ts) its answers cost one call; without it, three per answer.
 */
export function incomingFromFormResponse(
  form: FormKind,
  response: FormResponse,
  entries: AnswerEntries | null = null,
  /** The id and time a caller already read (each is a call). */
  known: { readonly id: string; readonly timestamp: Date } | null = null,
): IncomingResponse {
  let byTitle = entries ? answersFromLink(form, response, entries) : null;
  if (!byTitle) {
    byTitle = new Map<string, RawAnswer>();
    for (const itemResponse of response.getItemResponses()) {
      const title = itemResponse.getItem().getTitle();
      if (!byTitle.has(title)) byTitle.set(title, answerOf(itemResponse.getResponse()));
    }
  }
  return {
    responseId: known?.id ?? response.getId(),
    form,
    timestamp: known?.timestamp ?? timestampOf(response),
    respondentEmail: response.getRespondentEmail() ?? '',
    response: answersByItemTitle(FORM_SPECS[form], byTitle),
    editLink: response.getEditResponseUrl(),
  };
}

/** The response of a form-submit event: nothing more to read from the workbook. */
export function singleResponseSource(incoming: IncomingResponse): ResponseSource {
  return { sheets: [], read: () => ({ responses: [incoming], problems: [] }) };
}

/** `Kỳ nộp` as read, or none when it does not read (the catch-up then reads every response listed). */
function periodsOf(tables: ReadonlyMap<string, Table>): readonly Period[] {
  try {
    const checked = parsePeriods(readRecords(tables.get(SHEET.periods), SHEET.periods, PERIOD_READ));
    return checked.ok ? checked.value : [];
  } catch {
    return [];
  }
}

export interface OpenForm {
  readonly kind: FormKind;
  readonly form: Pick<GoogleAppsScript.Forms.Form, 'getResponses'>;
}

/**
 * Every response of the forms. With `onlyChanged`, a response whose time is not newer than the
 * version `Bài nộp` holds is not read further: the daily catch-up then costs two calls per
 * response it is given. With a `cursor` it is given only those since the last run
 * (response-cursor.ts), so its cost follows the day's responses, not the stored ones. A rebuild
 * reads them all. With setup's maps, a response's answers cost one call, not three per answer.
 */
export function formAppResponseSource(
  forms: readonly OpenForm[],
  options: {
    readonly onlyChanged: boolean;
    /** Forms that could not be opened, logged as warnings by the intake. */
    readonly problems?: readonly string[];
    readonly cursor?: ResponseCursor;
    readonly answerEntries?: (kind: FormKind) => AnswerEntries | null;
    /** The form-submit trigger's job in `Nhật ký`: a failure it logged since the cursor rereads. */
    readonly failedJob?: string;
  },
): ResponseSource {
  const failedJob = options.cursor ? options.failedJob : undefined;
  return {
    // `Nhật ký` is in the daily run's batch read already: asking for it costs no call.
    sheets: failedJob ? [SHEET.eventLog] : [],
    read(tables) {
      const registered = new Map<string, number>();
      let entriesRead: readonly RegisterEntry[] = [];
      if (options.onlyChanged) {
        entriesRead = readRegister(tables.get(SHEET.submissions)).entries;
        for (const entry of entriesRead) registered.set(entry.responseId, entry.lastVersionAt.getTime());
      }
      const periods = options.onlyChanged ? periodsOf(tables) : [];
      const responses: IncomingResponse[] = [];
      for (const { kind, form } of forms) {
        const since = options.cursor?.since(kind) ?? null;
        const entries = options.answerEntries?.(kind) ?? null;
        const stored = since ? form.getResponses(since) : form.getResponses();
        options.cursor?.readForm(kind);
        // As many registered versions since the cursor as Forms lists: each is registered (catch-up.ts).
        if (
          since &&
          !options.cursor?.mustRecheck(kind) &&
          !(failedJob && failureLoggedSince(tables.get(SHEET.eventLog), failedJob, since)) &&
          allListedRegistered(stored.length, entriesRead, periods, kind, since)
        )
          continue;
        for (const response of stored) {
          const id = response.getId();
          const timestamp = timestampOf(response);
          options.cursor?.saw(kind, id);
          const known = registered.get(id);
          if (known !== undefined && timestamp.getTime() <= known) continue;
          responses.push(incomingFromFormResponse(kind, response, entries, { id, timestamp }));
        }
      }
      return { responses, problems: options.problems ?? [] };
    },
  };
}
