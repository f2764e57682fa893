// The formats the SpreadsheetApp adapter applies when it formats a sheet afresh: frozen panes,
// value colours, number formats, bold rows, the filter and a warning-only protection. Dozens of
// calls, made once per shape (written-shapes.ts), never on the daily path.
import type { SheetFormat, ValueColorRule } from '../ports';
import { columnLetter, columnPosition } from '../sheet-writes';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

/** What the adapter needs of SpreadsheetApp: a rule builder and an enum, passed in rather than global. */
export type SpreadsheetServices = Pick<
  GoogleAppsScript.Spreadsheet.SpreadsheetApp,
  'newConditionalFormatRule' | 'ProtectionType'
>;

export const DATE_FORMAT = 'dd/MM/yyyy';
export const DATE_TIME_FORMAT = 'dd/MM/yyyy HH:mm:ss';
const PROTECTION_DESCRIPTION = 'hannop tạo lại trang này sau mỗi lần chạy: sửa trực tiếp ở đây sẽ bị ghi đè.';
const GRID_HEADROOM_ROWS = 1000;

/** `C2:C1000`-like ranges of the distinct `columns` (by title), from row 2 to `gridRows`, left to right. */
function columnRanges(
  sheet: string,
  headers: readonly string[],
  columns: readonly string[],
  gridRows: number,
): string[] {
  const positions = [...new Set(columns.map((column) => columnPosition(sheet, headers, column)))];
  return positions
    .sort((a, b) => a - b)
    .map((position) => `${columnLetter(position)}2:${columnLetter(position)}${gridRows}`);
}

/**
 * The grid's row count, grown first when fewer than GRID_HEADROOM_ROWS rows are left under the
 * data: a register that gains a row per submission is then formatted again once in a thousand.
 */
export function growGrid(sheet: Sheet, dataRows: number): number {
  const maxRows = sheet.getMaxRows();
  if (maxRows >= dataRows + GRID_HEADROOM_ROWS / 2) return maxRows;
  const added = dataRows + GRID_HEADROOM_ROWS - maxRows;
  sheet.insertRowsAfter(maxRows, added);
  return maxRows + added;
}

export function applyFormat(
  services: SpreadsheetServices,
  sheet: Sheet,
  isNew: boolean,
  table: Range,
  name: string,
  headers: readonly string[],
  rowCount: number,
  gridRows: number,
  format: SheetFormat,
): void {
  if (format.frozenRows !== undefined) sheet.setFrozenRows(format.frozenRows);
  if (format.frozenColumns !== undefined) sheet.setFrozenColumns(format.frozenColumns);
  if (format.valueColors && format.valueColors.length > 0 && gridRows >= 2) {
    sheet.setConditionalFormatRules(
      valueColorRules(services, sheet, name, headers, gridRows, format.valueColors),
    );
  }
  const numberFormats: [readonly string[] | undefined, string][] = [
    [format.dateColumns, DATE_FORMAT],
    [format.dateTimeColumns, DATE_TIME_FORMAT],
  ];
  numberFormats.forEach(([columns, numberFormat]) => {
    if (!columns || columns.length === 0 || gridRows < 2) return;
    // One call per number format, whatever the number of columns.
    sheet.getRangeList(columnRanges(name, headers, columns, gridRows)).setNumberFormat(numberFormat);
  });
  const boldRows = new Set(format.boldRows ?? []);
  if (boldRows.size > 0 && rowCount > 0) {
    table.setFontWeights(
      Array.from({ length: rowCount + 1 }, (_, index) =>
        new Array<GoogleAppsScript.Spreadsheet.FontWeight | null>(headers.length).fill(
          index > 0 && boldRows.has(index - 1) ? 'bold' : null,
        ),
      ),
    );
  }
  // Over the whole grid, so that rows a later write adds are inside it.
  if (format.filter) sheet.getRange(1, 1, Math.max(gridRows, rowCount + 1), headers.length).createFilter();
  if (format.protectedWarningOnly) {
    const protection =
      (isNew ? undefined : sheet.getProtections(services.ProtectionType.SHEET)[0]) ?? sheet.protect();
    protection.setWarningOnly(true);
    protection.setDescription(PROTECTION_DESCRIPTION);
  }
}

/**
 * Colour rules over whole columns from row 2. One rule per colour, over every column it applies
 * to (texts compared for equality never match the same cell twice), and one call for the ranges.
 */
function valueColorRules(
  services: SpreadsheetServices,
  sheet: Sheet,
  name: string,
  headers: readonly string[],
  gridRows: number,
  rules: readonly ValueColorRule[],
): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
  const grouped = new Map<string, { rule: ValueColorRule; columns: string[] }>();
  rules.forEach((rule) => {
    const key = JSON.stringify([rule.equals, rule.background, rule.font ?? null]);
    const group = grouped.get(key);
    if (!group) grouped.set(key, { rule, columns: [rule.column] });
    else group.columns.push(rule.column);
  });
  const a1Notations = columnRanges(
    name,
    headers,
    rules.map((rule) => rule.column),
    gridRows,
  );
  const ranges =
    a1Notations.length === 1
      ? [sheet.getRange(a1Notations[0] as string)]
      : sheet.getRangeList(a1Notations).getRanges();
  const rangeByA1 = new Map(a1Notations.map((a1, index) => [a1, ranges[index] as Range]));
  return [...grouped.values()].map(({ rule, columns }) => {
    let builder = services
      .newConditionalFormatRule()
      .whenTextEqualTo(rule.equals)
      .setBackground(rule.background);
    if (rule.font) builder = builder.setFontColor(rule.font);
    const groupRanges = columnRanges(name, headers, columns, gridRows).map(
      (a1) => rangeByA1.get(a1) as Range,
    );
    return builder.setRanges(groupRanges).build();
  });
}
