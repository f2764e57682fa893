// Whatever a school types (or a broken CSV holds), reading and validating a response gives data:
// either errors, or typed answers. It never throws.
import fc from 'fast-check';
import type { RawAnswer } from '../../../src/domain/forms/answers';
import { answersByItemTitle, answersByTitle } from '../../../src/domain/forms/response';
import { responseColumns } from '../../../src/domain/forms/response-columns';
import type { FormSpec, Question } from '../../../src/domain/forms/spec';
import { makeResponseValidator, type ResponseCheck } from '../../../src/domain/forms/validate';
import { GOOD_PLAN, GOOD_REPORT, PLAN_FORM, REPORT_FORM, formContext } from './form-fixture';

const LONG = 'Đ'.repeat(50_000);

const junkText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...'0123456789.,- /%+'.split('')), maxLength: 25 }),
  fc.constantFrom('', ' ', '\n', '\u0000', '\ud800', '=HYPERLINK("http://x")', '+84', '-3', '@SUM(A1)', LONG),
  fc.constantFrom(LONG.slice(0, 49_990) + ', x', '1,'.repeat(25_000), 'https://'.repeat(6_000)),
  fc
    .tuple(fc.constantFrom('=', '+', '-', '@'), fc.string({ maxLength: 20 }))
    .map(([start, rest]) => start + rest),
  fc.string({ unit: 'grapheme', maxLength: 30 }).map((text) => text.normalize('NFD')),
);

const junkAnswer: fc.Arbitrary<RawAnswer> = fc.oneof(
  { weight: 6, arbitrary: junkText },
  { weight: 1, arbitrary: fc.array(junkText, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-0, 2 ** 60, Number.NaN)) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: false }) },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, true, false) },
);

/**
 * For each question, its good answer (sometimes in NFD) or junk: in most responses junk is rare,
 * so that many are accepted; in the others every other answer is junk.
 */
function answersFor(spec: FormSpec, good: Readonly<Record<string, RawAnswer>>) {
  return fc.constantFrom(24, 1).chain((goodWeight) => {
    const byKey: Record<string, fc.Arbitrary<RawAnswer>> = {};
    for (const question of spec.questions) {
      const goodAnswer = good[question.key];
      const variants: fc.Arbitrary<RawAnswer>[] = [fc.constant(goodAnswer)];
      if (typeof goodAnswer === 'string') variants.push(fc.constant(goodAnswer.normalize('NFD')));
      byKey[question.key] = fc.oneof(
        { weight: goodWeight, arbitrary: fc.oneof(...variants) },
        { weight: 1, arbitrary: junkAnswer },
      );
    }
    return fc.record(byKey);
  });
}

function expectWellFormed(spec: FormSpec, result: ResponseCheck<Record<string, unknown>>): void {
  if (result.ok) {
    expect(result.errors).toEqual([]);
    for (const question of spec.questions) expectTyped(question, result.answers[question.key]);
  } else {
    expect(result.answers).toBeNull();
    expect(result.errors.length).toBeGreaterThan(0);
  }
  for (const problem of [...result.errors, ...result.warnings]) {
    expect(problem.message.startsWith(`Câu «${problem.questionTitle}»: `)).toBe(true);
    expect(problem.message).not.toMatch(/[\n\r]/);
    expect(Array.from(problem.typed).length).toBeLessThanOrEqual(100);
  }
}

function expectTyped(question: Question, value: unknown): void {
  if (question.type === 'checkboxes' || question.format === 'lines') {
    expect(Array.isArray(value)).toBe(true);
  } else if (question.type === 'wholeNumber') {
    expect(Number.isSafeInteger(value)).toBe(true);
  } else if (question.type === 'decimal') {
    expect(typeof value).toBe('number');
    expect(value as number).toBeGreaterThanOrEqual(question.min ?? -Infinity);
    expect(value as number).toBeLessThanOrEqual(question.max ?? Infinity);
  } else if (question.type === 'date') {
    if (value !== null || question.required) expect(value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  } else if (question.choicesFrom) {
    expect(value).toHaveProperty('id' in (value as object) ? 'id' : 'code');
  } else {
    expect(typeof value).toBe('string');
  }
}

describe.each([
  ['plan', PLAN_FORM, GOOD_PLAN],
  ['report', REPORT_FORM, GOOD_REPORT],
] as const)('the %s form, on any input', (kind, spec, good) => {
  const validate = makeResponseValidator(spec as FormSpec, formContext(kind));

  it('gives either errors or typed answers, and never throws', () => {
    const outcomes = { accepted: 0, rejected: 0 };
    fc.assert(
      fc.property(answersFor(spec, good), (answers) => {
        const result = validate({ answers, missingColumns: [] });
        expectWellFormed(spec, result as ResponseCheck<Record<string, unknown>>);
        outcomes[result.ok ? 'accepted' : 'rejected'] += 1;
      }),
      { numRuns: 1000 },
    );
    // Both ways out are exercised, not only the rejection.
    expect(outcomes.accepted).toBeGreaterThan(20);
    expect(outcomes.rejected).toBeGreaterThan(20);
  });

  it('reads any header row and any row without throwing', () => {
    const headers = fc.oneof(
      fc.constant(responseColumns(spec)),
      fc.array(fc.oneof(junkText, fc.constantFrom(...responseColumns(spec))), { maxLength: 30 }),
    );
    fc.assert(
      fc.property(headers, fc.array(junkAnswer, { maxLength: 30 }), (headerRow, row) => {
        const result = validate(answersByTitle(spec, headerRow, row));
        expectWellFormed(spec, result as ResponseCheck<Record<string, unknown>>);
      }),
      { numRuns: 200 },
    );
  });

  it('reads any map of item titles without throwing', () => {
    const titles = fc.oneof(junkText, fc.constantFrom(...spec.questions.map((question) => question.title)));
    fc.assert(
      fc.property(fc.array(fc.tuple(titles, junkAnswer), { maxLength: 20 }), (entries) => {
        const result = validate(answersByItemTitle(spec, new Map(entries)));
        expectWellFormed(spec, result as ResponseCheck<Record<string, unknown>>);
      }),
      { numRuns: 200 },
    );
  });
});
