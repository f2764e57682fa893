// Validation of a response against its form spec. Problems are data: errors block acceptance,
// warnings are recorded beside an accepted response. Nothing here throws, whatever was typed.
//
// zod carries the rules in three passes: each answer is read from raw to typed by its own schema
// (so the answers that did read are known even when others failed: the unit and the period of a
// rejected response still matter), then the rules across questions run on what was read, then the
// warnings, whose failures do not block.
import * as z from 'zod/mini';
import type { Period } from '../campaign';
import { foldForMatch } from '../text';
import { vietnamDateOf, type DateLocale, type IsoDate } from '../time';
import type { UnitRegistry } from '../units';
import {
  answerParagraph,
  answerText,
  characterCount,
  confirmationCodeKey,
  isHttpLink,
  nonEmptyLines,
  parseDateAnswer,
  parseDecimal,
  parsePhone,
  parseWholeNumber,
  splitChoices,
  type RawAnswer,
} from './answers';
import { FORM_MESSAGE, quoteTyped } from './messages';
import type { RawResponse } from './response';
import type { AnswersOf, FormSpec, Question } from './spec';

export interface FormContext {
  readonly units: UnitRegistry;
  /** The configured periods; those of form `Báo cáo` are the choices of `Kỳ báo cáo`. */
  readonly reportPeriods?: readonly Period[];
  readonly campaignYear: number;
  /** When the response was submitted: dates are judged on its Vietnamese calendar day. */
  readonly submittedAt: Date;
  /** How the response's table writes a day; set per response from RawResponse.dateLocale. */
  readonly dateLocale?: DateLocale;
}

export interface FormProblem {
  readonly questionKey: string;
  readonly questionTitle: string;
  /** What was typed, as the message quotes it ('' when nothing was). */
  readonly typed: string;
  readonly message: string;
}

export type ResponseCheck<Answers> =
  | {
      readonly ok: true;
      readonly answers: Answers;
      readonly parsed: Partial<Answers>;
      readonly errors: readonly FormProblem[];
      readonly warnings: readonly FormProblem[];
    }
  | {
      readonly ok: false;
      readonly answers: null;
      /** The answers that did read, e.g. the unit and the period, to tell the school what to fix. */
      readonly parsed: Partial<Answers>;
      readonly errors: readonly FormProblem[];
      readonly warnings: readonly FormProblem[];
    };

interface ProblemParams {
  readonly questionKey: string;
  readonly typed: string;
}

/** What the answers read to: typed values, and the text typed for each, to quote. */
interface ReadAnswers {
  readonly values: ReadonlyMap<string, unknown>;
  readonly typed: ReadonlyMap<string, string>;
}

function reportPeriodsOf(context: FormContext): readonly Period[] {
  return (context.reportPeriods ?? []).filter((period) => period.form === 'report');
}

function blankValue(question: Question): unknown {
  if (question.type === 'checkboxes' || question.format === 'lines') return [];
  if (question.choices || question.choicesFrom) return null;
  if (question.type === 'shortText' || question.type === 'paragraph') return '';
  return null;
}

function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/** A raw answer, and the text it reads as (computed once: an answer may be 50,000 characters). */
interface AnswerInput {
  readonly raw: RawAnswer;
  readonly typed: string;
}

const UNREAD = { unread: true } as const;
type Reading = { readonly value: unknown } | typeof UNREAD;

/** Reads one answer; every problem goes to `report`, and then the answer is UNREAD. */
function readAnswer(
  question: Question,
  { raw, typed }: AnswerInput,
  context: FormContext,
  report: (message: string) => void,
): Reading {
  const { title } = question;
  let problems = 0;
  const problem = (message: string): typeof UNREAD => {
    problems += 1;
    report(message);
    return UNREAD;
  };

  if (question.type === 'checkboxes') {
    const choices = question.choices ?? [];
    const { chosen, unknown } = splitChoices(raw, choices);
    if (chosen.length === 0 && unknown.length === 0) {
      return question.required ? problem(FORM_MESSAGE.required(title)) : { value: [] };
    }
    for (const leftover of unknown) problem(FORM_MESSAGE.unknownCheckbox(title, leftover));
    const missing = choices.filter((choice) => !chosen.includes(choice));
    if (question.requireAllChoices && missing.length > 0) {
      problem(FORM_MESSAGE.missingChoices(title, choices.length, missing));
    }
    return problems > 0 ? UNREAD : { value: chosen };
  }

  if (typed === '') {
    return question.required ? problem(FORM_MESSAGE.required(title)) : { value: blankValue(question) };
  }

  if (question.choicesFrom === 'units') {
    const unit = context.units.findByAnswer(typed);
    if (!unit) return problem(FORM_MESSAGE.unknownUnit(title, typed));
    if (!unit.isActive) return problem(FORM_MESSAGE.inactiveUnit(title, typed));
    return { value: unit };
  }
  if (question.choicesFrom === 'reportPeriods') {
    const periods = reportPeriodsOf(context);
    const folded = foldForMatch(typed);
    const period = periods.find(
      (candidate) => foldForMatch(candidate.name) === folded || foldForMatch(candidate.id) === folded,
    );
    if (!period)
      return problem(
        FORM_MESSAGE.unknownPeriod(
          title,
          typed,
          periods.map((candidate) => candidate.name),
        ),
      );
    return { value: period };
  }
  if (question.choices) {
    const folded = foldForMatch(typed);
    const choice = question.choices.find((candidate) => foldForMatch(candidate) === folded);
    return choice === undefined
      ? problem(FORM_MESSAGE.notAChoice(title, typed, question.choices))
      : { value: choice };
  }

  switch (question.type) {
    case 'wholeNumber': {
      const reading = parseWholeNumber(raw);
      if (reading.ok) return { value: reading.value };
      return problem(
        reading.reason === 'tooLarge'
          ? FORM_MESSAGE.tooLarge(title, typed)
          : FORM_MESSAGE.notWholeNumber(title, typed),
      );
    }
    case 'decimal': {
      const reading = parseDecimal(raw);
      if (!reading.ok) {
        return problem(
          reading.reason === 'tooLarge'
            ? FORM_MESSAGE.tooLarge(title, typed)
            : FORM_MESSAGE.notNumber(title, typed),
        );
      }
      const { min, max } = question;
      const belowMin = min !== undefined && reading.value < min;
      const aboveMax = max !== undefined && reading.value > max;
      if (min !== undefined && max !== undefined && (belowMin || aboveMax)) {
        return problem(FORM_MESSAGE.outOfRange(title, typed, min, max));
      }
      if (min !== undefined && belowMin) return problem(FORM_MESSAGE.belowMin(title, typed, min));
      if (max !== undefined && aboveMax) return problem(FORM_MESSAGE.aboveMax(title, typed, max));
      return { value: reading.value };
    }
    case 'date': {
      const locale = context.dateLocale ?? 'vi';
      const date = parseDateAnswer(raw, locale);
      if (!date) return problem(FORM_MESSAGE.notDate(title, typed, locale));
      const submittedTime = context.submittedAt instanceof Date ? context.submittedAt.getTime() : Number.NaN;
      if (question.notAfterSubmissionDay && !Number.isNaN(submittedTime)) {
        const submittedOn = vietnamDateOf(context.submittedAt);
        if (date > submittedOn) return problem(FORM_MESSAGE.dateAfterSubmission(title, typed, submittedOn));
      }
      return { value: date };
    }
    default:
      break;
  }

  switch (question.format) {
    case 'phone': {
      const phone = parsePhone(raw);
      return phone === null ? problem(FORM_MESSAGE.notPhone(title, typed)) : { value: phone };
    }
    case 'httpLink':
      return isHttpLink(typed) ? { value: typed } : problem(FORM_MESSAGE.notHttpLink(title, typed));
    case 'confirmationCode':
      return { value: confirmationCodeKey(typed) };
    case 'lines':
      return { value: nonEmptyLines(raw) };
    default:
      break;
  }

  const count = characterCount(typed);
  const { minLength, maxLength } = question;
  const tooShort = minLength !== undefined && count < minLength;
  const tooLong = maxLength !== undefined && count > maxLength;
  if (minLength !== undefined && maxLength !== undefined && (tooShort || tooLong)) {
    return problem(FORM_MESSAGE.lengthOutOfRange(title, typed, minLength, maxLength, count));
  }
  if (minLength !== undefined && tooShort)
    return problem(FORM_MESSAGE.tooShort(title, typed, minLength, count));
  if (maxLength !== undefined && tooLong)
    return problem(FORM_MESSAGE.tooLong(title, typed, maxLength, count));
  return { value: question.type === 'paragraph' ? answerParagraph(raw) : typed };
}

/** The answers of one response to read, and where each one that reads is put (kept when others fail). */
interface QuestionInput extends AnswerInput {
  readonly question: Question;
}

interface ResponseInput {
  readonly answers: readonly QuestionInput[];
  readonly values: Map<string, unknown>;
}

/** Reads every answer of a response in one pass: one parse per response, not one per answer. */
function answersSchema(context: FormContext) {
  return z.custom<ResponseInput>().check(
    z.superRefine((response: ResponseInput, refinement) => {
      // One reporter for the whole response (a rebuild reads hundreds of thousands of answers).
      let current: QuestionInput | undefined;
      const report = (message: string) => {
        if (!current) return;
        const params: ProblemParams = { questionKey: current.question.key, typed: quoteTyped(current.typed) };
        refinement.addIssue({ code: 'custom', message, input: current.raw, params });
      };
      for (const answer of response.answers) {
        current = answer;
        const reading = readAnswer(answer.question, answer, context, report);
        if ('value' in reading) response.values.set(answer.question.key, reading.value);
      }
    }),
  );
}

type AddIssue = (issue: { code: 'custom'; message: string; input: unknown; params: ProblemParams }) => void;

function issueOn(read: ReadAnswers, question: Question, message: string, addIssue: AddIssue): void {
  const typed = quoteTyped(read.typed.get(question.key) ?? '');
  addIssue({
    code: 'custom',
    message,
    input: read.values.get(question.key),
    params: { questionKey: question.key, typed },
  });
}

/** Rules between questions, on the answers that did read; a rule whose answers did not read waits. */
function crossQuestionSchema(spec: FormSpec) {
  const byKey = new Map(spec.questions.map((question) => [question.key, question]));
  return z.custom<ReadAnswers>().check(
    z.superRefine((read: ReadAnswers, context) => {
      const addIssue: AddIssue = (issue) => context.addIssue(issue);
      for (const question of spec.questions) {
        const value = read.values.get(question.key);
        if (question.notBefore !== undefined) {
          const other = byKey.get(question.notBefore);
          const otherValue = read.values.get(question.notBefore);
          if (other && isIsoDate(value) && isIsoDate(otherValue) && value < otherValue) {
            const typed = read.typed.get(question.key) ?? '';
            issueOn(
              read,
              question,
              FORM_MESSAGE.dateBefore(question.title, typed, other.title, otherValue),
              addIssue,
            );
          }
        }
        if (question.atMost !== undefined) {
          const other = byKey.get(question.atMost);
          const otherValue = read.values.get(question.atMost);
          if (other && typeof value === 'number' && typeof otherValue === 'number' && value > otherValue) {
            const typed = read.typed.get(question.key) ?? '';
            issueOn(
              read,
              question,
              FORM_MESSAGE.moreThan(question.title, typed, other.title, otherValue),
              addIssue,
            );
          }
        }
        if (question.lineCountEquals !== undefined) {
          const other = byKey.get(question.lineCountEquals);
          const count = read.values.get(question.lineCountEquals);
          if (other && Array.isArray(value) && typeof count === 'number') {
            if (value.length === 0 && count > 0) {
              issueOn(
                read,
                question,
                FORM_MESSAGE.linesRequired(question.title, other.title, count),
                addIssue,
              );
            } else if (value.length !== count) {
              const message = FORM_MESSAGE.lineCountMismatch(
                question.title,
                value.length,
                other.title,
                count,
              );
              issueOn(read, question, message, addIssue);
            }
          }
        }
      }
    }),
  );
}

/** What deserves a second look but does not block: its issues become warnings. */
function warningSchema(spec: FormSpec, context: FormContext) {
  return z.custom<ReadAnswers>().check(
    z.superRefine((read: ReadAnswers, refinement) => {
      const addIssue: AddIssue = (issue) => refinement.addIssue(issue);
      for (const question of spec.questions) {
        const value = read.values.get(question.key);
        const typed = read.typed.get(question.key) ?? '';
        const shape = question.expectedShape;
        if (shape && typeof value === 'string' && value !== '' && !shape.pattern.test(foldForMatch(value))) {
          issueOn(
            read,
            question,
            FORM_MESSAGE.unexpectedShape(question.title, typed, shape.example),
            addIssue,
          );
        }
        if (
          question.warnOutsideCampaignYear &&
          isIsoDate(value) &&
          Number(value.slice(0, 4)) !== context.campaignYear
        ) {
          issueOn(
            read,
            question,
            FORM_MESSAGE.dateOutsideYear(question.title, typed, context.campaignYear),
            addIssue,
          );
        }
      }
    }),
  );
}

function problemsOf(spec: FormSpec, issues: readonly z.core.$ZodIssue[]): FormProblem[] {
  return issues.map((issue) => {
    const params = (issue as { params?: Partial<ProblemParams> }).params ?? {};
    const questionKey = params.questionKey ?? '';
    const question = spec.questions.find((candidate) => candidate.key === questionKey);
    return {
      questionKey,
      questionTitle: question?.title ?? '',
      typed: params.typed ?? '',
      message: issue.message,
    };
  });
}

function hasOwn(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

/**
 * A validator for many responses in the same context (the schemas are built once). It reads every
 * answer, applies every rule of the spec and returns all problems, errors in the order of the form.
 */
export function makeResponseValidator<Spec extends FormSpec>(
  spec: Spec,
  formContext: FormContext,
): (response: RawResponse, submittedAt?: Date) => ResponseCheck<AnswersOf<Spec>> {
  // Building the schemas costs far more than running them; only the moment of submission changes
  // between the responses of one job, so the schemas read it from here at parse time.
  const context: { -readonly [Key in keyof FormContext]: FormContext[Key] } = { ...formContext };
  const readAnswers = answersSchema(context);
  const rulesAcross = crossQuestionSchema(spec);
  const notes = warningSchema(spec, context);
  const order = new Map(spec.questions.map((question, index) => [question.key, index]));

  return (response, submittedAt = formContext.submittedAt) => {
    context.submittedAt = submittedAt;
    context.dateLocale = response.dateLocale ?? 'vi';
    const errors: FormProblem[] = [];
    const values = new Map<string, unknown>();
    const typed = new Map<string, string>();
    const missingColumns = response.missingColumns.length > 0 ? new Set(response.missingColumns) : null;
    const answers: QuestionInput[] = [];
    for (const question of spec.questions) {
      if (missingColumns?.has(question.key)) {
        if (question.required) {
          errors.push({
            questionKey: question.key,
            questionTitle: question.title,
            typed: '',
            message: FORM_MESSAGE.missingColumn(question.title),
          });
        } else {
          values.set(question.key, blankValue(question));
          typed.set(question.key, '');
        }
        continue;
      }
      const raw = hasOwn(response.answers, question.key) ? response.answers[question.key] : undefined;
      const text = answerText(raw);
      typed.set(question.key, text);
      answers.push({ question, raw, typed: text });
    }
    const reading = readAnswers.safeParse({ answers, values });
    if (!reading.success) errors.push(...problemsOf(spec, reading.error.issues));
    const read: ReadAnswers = { values, typed };
    const across = rulesAcross.safeParse(read);
    if (!across.success) errors.push(...problemsOf(spec, across.error.issues));
    const noted = notes.safeParse(read);
    const warnings = noted.success ? [] : problemsOf(spec, noted.error.issues);

    const position = (problem: FormProblem) => order.get(problem.questionKey) ?? Number.MAX_SAFE_INTEGER;
    const sortedErrors =
      errors.length < 2
        ? errors
        : errors
            .map((problem, index) => ({ problem, index }))
            .sort((a, b) => position(a.problem) - position(b.problem) || a.index - b.index)
            .map((entry) => entry.problem);

    const parsed = Object.fromEntries(values) as Partial<AnswersOf<Spec>>;
    return sortedErrors.length === 0
      ? { ok: true, answers: parsed as unknown as AnswersOf<Spec>, parsed, errors: [], warnings }
      : { ok: false, answers: null, parsed, errors: sortedErrors, warnings };
  };
}

/** Validates one response; see makeResponseValidator. */
export function validateResponse<Spec extends FormSpec>(
  spec: Spec,
  response: RawResponse,
  context: FormContext,
): ResponseCheck<AnswersOf<Spec>> {
  return makeResponseValidator(spec, context)(response);
}
