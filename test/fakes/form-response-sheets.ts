// What Google Forms does to a spreadsheet it sends responses to, played on the SpreadsheetApp fake:
// linking adds a response sheet at the front (`Câu trả lời biểu mẫu N` in a Vietnamese-locale
// file, `Form Responses N` in English), with `Dấu thời gian`, `Địa chỉ email` (when the form
// collects e-mails) and a column per question; a new question adds a column at the right, a
// renamed one renames its column; each response writes a row, and an edit rewrites the same row.
//
// Forms writes answers as Sheets reads typed text: `0901234567` becomes the number 901234567 and
// `1.234` the number 1234 in a vi_VN file, which is why a submission must be read from the
// FormResponse, not from the sheet, when the exact text matters.
//
// Sheets' own `Sheet.getFormUrl()` is added to the SpreadsheetApp fake's sheets here (null for a
// sheet no form writes to), since only a linked sheet has a form URL.

import type { FakeFormApp, FormResponseSheetHost, LinkedFormInfo, WrittenResponse } from './form-app';
import { FakeSheet, type FakeSpreadsheet } from './spreadsheet-app';

export type SpreadsheetLocale = 'vi' | 'en';

const FIXED_HEADERS: Record<SpreadsheetLocale, { sheet: string; timestamp: string; email: string }> = {
  vi: { sheet: 'Câu trả lời biểu mẫu', timestamp: 'Dấu thời gian', email: 'Địa chỉ email' },
  en: { sheet: 'Form Responses', timestamp: 'Timestamp', email: 'Email Address' },
};

const formUrlBySheet = new WeakMap<FakeSheet, string>();

function installGetFormUrl(): void {
  if ('getFormUrl' in FakeSheet.prototype) return;
  Object.defineProperty(FakeSheet.prototype, 'getFormUrl', {
    configurable: true,
    value(this: FakeSheet): string | null {
      this.calls.record('Sheet.getFormUrl');
      return formUrlBySheet.get(this) ?? null;
    },
  });
}

/** A number as a vi_VN sheet reads typed text; null when it stays text. */
function typedNumber(text: string): number | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(trimmed)) return Number(trimmed.replace(/\./g, '').replace(',', '.'));
  if (/^\d+,\d+$/.test(trimmed)) return Number(trimmed.replace(',', '.'));
  return null;
}

interface LinkedSheet {
  readonly sheet: FakeSheet;
  /** Column (1-based) of the timestamp and e-mail columns. */
  readonly fixedColumns: Map<string, number>;
  /** Column (1-based) of each question, by item id: a renamed question keeps its column. */
  readonly questionColumns: Map<number, number>;
  readonly rowByResponse: Map<string, number>;
  width: number;
  nextRow: number;
}

export class FakeFormResponseSheets implements FormResponseSheetHost {
  private readonly linked = new Map<string, LinkedSheet>();

  constructor(
    private readonly spreadsheet: FakeSpreadsheet,
    private readonly locale: SpreadsheetLocale = 'vi',
  ) {
    installGetFormUrl();
  }

  get spreadsheetId(): string {
    return this.spreadsheet.spreadsheetId;
  }

  /** The sheet a form writes to now (whatever it has been renamed to), if any. */
  sheetOf(formId: string): FakeSheet | undefined {
    return this.linked.get(formId)?.sheet;
  }

  linkForm(link: LinkedFormInfo): void {
    const fixed = FIXED_HEADERS[this.locale];
    const taken = new Set(this.spreadsheet.getSheets().map((sheet) => sheet.currentName));
    let number = 1;
    while (taken.has(`${fixed.sheet} ${number}`)) number += 1;
    const sheet = this.spreadsheet.insertSheet(`${fixed.sheet} ${number}`, 0);
    formUrlBySheet.set(sheet, link.formUrl);
    const entry: LinkedSheet = {
      sheet,
      fixedColumns: new Map(),
      questionColumns: new Map(),
      rowByResponse: new Map(),
      width: 0,
      nextRow: 2,
    };
    this.linked.set(link.formId, entry);
    this.fixedColumn(entry, fixed.timestamp);
    this.updateColumns(link);
  }

  updateColumns(link: LinkedFormInfo): void {
    const entry = this.linked.get(link.formId);
    if (!entry) return;
    if (link.collectsEmail) this.fixedColumn(entry, FIXED_HEADERS[this.locale].email);
    for (const question of link.questions) {
      const column = entry.questionColumns.get(question.itemId);
      if (column === undefined) {
        entry.width += 1;
        entry.questionColumns.set(question.itemId, entry.width);
        entry.sheet.cellAt(1, entry.width).value = question.title;
      } else {
        entry.sheet.cellAt(1, column).value = question.title;
      }
    }
  }

  writeResponse(link: LinkedFormInfo, response: WrittenResponse): void {
    const entry = this.linked.get(link.formId);
    if (!entry) return;
    const fixed = FIXED_HEADERS[this.locale];
    let row = entry.rowByResponse.get(response.responseId);
    if (row === undefined) {
      row = entry.nextRow;
      entry.nextRow += 1;
      entry.rowByResponse.set(response.responseId, row);
    }
    const cell = (column: number) => entry.sheet.cellAt(row as number, column);
    cell(this.fixedColumn(entry, fixed.timestamp)).value = response.timestamp;
    if (link.collectsEmail) cell(this.fixedColumn(entry, fixed.email)).value = response.email;
    // An edit rewrites the whole row: a cleared answer leaves its cell empty.
    entry.questionColumns.forEach((column, itemId) => {
      const answer = response.answers.get(itemId);
      if (answer === undefined) cell(column).value = '';
      else cell(column).value = answer instanceof Date ? answer : (typedNumber(answer) ?? answer);
    });
  }

  unlinkForm(formId: string): void {
    const entry = this.linked.get(formId);
    if (!entry) return;
    formUrlBySheet.delete(entry.sheet);
    this.linked.delete(formId);
  }

  private fixedColumn(entry: LinkedSheet, title: string): number {
    const existing = entry.fixedColumns.get(title);
    if (existing !== undefined) return existing;
    entry.width += 1;
    entry.fixedColumns.set(title, entry.width);
    entry.sheet.cellAt(1, entry.width).value = title;
    return entry.width;
  }
}

/** Wires a spreadsheet fake as the place Forms writes the responses of forms linked to it. */
export function linkFakeSpreadsheet(
  formApp: FakeFormApp,
  spreadsheet: FakeSpreadsheet,
  locale: SpreadsheetLocale = 'vi',
): FakeFormResponseSheets {
  const host = new FakeFormResponseSheets(spreadsheet, locale);
  formApp.linkSpreadsheet(host);
  return host;
}
