// Widths of a table's columns from what they hold, so that no word of a header, no unit code and no
// number is broken inside its cell ("Tr|ễ hạ|n", "THC|S045", STT "1|0"). Each column gets at least
// its longest unbreakable piece: the longest word of its header (bold) and, for a column of codes
// and numbers, its longest value whole; a column of running text (names, notes) wraps between
// words, so its longest word is its floor. What is left of the page goes to the running-text
// columns in proportion to their longest text. Widths are measured with Times New Roman's advance
// widths (Liberation Serif has the same metrics), in twentieths of a point (twips), as Word uses.

/** Advance widths of Times New Roman in thousandths of an em, by character class. */
function advanceOf(character: string): number {
  if (character === ' ') return 250;
  if (/\d/.test(character)) return 500;
  if (character === '%') return 833;
  if (/[.,:;]/.test(character)) return 250;
  if (/[-–/()]/.test(character)) return 333;
  const base = character.normalize('NFD').charAt(0);
  if (/[MW]/.test(base)) return 944;
  if (/[A-Z]/.test(base)) return 722;
  if (/[mw]/.test(base)) return 778;
  if (/[ijlft]/.test(base)) return 278;
  if (/[a-z]/.test(base)) return 500;
  if (/\p{Lu}/u.test(character)) return 722;
  return 556;
}

/** The width of a text at `sizePt`, in twips; bold is about 5 % wider in Times New Roman. */
export function textWidthTwip(text: string, sizePt: number, bold = false): number {
  const thousandths = [...text.normalize('NFC')].reduce((sum, character) => sum + advanceOf(character), 0);
  return Math.ceil(((thousandths * sizePt * 20) / 1000) * (bold ? 1.1 : 1));
}

/** A value that must stay on one line: a number, a rate, a code (`THCS045`, `1.905`, `75%`). */
export function isUnbreakable(value: string): boolean {
  return /^[\p{Lu}\d][\p{Lu}\d.,%/-]*$/u.test(value.trim()) && /[\p{Lu}\d]/u.test(value);
}

export interface ColumnWidthInput {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** The width of the table, in twips. */
  readonly totalTwip: number;
  readonly sizePt: number;
  /** Left plus right padding of a cell, in twips (Word: 108 each side). */
  readonly cellPaddingTwip: number;
}

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/**
 * Each column's width in twips, summing to `totalTwip` (the last column takes the rounding). When
 * even the floors do not fit, they are shrunk in proportion: the table still fills the page.
 */
export function columnWidthsTwip(input: ColumnWidthInput): number[] {
  const { columns, rows, sizePt, cellPaddingTwip, totalTwip } = input;
  const cellsOf = (column: number) => rows.map((row) => row[column] ?? '').filter((cell) => cell !== '');
  const floors = columns.map((title, column) => {
    const headerWord = Math.max(0, ...words(title).map((word) => textWidthTwip(word, sizePt, true)));
    const cellPiece = Math.max(
      0,
      ...cellsOf(column).map((cell) =>
        isUnbreakable(cell)
          ? textWidthTwip(cell.trim(), sizePt)
          : Math.max(0, ...words(cell).map((word) => textWidthTwip(word, sizePt))),
      ),
    );
    // A little room over the measure: rounding in the renderer must not push a word over.
    return Math.ceil(Math.max(headerWord, cellPiece) * 1.1) + cellPaddingTwip;
  });
  const floorSum = floors.reduce((sum, width) => sum + width, 0);
  let widths: number[];
  if (floorSum >= totalTwip) {
    widths = floors.map((width) => Math.floor((width * totalTwip) / floorSum));
  } else {
    // Running-text columns (any cell not a code or a number) share what is left, by their longest text.
    const wants = columns.map((_, column) => {
      const cells = cellsOf(column);
      if (cells.length === 0 || cells.every(isUnbreakable)) return 0;
      return Math.max(...cells.map((cell) => textWidthTwip(cell, sizePt)));
    });
    const wantSum = wants.reduce((sum, want) => sum + want, 0);
    const spare = totalTwip - floorSum;
    // A fifth of what is left widens every column a little (room for a renderer's rounding), the
    // rest goes to the running-text columns, which then wrap less; all of it when there is none.
    const forText = wantSum === 0 ? 0 : Math.floor((spare * 4) / 5);
    const forAll = spare - forText;
    widths = floors.map(
      (floor, column) =>
        floor +
        Math.floor((forAll * floor) / floorSum) +
        (wantSum === 0 ? 0 : Math.floor((forText * (wants[column] ?? 0)) / wantSum)),
    );
  }
  const used = widths.slice(0, -1).reduce((sum, width) => sum + width, 0);
  if (widths.length > 0) widths[widths.length - 1] = totalTwip - used;
  return widths;
}
