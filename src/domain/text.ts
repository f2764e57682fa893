// Vietnamese text: what people type arrives in NFC or NFD, with or without accents, in any case.
//
// Reading a sheet asks for the same few keys over and over (a header title for every cell of its
// column, a label for every row, a unit name in every comparison of a sort), so the keys are
// remembered. That is memoisation of pure functions: the answers are the same as without it.

const REMEMBERED_LENGTH = 200;

/**
 * `compute` remembered for up to `limit` distinct short texts (then forgotten all at once): memory
 * stays bounded however much text a job reads. Long texts (answers, notes) are computed each time.
 */
function remembered<T>(compute: (text: string) => T, limit = 20000): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    if (text.length > REMEMBERED_LENGTH) return compute(text);
    const found = known.get(text);
    if (found !== undefined) return found;
    const value = compute(text);
    if (known.size >= limit) known.clear();
    known.set(text, value);
    return value;
  };
}

// Printable ASCII words separated by single spaces: already clean (NFC changes no ASCII text).
const CLEAN_ASCII = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

/**
 * NFC, trimmed, inner whitespace collapsed to one space. Remembered too: the answers of a campaign
 * repeat (unit choices, period names, "Hiệu trưởng", "Có"), and a rebuild cleans every one of them.
 */
export const cleanText: (text: string) => string = remembered((text) => {
  if (CLEAN_ASCII.test(text)) return text;
  return withoutFormatCharacters(text.normalize('NFC')).replace(/\s+/g, ' ').trim();
});

// Unicode format characters (category Cf): bidirectional overrides and isolates (U+202A–202E,
// U+2066–2069), zero-width spaces and joiners, the BOM, soft hyphens. Invisible, they can make a
// mail subject or a dashboard row read backwards or two names look alike.
const FORMAT_CHARACTERS = /\p{Cf}/gu;

/** `text` without its invisible format characters. */
export function withoutFormatCharacters(text: string): string {
  return text.replace(FORMAT_CHARACTERS, '');
}

/** Whether `text` holds a format character that cleaning removes. */
export function hasFormatCharacters(text: string): boolean {
  return /\p{Cf}/u.test(text);
}

/**
 * An address whose letters come from more than one script (a Cyrillic «а» in a Latin address):
 * the one a look-alike of a registered address would have.
 */
export function isMixedScript(text: string): boolean {
  const scripts = new Set<string>();
  for (const char of text) {
    if (/\p{Script=Latin}/u.test(char)) scripts.add('Latin');
    else if (/\p{Script=Cyrillic}/u.test(char)) scripts.add('Cyrillic');
    else if (/\p{Script=Greek}/u.test(char)) scripts.add('Greek');
    else if (/\p{L}/u.test(char)) scripts.add('other');
  }
  return scripts.size > 1;
}

/**
 * A key to compare names and codes as people mean them: accents dropped (đ→d), case and spacing
 * ignored, curly quotes as straight ones.
 */
export const foldForMatch: (text: string) => string = remembered((text) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[\u201c\u201d\u201e\u00ab\u00bb]/g, '"')
    .replace(/[\u2018\u2019]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim(),
);

/** The key whose label a person typed, read as foldForMatch reads it; undefined when none matches. */
export function labelKey<K extends string>(labels: Readonly<Record<K, string>>, text: string): K | undefined {
  const folded = foldForMatch(text);
  return (Object.keys(labels) as K[]).find((key) => foldForMatch(labels[key]) === folded);
}

/** Question titles and headers match after NFC, quotes made alike, whitespace collapsed, case ignored. */
export const titleKey: (text: string) => string = remembered((text) =>
  cleanText(text)
    .replace(/[\u201c\u201d\u201e\u00ab\u00bb]/g, '"')
    .replace(/[\u2018\u2019]/g, "'")
    .toLowerCase(),
);

// Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, then
// by tone: none, huyền, hỏi, ngã, sắc, nặng. Done here rather than with Intl.Collator('vi')
// because Apps Script's V8 does not promise the same ICU data as Node, and the sheet order must
// be the same in every shell.
const LETTER_ORDER = 'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz';
const TONE_MARKS: Record<string, number> = {
  '\u0300': 1,
  '\u0309': 2,
  '\u0303': 3,
  '\u0301': 4,
  '\u0323': 5,
};

interface CollationKey {
  letters: number[];
  tones: number[];
  original: string;
}

const collationKey = remembered((text: string): CollationKey => {
  const letters: number[] = [];
  const tones: number[] = [];
  for (const char of cleanText(text).toLowerCase()) {
    const decomposed = char.normalize('NFD');
    let tone = 0;
    let base = '';
    for (const part of decomposed) {
      if (part in TONE_MARKS) tone = TONE_MARKS[part] as number;
      else base += part;
    }
    const letter = base.normalize('NFC');
    const index = LETTER_ORDER.indexOf(letter);
    // Letters outside the alphabet (digits, punctuation, other scripts) sort before it by code point.
    letters.push(index >= 0 ? 0x110000 + index : (letter.codePointAt(0) ?? 0));
    tones.push(tone);
  }
  return { letters, tones, original: text };
});

function compareNumberLists(a: readonly number[], b: readonly number[]): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const difference = (a[index] as number) - (b[index] as number);
    if (difference !== 0) return difference < 0 ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Compares two names in Vietnamese dictionary order (`D` < `Đ`, `U` < `Ư`, tones after letters). */
export function compareVietnamese(a: string, b: string): number {
  const keyA = collationKey(a);
  const keyB = collationKey(b);
  return (
    compareNumberLists(keyA.letters, keyB.letters) ||
    compareNumberLists(keyA.tones, keyB.tones) ||
    (keyA.original < keyB.original ? -1 : keyA.original > keyB.original ? 1 : 0)
  );
}
