// What a Google Form should look like for a form spec, and what to change in an existing one to get
// there. Setup runs again and again (and the department may have edited the form by hand), so the
// rules are: match items by normalised title (titleKey), change only what differs, add what is
// missing, and never delete or retype an item (it may hold responses): such cases are reported.
import { FORM_KIND_LABEL, type CampaignConfig, type FormKind } from './campaign';
import { choicesFor, type ChoiceSources, type FormSpec, type QuestionType } from './forms/spec';
import { titleKey } from './text';

/** Google Forms item types (FormApp.ItemType names) that the specs use. */
export type FormItemKind = 'LIST' | 'MULTIPLE_CHOICE' | 'CHECKBOX' | 'TEXT' | 'PARAGRAPH_TEXT' | 'DATE';

export const ITEM_KIND_OF: Readonly<Record<QuestionType, FormItemKind>> = {
  dropdown: 'LIST',
  multipleChoice: 'MULTIPLE_CHOICE',
  checkboxes: 'CHECKBOX',
  shortText: 'TEXT',
  wholeNumber: 'TEXT',
  decimal: 'TEXT',
  paragraph: 'PARAGRAPH_TEXT',
  date: 'DATE',
};

/**
 * A check the Form itself makes before sending (Forms' "regular expression: matches", RE2 syntax,
 * whole answer). Looser than the domain's own parsing, which still decides and explains; this only
 * spares a school the round trip for an obvious slip.
 */
export interface TextRule {
  readonly pattern: string;
  readonly helpText: string;
}

export const TEXT_RULE_OF: Readonly<Partial<Record<QuestionType, TextRule>>> = {
  wholeNumber: {
    pattern: '\\s*(\\d+|\\d{1,3}([., ]\\d{3})+)\\s*',
    helpText: 'Nhập một số nguyên không âm, ví dụ 12 hoặc 1.234.',
  },
  decimal: {
    pattern: '\\s*\\d+([.,]\\d+)? ?%?\\s*',
    helpText: 'Nhập một số, phần thập phân sau dấu phẩy hoặc dấu chấm, ví dụ 85,5.',
  },
};

export interface DesiredItem {
  readonly key: string;
  readonly title: string;
  readonly kind: FormItemKind;
  readonly required: boolean;
  readonly helpText: string;
  /** The choices to offer; null for an item without choices, or when the workbook has none to give. */
  readonly choices: readonly string[] | null;
  /** Set when the item is created (Forms offers no way to read a validation back). */
  readonly textRule: TextRule | null;
}

export interface DesiredForm {
  readonly kind: FormKind;
  readonly title: string;
  readonly confirmationMessage: string;
  /** Only accounts of the department's Workspace domain may answer (`Yêu cầu đăng nhập Google`). */
  readonly requireSignIn: boolean;
  readonly items: readonly DesiredItem[];
  /** Vietnamese, for the setup report: what could not be made right from the workbook. */
  readonly warnings: readonly string[];
}

/** The message a school sees after sending: who received it, what happens next, whom to ask. */
export function confirmationMessage(
  kind: FormKind,
  config: Pick<CampaignConfig, 'agencyName' | 'contactName' | 'contactEmail' | 'contactPhone'>,
): string {
  const what = FORM_KIND_LABEL[kind].toLowerCase();
  const contacts = [
    config.contactEmail ? `email ${config.contactEmail}` : '',
    config.contactPhone ? `điện thoại ${config.contactPhone}` : '',
  ].filter(Boolean);
  const reach = contacts.length > 0 ? ` (${contacts.join(', ')})` : '';
  const contact = config.contactName
    ? `Mọi thắc mắc, xin liên hệ đồng chí ${config.contactName}${reach}.`
    : `Mọi thắc mắc, xin liên hệ ${config.agencyName}${reach}.`;
  return [
    `${config.agencyName} đã nhận ${what} của quý đơn vị.`,
    'Kết quả kiểm tra sẽ được gửi đến địa chỉ email đã dùng để nộp. Nếu cần sửa hoặc bổ sung, quý đơn vị dùng đường liên kết chỉnh sửa câu trả lời (trên trang này và trong thư xác nhận), không nộp lại từ đầu.',
    contact,
    'Trân trọng cảm ơn.',
  ].join('\n');
}

export function desiredForm(spec: FormSpec, config: CampaignConfig, sources: ChoiceSources): DesiredForm {
  const warnings: string[] = [];
  const items = spec.questions.map((question): DesiredItem => {
    const kind = ITEM_KIND_OF[question.type];
    let choices: readonly string[] | null = null;
    if (kind === 'LIST' || kind === 'MULTIPLE_CHOICE' || kind === 'CHECKBOX') {
      const offered = choicesFor(question, sources);
      if (offered.length > 0) {
        choices = offered;
      } else {
        const source = question.choicesFrom === 'units' ? 'đơn vị đang hoạt động' : 'kỳ báo cáo';
        warnings.push(
          `Biểu mẫu ${FORM_KIND_LABEL[spec.kind]}: chưa có ${source} nào nên câu hỏi «${question.title}» chưa có lựa chọn.`,
        );
      }
    }
    return {
      key: question.key,
      title: question.title,
      kind,
      required: question.required,
      helpText: question.helpText ?? '',
      choices,
      textRule: TEXT_RULE_OF[question.type] ?? null,
    };
  });
  return {
    kind: spec.kind,
    title: spec.title(config),
    confirmationMessage: confirmationMessage(spec.kind, config),
    requireSignIn: config.requireSignIn,
    items,
    warnings,
  };
}

/** An item as found in the form: enough to match it. */
export interface ExistingItem {
  readonly id: number;
  readonly title: string;
  /** FormApp.ItemType name, e.g. `LIST`, `SECTION_HEADER`. */
  readonly kind: string;
}

export type ItemMatch =
  | { readonly status: 'missing'; readonly desired: DesiredItem }
  | { readonly status: 'found'; readonly desired: DesiredItem; readonly existing: ExistingItem }
  | { readonly status: 'wrongKind'; readonly desired: DesiredItem; readonly existing: ExistingItem };

export interface ItemMatching {
  /** One per desired item, in spec order. */
  readonly matches: readonly ItemMatch[];
  /** Items no spec question names (added by hand): left alone. */
  readonly unknown: readonly ExistingItem[];
  /** Further items with the title of a question that already matched an item: left alone. */
  readonly duplicates: readonly ExistingItem[];
}

export function matchItems(desired: readonly DesiredItem[], existing: readonly ExistingItem[]): ItemMatching {
  const byTitle = new Map<string, ExistingItem[]>();
  for (const item of existing) {
    const key = titleKey(item.title);
    byTitle.set(key, [...(byTitle.get(key) ?? []), item]);
  }
  const used = new Set<number>();
  const duplicates: ExistingItem[] = [];
  const matches = desired.map((item): ItemMatch => {
    const candidates = byTitle.get(titleKey(item.title)) ?? [];
    // Prefer an item of the right kind: a hand-made section header may share a question's title.
    const chosen = candidates.find((candidate) => candidate.kind === item.kind) ?? candidates[0];
    if (!chosen) return { status: 'missing', desired: item };
    candidates.filter((candidate) => candidate !== chosen).forEach((candidate) => duplicates.push(candidate));
    candidates.forEach((candidate) => used.add(candidate.id));
    return chosen.kind === item.kind
      ? { status: 'found', desired: item, existing: chosen }
      : { status: 'wrongKind', desired: item, existing: chosen };
  });
  return { matches, unknown: existing.filter((item) => !used.has(item.id)), duplicates };
}

/** An item's current settings, as read from the form. */
export interface ItemDetails {
  readonly title: string;
  readonly helpText: string;
  readonly required: boolean;
  /** null for an item without choices. */
  readonly choices: readonly string[] | null;
}

export interface ItemChanges {
  readonly title?: string;
  readonly helpText?: string;
  readonly required?: boolean;
  readonly choices?: readonly string[];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** What to set on a found item so that it is the desired one; empty when it already is. */
export function itemChanges(desired: DesiredItem, current: ItemDetails): ItemChanges {
  return {
    ...(current.title !== desired.title ? { title: desired.title } : {}),
    ...(current.helpText !== desired.helpText ? { helpText: desired.helpText } : {}),
    ...(current.required !== desired.required ? { required: desired.required } : {}),
    ...(desired.choices && !sameList(current.choices ?? [], desired.choices)
      ? { choices: desired.choices }
      : {}),
  };
}

export function hasChanges(changes: ItemChanges): boolean {
  return Object.keys(changes).length > 0;
}

/** Choices added and removed, for the report of a refresh. */
export function choiceDifference(
  before: readonly string[],
  after: readonly string[],
): { readonly added: readonly string[]; readonly removed: readonly string[] } {
  const beforeSet = new Set(before);
  const afterSet = new Set(after);
  return {
    added: after.filter((choice) => !beforeSet.has(choice)),
    removed: before.filter((choice) => !afterSet.has(choice)),
  };
}
