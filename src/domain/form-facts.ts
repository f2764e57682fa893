// The forms' facts in the workbook (`Biểu mẫu`): which form, its id, its address and the `entry.N`
// of each pre-filled question. Setup learns them from Google (forms-setup.ts) and writes them
// here, so that every shell — Apps Script, the `.xlsx` file, the Sheets API — builds the same
// pre-filled link for a unit (prefilled-link.ts) without asking Google, and without the Apps
// Script document properties that only Apps Script can read.
import { FORM_KIND_LABEL, type FormKind } from './campaign';
import { FORM_FACT_COLUMNS, SHEET } from './layout';
import type { InputProblem } from './problems';
import { formLinksFrom, type FormLinks, type PrefilledLinkTemplate } from './prefilled-link';
import { cellText, readRecords, type CellValue, type Table } from './table';
import { foldForMatch } from './text';

export interface FormFact {
  readonly kind: FormKind;
  readonly formId: string;
  readonly template: PrefilledLinkTemplate;
}

export interface FormFacts {
  readonly facts: readonly FormFact[];
  /** Rows that cannot make a link; the configuration check reports them, mail goes without a link. */
  readonly problems: readonly InputProblem[];
}

const FORM_URL = /^https:\/\/docs\.google\.com\/forms\/[^?#\s]+\/viewform$/;
const ENTRY = /^entry\.\d+$/;

const ENTRY_COLUMN = {
  unit: FORM_FACT_COLUMNS.unitEntry,
  code: FORM_FACT_COLUMNS.codeEntry,
  period: FORM_FACT_COLUMNS.periodEntry,
} as const;

function kindOf(label: string): FormKind | undefined {
  const key = foldForMatch(label);
  return (Object.keys(FORM_KIND_LABEL) as FormKind[]).find(
    (kind) => foldForMatch(FORM_KIND_LABEL[kind]) === key,
  );
}

/** The facts of `Biểu mẫu`; a workbook without the sheet (forms not set up yet) has none. */
export function readFormFacts(table: Table | undefined): FormFacts {
  if (!table) return { facts: [], problems: [] };
  const problems: InputProblem[] = [];
  let records;
  try {
    records = readRecords(table, SHEET.forms, {
      required: [FORM_FACT_COLUMNS.form, FORM_FACT_COLUMNS.viewUrl, FORM_FACT_COLUMNS.unitEntry],
      optional: [FORM_FACT_COLUMNS.formId, FORM_FACT_COLUMNS.codeEntry, FORM_FACT_COLUMNS.periodEntry],
    });
  } catch (error) {
    const detail = (error as { problems?: readonly InputProblem[] }).problems;
    if (!detail) throw error;
    return { facts: [], problems: detail };
  }
  const facts: FormFact[] = [];
  for (const record of records) {
    const at = (column: string, message: string): InputProblem => ({
      where: SHEET.forms,
      row: record.rowNumber,
      column,
      message,
    });
    const label = cellText(record.get(FORM_FACT_COLUMNS.form));
    const kind = kindOf(label);
    const viewUrl = cellText(record.get(FORM_FACT_COLUMNS.viewUrl));
    const before = problems.length;
    if (!kind) {
      problems.push(
        at(
          FORM_FACT_COLUMNS.form,
          `«${label}» không phải biểu mẫu nào; ghi «${FORM_KIND_LABEL.plan}» hoặc «${FORM_KIND_LABEL.report}».`,
        ),
      );
    } else if (facts.some((fact) => fact.kind === kind)) {
      problems.push(at(FORM_FACT_COLUMNS.form, `biểu mẫu «${label}» có hai dòng; chỉ giữ một.`));
    }
    if (!FORM_URL.test(viewUrl)) {
      problems.push(
        at(
          FORM_FACT_COLUMNS.viewUrl,
          `«${viewUrl}» không phải đường dẫn điền biểu mẫu Google (https://docs.google.com/forms/…/viewform).`,
        ),
      );
    }
    const entries: Partial<Record<keyof typeof ENTRY_COLUMN, string>> = {};
    for (const role of Object.keys(ENTRY_COLUMN) as (keyof typeof ENTRY_COLUMN)[]) {
      const entry = cellText(record.get(ENTRY_COLUMN[role]));
      if (entry === '' && role !== 'unit') continue;
      if (!ENTRY.test(entry)) {
        problems.push(at(ENTRY_COLUMN[role], `«${entry}» không phải mục của biểu mẫu (dạng entry.123456).`));
      } else {
        entries[role] = entry;
      }
    }
    if (problems.length > before || !kind) continue;
    facts.push({
      kind,
      formId: cellText(record.get(FORM_FACT_COLUMNS.formId)),
      template: { formUrl: viewUrl, entries },
    });
  }
  return { facts, problems };
}

/** Each unit's link from the facts of `Biểu mẫu` (none for a form without a valid row). */
export function formLinksOf(facts: FormFacts): FormLinks {
  return formLinksFrom(Object.fromEntries(facts.facts.map((fact) => [fact.kind, fact.template])));
}

export function formFactRow(fact: FormFact): CellValue[] {
  return [
    FORM_KIND_LABEL[fact.kind],
    fact.formId,
    fact.template.formUrl,
    fact.template.entries.unit ?? null,
    fact.template.entries.code ?? null,
    fact.template.entries.period ?? null,
  ];
}
