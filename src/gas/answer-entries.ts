// Setup's map from each `entry.N` of a form's pre-filled links to its question's title, kept in
// the document properties. With it, the form-submit trigger reads every answer of a response with
// one `toPrefilledUrl()` call instead of three FormApp calls per answer (getItemResponses, then
// getItem, getTitle and getResponse of each). Setup answers every question of one unsent response
// with a sample no other question has; a question whose sample cannot be told apart is left out of
// the map, and a response that carries it is read item by item.
import type { FormKind } from '../domain/campaign';
import type { DesiredItem } from '../domain/form-sync';
import { answerEntriesFromSampleLink, type AnswerEntries } from '../domain/prefilled-link';

type Form = Pick<GoogleAppsScript.Forms.Form, 'createResponse'>;
type Properties = Pick<GoogleAppsScript.Properties.Properties, 'getProperty' | 'setProperty'>;

export function answerEntriesProperty(kind: FormKind): string {
  return `hannop.form.${kind}.entries`;
}

/** The day a date question's sample answers: distinct per question, noon in Vietnam. */
function sampleDate(index: number): Date {
  return new Date(Date.UTC(2000, 0, 1 + index, 5));
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Learns and stores the map; one createResponse, one call per question, one toPrefilledUrl. */
export function storeAnswerEntries(
  kind: FormKind,
  form: Form,
  placed: ReadonlyMap<string, object>,
  desiredItems: readonly DesiredItem[],
  properties: Properties,
): AnswerEntries {
  const used = new Set<string>();
  const samples = new Map<string, string[]>();
  let response = form.createResponse();
  desiredItems.forEach((desired, index) => {
    const item = placed.get(desired.key) as unknown as Record<string, (value: unknown) => unknown>;
    if (!item) return;
    let itemResponse: unknown;
    let sample: string;
    if (desired.kind === 'TEXT' || desired.kind === 'PARAGRAPH_TEXT') {
      sample = `hannop-mau-${index}`;
      itemResponse = item.createResponse?.(sample);
    } else if (desired.kind === 'DATE') {
      const date = sampleDate(index);
      sample = isoDay(date);
      itemResponse = item.createResponse?.(date);
    } else {
      const choice = (desired.choices ?? []).find((candidate) => !used.has(candidate));
      if (choice === undefined) return;
      sample = choice;
      itemResponse = item.createResponse?.(desired.kind === 'CHECKBOX' ? [choice] : choice);
    }
    used.add(sample);
    samples.set(desired.title, [sample]);
    response = response.withItemResponse(itemResponse as GoogleAppsScript.Forms.ItemResponse);
  });
  const entries = answerEntriesFromSampleLink(response.toPrefilledUrl(), samples);
  const text = JSON.stringify(entries);
  if (properties.getProperty(answerEntriesProperty(kind)) !== text)
    properties.setProperty(answerEntriesProperty(kind), text);
  return entries;
}

/** The stored map of a form, or null before setup made it (then answers are read item by item). */
export function readAnswerEntries(
  properties: Pick<GoogleAppsScript.Properties.Properties, 'getProperty'>,
  kind: FormKind,
): AnswerEntries | null {
  const text = properties.getProperty(answerEntriesProperty(kind));
  if (!text) return null;
  try {
    return JSON.parse(text) as AnswerEntries;
  } catch {
    return null;
  }
}
