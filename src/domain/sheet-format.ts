// How the sheets the department types into look when first made: column widths, the bold frozen
// header row, and the drop-downs. One piece of data for every shell — Apps Script setup
// (src/gas/setup.ts) and `hannop init` (src/node/xlsx-layout.ts) both lay a new sheet out from it,
// so a workbook made either way looks the same (test/domain/sheet-format.test.ts holds both to it).
// Widths are in pixels, Google Sheets' unit (a new column is 100 px wide).
import { DEADLINE_RULE_LABEL, FORM_KIND_LABEL } from './campaign';
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
} from './layout';
import { REVIEW_LABEL } from './submissions';

/** A drop-down on the cells below a header. */
export interface ColumnChoices {
  readonly sheet: string;
  readonly column: string;
  readonly values: readonly string[];
}

export interface SheetLayout {
  readonly sheet: string;
  /** The header row stays in view and is bold. */
  readonly frozenRows: number;
  /** Pixels, per column header; a column not listed keeps the default width. */
  readonly columnWidths: Readonly<Record<string, number>>;
  readonly choices: readonly Omit<ColumnChoices, 'sheet'>[];
}

/** The width of a column Google Sheets makes, in pixels. */
export const DEFAULT_COLUMN_WIDTH_PX = 100;

/**
 * The rows a drop-down covers in a new sheet: those of a new Google sheet (1,000), below the header.
 * Setup covers the sheet's whole grid, which is the same on a new sheet.
 */
export const LAID_OUT_ROWS = 1000;

const WIDE_TEXT = 320;
const NAME = 240;
const EMAIL = 260;
const INSTANT = 150;
const SHORT = 90;

export const SHEET_LAYOUTS: readonly SheetLayout[] = [
  {
    sheet: SHEET.config,
    frozenRows: 1,
    columnWidths: { [CONFIG_COLUMNS.key]: 220, [CONFIG_COLUMNS.value]: 300, [CONFIG_COLUMNS.note]: 480 },
    choices: [],
  },
  {
    sheet: SHEET.units,
    frozenRows: 1,
    columnWidths: {
      [UNIT_COLUMNS.code]: SHORT,
      [UNIT_COLUMNS.name]: NAME,
      [UNIT_COLUMNS.level]: SHORT,
      [UNIT_COLUMNS.ward]: 140,
      [UNIT_COLUMNS.emails]: WIDE_TEXT,
      [UNIT_COLUMNS.head]: 160,
      [UNIT_COLUMNS.phone]: 110,
      [UNIT_COLUMNS.isActive]: 120,
      [UNIT_COLUMNS.confirmationCode]: 110,
    },
    choices: [{ column: UNIT_COLUMNS.isActive, values: ['Có', 'Không'] }],
  },
  {
    sheet: SHEET.periods,
    frozenRows: 1,
    columnWidths: {
      [PERIOD_COLUMNS.id]: SHORT,
      [PERIOD_COLUMNS.name]: NAME,
      [PERIOD_COLUMNS.deadlineRule]: 120,
      [PERIOD_COLUMNS.remindBeforeDays]: 150,
      [PERIOD_COLUMNS.remindAfterDays]: 150,
    },
    choices: [
      { column: PERIOD_COLUMNS.form, values: Object.values(FORM_KIND_LABEL) },
      { column: PERIOD_COLUMNS.deadlineRule, values: Object.values(DEADLINE_RULE_LABEL) },
    ],
  },
  {
    sheet: SHEET.holidays,
    frozenRows: 1,
    columnWidths: { [HOLIDAY_COLUMNS.reason]: WIDE_TEXT },
    choices: [],
  },
  {
    sheet: SHEET.submissions,
    frozenRows: 1,
    columnWidths: {
      [SUBMISSION_COLUMNS.responseId]: 120,
      [SUBMISSION_COLUMNS.submittedAt]: INSTANT,
      [SUBMISSION_COLUMNS.unitName]: NAME,
      [SUBMISSION_COLUMNS.submitterEmail]: EMAIL,
      [SUBMISSION_COLUMNS.outcome]: 130,
      [SUBMISSION_COLUMNS.problems]: WIDE_TEXT,
      [SUBMISSION_COLUMNS.editLink]: 200,
      [SUBMISSION_COLUMNS.acceptedAt]: INSTANT,
      [SUBMISSION_COLUMNS.lastVersionAt]: INSTANT,
      [SUBMISSION_COLUMNS.systemNote]: WIDE_TEXT,
      [SUBMISSION_COLUMNS.review]: 140,
      [SUBMISSION_COLUMNS.reviewNote]: WIDE_TEXT,
    },
    // The register writes `Chờ duyệt` itself, so it must be allowed next to the department's two.
    choices: [
      {
        column: SUBMISSION_COLUMNS.review,
        values: [REVIEW_LABEL.pending, REVIEW_LABEL.approved, REVIEW_LABEL.returned],
      },
    ],
  },
  {
    sheet: SHEET.mailLog,
    frozenRows: 1,
    columnWidths: {
      [MAIL_LOG_COLUMNS.at]: INSTANT,
      [MAIL_LOG_COLUMNS.recipients]: EMAIL,
      [MAIL_LOG_COLUMNS.subject]: WIDE_TEXT,
      [MAIL_LOG_COLUMNS.key]: 220,
    },
    choices: [],
  },
  {
    sheet: SHEET.eventLog,
    frozenRows: 1,
    columnWidths: {
      [EVENT_LOG_COLUMNS.at]: INSTANT,
      [EVENT_LOG_COLUMNS.job]: 160,
      [EVENT_LOG_COLUMNS.message]: 560,
    },
    choices: [],
  },
  {
    sheet: SHEET.forms,
    frozenRows: 1,
    columnWidths: { [FORM_FACT_COLUMNS.formId]: 200, [FORM_FACT_COLUMNS.viewUrl]: WIDE_TEXT },
    choices: [],
  },
];

/** Every drop-down of the workbook, as setup reports them. */
export const COLUMN_CHOICES: readonly ColumnChoices[] = SHEET_LAYOUTS.flatMap((layout) =>
  layout.choices.map((choices) => ({ sheet: layout.sheet, ...choices })),
);

export function sheetLayoutOf(sheet: string): SheetLayout | undefined {
  return SHEET_LAYOUTS.find((layout) => layout.sheet === sheet);
}

/** The width of a column as laid out, in pixels. */
export function columnWidthOf(layout: SheetLayout, column: string): number {
  return layout.columnWidths[column] ?? DEFAULT_COLUMN_WIDTH_PX;
}
