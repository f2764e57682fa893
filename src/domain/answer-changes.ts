// What changed between two versions of a unit's submission: question by question, the answer of
// the version before and of this one (figures and texts), long texts shortened, so the department
// sees at a glance what a new version corrects (in `Bài nộp`, the receipt and the returned mail).
import type { FormSpec } from './forms/spec';

export interface AnswerChange {
  readonly title: string;
  readonly before: string;
  readonly after: string;
}

/** A shown answer longer than this is cut, with «…». */
export const CHANGE_TEXT_CHARACTERS = 80;
/** The most characters the `Thay đổi so với lần trước` cell holds (a cell holds 50,000 at most). */
export const CHANGES_CELL_CHARACTERS = 2000;
/** Never shown: the confirmation code is the unit's secret. */
const HIDDEN_KEYS: ReadonlySet<string> = new Set(['code']);

const BLANK = '(trống)';

function shortened(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > CHANGE_TEXT_CHARACTERS
    ? `${chars.slice(0, CHANGE_TEXT_CHARACTERS - 1).join('')}…`
    : chars.join('');
}

/** An answer as a person reads it: 85,5 for a decimal, lines joined by «; ». */
export function shownAnswer(value: unknown): string {
  if (value === null || value === undefined || value === '') return BLANK;
  if (typeof value === 'number') return String(value).replace('.', ',');
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (Array.isArray(value)) return value.length === 0 ? BLANK : shortened(value.map(String).join('; '));
  return shortened(String(value)) || BLANK;
}

/** Questions whose answer differs between `before` and `after`, in the form's order. */
export function answerChanges(
  spec: FormSpec,
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): AnswerChange[] {
  const changes: AnswerChange[] = [];
  for (const question of spec.questions) {
    if (HIDDEN_KEYS.has(question.key)) continue;
    if (JSON.stringify(before[question.key] ?? null) === JSON.stringify(after[question.key] ?? null))
      continue;
    const shownBefore = shownAnswer(before[question.key]);
    const shownAfter = shownAnswer(after[question.key]);
    if (shownBefore !== shownAfter)
      changes.push({ title: question.title, before: shownBefore, after: shownAfter });
  }
  return changes;
}

/** One line per change: «Số buổi tuyên truyền, quán triệt: 4 → 5». */
export function describeAnswerChange(change: AnswerChange): string {
  return `${change.title}: ${change.before} → ${change.after}`;
}

/** The cell of `Bài nộp`: one change a line, within CHANGES_CELL_CHARACTERS; '' when nothing changed. */
export function answerChangesCell(changes: readonly AnswerChange[]): string {
  const lines: string[] = [];
  let length = 0;
  for (const [index, change] of changes.entries()) {
    const line = describeAnswerChange(change);
    const rest = changes.length - index;
    if (length + line.length + 1 > CHANGES_CELL_CHARACTERS - 40) {
      lines.push(`… và ${rest} thay đổi khác.`);
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n');
}

/** A stored `Nội dung hợp lệ`; null when blank or not an object (a cell someone edited by hand). */
export function parseAnswers(json: string): Record<string, unknown> | null {
  if (json.trim() === '') return null;
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The changes between two stored versions (`Nội dung hợp lệ` JSON); [] when either is unreadable. */
export function storedAnswerChanges(spec: FormSpec, beforeJson: string, afterJson: string): AnswerChange[] {
  const before = parseAnswers(beforeJson);
  const after = parseAnswers(afterJson);
  return before && after ? answerChanges(spec, before, after) : [];
}
