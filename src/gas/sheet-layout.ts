// The look of a sheet setup has just made, from the one layout of src/domain/sheet-format.ts:
// the header row bold, the columns as wide as their contents need. A one-off of setup: one call for
// the header and one per run of columns of the same width, none per row.
import { columnWidthOf, DEFAULT_COLUMN_WIDTH_PX, sheetLayoutOf } from '../domain/sheet-format';

/** Consecutive columns of one width, as one `setColumnWidths` (1-based start). */
export function widthRuns(widths: readonly number[]): { start: number; count: number; width: number }[] {
  const runs: { start: number; count: number; width: number }[] = [];
  widths.forEach((width, index) => {
    const last = runs[runs.length - 1];
    if (last && last.width === width && last.start + last.count === index + 1) last.count += 1;
    else runs.push({ start: index + 1, count: 1, width });
  });
  return runs;
}

export function layOutNewSheets(
  spreadsheet: Pick<GoogleAppsScript.Spreadsheet.Spreadsheet, 'getSheetByName'>,
  sheets: readonly string[],
  tables: ReadonlyMap<string, { readonly headers: readonly string[] }>,
): void {
  for (const name of sheets) {
    const layout = sheetLayoutOf(name);
    const headers = tables.get(name)?.headers ?? [];
    const sheet = layout && headers.length > 0 ? spreadsheet.getSheetByName(name) : null;
    if (!layout || !sheet) continue;
    sheet.getRange(1, 1, 1, headers.length).setFontWeight('bold');
    // A new sheet's columns are already of the default width.
    widthRuns(headers.map((header) => columnWidthOf(layout, header)))
      .filter((run) => run.width !== DEFAULT_COLUMN_WIDTH_PX)
      .forEach((run) => sheet.setColumnWidths(run.start, run.count, run.width));
  }
}
