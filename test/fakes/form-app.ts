// An in-memory FormApp: the part hannop uses, behaving like Google Forms and throwing what Google
// throws. Every method call is counted (see CallLog), because each one is a round trip.
//
// What it models, beyond the obvious getters and setters:
// - Items come back from `getItems()` as generic items: only the `as…Item()` casts give the typed
//   methods, so code that forgets a cast fails here as it would in Apps Script.
// - `createResponse(value)` of a dropdown, multiple-choice or checkbox item throws for a value
//   that is not one of its choices (as Google documents), and a pre-filled URL carries `entry.N`
//   numbers that are NOT the item ids (they differ in Google too).
// - People answer through `respond` / `editResponse` (test helpers, not Google's API): required
//   questions and text validation are enforced as the Forms UI does, the e-mail is kept only when
//   the form collects it, and an edit keeps the response id but gets a new timestamp.
// - A spreadsheet registered with `linkSpreadsheet` gets what Google gives a linked spreadsheet:
//   each `setDestination` adds a new response sheet at the front (`Câu trả lời biểu mẫu N` in a
//   Vietnamese-locale file), and each response writes (or, on an edit, rewrites) its row there.
// - Publishing: with `publishing: 'modern'` a form has `setPublished`/`isPublished` and starts
//   unpublished (forms created through the API after January 2026); with `'legacy'` those methods do
//   not exist and a form is published from the start. E-mail collection likewise has
//   `setEmailCollectionType` only in the modern API.
// Where Google's behaviour is not documented, the fake takes the side that would expose a bug:
// re-linking a form to the same spreadsheet adds yet another response sheet, and `submit()` of a
// response that was already submitted throws.

import { CallLog } from './spreadsheet-app';
import { vietnamDateOf, vietnamInstant } from '../../src/domain/time';

export const FORM_NOT_FOUND_MESSAGE =
  'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';

export const ITEM_TYPE = {
  CHECKBOX: 'CHECKBOX',
  CHECKBOX_GRID: 'CHECKBOX_GRID',
  DATE: 'DATE',
  DATETIME: 'DATETIME',
  DURATION: 'DURATION',
  GRID: 'GRID',
  IMAGE: 'IMAGE',
  LIST: 'LIST',
  MULTIPLE_CHOICE: 'MULTIPLE_CHOICE',
  PAGE_BREAK: 'PAGE_BREAK',
  PARAGRAPH_TEXT: 'PARAGRAPH_TEXT',
  SCALE: 'SCALE',
  SECTION_HEADER: 'SECTION_HEADER',
  TEXT: 'TEXT',
  TIME: 'TIME',
  VIDEO: 'VIDEO',
  FILE_UPLOAD: 'FILE_UPLOAD',
} as const;
export type ItemTypeName = keyof typeof ITEM_TYPE;

export const EMAIL_COLLECTION_TYPE = {
  DO_NOT_COLLECT: 'DO_NOT_COLLECT',
  VERIFIED: 'VERIFIED',
  RESPONDER_INPUT: 'RESPONDER_INPUT',
} as const;
type EmailCollectionTypeName = keyof typeof EMAIL_COLLECTION_TYPE;

const QUESTION_TYPES: readonly ItemTypeName[] = [
  'CHECKBOX',
  'DATE',
  'LIST',
  'MULTIPLE_CHOICE',
  'PARAGRAPH_TEXT',
  'TEXT',
];
const CHOICE_TYPES: readonly ItemTypeName[] = ['CHECKBOX', 'LIST', 'MULTIPLE_CHOICE'];

/** A stored answer: text, the ticked choices of a checkbox item, or `YYYY-MM-DD` of a date item. */
export type StoredAnswer = string | string[];

/** An answer as a person gives it: a choice label, labels, text, a `YYYY-MM-DD` day or a Date. */
export type GivenAnswer = string | readonly string[] | Date | null;

interface TextValidationState {
  readonly kind: 'pattern' | 'wholeNumber' | 'number' | 'email' | 'url' | 'lengthAtMost' | 'lengthAtLeast';
  readonly argument?: string | number;
  readonly helpText: string;
}

interface ItemState {
  readonly id: number;
  /** The number of `entry.N` in pre-filled URLs: not the item id. */
  readonly entryId: number;
  readonly type: ItemTypeName;
  readonly form: FakeForm;
  title: string;
  helpText: string;
  required: boolean;
  choices: string[];
  otherOption: boolean;
  includesYear: boolean;
  validation: TextValidationState | null;
}

interface StoredResponse {
  readonly id: string;
  timestamp: Date;
  readonly email: string;
  answers: Map<number, StoredAnswer>;
}

function typeLabel(type: ItemTypeName): string {
  return type;
}

// ---------------------------------------------------------------------------------------------
// Choices, validation, item responses

export class FakeChoice {
  constructor(
    private readonly calls: CallLog,
    private readonly value: string,
  ) {}

  getValue(): string {
    this.calls.record('Choice.getValue');
    return this.value;
  }

  isCorrectAnswer(): boolean {
    this.calls.record('Choice.isCorrectAnswer');
    return false;
  }

  getPageNavigationType(): string {
    this.calls.record('Choice.getPageNavigationType');
    return 'CONTINUE';
  }

  getGotoPage(): null {
    this.calls.record('Choice.getGotoPage');
    return null;
  }
}

export class FakeTextValidation {
  constructor(readonly state: TextValidationState) {}
}

export class FakeTextValidationBuilder {
  private kind: TextValidationState['kind'] | null = null;
  private argument: string | number | undefined;
  private helpText = '';

  constructor(
    private readonly calls: CallLog,
    private readonly className: string,
  ) {}

  private rule(kind: TextValidationState['kind'], argument?: string | number): this {
    this.calls.record(`${this.className}.${kind}`);
    this.kind = kind;
    this.argument = argument;
    return this;
  }

  requireTextMatchesPattern(pattern: string): this {
    // Forms takes RE2 patterns; an invalid one is rejected when the rule is built.
    new RegExp(pattern);
    return this.rule('pattern', pattern);
  }

  requireWholeNumber(): this {
    return this.rule('wholeNumber');
  }

  requireNumber(): this {
    return this.rule('number');
  }

  requireTextIsEmail(): this {
    return this.rule('email');
  }

  requireTextIsUrl(): this {
    return this.rule('url');
  }

  requireTextLengthLessThanOrEqualTo(length: number): this {
    return this.rule('lengthAtMost', length);
  }

  requireTextLengthGreaterThanOrEqualTo(length: number): this {
    return this.rule('lengthAtLeast', length);
  }

  setHelpText(text: string): this {
    this.calls.record(`${this.className}.setHelpText`);
    this.helpText = String(text);
    return this;
  }

  build(): FakeTextValidation {
    this.calls.record(`${this.className}.build`);
    if (!this.kind) throw new Error('A validation rule must be set before the validation is built.');
    return new FakeTextValidation({
      kind: this.kind,
      ...(this.argument !== undefined ? { argument: this.argument } : {}),
      helpText: this.helpText,
    });
  }
}

/** True when a person's text passes the item's validation, as the Forms UI checks before sending. */
function passesValidation(validation: TextValidationState, text: string): boolean {
  switch (validation.kind) {
    case 'pattern':
      // Forms matches the whole answer against the pattern.
      return new RegExp(`^(?:${String(validation.argument)})$`).test(text);
    case 'wholeNumber':
      return /^-?\d+$/.test(text.trim());
    case 'number':
      return text.trim() !== '' && Number.isFinite(Number(text.trim()));
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.trim());
    case 'url':
      return /^(https?:\/\/)?[^\s.]+\.[^\s]+$/.test(text.trim());
    case 'lengthAtMost':
      return text.length <= Number(validation.argument);
    case 'lengthAtLeast':
      return text.length >= Number(validation.argument);
  }
}

export class FakeItemResponse {
  constructor(
    private readonly state: ItemState,
    readonly answer: StoredAnswer,
  ) {}

  private get calls(): CallLog {
    return this.state.form.app.calls;
  }

  getItem(): FakeItem {
    this.calls.record('ItemResponse.getItem');
    return new FakeItem(this.state);
  }

  getResponse(): StoredAnswer {
    this.calls.record('ItemResponse.getResponse');
    return Array.isArray(this.answer) ? [...this.answer] : this.answer;
  }

  getScore(): null {
    this.calls.record('ItemResponse.getScore');
    return null;
  }

  /** The item this answers, for the fake's own bookkeeping (not a Google method). */
  get itemId(): number {
    return this.state.id;
  }
}

// ---------------------------------------------------------------------------------------------
// Items: one state, several views (the generic Item and the typed items)

class ItemView {
  constructor(
    protected readonly state: ItemState,
    protected readonly className: string,
  ) {}

  protected record(method: string): void {
    this.state.form.app.calls.record(`${this.className}.${method}`);
  }

  protected assertAlive(): void {
    if (!this.state.form.hasItem(this.state.id)) throw new Error('The item has been deleted.');
  }

  getId(): number {
    this.record('getId');
    return this.state.id;
  }

  getIndex(): number {
    this.record('getIndex');
    this.assertAlive();
    return this.state.form.indexOfItem(this.state.id);
  }

  getTitle(): string {
    this.record('getTitle');
    return this.state.title;
  }

  setTitle(title: string): this {
    this.record('setTitle');
    this.assertAlive();
    this.state.title = String(title);
    this.state.form.itemRetitled(this.state);
    return this;
  }

  getHelpText(): string {
    this.record('getHelpText');
    return this.state.helpText;
  }

  setHelpText(text: string): this {
    this.record('setHelpText');
    this.assertAlive();
    this.state.helpText = String(text);
    return this;
  }

  getType(): ItemTypeName {
    this.record('getType');
    return this.state.type;
  }
}

/** An item as `getItems()` returns it: only the methods every item has, and the casts. */
export class FakeItem extends ItemView {
  constructor(state: ItemState) {
    super(state, 'Item');
  }

  private cast<T>(target: ItemTypeName, method: string, make: (state: ItemState) => T): T {
    this.record(method);
    if (this.state.type !== target) {
      throw new Error(
        `Item of type ${typeLabel(this.state.type)} cannot be cast to type ${typeLabel(target)}.`,
      );
    }
    return make(this.state);
  }

  asListItem(): FakeListItem {
    return this.cast('LIST', 'asListItem', (state) => new FakeListItem(state));
  }

  asMultipleChoiceItem(): FakeMultipleChoiceItem {
    return this.cast('MULTIPLE_CHOICE', 'asMultipleChoiceItem', (state) => new FakeMultipleChoiceItem(state));
  }

  asCheckboxItem(): FakeCheckboxItem {
    return this.cast('CHECKBOX', 'asCheckboxItem', (state) => new FakeCheckboxItem(state));
  }

  asTextItem(): FakeTextItem {
    return this.cast('TEXT', 'asTextItem', (state) => new FakeTextItem(state));
  }

  asParagraphTextItem(): FakeParagraphTextItem {
    return this.cast('PARAGRAPH_TEXT', 'asParagraphTextItem', (state) => new FakeParagraphTextItem(state));
  }

  asDateItem(): FakeDateItem {
    return this.cast('DATE', 'asDateItem', (state) => new FakeDateItem(state));
  }

  asSectionHeaderItem(): FakeSectionHeaderItem {
    return this.cast('SECTION_HEADER', 'asSectionHeaderItem', (state) => new FakeSectionHeaderItem(state));
  }
}

abstract class QuestionItemView extends ItemView {
  isRequired(): boolean {
    this.record('isRequired');
    return this.state.required;
  }

  setRequired(enabled: boolean): this {
    this.record('setRequired');
    this.assertAlive();
    this.state.required = Boolean(enabled);
    return this;
  }

  protected itemResponse(answer: StoredAnswer): FakeItemResponse {
    return new FakeItemResponse(this.state, answer);
  }
}

abstract class ChoiceItemView extends QuestionItemView {
  createChoice(value: string): FakeChoice {
    this.record('createChoice');
    return new FakeChoice(this.state.form.app.calls, String(value));
  }

  getChoices(): FakeChoice[] {
    this.record('getChoices');
    return this.state.choices.map((value) => new FakeChoice(this.state.form.app.calls, value));
  }

  setChoiceValues(values: readonly string[]): this {
    this.record('setChoiceValues');
    this.assertAlive();
    if (!Array.isArray(values)) throw new Error('Invalid argument: values');
    if (values.length === 0) throw new Error('Array is empty: values');
    this.state.choices = values.map((value) => String(value));
    return this;
  }

  setChoices(choices: readonly FakeChoice[]): this {
    this.record('setChoices');
    this.assertAlive();
    if (choices.length === 0) throw new Error('Array is empty: choices');
    // Reading the value through the Choice would count a call the script did not make.
    this.state.choices = choices.map((choice) => (choice as unknown as { value: string }).value);
    return this;
  }

  hasOtherOption(): boolean {
    this.record('hasOtherOption');
    return this.state.otherOption;
  }

  protected assertChoice(value: string): void {
    if (!this.state.otherOption && !this.state.choices.includes(value)) {
      throw new Error(
        `Invalid response submitted to item "${this.state.title}" (${this.state.id}): "${value}" is not one of its choices.`,
      );
    }
  }
}

export class FakeListItem extends ChoiceItemView {
  constructor(state: ItemState) {
    super(state, 'ListItem');
  }

  createResponse(response: string): FakeItemResponse {
    this.record('createResponse');
    this.assertChoice(String(response));
    return this.itemResponse(String(response));
  }
}

export class FakeMultipleChoiceItem extends ChoiceItemView {
  constructor(state: ItemState) {
    super(state, 'MultipleChoiceItem');
  }

  showOtherOption(enabled: boolean): this {
    this.record('showOtherOption');
    this.state.otherOption = Boolean(enabled);
    return this;
  }

  createResponse(response: string): FakeItemResponse {
    this.record('createResponse');
    this.assertChoice(String(response));
    return this.itemResponse(String(response));
  }
}

export class FakeCheckboxItem extends ChoiceItemView {
  constructor(state: ItemState) {
    super(state, 'CheckboxItem');
  }

  showOtherOption(enabled: boolean): this {
    this.record('showOtherOption');
    this.state.otherOption = Boolean(enabled);
    return this;
  }

  createResponse(responses: readonly string[]): FakeItemResponse {
    this.record('createResponse');
    if (!Array.isArray(responses)) throw new Error('Invalid argument: responses');
    responses.forEach((response) => this.assertChoice(String(response)));
    return this.itemResponse(responses.map(String));
  }
}

abstract class TextItemView extends QuestionItemView {
  setValidation(validation: FakeTextValidation): this {
    this.record('setValidation');
    this.state.validation = validation.state;
    return this;
  }

  clearValidation(): this {
    this.record('clearValidation');
    this.state.validation = null;
    return this;
  }

  createResponse(response: string): FakeItemResponse {
    this.record('createResponse');
    return this.itemResponse(String(response));
  }

  /** The validation set on the item (the fake's view; Google offers no getter). */
  get validation(): TextValidationState | null {
    return this.state.validation;
  }
}

export class FakeTextItem extends TextItemView {
  constructor(state: ItemState) {
    super(state, 'TextItem');
  }
}

export class FakeParagraphTextItem extends TextItemView {
  constructor(state: ItemState) {
    super(state, 'ParagraphTextItem');
  }
}

export class FakeDateItem extends QuestionItemView {
  constructor(state: ItemState) {
    super(state, 'DateItem');
  }

  includesYear(): boolean {
    this.record('includesYear');
    return this.state.includesYear;
  }

  setIncludesYear(enabled: boolean): this {
    this.record('setIncludesYear');
    this.state.includesYear = Boolean(enabled);
    return this;
  }

  /** Forms keeps the calendar day of the date in the script's time zone (Asia/Ho_Chi_Minh here). */
  createResponse(response: Date): FakeItemResponse {
    this.record('createResponse');
    if (!(response instanceof Date) || Number.isNaN(response.getTime())) {
      throw new Error('Invalid argument: response');
    }
    return this.itemResponse(vietnamDateOf(response));
  }
}

export class FakeSectionHeaderItem extends ItemView {
  constructor(state: ItemState) {
    super(state, 'SectionHeaderItem');
  }
}

// ---------------------------------------------------------------------------------------------
// Responses

/** A FormResponse: a builder before `submit()`, a snapshot of one version after it. */
export class FakeFormResponse {
  private readonly answers: Map<number, { state: ItemState; answer: StoredAnswer }>;
  private submittedAs: { id: string; timestamp: Date; email: string } | null;

  constructor(
    private readonly form: FakeForm,
    submitted: StoredResponse | null,
  ) {
    this.answers = new Map();
    this.submittedAs = null;
    if (submitted) {
      submitted.answers.forEach((answer, itemId) => {
        const state = form.itemState(itemId);
        if (state) this.answers.set(itemId, { state, answer: Array.isArray(answer) ? [...answer] : answer });
      });
      this.submittedAs = {
        id: submitted.id,
        timestamp: new Date(submitted.timestamp),
        email: submitted.email,
      };
    }
  }

  private record(method: string): void {
    this.form.app.calls.record(`FormResponse.${method}`);
  }

  withItemResponse(response: FakeItemResponse): this {
    this.record('withItemResponse');
    if (this.submittedAs) throw new Error('This response has already been submitted and cannot be changed.');
    const state = this.form.itemState(response.itemId);
    if (!state) throw new Error('The item of this response is not in the form.');
    this.answers.set(response.itemId, { state, answer: response.answer });
    return this;
  }

  /** `…/viewform?usp=pp_url&entry.N=value`, values encoded as Google does (`+` for a space). */
  toPrefilledUrl(): string {
    this.record('toPrefilledUrl');
    const parameters: string[] = ['usp=pp_url'];
    for (const state of this.form.itemStatesInOrder()) {
      const entry = this.answers.get(state.id);
      if (!entry) continue;
      const values = Array.isArray(entry.answer) ? entry.answer : [entry.answer];
      for (const value of values) parameters.push(`entry.${state.entryId}=${encodeFormValue(value)}`);
    }
    return `${this.form.publishedUrl}?${parameters.join('&')}`;
  }

  submit(): FakeFormResponse {
    this.record('submit');
    if (this.submittedAs) throw new Error('This response has already been submitted.');
    const answers = new Map<number, StoredAnswer>();
    this.answers.forEach((entry, itemId) => answers.set(itemId, entry.answer));
    const stored = this.form.storeResponse({ email: '', at: this.form.app.nextTimestamp(), answers });
    return new FakeFormResponse(this.form, stored);
  }

  getId(): string | null {
    this.record('getId');
    return this.submittedAs ? this.submittedAs.id : null;
  }

  getTimestamp(): Date | null {
    this.record('getTimestamp');
    return this.submittedAs ? new Date(this.submittedAs.timestamp) : null;
  }

  getRespondentEmail(): string {
    this.record('getRespondentEmail');
    return this.submittedAs ? this.submittedAs.email : '';
  }

  getEditResponseUrl(): string {
    this.record('getEditResponseUrl');
    if (!this.submittedAs) throw new Error('This response has not been submitted.');
    return `${this.form.publishedUrl}?edit2=${this.submittedAs.id}`;
  }

  /** The answered items, in the order of the form. */
  getItemResponses(): FakeItemResponse[] {
    this.record('getItemResponses');
    return this.form
      .itemStatesInOrder()
      .filter((state) => this.answers.has(state.id))
      .map(
        (state) =>
          new FakeItemResponse(state, (this.answers.get(state.id) as { answer: StoredAnswer }).answer),
      );
  }

  getResponseForItem(item: { getId(): number }): FakeItemResponse | null {
    this.record('getResponseForItem');
    const id = idOfItem(item);
    const entry = this.answers.get(id);
    return entry ? new FakeItemResponse(entry.state, entry.answer) : null;
  }
}

/** Google's form encoding of a pre-filled value: percent-encoded UTF-8, `+` for a space. */
export function encodeFormValue(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

function idOfItem(item: unknown): number {
  // Reading the id through the item would count a call the script did not make.
  const state = (item as { state?: ItemState }).state;
  if (!state) throw new Error('Invalid argument: item');
  return state.id;
}

// ---------------------------------------------------------------------------------------------
// The form

export interface ResponseListener {
  (form: FakeForm, response: FakeFormResponse): void;
}

export class FakeForm {
  private title: string;
  private description = '';
  private confirmationMessage = '';
  private collectEmail = false;
  private emailCollectionType: EmailCollectionTypeName = 'DO_NOT_COLLECT';
  private allowResponseEdits = false;
  private acceptingResponses = true;
  private published: boolean;
  private limitOneResponsePerUser = false;
  private requireLogin = false;
  private destination: { type: 'SPREADSHEET'; id: string } | null = null;
  private items: ItemState[] = [];
  private responses: StoredResponse[] = [];
  /** Set by the tests: the form can no longer be opened (deleted for good). */
  deleted = false;

  constructor(
    readonly app: FakeFormApp,
    readonly id: string,
    readonly publishedId: string,
    title: string,
    published: boolean,
  ) {
    this.title = title;
    this.published = published;
    if (app.publishing === 'modern') {
      // Only forms under the newer API have these; assigning them per instance lets the legacy
      // fake lack them, as old Apps Script runtimes do.
      Object.assign(this, {
        setPublished: (enabled: boolean): FakeForm => {
          this.record('setPublished');
          this.published = Boolean(enabled);
          return this;
        },
        isPublished: (): boolean => {
          this.record('isPublished');
          return this.published;
        },
        setEmailCollectionType: (type: EmailCollectionTypeName): FakeForm => {
          this.record('setEmailCollectionType');
          if (!(type in EMAIL_COLLECTION_TYPE)) throw new Error('Invalid argument: emailCollectionType');
          this.emailCollectionType = type;
          this.collectEmail = type !== 'DO_NOT_COLLECT';
          return this;
        },
        getEmailCollectionType: (): EmailCollectionTypeName => {
          this.record('getEmailCollectionType');
          return this.emailCollectionType;
        },
      });
    }
  }

  private record(method: string): void {
    this.app.calls.record(`Form.${method}`);
  }

  get publishedUrl(): string {
    return `https://docs.google.com/forms/d/e/${this.publishedId}/viewform`;
  }

  get editUrl(): string {
    return `https://docs.google.com/forms/d/${this.id}/edit`;
  }

  /** What a linked sheet's `getFormUrl()` returns for this form. */
  get formUrl(): string {
    return `https://docs.google.com/forms/d/${this.id}/viewform`;
  }

  // --- the fake's own view (not Google methods; not counted) ---

  get state(): {
    title: string;
    published: boolean;
    acceptingResponses: boolean;
    collectsEmail: boolean;
    emailCollectionType: EmailCollectionTypeName;
    allowResponseEdits: boolean;
    confirmationMessage: string;
    destinationId: string | null;
    items: {
      id: number;
      entryId: number;
      type: ItemTypeName;
      title: string;
      helpText: string;
      required: boolean;
      choices: string[];
      validation: TextValidationState | null;
    }[];
    responseCount: number;
  } {
    return {
      title: this.title,
      published: this.published,
      acceptingResponses: this.acceptingResponses,
      collectsEmail: this.collectEmail,
      emailCollectionType: this.emailCollectionType,
      allowResponseEdits: this.allowResponseEdits,
      confirmationMessage: this.confirmationMessage,
      destinationId: this.destination ? this.destination.id : null,
      items: this.items.map((item) => ({
        id: item.id,
        entryId: item.entryId,
        type: item.type,
        title: item.title,
        helpText: item.helpText,
        required: item.required,
        choices: [...item.choices],
        validation: item.validation,
      })),
      responseCount: this.responses.length,
    };
  }

  hasItem(id: number): boolean {
    return this.items.some((item) => item.id === id);
  }

  indexOfItem(id: number): number {
    return this.items.findIndex((item) => item.id === id);
  }

  itemState(id: number): ItemState | undefined {
    return this.items.find((item) => item.id === id);
  }

  itemStatesInOrder(): readonly ItemState[] {
    return this.items;
  }

  isQuestion(state: ItemState): boolean {
    return QUESTION_TYPES.includes(state.type);
  }

  itemRetitled(state: ItemState): void {
    if (this.isQuestion(state)) this.app.notifyColumnsChanged(this);
  }

  get collectsEmails(): boolean {
    return this.collectEmail;
  }

  get destinationId(): string | null {
    return this.destination ? this.destination.id : null;
  }

  storedResponses(): readonly StoredResponse[] {
    return this.responses;
  }

  isOpenToRespondents(): boolean {
    return this.published && this.acceptingResponses;
  }

  canBeEdited(): boolean {
    return this.allowResponseEdits;
  }

  storeResponse(fields: { email: string; at: Date; answers: Map<number, StoredAnswer> }): StoredResponse {
    const stored: StoredResponse = {
      id: this.app.nextResponseId(),
      timestamp: new Date(fields.at),
      email: fields.email,
      answers: fields.answers,
    };
    this.responses.push(stored);
    this.app.responseWritten(this, stored);
    return stored;
  }

  replaceResponse(stored: StoredResponse, at: Date, answers: Map<number, StoredAnswer>): void {
    stored.timestamp = new Date(at);
    stored.answers = answers;
    this.app.responseWritten(this, stored);
  }

  // --- Google's API ---

  getId(): string {
    this.record('getId');
    return this.id;
  }

  getTitle(): string {
    this.record('getTitle');
    return this.title;
  }

  setTitle(title: string): this {
    this.record('setTitle');
    this.title = String(title);
    return this;
  }

  getDescription(): string {
    this.record('getDescription');
    return this.description;
  }

  setDescription(description: string): this {
    this.record('setDescription');
    this.description = String(description);
    return this;
  }

  getPublishedUrl(): string {
    this.record('getPublishedUrl');
    return this.publishedUrl;
  }

  getEditUrl(): string {
    this.record('getEditUrl');
    return this.editUrl;
  }

  getSummaryUrl(): string {
    this.record('getSummaryUrl');
    return `https://docs.google.com/forms/d/${this.id}/viewanalytics`;
  }

  getConfirmationMessage(): string {
    this.record('getConfirmationMessage');
    return this.confirmationMessage;
  }

  setConfirmationMessage(message: string): this {
    this.record('setConfirmationMessage');
    this.confirmationMessage = String(message);
    return this;
  }

  collectsEmail(): boolean {
    this.record('collectsEmail');
    return this.collectEmail;
  }

  setCollectEmail(collect: boolean): this {
    this.record('setCollectEmail');
    this.collectEmail = Boolean(collect);
    this.emailCollectionType = this.collectEmail ? 'VERIFIED' : 'DO_NOT_COLLECT';
    return this;
  }

  canEditResponse(): boolean {
    this.record('canEditResponse');
    return this.allowResponseEdits;
  }

  setAllowResponseEdits(enabled: boolean): this {
    this.record('setAllowResponseEdits');
    this.allowResponseEdits = Boolean(enabled);
    return this;
  }

  isAcceptingResponses(): boolean {
    this.record('isAcceptingResponses');
    return this.acceptingResponses;
  }

  setAcceptingResponses(enabled: boolean): this {
    this.record('setAcceptingResponses');
    this.acceptingResponses = Boolean(enabled);
    return this;
  }

  hasLimitOneResponsePerUser(): boolean {
    this.record('hasLimitOneResponsePerUser');
    return this.limitOneResponsePerUser;
  }

  setLimitOneResponsePerUser(enabled: boolean): this {
    this.record('setLimitOneResponsePerUser');
    this.limitOneResponsePerUser = Boolean(enabled);
    return this;
  }

  requiresLogin(): boolean {
    this.record('requiresLogin');
    return this.requireLogin;
  }

  setRequireLogin(requireLogin: boolean): this {
    this.record('setRequireLogin');
    if (requireLogin && this.app.account !== 'workspace') {
      throw new Error('Only Google Workspace users can require respondents to sign in to their domain.');
    }
    this.requireLogin = Boolean(requireLogin);
    return this;
  }

  getDestinationId(): string {
    this.record('getDestinationId');
    // Google throws rather than return nothing when a form has no destination.
    if (!this.destination) throw new Error('The form currently has no response destination.');
    return this.destination.id;
  }

  getDestinationType(): string {
    this.record('getDestinationType');
    if (!this.destination) throw new Error('The form currently has no response destination.');
    return this.destination.type;
  }

  setDestination(type: string, id: string): this {
    this.record('setDestination');
    if (type !== 'SPREADSHEET') throw new Error('Invalid argument: type');
    this.app.linkDestination(this, String(id));
    this.destination = { type: 'SPREADSHEET', id: String(id) };
    return this;
  }

  removeDestination(): this {
    this.record('removeDestination');
    if (this.destination) this.app.unlinkDestination(this, this.destination.id);
    this.destination = null;
    return this;
  }

  private addItem<T>(type: ItemTypeName, method: string, make: (state: ItemState) => T): T {
    this.record(method);
    const state = this.app.newItemState(this, type);
    this.items.push(state);
    if (this.isQuestion(state)) this.app.notifyColumnsChanged(this);
    return make(state);
  }

  addListItem(): FakeListItem {
    return this.addItem('LIST', 'addListItem', (state) => new FakeListItem(state));
  }

  addMultipleChoiceItem(): FakeMultipleChoiceItem {
    return this.addItem(
      'MULTIPLE_CHOICE',
      'addMultipleChoiceItem',
      (state) => new FakeMultipleChoiceItem(state),
    );
  }

  addCheckboxItem(): FakeCheckboxItem {
    return this.addItem('CHECKBOX', 'addCheckboxItem', (state) => new FakeCheckboxItem(state));
  }

  addTextItem(): FakeTextItem {
    return this.addItem('TEXT', 'addTextItem', (state) => new FakeTextItem(state));
  }

  addParagraphTextItem(): FakeParagraphTextItem {
    return this.addItem(
      'PARAGRAPH_TEXT',
      'addParagraphTextItem',
      (state) => new FakeParagraphTextItem(state),
    );
  }

  addDateItem(): FakeDateItem {
    return this.addItem('DATE', 'addDateItem', (state) => new FakeDateItem(state));
  }

  addSectionHeaderItem(): FakeSectionHeaderItem {
    return this.addItem(
      'SECTION_HEADER',
      'addSectionHeaderItem',
      (state) => new FakeSectionHeaderItem(state),
    );
  }

  getItems(itemType?: ItemTypeName): FakeItem[] {
    this.record('getItems');
    return this.items
      .filter((state) => itemType === undefined || state.type === itemType)
      .map((state) => new FakeItem(state));
  }

  getItemById(id: number): FakeItem | null {
    this.record('getItemById');
    const state = this.itemState(Number(id));
    return state ? new FakeItem(state) : null;
  }

  deleteItem(indexOrItem: number | { getId(): number }): void {
    this.record('deleteItem');
    const index = typeof indexOrItem === 'number' ? indexOrItem : this.indexOfItem(idOfItem(indexOrItem));
    if (!Number.isInteger(index) || index < 0 || index >= this.items.length) {
      throw new Error(`Invalid argument: index (${String(index)})`);
    }
    this.items.splice(index, 1);
  }

  moveItem(from: number | { getId(): number }, toIndex: number): FakeItem {
    this.record('moveItem');
    const fromIndex = typeof from === 'number' ? from : this.indexOfItem(idOfItem(from));
    if (!Number.isInteger(fromIndex) || fromIndex < 0 || fromIndex >= this.items.length) {
      throw new Error(`Invalid argument: from (${String(fromIndex)})`);
    }
    if (!Number.isInteger(toIndex) || toIndex < 0 || toIndex >= this.items.length) {
      throw new Error(`Invalid argument: to (${String(toIndex)})`);
    }
    const [state] = this.items.splice(fromIndex, 1) as [ItemState];
    this.items.splice(toIndex, 0, state);
    return new FakeItem(state);
  }

  createResponse(): FakeFormResponse {
    this.record('createResponse');
    return new FakeFormResponse(this, null);
  }

  /** Every response, oldest first by its (latest) timestamp; with a moment, those at or after it. */
  getResponses(timestamp?: Date): FakeFormResponse[] {
    this.record('getResponses');
    return [...this.responses]
      .sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime())
      .filter((response) => !timestamp || response.timestamp.getTime() >= timestamp.getTime())
      .map((response) => new FakeFormResponse(this, response));
  }

  getResponse(responseId: string): FakeFormResponse {
    this.record('getResponse');
    const stored = this.responses.find((response) => response.id === responseId);
    if (!stored) throw new Error(`No response with ID ${responseId} exists for this form.`);
    return new FakeFormResponse(this, stored);
  }

  /**
   * Form.deleteAllResponses(): empties the form's own store; the rows Forms already wrote to a
   * linked spreadsheet stay (Google: "does not delete copies of responses stored in a linked
   * response destination").
   */
  deleteAllResponses(): this {
    this.record('deleteAllResponses');
    this.responses = [];
    return this;
  }

  deleteResponse(responseId: string): this {
    this.record('deleteResponse');
    const index = this.responses.findIndex((response) => response.id === responseId);
    if (index < 0) throw new Error(`No response with ID ${responseId} exists for this form.`);
    this.responses.splice(index, 1);
    return this;
  }
}

// ---------------------------------------------------------------------------------------------
// Linked spreadsheets

export interface LinkedFormInfo {
  readonly formId: string;
  /** What `Sheet.getFormUrl()` returns for the sheet of this form. */
  readonly formUrl: string;
  readonly collectsEmail: boolean;
  /** The question items in form order. */
  readonly questions: readonly { readonly itemId: number; readonly title: string }[];
}

export interface WrittenResponse {
  readonly formId: string;
  readonly responseId: string;
  readonly timestamp: Date;
  /** '' when the form does not collect e-mails. */
  readonly email: string;
  /** By item id; a checkbox answer joined with `, `, a date answer as a Date (as Forms writes them). */
  readonly answers: ReadonlyMap<number, string | Date>;
}

/** A spreadsheet that Forms can send responses to (implemented over a spreadsheet fake). */
export interface FormResponseSheetHost {
  readonly spreadsheetId: string;
  /** A form was (re)linked: Forms adds a new response sheet at the front. */
  linkForm(link: LinkedFormInfo): void;
  /** The form's questions changed: Forms adds a column for a new title, renames a renamed one. */
  updateColumns(link: LinkedFormInfo): void;
  /** A response arrived or was edited: its row is written (or rewritten in place). */
  writeResponse(link: LinkedFormInfo, response: WrittenResponse): void;
  unlinkForm(formId: string): void;
}

// ---------------------------------------------------------------------------------------------
// FormApp

export interface FakeFormAppOptions {
  /** `modern` (default): forms have setPublished and start unpublished; `legacy`: neither. */
  readonly publishing?: 'modern' | 'legacy';
  /** Shared with other fakes to count calls in one log; a new log by default. */
  readonly calls?: CallLog;
  /** The time of a `submit()` made by a script; by default 1 second after the previous one. */
  readonly now?: () => Date;
  /**
   * The account running the script. FormApp documents requiring sign-in (to the same domain) as
   * available only to forms made by Google Workspace users: on `consumer` (default) it throws.
   */
  readonly account?: 'workspace' | 'consumer';
}

export interface PersonAnswer {
  /** The respondent's address; kept only if the form collects e-mails. */
  readonly email: string;
  readonly at: Date;
  /** By exact item title, as a person fills the form. */
  readonly answers: Readonly<Record<string, GivenAnswer>>;
}

export class FakeFormApp {
  readonly calls: CallLog;
  readonly publishing: 'modern' | 'legacy';
  readonly account: 'workspace' | 'consumer';
  readonly DestinationType = { SPREADSHEET: 'SPREADSHEET' } as const;
  readonly ItemType = ITEM_TYPE;
  readonly EmailCollectionType = EMAIL_COLLECTION_TYPE;
  readonly PageNavigationType = {
    CONTINUE: 'CONTINUE',
    GO_TO_PAGE: 'GO_TO_PAGE',
    RESTART: 'RESTART',
    SUBMIT: 'SUBMIT',
  } as const;
  readonly Alignment = { LEFT: 'LEFT', CENTER: 'CENTER', RIGHT: 'RIGHT' } as const;

  private readonly forms: FakeForm[] = [];
  private readonly hosts = new Map<string, FormResponseSheetHost>();
  private readonly listeners: ResponseListener[] = [];
  private readonly now: (() => Date) | undefined;
  private virtualNow = Date.UTC(2023, 2, 20, 2, 0, 0);
  private itemCounter = 0;
  private responseCounter = 0;

  constructor(options: FakeFormAppOptions = {}) {
    this.calls = options.calls ?? new CallLog();
    this.publishing = options.publishing ?? 'modern';
    this.account = options.account ?? 'consumer';
    this.now = options.now;
  }

  private record(method: string): void {
    this.calls.record(`FormApp.${method}`);
  }

  // --- test helpers (not Google's API; not counted) ---

  /** Every form ever created and not deleted, oldest first. */
  allForms(): FakeForm[] {
    return this.forms.filter((form) => !form.deleted);
  }

  formById(id: string): FakeForm {
    const form = this.forms.find((candidate) => candidate.id === id && !candidate.deleted);
    if (!form) throw new Error(`no fake form ${id}`);
    return form;
  }

  /** The form is gone for good (emptied from the trash): opening it throws. */
  deleteForm(id: string): void {
    this.formById(id).deleted = true;
  }

  /** Lets Forms write the responses of forms linked to this spreadsheet into it. */
  linkSpreadsheet(host: FormResponseSheetHost): void {
    this.hosts.set(host.spreadsheetId, host);
  }

  /** Called after each response a person submits or edits (to deliver form-submit triggers). */
  onResponse(listener: ResponseListener): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  /** A person fills in and sends the form; throws what the Forms UI would stop them with. */
  respond(formOrId: FakeForm | string, person: PersonAnswer): FakeFormResponse {
    const form = typeof formOrId === 'string' ? this.formById(formOrId) : formOrId;
    if (!form.isOpenToRespondents())
      throw new Error(`The form "${form.state.title}" is not accepting responses.`);
    const answers = this.personAnswers(form, person.answers, new Map());
    const email = form.collectsEmails ? person.email.trim().toLowerCase() : '';
    const stored = form.storeResponse({ email, at: person.at, answers });
    const response = new FakeFormResponse(form, stored);
    this.listeners.forEach((listener) => listener(form, response));
    return response;
  }

  /**
   * A person opens their edit link and changes some answers (`null` clears one): same response id,
   * a new timestamp, the other answers kept.
   */
  editResponse(
    formOrId: FakeForm | string,
    responseId: string,
    change: { readonly at: Date; readonly answers: Readonly<Record<string, GivenAnswer>> },
  ): FakeFormResponse {
    const form = typeof formOrId === 'string' ? this.formById(formOrId) : formOrId;
    if (!form.canBeEdited())
      throw new Error(`The form "${form.state.title}" does not allow editing responses.`);
    if (!form.isOpenToRespondents())
      throw new Error(`The form "${form.state.title}" is not accepting responses.`);
    const stored = form.storedResponses().find((response) => response.id === responseId);
    if (!stored) throw new Error(`No response with ID ${responseId} exists for this form.`);
    const answers = this.personAnswers(form, change.answers, stored.answers);
    form.replaceResponse(stored, change.at, answers);
    const response = new FakeFormResponse(form, stored);
    this.listeners.forEach((listener) => listener(form, response));
    return response;
  }

  private personAnswers(
    form: FakeForm,
    given: Readonly<Record<string, GivenAnswer>>,
    previous: ReadonlyMap<number, StoredAnswer>,
  ): Map<number, StoredAnswer> {
    const states = form.itemStatesInOrder();
    for (const title of Object.keys(given)) {
      if (!states.some((state) => state.title === title && form.isQuestion(state))) {
        throw new Error(`The form "${form.state.title}" has no question titled "${title}".`);
      }
    }
    const answers = new Map(previous);
    for (const state of states) {
      if (!form.isQuestion(state) || !(state.title in given)) continue;
      const value = given[state.title];
      if (
        value === null ||
        value === undefined ||
        value === '' ||
        (Array.isArray(value) && value.length === 0)
      ) {
        answers.delete(state.id);
        continue;
      }
      answers.set(state.id, this.personAnswer(state, value));
    }
    for (const state of states) {
      if (form.isQuestion(state) && state.required && !answers.has(state.id)) {
        throw new Error(`The required question "${state.title}" was not answered.`);
      }
    }
    return answers;
  }

  private personAnswer(state: ItemState, value: string | readonly string[] | Date): StoredAnswer {
    // A person can only pick offered choices; the typed items check the same way createResponse does.
    switch (state.type) {
      case 'LIST':
        return new FakeListItem(state).createResponse(String(value)).answer;
      case 'MULTIPLE_CHOICE':
        return new FakeMultipleChoiceItem(state).createResponse(String(value)).answer;
      case 'CHECKBOX':
        return new FakeCheckboxItem(state).createResponse(Array.isArray(value) ? value : [String(value)])
          .answer;
      case 'DATE': {
        if (value instanceof Date) return new FakeDateItem(state).createResponse(value).answer;
        if (!/^\d{4}-\d{2}-\d{2}$/.test(String(value))) throw new Error(`"${String(value)}" is not a date.`);
        return String(value);
      }
      default: {
        const text = String(value);
        if (state.validation && !passesValidation(state.validation, text)) {
          throw new Error(
            `The answer "${text}" to "${state.title}" is refused: ${state.validation.helpText || 'invalid answer'}`,
          );
        }
        return text;
      }
    }
  }

  // --- internal plumbing used by forms ---

  newItemState(form: FakeForm, type: ItemTypeName): ItemState {
    this.itemCounter += 1;
    return {
      id: 1000000000 + this.itemCounter * 7919,
      entryId: 200000000 + this.itemCounter * 104729,
      type,
      form,
      title: '',
      helpText: '',
      required: false,
      choices: CHOICE_TYPES.includes(type) ? ['Tùy chọn 1'] : [],
      otherOption: false,
      includesYear: true,
      validation: null,
    };
  }

  nextResponseId(): string {
    this.responseCounter += 1;
    return `2_ABaOnud${String(this.responseCounter).padStart(6, '0')}Xq7v`;
  }

  nextTimestamp(): Date {
    if (this.now) return this.now();
    this.virtualNow += 1000;
    return new Date(this.virtualNow);
  }

  private linkOf(form: FakeForm): LinkedFormInfo {
    return {
      formId: form.id,
      formUrl: form.formUrl,
      collectsEmail: form.collectsEmails,
      questions: form
        .itemStatesInOrder()
        .filter((state) => form.isQuestion(state))
        .map((state) => ({ itemId: state.id, title: state.title })),
    };
  }

  linkDestination(form: FakeForm, spreadsheetId: string): void {
    const previous = form.destinationId;
    if (previous) this.hosts.get(previous)?.unlinkForm(form.id);
    this.hosts.get(spreadsheetId)?.linkForm(this.linkOf(form));
  }

  unlinkDestination(form: FakeForm, spreadsheetId: string): void {
    this.hosts.get(spreadsheetId)?.unlinkForm(form.id);
  }

  notifyColumnsChanged(form: FakeForm): void {
    const destination = form.destinationId;
    if (destination) this.hosts.get(destination)?.updateColumns(this.linkOf(form));
  }

  responseWritten(form: FakeForm, stored: StoredResponse): void {
    const destination = form.destinationId;
    const host = destination ? this.hosts.get(destination) : undefined;
    if (!host) return;
    const answers = new Map<number, string | Date>();
    stored.answers.forEach((answer, itemId) => {
      const state = form.itemState(itemId);
      if (!state) return;
      if (Array.isArray(answer)) answers.set(itemId, answer.join(', '));
      else answers.set(itemId, state.type === 'DATE' ? vietnamInstant(answer) : answer);
    });
    host.writeResponse(this.linkOf(form), {
      formId: form.id,
      responseId: stored.id,
      timestamp: new Date(stored.timestamp),
      email: stored.email,
      answers,
    });
  }

  // --- Google's API ---

  create(title: string): FakeForm {
    this.record('create');
    const number = this.forms.length + 1;
    const form = new FakeForm(
      this,
      `1FakeForm${String(number).padStart(3, '0')}aBcDeFgHiJkLmNoPqRsTuVwXyZ0123`,
      `1FAIpQLSfake${String(number).padStart(3, '0')}PublishedIdQwErTy`,
      String(title),
      this.publishing === 'legacy',
    );
    this.forms.push(form);
    return form;
  }

  openById(id: string): FakeForm {
    this.record('openById');
    const form = this.forms.find((candidate) => candidate.id === id && !candidate.deleted);
    if (!form) throw new Error(FORM_NOT_FOUND_MESSAGE);
    return form;
  }

  /** The edit URL, the published URL or the URL a linked sheet reports. */
  openByUrl(url: string): FakeForm {
    this.record('openByUrl');
    const published = /\/forms\/d\/e\/([^/?#]+)/.exec(String(url));
    const plain = /\/forms\/d\/([^/?#]+)/.exec(String(url));
    const form = this.forms.find(
      (candidate) =>
        !candidate.deleted &&
        (published ? candidate.publishedId === published[1] : plain !== null && candidate.id === plain[1]),
    );
    if (!form) throw new Error(FORM_NOT_FOUND_MESSAGE);
    return form;
  }

  createTextValidation(): FakeTextValidationBuilder {
    this.record('createTextValidation');
    return new FakeTextValidationBuilder(this.calls, 'TextValidationBuilder');
  }

  createParagraphTextValidation(): FakeTextValidationBuilder {
    this.record('createParagraphTextValidation');
    return new FakeTextValidationBuilder(this.calls, 'ParagraphTextValidationBuilder');
  }
}

/** The fake seen through Apps Script's types, for code that takes the real FormApp. */
export function asFormApp(fake: FakeFormApp): GoogleAppsScript.Forms.FormApp {
  return fake as unknown as GoogleAppsScript.Forms.FormApp;
}

export function asForm(fake: FakeForm): GoogleAppsScript.Forms.Form {
  return fake as unknown as GoogleAppsScript.Forms.Form;
}

export function asFormResponse(fake: FakeFormResponse): GoogleAppsScript.Forms.FormResponse {
  return fake as unknown as GoogleAppsScript.Forms.FormResponse;
}
