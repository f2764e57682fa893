// A form is data: one spec drives the Google Form, the validation of a response, the import of a
// response sheet or CSV, the `Số liệu` columns and the messages, so a question is added in one place.
import { FORM_KIND_LABEL, type CampaignConfig, type FormKind, type Period } from '../campaign';
import type { IsoDate } from '../time';
import { unitChoiceLabel, type Unit, type UnitRegistry } from '../units';

/** The Google Form item a question becomes (whole numbers and decimals are text items with a rule). */
export type QuestionType =
  | 'dropdown'
  | 'shortText'
  | 'paragraph'
  | 'date'
  | 'checkboxes'
  | 'multipleChoice'
  | 'wholeNumber'
  | 'decimal';

/** Choices that come from the workbook rather than from the spec. */
export type ChoiceSource = 'units' | 'reportPeriods';

/** How a text answer is read beyond plain text. */
export type TextFormat = 'phone' | 'httpLink' | 'confirmationCode' | 'lines';

/** How a figure adds up in the totals of `Số liệu`: a sum, an average, or the number of `Có`. */
export type FigureTotal = 'sum' | 'average' | 'countYes';

export interface FigureSpec {
  /** Column title in `Số liệu`. */
  readonly column: string;
  readonly total: FigureTotal;
}

export interface Question {
  readonly key: string;
  /** The exact Vietnamese title (docs/forms.md): the Form item, the response sheet header, the messages. */
  readonly title: string;
  readonly type: QuestionType;
  readonly required: boolean;
  readonly helpText?: string;
  readonly choices?: readonly string[];
  readonly choicesFrom?: ChoiceSource;
  readonly format?: TextFormat;
  /** Characters (not UTF-16 units), counted once spaces are collapsed. */
  readonly minLength?: number;
  readonly maxLength?: number;
  /** Range of a decimal answer, both ends included. */
  readonly min?: number;
  readonly max?: number;
  /** Checkboxes: every choice must be ticked. */
  readonly requireAllChoices?: boolean;
  /** A warning, not an error, when the answer does not look like this (tested on the folded answer). */
  readonly expectedShape?: { readonly pattern: RegExp; readonly example: string };
  /** Date: not after the Vietnamese calendar day on which the response was submitted. */
  readonly notAfterSubmissionDay?: boolean;
  /** Date: a warning when it is not in the campaign year. */
  readonly warnOutsideCampaignYear?: boolean;
  /** Date: not before the date answered to the question with this key. */
  readonly notBefore?: string;
  /** Number: not more than the number answered to the question with this key. */
  readonly atMost?: string;
  /** Lines: as many non-empty lines as the number answered to this key; required when it is above 0. */
  readonly lineCountEquals?: string;
  /** The answer is a figure of `Số liệu`. */
  readonly figure?: FigureSpec;
}

export interface FormSpec<Questions extends readonly Question[] = readonly Question[]> {
  readonly kind: FormKind;
  /** Common questions first, in the order of docs/forms.md: the order of the Form and of the messages. */
  readonly questions: Questions;
  /** `Kế hoạch {Tên kế hoạch}` / `Báo cáo {Tên kế hoạch}`. */
  title(config: Pick<CampaignConfig, 'planName'>): string;
}

/** Keeps the literal types of the questions, so that the typed answers follow from the spec. */
export function defineForm<const Questions extends readonly Question[]>(
  kind: FormKind,
  questions: Questions,
): FormSpec<Questions> {
  return {
    kind,
    questions,
    title: (config) => `${FORM_KIND_LABEL[kind]} ${config.planName}`.replace(/\s+/g, ' ').trim(),
  };
}

type AnswerOf<Q> = Q extends { choicesFrom: 'units' }
  ? Unit
  : Q extends { choicesFrom: 'reportPeriods' }
    ? Period
    : Q extends { type: 'checkboxes' } | { format: 'lines' }
      ? string[]
      : Q extends { type: 'wholeNumber' | 'decimal' }
        ? number
        : Q extends { type: 'date' }
          ? IsoDate
          : Q extends { choices: readonly (infer Choice)[] }
            ? Choice
            : string;

/** A blank optional answer: '' for text, [] for lists, null for everything else. */
type BlankOf<Q> = Q extends { type: 'checkboxes' } | { format: 'lines' }
  ? never
  : Q extends { choices: readonly string[] } | { choicesFrom: ChoiceSource }
    ? null
    : Q extends { type: 'shortText' | 'paragraph' }
      ? never
      : null;

export type AcceptedAnswer<Q> = Q extends { required: true } ? AnswerOf<Q> : AnswerOf<Q> | BlankOf<Q>;

/** The typed answers of an accepted response, keyed by question key. */
export type AnswersOf<Spec extends FormSpec> = {
  readonly [Q in Spec['questions'][number] as Q['key']]: AcceptedAnswer<Q>;
};

export function findQuestion(spec: FormSpec, key: string): Question | undefined {
  return spec.questions.find((question) => question.key === key);
}

export interface ChoiceSources {
  readonly units: UnitRegistry;
  readonly reportPeriods?: readonly Period[];
}

/** The choices a Form item offers: static ones, `{Mã đơn vị} - {Tên đơn vị}` of active units, or `Tên kỳ`. */
export function choicesFor(question: Question, sources: ChoiceSources): string[] {
  if (question.choicesFrom === 'units') return sources.units.active.map(unitChoiceLabel);
  if (question.choicesFrom === 'reportPeriods') {
    return (sources.reportPeriods ?? [])
      .filter((period) => period.form === 'report')
      .map((period) => period.name);
  }
  return [...(question.choices ?? [])];
}
