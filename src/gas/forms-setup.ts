// Setup of the two Google Forms, over FormApp. Running it again changes nothing that is already
// right: a form is found again by the id kept in the document properties (or, if that was lost,
// through the response sheet it writes to), an item by its normalised title, a trigger by handler
// and source. What it decides comes from src/domain/form-sync.ts; this file only reads and writes.
//
// The order is chosen so that a run cut short (6-minute limit, a network error) leaves nothing a
// rerun would duplicate: a new form's id is stored right after `create`, before anything else.
import { FORM_KIND_LABEL, type CampaignConfig, type FormKind, type Period } from '../domain/campaign';
import {
  choiceDifference,
  desiredForm,
  hasChanges,
  itemChanges,
  matchItems,
  type DesiredForm,
  type DesiredItem,
  type ExistingItem,
  type FormItemKind,
  type ItemChanges,
} from '../domain/form-sync';
import { PLAN_FORM, REPORT_FORM, type FormSpec } from '../domain/forms';
import { SHEET } from '../domain/layout';
import { storeAnswerEntries } from './answer-entries';
import {
  templateFromSampleLink,
  type PrefilledAnswers,
  type PrefilledLinkTemplate,
  type PrefilledRole,
} from '../domain/prefilled-link';
import type { UnitRegistry } from '../domain/units';
import {
  ensureTrigger,
  type TriggerOutcome,
  type TriggerService,
  type TriggerSettingsStore,
} from './triggers';

type Form = GoogleAppsScript.Forms.Form;
type Item = GoogleAppsScript.Forms.Item;
type ChoiceItem =
  | GoogleAppsScript.Forms.ListItem
  | GoogleAppsScript.Forms.MultipleChoiceItem
  | GoogleAppsScript.Forms.CheckboxItem;
type QuestionItem =
  | ChoiceItem
  | GoogleAppsScript.Forms.TextItem
  | GoogleAppsScript.Forms.ParagraphTextItem
  | GoogleAppsScript.Forms.DateItem;

/** What setup needs of FormApp (passed in, so tests can give the fake). */
export type FormsService = Pick<
  GoogleAppsScript.Forms.FormApp,
  'create' | 'openById' | 'openByUrl' | 'createTextValidation' | 'DestinationType'
>;

/** The spreadsheet the forms write to (the one the script is bound to). */
export type HostSpreadsheet = Pick<
  GoogleAppsScript.Spreadsheet.Spreadsheet,
  'getId' | 'getSheets' | 'getSheetByName' | 'deleteSheet'
>;

/** Where form ids and pre-filled link templates are kept (the document properties). */
export type FormPropertyStore = Pick<GoogleAppsScript.Properties.Properties, 'getProperty' | 'setProperty'>;

export const FORM_SPECS: Readonly<Record<FormKind, FormSpec>> = { plan: PLAN_FORM, report: REPORT_FORM };

export const RESPONSE_SHEET: Readonly<Record<FormKind, string>> = {
  plan: SHEET.planResponses,
  report: SHEET.reportResponses,
};

/** The installable form-submit handlers: top-level functions of src/gas/main.ts. */
export const FORM_SUBMIT_HANDLER: Readonly<Record<FormKind, string>> = {
  plan: 'onFormSubmitPlan',
  report: 'onFormSubmitReport',
};

export function formIdProperty(kind: FormKind): string {
  return `hannop.form.${kind}.id`;
}

export function prefillTemplateProperty(kind: FormKind): string {
  return `hannop.form.${kind}.prefill`;
}

/** The code answer a sample pre-filled link carries (a real code never has this shape). */
const SAMPLE_CODE = 'MAU-XAC-NHAN';

export interface FormsSetupServices {
  readonly formApp: FormsService;
  readonly spreadsheet: HostSpreadsheet;
  readonly properties: FormPropertyStore;
  /** Makes Sheets show the response sheet a new link created (SpreadsheetApp.flush). */
  readonly flush?: () => void;
  /** Installs one form-submit trigger per form when given. */
  readonly triggers?: {
    readonly scriptApp: TriggerService;
    readonly settings: TriggerSettingsStore;
    readonly handlers?: Readonly<Record<FormKind, string>>;
  };
}

export interface FormsSetupInput {
  readonly config: CampaignConfig;
  readonly units: UnitRegistry;
  readonly periods: readonly Period[];
  /** Both forms by default. */
  readonly kinds?: readonly FormKind[];
}

export interface ChoiceChange {
  readonly title: string;
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

export interface FormSetupOutcome {
  readonly kind: FormKind;
  readonly title: string;
  readonly formId: string;
  /** `recreated`: the stored form could not be used and a new one was made (see notes). */
  readonly status: 'created' | 'found' | 'recreated';
  readonly publishedUrl: string;
  readonly editUrl: string;
  /** Settings that were not right and were set (Vietnamese labels). */
  readonly settingsChanged: readonly string[];
  readonly itemsAdded: readonly string[];
  readonly itemsUpdated: readonly string[];
  readonly choiceChanges: readonly ChoiceChange[];
  /** `renamed`: Forms' response sheet got its name from SHEET; `missing`: not found (see notes). */
  readonly responseSheet: 'kept' | 'renamed' | 'missing';
  readonly trigger?: TriggerOutcome;
  /** Vietnamese: what a person should know or do. */
  readonly notes: readonly string[];
}

export interface FormsSetupReport {
  readonly forms: readonly FormSetupOutcome[];
}

/** Refreshing choices before setup made the form: there is nothing to refresh. */
export class FormNotSetUpError extends Error {
  override readonly name = 'FormNotSetUpError';
  constructor(kind: FormKind, detail: string) {
    super(
      `Chưa có biểu mẫu ${FORM_KIND_LABEL[kind]} dùng được (${detail}). Hãy chạy «Thiết lập ban đầu» trong trình đơn Hạn nộp.`,
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function destinationOf(form: Form): string | null {
  // Google throws rather than answer when a form has no destination.
  try {
    return form.getDestinationId() || null;
  } catch {
    return null;
  }
}

/** Whether a URL (a sheet's getFormUrl, an edit or published URL) names this form. */
export function namesForm(url: string | null, formId: string, publishedUrl: string): boolean {
  if (!url) return false;
  const published = /\/forms\/d\/e\/([^/?#]+)/.exec(url);
  if (published) return publishedUrl.indexOf(`/forms/d/e/${published[1]}/`) >= 0;
  const plain = /\/forms\/d\/([^/?#]+)/.exec(url);
  return plain !== null && plain[1] === formId;
}

function typedItem(item: Item, kind: FormItemKind): QuestionItem {
  switch (kind) {
    case 'LIST':
      return item.asListItem();
    case 'MULTIPLE_CHOICE':
      return item.asMultipleChoiceItem();
    case 'CHECKBOX':
      return item.asCheckboxItem();
    case 'TEXT':
      return item.asTextItem();
    case 'PARAGRAPH_TEXT':
      return item.asParagraphTextItem();
    case 'DATE':
      return item.asDateItem();
  }
}

function addItem(form: Form, kind: FormItemKind): QuestionItem {
  switch (kind) {
    case 'LIST':
      return form.addListItem();
    case 'MULTIPLE_CHOICE':
      return form.addMultipleChoiceItem();
    case 'CHECKBOX':
      return form.addCheckboxItem();
    case 'TEXT':
      return form.addTextItem();
    case 'PARAGRAPH_TEXT':
      return form.addParagraphTextItem();
    case 'DATE':
      return form.addDateItem();
  }
}

function isChoiceKind(kind: FormItemKind): boolean {
  return kind === 'LIST' || kind === 'MULTIPLE_CHOICE' || kind === 'CHECKBOX';
}

function choicesOf(item: QuestionItem, kind: FormItemKind): string[] | null {
  return isChoiceKind(kind) ? (item as ChoiceItem).getChoices().map((choice) => choice.getValue()) : null;
}

function applyChanges(item: QuestionItem, changes: ItemChanges): void {
  if (changes.title !== undefined) item.setTitle(changes.title);
  if (changes.helpText !== undefined) item.setHelpText(changes.helpText);
  if (changes.required !== undefined) item.setRequired(changes.required);
  if (changes.choices !== undefined) (item as ChoiceItem).setChoiceValues([...changes.choices]);
}

const KIND_LABEL: Readonly<Record<string, string>> = {
  LIST: 'danh sách thả xuống',
  MULTIPLE_CHOICE: 'trắc nghiệm',
  CHECKBOX: 'hộp kiểm',
  TEXT: 'trả lời ngắn',
  PARAGRAPH_TEXT: 'đoạn',
  DATE: 'ngày',
  SECTION_HEADER: 'tiêu đề phần',
  PAGE_BREAK: 'ngắt trang',
};

function kindLabel(kind: string): string {
  return KIND_LABEL[kind] ?? kind;
}

/** One form's setup, in the order described at the top of the file. */
class FormSetup {
  private readonly notes: string[] = [];
  private readonly settingsChanged: string[] = [];
  private readonly itemsAdded: string[] = [];
  private readonly itemsUpdated: string[] = [];
  private readonly choiceChanges: ChoiceChange[] = [];
  private readonly label: string;

  constructor(
    private readonly services: FormsSetupServices,
    private readonly spec: FormSpec,
    private readonly desired: DesiredForm,
  ) {
    this.label = FORM_KIND_LABEL[spec.kind];
    this.notes.push(...desired.warnings);
  }

  private get kind(): FormKind {
    return this.spec.kind;
  }

  /** The stored form if it still opens and writes here; else one found through its response sheet. */
  private findForm(spreadsheetId: string): { form: Form | null; storedLost: boolean } {
    const { formApp, properties, spreadsheet } = this.services;
    const storedId = properties.getProperty(formIdProperty(this.kind));
    let storedLost = false;
    if (storedId) {
      try {
        const form = formApp.openById(storedId);
        const destination = destinationOf(form);
        if (destination === null || destination === spreadsheetId) return { form, storedLost };
        this.notes.push(
          `Biểu mẫu ${this.label} đã lưu (mã ${storedId}) đang gửi câu trả lời về một bảng tính khác nên không dùng lại.`,
        );
      } catch (error) {
        this.notes.push(`Không mở được biểu mẫu ${this.label} đã lưu (mã ${storedId}): ${messageOf(error)}`);
      }
      storedLost = true;
    }
    const sheet = spreadsheet.getSheetByName(RESPONSE_SHEET[this.kind]);
    const url = sheet ? sheet.getFormUrl() : null;
    if (url) {
      try {
        const form = formApp.openByUrl(url);
        if (destinationOf(form) === spreadsheetId) {
          this.notes.push(`Đã tìm lại biểu mẫu ${this.label} qua trang «${RESPONSE_SHEET[this.kind]}».`);
          return { form, storedLost: false };
        }
      } catch {
        // The sheet names a form that is gone: make a new one below.
      }
    }
    return { form: null, storedLost };
  }

  run(): FormSetupOutcome {
    const { formApp, properties, spreadsheet } = this.services;
    const spreadsheetId = spreadsheet.getId();
    const found = this.findForm(spreadsheetId);
    let form = found.form;
    let status: FormSetupOutcome['status'] = 'found';
    if (!form) {
      form = formApp.create(this.desired.title);
      status = found.storedLost ? 'recreated' : 'created';
    }
    const formId = form.getId();
    if (properties.getProperty(formIdProperty(this.kind)) !== formId) {
      properties.setProperty(formIdProperty(this.kind), formId);
    }
    this.applySettings(form);
    if (destinationOf(form) !== spreadsheetId) {
      form.setDestination(formApp.DestinationType.SPREADSHEET, spreadsheetId);
      if (this.services.flush) this.services.flush();
      this.settingsChanged.push('gửi câu trả lời về bảng tính này');
    }
    const publishedUrl = form.getPublishedUrl();
    const responseSheet = this.nameResponseSheet(formId, publishedUrl);
    const placed = this.syncItems(form, false);
    this.storePrefillTemplate(form, placed);
    storeAnswerEntries(this.kind, form, placed, this.desired.items, this.services.properties);
    const trigger = this.ensureTrigger(formId);
    return {
      kind: this.kind,
      title: this.desired.title,
      formId,
      status,
      publishedUrl,
      editUrl: form.getEditUrl(),
      settingsChanged: this.settingsChanged,
      itemsAdded: this.itemsAdded,
      itemsUpdated: this.itemsUpdated,
      choiceChanges: this.choiceChanges,
      responseSheet,
      ...(trigger ? { trigger } : {}),
      notes: this.notes,
    };
  }

  /** Only the choices of an existing form; the form must have been set up. */
  refresh(): FormSetupOutcome {
    const { formApp, properties } = this.services;
    const storedId = properties.getProperty(formIdProperty(this.kind));
    if (!storedId) throw new FormNotSetUpError(this.kind, 'chưa thiết lập');
    let form: Form;
    try {
      form = formApp.openById(storedId);
    } catch (error) {
      throw new FormNotSetUpError(this.kind, messageOf(error));
    }
    this.syncItems(form, true);
    return {
      kind: this.kind,
      title: this.desired.title,
      formId: storedId,
      status: 'found',
      publishedUrl: form.getPublishedUrl(),
      editUrl: form.getEditUrl(),
      settingsChanged: [],
      itemsAdded: [],
      itemsUpdated: this.itemsUpdated,
      choiceChanges: this.choiceChanges,
      responseSheet: 'kept',
      notes: this.notes,
    };
  }

  private applySettings(form: Form): void {
    const changed = (label: string) => this.settingsChanged.push(label);
    if (form.getTitle() !== this.desired.title) {
      form.setTitle(this.desired.title);
      changed('tiêu đề');
    }
    // Forms made through the API after January 2026 start unpublished; older runtimes have no
    // publishing methods (and publish on creation).
    const publishing = form as unknown as {
      isPublished?: () => boolean;
      setPublished?: (enabled: boolean) => Form;
    };
    if (typeof publishing.setPublished === 'function' && typeof publishing.isPublished === 'function') {
      if (!publishing.isPublished()) {
        publishing.setPublished(true);
        changed('xuất bản');
      }
    }
    // A verified address (the respondent signed in to Google) is what the identity check relies on.
    const verified = (this.services.formApp as unknown as { EmailCollectionType?: { VERIFIED?: unknown } })
      .EmailCollectionType?.VERIFIED;
    const collection = form as unknown as {
      getEmailCollectionType?: () => unknown;
      setEmailCollectionType?: (type: unknown) => Form;
    };
    if (
      verified !== undefined &&
      typeof collection.getEmailCollectionType === 'function' &&
      typeof collection.setEmailCollectionType === 'function'
    ) {
      if (String(collection.getEmailCollectionType()) !== String(verified)) {
        collection.setEmailCollectionType(verified);
        changed('thu địa chỉ email đã xác minh');
      }
    } else if (!form.collectsEmail()) {
      form.setCollectEmail(true);
      changed('thu địa chỉ email');
    }
    if (!form.canEditResponse()) {
      form.setAllowResponseEdits(true);
      changed('cho phép sửa câu trả lời');
    }
    if (!form.isAcceptingResponses()) {
      form.setAcceptingResponses(true);
      changed('nhận câu trả lời');
    }
    this.applySignIn(form);
    if (form.getConfirmationMessage() !== this.desired.confirmationMessage) {
      form.setConfirmationMessage(this.desired.confirmationMessage);
      changed('lời nhắn sau khi gửi');
    }
  }

  /**
   * `Yêu cầu đăng nhập Google`, read back and set whenever the form differs (a domain administrator
   * may change the default of new forms). FormApp's setRequireLogin restricts the form to accounts
   * of the owner's Workspace domain; Google offers it only to Workspace users, so on another
   * account the form stays open to anyone and the note says so.
   */
  private applySignIn(form: Form): void {
    const wanted = this.desired.requireSignIn;
    if (form.requiresLogin() !== wanted) {
      try {
        form.setRequireLogin(wanted);
        this.settingsChanged.push(wanted ? 'chỉ nhận người đăng nhập trong miền' : 'không yêu cầu đăng nhập');
      } catch {
        this.notes.push(
          `Biểu mẫu ${this.label}: không đặt được «Yêu cầu đăng nhập Google» = «có» vì chỉ tài khoản Google ` +
            'Workspace mới giới hạn được người trả lời trong miền; biểu mẫu vẫn nhận mọi người có đường dẫn. ' +
            'Hãy ghi «không» trong «Cấu hình», hoặc chạy thiết lập bằng tài khoản Workspace của Phòng.',
        );
      }
    }
  }

  /**
   * Gives the sheet Forms writes this form's responses to its name in the workbook. The sheet that
   * `init` made under that name, if still empty, gives way; one with rows, or one another form
   * writes to, is kept under `(cũ)`.
   */
  private nameResponseSheet(formId: string, publishedUrl: string): FormSetupOutcome['responseSheet'] {
    const { spreadsheet } = this.services;
    const target = RESPONSE_SHEET[this.kind];
    const isLinked = (sheet: GoogleAppsScript.Spreadsheet.Sheet) =>
      namesForm(sheet.getFormUrl(), formId, publishedUrl);
    const named = spreadsheet.getSheetByName(target);
    if (named && isLinked(named)) return 'kept';
    const linked = spreadsheet.getSheets().filter(isLinked)[0];
    if (!linked) {
      this.notes.push(
        `Chưa thấy trang câu trả lời của biểu mẫu ${this.label} trong bảng tính; chạy lại «Thiết lập ban đầu» sau ít phút.`,
      );
      return 'missing';
    }
    if (named) {
      const linkedElsewhere = Boolean(named.getFormUrl());
      if (!linkedElsewhere && named.getLastRow() <= 1) {
        spreadsheet.deleteSheet(named);
      } else {
        let spare = `${target} (cũ)`;
        for (let number = 2; spreadsheet.getSheetByName(spare); number += 1)
          spare = `${target} (cũ ${number})`;
        named.setName(spare);
        this.notes.push(
          linkedElsewhere
            ? `Trang «${target}» nhận câu trả lời của một biểu mẫu khác nên được đổi tên thành «${spare}».`
            : `Trang «${target}» đã có dữ liệu nên được đổi tên thành «${spare}».`,
        );
      }
    }
    linked.setName(target);
    return 'renamed';
  }

  /** Makes the items right; returns the item placed for each spec question (by key). */
  private syncItems(form: Form, choicesOnly: boolean): Map<string, QuestionItem> {
    const items = form.getItems();
    const existing: ExistingItem[] = items.map((item) => ({
      id: item.getId(),
      title: item.getTitle(),
      kind: String(item.getType()),
    }));
    const itemById = new Map<number, Item>();
    existing.forEach((entry, index) => itemById.set(entry.id, items[index] as Item));
    const matching = matchItems(this.desired.items, existing);
    const placed = new Map<string, QuestionItem>();
    const positions: (number | null)[] = [];
    const created: { index: number; item: QuestionItem }[] = [];
    const dynamicKeys = new Set(
      this.spec.questions
        .filter((question) => question.choicesFrom !== undefined)
        .map((question) => question.key),
    );
    matching.matches.forEach((match, index) => {
      const desired = match.desired;
      if (match.status === 'wrongKind') {
        this.notes.push(
          `Câu hỏi «${desired.title}» của biểu mẫu ${this.label} đang là kiểu «${kindLabel(match.existing.kind)}», ` +
            `cần kiểu «${kindLabel(desired.kind)}»: hãy xóa câu hỏi đó trên Google Form rồi chạy lại «Thiết lập ban đầu».`,
        );
        positions.push(match.existing.id);
        return;
      }
      if (match.status === 'missing') {
        positions.push(null);
        if (choicesOnly) {
          this.notes.push(
            `Biểu mẫu ${this.label} thiếu câu hỏi «${desired.title}»: hãy chạy «Thiết lập ban đầu».`,
          );
          return;
        }
        const item = this.createItem(form, desired);
        placed.set(desired.key, item);
        created.push({ index, item });
        this.itemsAdded.push(desired.title);
        return;
      }
      positions.push(match.existing.id);
      const item = typedItem(itemById.get(match.existing.id) as Item, desired.kind);
      placed.set(desired.key, item);
      if (choicesOnly && !dynamicKeys.has(desired.key)) return;
      const before = choicesOf(item, desired.kind);
      const changes = choicesOnly
        ? itemChanges(desired, {
            title: desired.title,
            helpText: desired.helpText,
            required: desired.required,
            choices: before,
          })
        : itemChanges(desired, {
            title: match.existing.title,
            helpText: item.getHelpText(),
            required: item.isRequired(),
            choices: before,
          });
      if (!hasChanges(changes)) return;
      applyChanges(item, changes);
      this.itemsUpdated.push(desired.title);
      if (changes.choices)
        this.choiceChanges.push({ title: desired.title, ...choiceDifference(before ?? [], changes.choices) });
    });
    if (!choicesOnly) {
      // A new form's items are created in spec order already.
      if (existing.length > 0) this.placeCreated(form, created, positions);
      if (matching.duplicates.length > 0) {
        this.notes.push(
          `Biểu mẫu ${this.label} có câu hỏi trùng tên (${matching.duplicates
            .map((item) => `«${item.title}»`)
            .join(', ')}): chỉ câu hỏi đầu tiên được dùng, hãy xóa bản thừa trên Google Form.`,
        );
      }
    }
    return placed;
  }

  private createItem(form: Form, desired: DesiredItem): QuestionItem {
    const item = addItem(form, desired.kind);
    item.setTitle(desired.title);
    if (desired.helpText) item.setHelpText(desired.helpText);
    if (desired.required) item.setRequired(true);
    if (desired.choices) (item as ChoiceItem).setChoiceValues([...desired.choices]);
    if (desired.textRule && desired.kind === 'TEXT') {
      const validation = this.services.formApp
        .createTextValidation()
        .setHelpText(desired.textRule.helpText)
        .requireTextMatchesPattern(desired.textRule.pattern)
        .build();
      (item as GoogleAppsScript.Forms.TextItem).setValidation(validation);
    }
    return item;
  }

  /** A new item lands at the end of the form: move it right after the question before it in the spec. */
  private placeCreated(
    form: Form,
    created: readonly { index: number; item: QuestionItem }[],
    positions: (number | null)[],
  ): void {
    for (const { index, item } of created) {
      let target = 0;
      for (let before = index - 1; before >= 0; before -= 1) {
        const id = positions[before];
        if (id !== null && id !== undefined) {
          const previous = form.getItemById(id);
          target = previous ? previous.getIndex() + 1 : 0;
          break;
        }
      }
      const current = item.getIndex();
      if (target < current) form.moveItem(current, target);
      positions[index] = item.getId();
    }
  }

  /** One pre-filled link with sample answers teaches where each answer goes (prefilled-link.ts). */
  private storePrefillTemplate(form: Form, placed: ReadonlyMap<string, QuestionItem>): void {
    const roleKeys: Partial<Record<PrefilledRole, string>> = {};
    for (const question of this.spec.questions) {
      if (question.choicesFrom === 'units') roleKeys.unit = question.key;
      else if (question.choicesFrom === 'reportPeriods') roleKeys.period = question.key;
      else if (question.format === 'confirmationCode') roleKeys.code = question.key;
    }
    const samples: PrefilledAnswers = {};
    let response = form.createResponse();
    for (const role of ['unit', 'code', 'period'] as const) {
      const key = roleKeys[role];
      const item = key ? placed.get(key) : undefined;
      const desired = this.desired.items.find((candidate) => candidate.key === key);
      if (!key || !item || !desired) continue;
      const sample = role === 'code' ? SAMPLE_CODE : desired.choices?.[0];
      if (sample === undefined) continue;
      samples[role] = sample;
      response = response.withItemResponse(
        (item as GoogleAppsScript.Forms.ListItem | GoogleAppsScript.Forms.TextItem).createResponse(sample),
      );
    }
    if (samples.unit === undefined) {
      this.notes.push(
        `Chưa tạo được đường liên kết điền sẵn cho biểu mẫu ${this.label}: câu hỏi chọn đơn vị chưa có hoặc chưa có lựa chọn nào.`,
      );
      return;
    }
    const template: PrefilledLinkTemplate = templateFromSampleLink(response.toPrefilledUrl(), samples);
    const text = JSON.stringify(template);
    if (this.services.properties.getProperty(prefillTemplateProperty(this.kind)) !== text) {
      this.services.properties.setProperty(prefillTemplateProperty(this.kind), text);
    }
  }

  private ensureTrigger(formId: string): TriggerOutcome | undefined {
    const triggers = this.services.triggers;
    if (!triggers) return undefined;
    const handler = (triggers.handlers ?? FORM_SUBMIT_HANDLER)[this.kind];
    // The handler belongs to this form alone: a trigger left on a form that was replaced goes.
    return ensureTrigger(
      triggers.scriptApp,
      { kind: 'formSubmit', handler, formId },
      { settings: triggers.settings, replaceOtherSources: true },
    );
  }
}

function sourcesOf(input: FormsSetupInput) {
  return { units: input.units, reportPeriods: input.periods.filter((period) => period.form === 'report') };
}

/** Creates or finds both forms and makes every setting, item and trigger right. */
export function setUpForms(services: FormsSetupServices, input: FormsSetupInput): FormsSetupReport {
  const kinds = input.kinds ?? (['plan', 'report'] as const);
  return {
    forms: kinds.map((kind) => {
      const spec = FORM_SPECS[kind];
      return new FormSetup(services, spec, desiredForm(spec, input.config, sourcesOf(input))).run();
    }),
  };
}

/** Updates the `Đơn vị` and `Kỳ báo cáo` choices of the forms setup made; touches nothing else. */
export function refreshChoices(services: FormsSetupServices, input: FormsSetupInput): FormsSetupReport {
  const kinds = input.kinds ?? (['plan', 'report'] as const);
  return {
    forms: kinds.map((kind) => {
      const spec = FORM_SPECS[kind];
      return new FormSetup(services, spec, desiredForm(spec, input.config, sourcesOf(input))).refresh();
    }),
  };
}

/** The stored pre-filled link templates, by form (absent for a form not set up yet). */
export function readPrefillTemplates(
  properties: Pick<GoogleAppsScript.Properties.Properties, 'getProperty'>,
): Partial<Record<FormKind, PrefilledLinkTemplate>> {
  const templates: Partial<Record<FormKind, PrefilledLinkTemplate>> = {};
  for (const kind of ['plan', 'report'] as const) {
    const text = properties.getProperty(prefillTemplateProperty(kind));
    if (text) templates[kind] = JSON.parse(text) as PrefilledLinkTemplate;
  }
  return templates;
}

const STATUS_LABEL: Readonly<Record<FormSetupOutcome['status'], string>> = {
  created: 'đã tạo mới',
  found: 'đã có',
  recreated: 'đã tạo lại',
};

/** The report as Vietnamese lines, for a dialog after setup or a refresh. */
export function describeFormsSetup(report: FormsSetupReport): string {
  const lines: string[] = [];
  for (const outcome of report.forms) {
    lines.push(`Biểu mẫu «${outcome.title}»: ${STATUS_LABEL[outcome.status]}.`);
    if (outcome.settingsChanged.length > 0) lines.push(`  Đã chỉnh: ${outcome.settingsChanged.join(', ')}.`);
    if (outcome.itemsAdded.length > 0) lines.push(`  Đã thêm ${outcome.itemsAdded.length} câu hỏi.`);
    const updated = outcome.itemsUpdated.filter(
      (title) => !outcome.choiceChanges.some((change) => change.title === title),
    );
    if (updated.length > 0) lines.push(`  Đã cập nhật: ${updated.map((title) => `«${title}»`).join(', ')}.`);
    for (const change of outcome.choiceChanges) {
      lines.push(
        `  Lựa chọn của «${change.title}»: thêm ${change.added.length}, bỏ ${change.removed.length}.`,
      );
    }
    if (outcome.responseSheet === 'renamed')
      lines.push(`  Câu trả lời ghi vào trang «${RESPONSE_SHEET[outcome.kind]}».`);
    if (outcome.trigger && outcome.trigger.action !== 'kept')
      lines.push('  Đã cài trình kích hoạt khi có câu trả lời.');
    lines.push(`  Đường dẫn cho đơn vị: ${outcome.publishedUrl}`);
    outcome.notes.forEach((note) => lines.push(`  Lưu ý: ${note}`));
  }
  return lines.join('\n');
}
