// A response as it arrives, mapped from question titles to question keys. Titles match after
// normalising (titleKey: NFC, quotes alike, whitespace collapsed, case ignored), so a CSV header
// with straight quotes or another case still finds its question.
import { titleKey } from '../text';
import type { DateLocale } from '../time';
import type { RawAnswer } from './answers';
import type { FormSpec } from './spec';

export interface RawResponse {
  /** Raw answers by question key; an unanswered question may be absent. */
  readonly answers: Readonly<Record<string, RawAnswer>>;
  /** Keys of the questions that have no column in the table the response was read from. */
  readonly missingColumns: readonly string[];
  /**
   * How the table the response came from writes a day (its locale): `4/27/2023` is a day only in
   * an English export. Absent: Vietnamese, as the Forms API's `YYYY-MM-DD` reads the same in both.
   */
  readonly dateLocale?: DateLocale;
}

/** One row of a response sheet or CSV export, read by its header titles. */
export function answersByTitle(
  spec: FormSpec,
  headers: readonly unknown[],
  row: readonly RawAnswer[],
  dateLocale: DateLocale = 'vi',
): RawResponse {
  const indexByTitle = new Map<string, number>();
  headers.forEach((header, index) => {
    const key = titleKey(typeof header === 'string' ? header : String(header ?? ''));
    // As readRecords does: the first of two columns with the same title wins.
    if (key && !indexByTitle.has(key)) indexByTitle.set(key, index);
  });
  const answers: Record<string, RawAnswer> = {};
  const missingColumns: string[] = [];
  for (const question of spec.questions) {
    const index = indexByTitle.get(titleKey(question.title));
    if (index === undefined) missingColumns.push(question.key);
    else answers[question.key] = row[index] ?? null;
  }
  return { answers, missingColumns, dateLocale };
}

/**
 * A response from the Forms API or FormApp: answers by item title. Those leave an unanswered item
 * out, so an absent title is a blank answer, never a missing column.
 */
export function answersByItemTitle(
  spec: FormSpec,
  byTitle: ReadonlyMap<string, RawAnswer> | Readonly<Record<string, RawAnswer>>,
): RawResponse {
  const byKey = new Map<string, RawAnswer>();
  const entries: [string, RawAnswer][] =
    byTitle instanceof Map ? Array.from(byTitle.entries()) : Object.entries(byTitle);
  for (const [title, answer] of entries) {
    const key = titleKey(title);
    if (!byKey.has(key)) byKey.set(key, answer);
  }
  const answers: Record<string, RawAnswer> = {};
  for (const question of spec.questions) {
    const answer = byKey.get(titleKey(question.title));
    if (answer !== undefined) answers[question.key] = answer;
  }
  return { answers, missingColumns: [] };
}
