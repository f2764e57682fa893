// What the form-submit trigger needs besides the response, kept where it reads the send journal:
// the spreadsheet's id and each form's map of pre-filled entries, in the script properties. The
// trigger then reads them with the journal in the one `getProperties` it makes under the script
// lock, instead of two SpreadsheetApp calls for the id and two more for the document properties
// (issue 15: a submission's service calls). Setup writes them, under the same lock, after the forms.
import type { FormKind } from '../domain/campaign';
import type { AnswerEntries } from '../domain/prefilled-link';
import { answerEntriesProperty, readAnswerEntries } from './answer-entries';

export const SPREADSHEET_ID_PROPERTY = 'hannop.spreadsheet.id';

type Store = Pick<GoogleAppsScript.Properties.Properties, 'getProperty' | 'setProperty'>;

/** Copies the spreadsheet's id and the forms' maps (from the document properties) into `script`. */
export function storeSubmissionSettings(
  script: Store,
  document: Pick<GoogleAppsScript.Properties.Properties, 'getProperty'>,
  spreadsheetId: string,
): void {
  const wanted: [string, string | null][] = [[SPREADSHEET_ID_PROPERTY, spreadsheetId]];
  for (const kind of ['plan', 'report'] as const) {
    wanted.push([answerEntriesProperty(kind), document.getProperty(answerEntriesProperty(kind))]);
  }
  for (const [name, value] of wanted) {
    if (value !== null && script.getProperty(name) !== value) script.setProperty(name, value);
  }
}

/** The stored id, or null before setup stored it. */
export function storedSpreadsheetId(values: Readonly<Record<string, string>>): string | null {
  return values[SPREADSHEET_ID_PROPERTY] || null;
}

/** A form's map from the script properties, else the document properties (setup before issue 15). */
export function submissionAnswerEntries(
  script: Readonly<Record<string, string>>,
  document: () => Pick<GoogleAppsScript.Properties.Properties, 'getProperty'>,
  kind: FormKind,
): AnswerEntries | null {
  const stored = readAnswerEntries({ getProperty: (key) => script[key] ?? null }, kind);
  return stored ?? readAnswerEntries(document(), kind);
}
