// A unit's pre-filled link: the form's address with the unit, its confirmation code (and, for a
// report, the period) already answered, so the school only fills in the rest.
//
// Google builds such a link with `FormResponse.toPrefilledUrl()`, one FormApp round trip per
// answer and per link; for 400 units that is thousands of calls. Its shape is stable and public,
// `…/viewform?usp=pp_url&entry.N=value&entry.M=value`, and the `entry.N` numbers are not the item
// ids, so setup builds ONE link with sample answers, learns from it which `entry.N` carries which
// question (a template), and every unit's link is then computed here without calling Google.
import type { FormKind, Period } from './campaign';
import { unitChoiceLabel, type Unit } from './units';

/** What a unit's link answers: the unit, its confirmation code, and (report form) the period. */
export type PrefilledRole = 'unit' | 'code' | 'period';
export type PrefilledAnswers = Partial<Record<PrefilledRole, string>>;

export interface PrefilledLinkTemplate {
  /** The form's `…/viewform` address, without a query. */
  readonly formUrl: string;
  /** The URL parameter (`entry.N`) of each pre-filled question. */
  readonly entries: Readonly<PrefilledAnswers>;
}

export class PrefilledLinkError extends Error {
  override readonly name = 'PrefilledLinkError';
}

/** Google's form encoding of a value: percent-encoded UTF-8, `+` for a space. */
export function encodeFormValue(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

function decodeFormValue(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

const ROLES: readonly PrefilledRole[] = ['unit', 'code', 'period'];

/**
 * The template behind a pre-filled link that Google built from `sampleAnswers`: each sample
 * answer must appear once, under one `entry.N` parameter.
 */
export function templateFromSampleLink(
  sampleLink: string,
  sampleAnswers: PrefilledAnswers,
): PrefilledLinkTemplate {
  const queryStart = sampleLink.indexOf('?');
  if (queryStart < 0) throw new PrefilledLinkError(`not a pre-filled link (no query): ${sampleLink}`);
  const formUrl = sampleLink.slice(0, queryStart);
  const parameters = entryParameters(sampleLink);
  const entries: PrefilledAnswers = {};
  for (const role of ROLES) {
    const sample = sampleAnswers[role];
    if (sample === undefined) continue;
    const matching = parameters.filter((parameter) => parameter.value === sample);
    if (matching.length !== 1) {
      throw new PrefilledLinkError(
        `the sample answer for "${role}" appears ${matching.length} times in the pre-filled link ${sampleLink}`,
      );
    }
    entries[role] = (matching[0] as { name: string }).name;
  }
  return { formUrl, entries };
}

/** The pre-filled link for these answers; blank answers, and roles the form lacks, are left out. */
export function prefilledLink(template: PrefilledLinkTemplate, answers: PrefilledAnswers): string {
  const parameters = ['usp=pp_url'];
  for (const role of ROLES) {
    const entry = template.entries[role];
    const answer = answers[role];
    if (entry && answer) parameters.push(`${entry}=${encodeFormValue(answer)}`);
  }
  return `${template.formUrl}?${parameters.join('&')}`;
}

/** A unit's link: its choice `{Mã đơn vị} - {Tên đơn vị}`, its code, and the period's `Tên kỳ` if given. */
export function unitPrefilledLink(
  template: PrefilledLinkTemplate,
  unit: Pick<Unit, 'code' | 'name' | 'confirmationCode'>,
  period?: Pick<Period, 'name'>,
): string {
  return prefilledLink(template, {
    unit: unitChoiceLabel(unit),
    code: unit.confirmationCode,
    ...(period ? { period: period.name } : {}),
  });
}

/** Where e-mails get a unit's link for a period: the template of the period's form, if set up. */
export interface FormLinks {
  linkFor(
    unit: Pick<Unit, 'code' | 'name' | 'confirmationCode'>,
    period: Pick<Period, 'form' | 'name'>,
  ): string | undefined;
}

export function formLinksFrom(templates: Partial<Record<FormKind, PrefilledLinkTemplate>>): FormLinks {
  return {
    linkFor(unit, period) {
      const template = templates[period.form];
      return template ? unitPrefilledLink(template, unit, period) : undefined;
    },
  };
}

/**
 * Which question each `entry.N` of the form's pre-filled links answers, by the question's title.
 * Setup learns it from one response with a distinct sample answer to every question; a submitted
 * response's `toPrefilledUrl()` then carries all its answers in one FormApp call, where reading
 * them item by item costs three calls per answer.
 */
export type AnswerEntries = Readonly<Record<string, string>>;

/** The `entry.N` parameters of a pre-filled link, in order, values decoded. */
function entryParameters(link: string): { name: string; value: string }[] {
  const queryStart = link.indexOf('?');
  if (queryStart < 0) return [];
  return link
    .slice(queryStart + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      return equals < 0
        ? { name: pair, value: '' }
        : { name: pair.slice(0, equals), value: decodeFormValue(pair.slice(equals + 1)) };
    })
    .filter((parameter) => /^entry\.\d+$/.test(parameter.name));
}

/**
 * The entries of a link built from `samples` (question title → its sample answers): a question is
 * mapped only when exactly one parameter carries its sample, so an ambiguous one is left out and
 * read the slow way.
 */
export function answerEntriesFromSampleLink(
  sampleLink: string,
  samples: ReadonlyMap<string, readonly string[]>,
): AnswerEntries {
  const parameters = entryParameters(sampleLink);
  const entries: Record<string, string> = {};
  samples.forEach((values, title) => {
    const names = new Set(
      parameters.filter((parameter) => values.includes(parameter.value)).map((parameter) => parameter.name),
    );
    if (names.size !== 1) return;
    const [name] = [...names] as [string];
    const carried = parameters
      .filter((parameter) => parameter.name === name)
      .map((parameter) => parameter.value);
    if (carried.length === values.length && carried.every((value) => values.includes(value)))
      entries[name] = title;
  });
  return entries;
}

/**
 * A response's answers by question title, from its pre-filled link; null when the link carries an
 * entry the map does not know (a question added by hand since setup): then it is read item by item.
 */
export function answersFromPrefilledLink(link: string, entries: AnswerEntries): Map<string, string[]> | null {
  const answers = new Map<string, string[]>();
  for (const parameter of entryParameters(link)) {
    const title = entries[parameter.name];
    if (title === undefined) return null;
    answers.set(title, [...(answers.get(title) ?? []), parameter.value]);
  }
  return answers;
}
