// Raw answers as they arrive: text typed in a Form, a list from the Forms API, or a cell of a
// response sheet (a number, a date) or of a CSV export. Nothing here throws, whatever the input.
import { cleanText, withoutFormatCharacters } from '../text';
import {
  formatVietnameseDate,
  parseIsoDate,
  parseSlashDate,
  vietnamDateOf,
  type DateLocale,
  type IsoDate,
} from '../time';

export type RawAnswer = string | readonly string[] | number | boolean | Date | null | undefined;

function isList(raw: RawAnswer): raw is readonly string[] {
  return Array.isArray(raw);
}

function rawString(raw: RawAnswer): string {
  if (raw === null || raw === undefined) return '';
  // Sheets joins the ticked boxes of one response with `, `; the Forms API gives them as a list.
  if (isList(raw)) return raw.map((item) => String(item ?? '')).join(', ');
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? '' : formatVietnameseDate(vietnamDateOf(raw));
  return String(raw);
}

/** An answer on one line: NFC, trimmed, whitespace collapsed. This is also what messages quote. */
export function answerText(raw: RawAnswer): string {
  return cleanText(rawString(raw));
}

/** A paragraph answer: NFC, no format characters, each line trimmed, line breaks kept. */
export function answerParagraph(raw: RawAnswer): string {
  return withoutFormatCharacters(rawString(raw).normalize('NFC'))
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The non-empty lines of a paragraph. */
export function nonEmptyLines(raw: RawAnswer): string[] {
  return answerParagraph(raw)
    .split('\n')
    .filter((line) => line !== '');
}

/** Characters as people count them (a Vietnamese letter or an emoji is one). */
export function characterCount(text: string): number {
  const surrogatePairs = text.match(/[\ud800-\udbff][\udc00-\udfff]/g);
  return text.length - (surrogatePairs ? surrogatePairs.length : 0);
}

export type NumberReading =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly reason: 'notNumber' | 'tooLarge' };

const PLAIN_DIGITS = /^\d+$/;
// Thousands grouped in threes by one and the same mark: `1.234`, `1,234,567`, `1 234`.
const GROUPED_DIGITS = /^\d{1,3}([., ])\d{3}(?:\1\d{3})*$/;

/** A whole number ≥ 0: digits, optionally grouped in threes by `.`, `,` or a space; or a whole number cell. */
export function parseWholeNumber(raw: RawAnswer): NumberReading {
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw) || raw < 0) return { ok: false, reason: 'notNumber' };
    return Number.isSafeInteger(raw) ? { ok: true, value: raw } : { ok: false, reason: 'tooLarge' };
  }
  const text = answerText(raw);
  if (!PLAIN_DIGITS.test(text) && !GROUPED_DIGITS.test(text)) return { ok: false, reason: 'notNumber' };
  const value = Number(text.replace(/[., ]/g, ''));
  return Number.isSafeInteger(value) ? { ok: true, value } : { ok: false, reason: 'tooLarge' };
}

// A minus sign is read so that `-5` gets the range message rather than "not a number".
const DECIMAL = /^(-?\d+)(?:[.,](\d+))?(?: ?%)?$/;

/** A decimal number with `,` or `.` as the decimal mark (a trailing `%` is allowed); or a number cell. */
export function parseDecimal(raw: RawAnswer): NumberReading {
  if (typeof raw === 'number')
    return Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false, reason: 'notNumber' };
  const match = DECIMAL.exec(answerText(raw));
  if (!match) return { ok: false, reason: 'notNumber' };
  const value = Number(`${match[1]}.${match[2] ?? '0'}`);
  return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER
    ? { ok: true, value }
    : { ok: false, reason: 'tooLarge' };
}

/**
 * `30/03/2023` (also `30/3/2023`) in a Vietnamese sheet or export, `3/30/2023` in an English one
 * (the locale of the table the answer came from decides: the same text is another day in the
 * other), `2023-03-30` from the Forms API and Apps Script in both, or a date cell; null otherwise.
 */
export function parseDateAnswer(raw: RawAnswer, locale: DateLocale = 'vi'): IsoDate | null {
  // A date cell may hold any instant (year 0, year 20000): keep only real calendar days.
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : parseIsoDate(vietnamDateOf(raw));
  if (typeof raw !== 'string' && !isList(raw)) return null;
  const text = answerText(raw);
  return parseSlashDate(text, locale) ?? parseIsoDate(text);
}

const PHONE_SEPARATORS = /[\s.\-\u2010-\u2015]/g;
const PHONE = /^(?:0|\+84)\d{9,10}$/;

/**
 * A phone number without its spaces, dots and dashes: `0` and 9–10 digits, or `+84` and 9–10
 * digits; null otherwise.
 */
export function parsePhone(raw: RawAnswer): string | null {
  // A response sheet turns `0901234567` into the number 901234567: its leading zero is the only
  // thing a number cell can have lost, since a cell cannot hold `+84`.
  const text = typeof raw === 'number' && Number.isSafeInteger(raw) && raw > 0 ? `0${raw}` : answerText(raw);
  const compact = text.replace(PHONE_SEPARATORS, '');
  return PHONE.test(compact) ? compact : null;
}

// Apps Script has no `URL`: a scheme, a host with at least one dot, an optional port, then anything
// without spaces.
const HTTP_LINK = /^https?:\/\/[^\s/?#.:@]+(?:\.[^\s/?#.:@]+)+(?::\d{1,5})?(?:[/?#]\S*)?$/i;

export function isHttpLink(text: string): boolean {
  return HTTP_LINK.test(text);
}

/** A confirmation code as compared: no spaces, upper case. Used for the identity check too. */
export function confirmationCodeKey(text: string): string {
  return withoutFormatCharacters(text.normalize('NFC')).replace(/\s+/g, '').toUpperCase();
}

const QUOTES: Record<string, string> = {
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2018': "'",
  '\u2019': "'",
};

/**
 * Text compared with the choice labels: quotes made alike, case ignored. It keeps the length of
 * its input, character for character, so a position in it is a position in the original text.
 */
const QUOTE_PATTERN = /[\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019]/g;

function comparableText(text: string): string {
  // Lowering the whole string is what lowering each character gives whenever it keeps the length,
  // except for Greek's final sigma; that fast path matters, the checkbox answers are long.
  const lower = text.toLowerCase();
  if (lower.length === text.length && !text.includes('Σ')) {
    return lower.replace(QUOTE_PATTERN, (quote) => QUOTES[quote] ?? quote);
  }
  let result = '';
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charAt(index);
    const quote = QUOTES[unit];
    if (quote !== undefined) {
      result += quote;
    } else {
      const lower = unit.toLowerCase();
      result += lower.length === 1 ? lower : unit;
    }
  }
  return result;
}

interface ChoiceTarget {
  readonly label: string;
  readonly key: string;
}

// A question's labels are one array for the life of the spec: their keys are worked out once.
const targetsByLabels = new WeakMap<readonly string[], readonly ChoiceTarget[]>();

function choiceTargets(labels: readonly string[]): readonly ChoiceTarget[] {
  let targets = targetsByLabels.get(labels);
  if (!targets) {
    targets = labels
      .map((label) => ({ label, key: comparableText(cleanText(label)) }))
      .sort((a, b) => b.key.length - a.key.length);
    targetsByLabels.set(labels, targets);
  }
  return targets;
}

export interface ChoiceSplit {
  /** The labels found, as the spec writes them, in the order of the spec, each once. */
  readonly chosen: string[];
  /** Text between or around the labels that is no label, as typed. */
  readonly unknown: string[];
}

/**
 * The ticked boxes of a checkbox answer. Sheets joins them with `, ` and labels may themselves
 * contain commas, so the answer is split by the known labels (longest first), not by commas: a
 * label counts where it starts the answer or follows a comma, and ends it or is followed by one.
 */
export function splitChoices(raw: RawAnswer, labels: readonly string[]): ChoiceSplit {
  const targets = choiceTargets(labels);
  const found = new Set<string>();
  const unknown: string[] = [];
  const items = isList(raw) ? raw.map((item) => answerText(String(item ?? ''))) : [answerText(raw)];
  for (const item of items) {
    const key = comparableText(item);
    let leftoverStart = -1;
    const flushLeftover = (end: number) => {
      if (leftoverStart < 0) return;
      const leftover = item.slice(leftoverStart, end).replace(/[\s,]+$/, '');
      if (leftover !== '') unknown.push(leftover);
      leftoverStart = -1;
    };
    let position = 0;
    while (position < key.length) {
      const startsItem =
        position === 0 ||
        key.charAt(position - 1) === ',' ||
        (key.charAt(position - 1) === ' ' && key.charAt(position - 2) === ',');
      const match = startsItem
        ? targets.find((target) => {
            const end = position + target.key.length;
            return (
              target.key !== '' &&
              key.startsWith(target.key, position) &&
              (end === key.length || key.charAt(end) === ',')
            );
          })
        : undefined;
      if (match) {
        flushLeftover(position);
        found.add(match.label);
        position += match.key.length;
        while (position < key.length && (key.charAt(position) === ',' || key.charAt(position) === ' '))
          position += 1;
      } else {
        if (leftoverStart < 0 && key.charAt(position) !== ',' && key.charAt(position) !== ' ')
          leftoverStart = position;
        position += 1;
      }
    }
    flushLeftover(key.length);
  }
  return { chosen: labels.filter((label) => found.has(label)), unknown };
}
