// The look of a new .xlsx workbook, from the one layout setup uses too (src/domain/sheet-format.ts):
// the bold frozen header row, the column widths, and the drop-downs of the columns that have them.
import { columnWidthOf, LAID_OUT_ROWS, SHEET_LAYOUTS } from '../domain/sheet-format';
import type * as ExcelJS from 'exceljs';
import { columnLetter } from '../sheet-writes';
import type { XlsxWorkbook } from './xlsx-workbook';

/**
 * Google's pixels as Excel's column width, in characters of the default font (Calibri 11: 7 px a
 * digit and 5 px of padding), to two decimals as Excel stores it.
 */
export function excelColumnWidthOf(pixels: number): number {
  return Math.round(((pixels - 5) / 7) * 100) / 100;
}

/** An Excel list rule's values, as its formula: quoted, comma-separated (no value holds a comma). */
export function listFormulaOf(values: readonly string[]): string {
  return `"${values.join(',')}"`;
}

/** exceljs' worksheet holds its drop-downs by address or range; its typings do not show it. */
interface RangeValidations {
  readonly dataValidations: { add(address: string, rule: ExcelJS.DataValidation): void };
}

/** Lays out every sheet of the layout the workbook has; returns the number of drop-downs set. */
export function layOutXlsx(workbook: XlsxWorkbook): number {
  let dropDowns = 0;
  for (const layout of SHEET_LAYOUTS) {
    const sheet = workbook.worksheet(layout.sheet);
    if (!sheet) continue;
    const header = sheet.getRow(1);
    const headers: string[] = [];
    header.eachCell((cell, column) => {
      headers[column - 1] = String(cell.value ?? '');
    });
    sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: layout.frozenRows }];
    headers.forEach((title, index) => {
      header.getCell(index + 1).font = { bold: true };
      sheet.getColumn(index + 1).width = excelColumnWidthOf(columnWidthOf(layout, title));
    });
    for (const choices of layout.choices) {
      const index = headers.indexOf(choices.column);
      if (index < 0) continue;
      const rule: ExcelJS.DataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [listFormulaOf(choices.values)],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: 'Giá trị không có trong danh sách',
        error: `Chọn một trong: ${choices.values.join(', ')}.`,
      };
      // One rule over the range, as Excel stores it (exceljs' typings offer only cell by cell,
      // which would make a thousand empty cells per column).
      const letter = columnLetter(index + 1);
      (sheet as unknown as RangeValidations).dataValidations.add(
        `${letter}2:${letter}${LAID_OUT_ROWS}`,
        rule,
      );
      dropDowns += 1;
    }
  }
  return dropDowns;
}
