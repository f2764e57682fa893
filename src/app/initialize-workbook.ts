// A new workbook: every sheet of the contract with its headers, the campaign defaults, and the
// units if given. Used by `hannop init` and by the Apps Script setup for sheets that are missing.
import { formFactRow, type FormFact } from '../domain/form-facts';
import { DEFAULT_CONFIG_ROWS, DEFAULT_PERIOD_ROWS } from '../domain/defaults';
import { DEFAULT_HOLIDAY_ROWS } from '../domain/holidays';
import {
  CONFIG_COLUMNS,
  EVENT_LOG_COLUMNS,
  FORM_FACT_COLUMNS,
  HOLIDAY_COLUMNS,
  MAIL_LOG_COLUMNS,
  PERIOD_COLUMNS,
  SHEET,
  SUBMISSION_COLUMNS,
  UNIT_COLUMNS,
  columnsOf,
} from '../domain/layout';
import { encodeRows, type CellValue } from '../domain/table';
import { formatVietnameseDate } from '../domain/time';
import type { Unit } from '../domain/units';
import type { SheetWrite, Workbook } from '../ports';

export function unitRow(unit: Unit): Record<string, CellValue> {
  return {
    [UNIT_COLUMNS.code]: unit.code,
    [UNIT_COLUMNS.name]: unit.name,
    [UNIT_COLUMNS.level]: unit.level,
    [UNIT_COLUMNS.ownership]: unit.ownership,
    [UNIT_COLUMNS.ward]: unit.ward,
    [UNIT_COLUMNS.emails]: unit.emails.join('; '),
    [UNIT_COLUMNS.head]: unit.head,
    [UNIT_COLUMNS.phone]: unit.phone,
    [UNIT_COLUMNS.isActive]: unit.isActive ? 'Có' : 'Không',
    [UNIT_COLUMNS.confirmationCode]: unit.confirmationCode,
    [UNIT_COLUMNS.activeFrom]: unit.activeFrom ? formatVietnameseDate(unit.activeFrom) : '',
  };
}

/** `Biểu mẫu` made exactly these facts (setup and the demo write it whole). */
export function formFactsWrite(facts: readonly FormFact[]): SheetWrite {
  return {
    kind: 'replace',
    sheet: SHEET.forms,
    headers: columnsOf(FORM_FACT_COLUMNS),
    rows: facts.map(formFactRow),
    format: { frozenRows: 1 },
  };
}

export interface InitialContent {
  readonly units: readonly Unit[];
  /** Header rows of the two response sheets, from the form specs. */
  readonly responseHeaders: { readonly plan: readonly string[]; readonly report: readonly string[] };
  /** Responses already received (the demo), in the order of `responseHeaders`. */
  readonly responseRows?: { readonly plan: readonly CellValue[][]; readonly report: readonly CellValue[][] };
  /** The forms' facts (the demo's invented form); none: `Biểu mẫu` waits for setup. */
  readonly formFacts?: readonly FormFact[];
}

export function initialSheets(content: InitialContent): SheetWrite[] {
  const configHeaders = columnsOf(CONFIG_COLUMNS);
  const unitHeaders = columnsOf(UNIT_COLUMNS);
  const periodHeaders = columnsOf(PERIOD_COLUMNS);
  return [
    {
      kind: 'replace',
      sheet: SHEET.config,
      headers: configHeaders,
      rows: DEFAULT_CONFIG_ROWS.map((row) => [row.key, row.value, row.note]),
      format: { frozenRows: 1 },
    },
    {
      kind: 'replace',
      sheet: SHEET.units,
      headers: unitHeaders,
      rows: encodeRows(unitHeaders, content.units.map(unitRow)),
      format: { frozenRows: 1 },
    },
    {
      kind: 'replace',
      sheet: SHEET.periods,
      headers: periodHeaders,
      rows: encodeRows(periodHeaders, DEFAULT_PERIOD_ROWS),
      format: { frozenRows: 1 },
    },
    {
      kind: 'replace',
      sheet: SHEET.planResponses,
      headers: content.responseHeaders.plan,
      rows: content.responseRows?.plan ?? [],
      format: { frozenRows: 1, dateTimeColumns: [content.responseHeaders.plan[0] ?? ''] },
    },
    {
      kind: 'replace',
      sheet: SHEET.reportResponses,
      headers: content.responseHeaders.report,
      rows: content.responseRows?.report ?? [],
      format: { frozenRows: 1, dateTimeColumns: [content.responseHeaders.report[0] ?? ''] },
    },
    {
      kind: 'replace',
      sheet: SHEET.submissions,
      headers: columnsOf(SUBMISSION_COLUMNS),
      rows: [],
      format: { frozenRows: 1 },
    },
    {
      kind: 'replace',
      sheet: SHEET.mailLog,
      headers: columnsOf(MAIL_LOG_COLUMNS),
      rows: [],
      format: { frozenRows: 1 },
    },
    {
      kind: 'replace',
      sheet: SHEET.eventLog,
      headers: columnsOf(EVENT_LOG_COLUMNS),
      rows: [],
      format: { frozenRows: 1 },
    },
    {
      kind: 'replace',
      sheet: SHEET.holidays,
      headers: columnsOf(HOLIDAY_COLUMNS),
      rows: DEFAULT_HOLIDAY_ROWS.map((row) => [row.date, row.reason]),
      format: { frozenRows: 1 },
    },
    formFactsWrite(content.formFacts ?? []),
  ];
}

export function initializeWorkbook(workbook: Workbook, content: InitialContent): void {
  workbook.write(initialSheets(content));
}
