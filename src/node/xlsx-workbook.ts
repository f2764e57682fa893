// The Workbook port over a local .xlsx file (exceljs), with the same sheet layout as the Google
// Sheet. The file is loaded whole before a job and saved after it; read and write are synchronous
// on the in-memory workbook, as the port requires.
//
// Dates: an .xlsx cell holds a wall-clock serial without a zone, and exceljs hands it over as a
// Date whose UTC fields are that wall clock. The sheet shows Vietnamese wall-clock time, so a Date
// in the port (a real instant) is shifted by UTC+7 on the way in and back on the way out.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as ExcelJS from 'exceljs';
import type { CellValue, SheetFormat, SheetWrite, Table, ValueColorRule, Workbook } from '../ports';
import { InputError } from '../domain/problems';
import { cellText } from '../domain/table';
import { checkWrites, columnLetter, columnPosition, placeColumns, SheetWriteError } from '../sheet-writes';
import { VIETNAM_OFFSET_MS } from '../domain/time';

export const DATE_NUMBER_FORMAT = 'dd/mm/yyyy';
export const DATE_TIME_NUMBER_FORMAT = 'dd/mm/yyyy hh:mm:ss';
/** Conditional formats cover whole columns, as in Sheets, so the colours follow new rows. */
const LAST_EXCEL_ROW = 1048576;

function fromExcelDate(wallClock: Date): Date {
  return new Date(wallClock.getTime() - VIETNAM_OFFSET_MS);
}

function toExcelDate(instant: Date): Date {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS);
}

function richTextOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'richText' in value) {
    const runs = (value as ExcelJS.CellRichTextValue).richText;
    return runs.map((run) => run.text).join('');
  }
  return null;
}

/** A cell as the port sees it: formulas and links read as their result or text. */
function fromExcel(value: ExcelJS.CellValue | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return fromExcelDate(value);
  if ('richText' in value || 'hyperlink' in value) {
    const text = richTextOf('hyperlink' in value ? value.text : value);
    return text === null || text === '' ? null : text;
  }
  if ('formula' in value || 'sharedFormula' in value) {
    return fromExcel((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue | undefined);
  }
  if ('error' in value) return String(value.error);
  return null;
}

/** `#F4CCCC` or `#fcc` as exceljs' ARGB. */
function argbOf(color: string): string {
  const hex = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(color.trim())?.[1];
  if (!hex) throw new Error(`Colour "${color}" is not #RRGGBB.`);
  const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex;
  return `FF${full.toUpperCase()}`;
}

/** Excel refuses these names, and exceljs would silently cut a longer one, losing the sheet for readers. */
function checkSheetName(sheet: string): void {
  if (sheet.length === 0 || sheet.length > 31 || /[*?:\\/[\]]/.test(sheet)) {
    throw new SheetWriteError(sheet, 'an .xlsx sheet name has 1 to 31 characters, none of * ? : \\ / [ ].');
  }
}

function isMergedAway(cell: ExcelJS.Cell): boolean {
  return cell.isMerged && cell.master.address !== cell.address;
}

/** The cells with content, by 1-based row and column. */
function contentOf(sheet: ExcelJS.Worksheet): {
  cells: Map<number, Map<number, CellValue>>;
  height: number;
  width: number;
} {
  const cells = new Map<number, Map<number, CellValue>>();
  let height = 0;
  let width = 0;
  sheet.eachRow((row, rowNumber) => {
    row.eachCell((cell, columnNumber) => {
      if (isMergedAway(cell)) return;
      const value = fromExcel(cell.value);
      if (value === null) return;
      const rowCells = cells.get(rowNumber) ?? new Map<number, CellValue>();
      rowCells.set(columnNumber, value);
      cells.set(rowNumber, rowCells);
      height = Math.max(height, rowNumber);
      width = Math.max(width, columnNumber);
    });
  });
  return { cells, height, width };
}

function setCell(cell: ExcelJS.Cell, value: CellValue | undefined, dateNumberFormat: string): void {
  if (value === null || value === undefined || value === '') return;
  if (value instanceof Date) {
    cell.value = toExcelDate(value);
    // Without a date format exceljs reads the serial back as a plain number.
    cell.numFmt = dateNumberFormat;
    return;
  }
  // A string is stored as a string cell: exceljs makes a formula only of a `{ formula }` object.
  cell.value = typeof value === 'string' ? xlsxText(value) : value;
}

/**
 * A text as a cell must hold it to read back as itself. OOXML reads `_xHHHH_` as the character
 * HHHH, so a literal one is escaped as `_x005F_xHHHH_`, as Excel writes it; and XML cannot hold
 * U+FFFE or U+FFFF at all: exceljs would write them and the workbook would no longer open.
 * (exceljs drops the C0 control characters XML cannot hold; a line break CR reads back as LF.)
 */
export function xlsxText(text: string): string {
  return text.replace(/[\ufffe\uffff]/g, '').replace(/_x([0-9A-Fa-f]{4})_/g, '_x005F_x$1_');
}

/** Removes `<file>.<pid>.partial` files of saves whose process is gone (killed mid-save). */
async function removeLeftovers(target: string): Promise<void> {
  const folder = path.dirname(target);
  const prefix = `${path.basename(target)}.`;
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(/^(\d+)\.partial$/.exec(name.slice(prefix.length))?.[1]);
    if (!name.startsWith(prefix) || !Number.isInteger(pid) || pid === process.pid) continue;
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch (error) {
      alive = (error as NodeJS.ErrnoException).code !== 'ESRCH';
    }
    if (!alive) await fs.rm(path.join(folder, name), { force: true });
  }
}

/** Makes a rename durable: the folder's entry, not only the file's data. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await fs.open(folder, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}

export class XlsxWorkbook implements Workbook {
  private constructor(
    private readonly excel: ExcelJS.Workbook,
    private filePath: string | null,
  ) {}

  /** Loads a workbook; an InputError naming the file when it is missing or not an .xlsx workbook. */
  static async open(filePath: string): Promise<XlsxWorkbook> {
    const stats = await fs.stat(filePath).catch(() => null);
    if (!stats || !stats.isFile()) {
      throw new InputError([{ where: filePath, message: 'không tìm thấy tệp.' }]);
    }
    if (path.extname(filePath).toLowerCase() !== '.xlsx') {
      throw new InputError([
        { where: filePath, message: 'không phải tệp .xlsx: chỉ mở được bảng tính Excel (.xlsx).' },
      ]);
    }
    const excel = new ExcelJS.Workbook();
    const loaded = await excel.xlsx.readFile(filePath).then(
      () => excel.worksheets.length > 0,
      () => false,
    );
    if (!loaded) {
      throw new InputError([
        {
          where: filePath,
          message: 'không đọc được: tệp không phải bảng tính .xlsx hợp lệ hoặc đã bị hỏng.',
        },
      ]);
    }
    return new XlsxWorkbook(excel, filePath);
  }

  static createEmpty(): XlsxWorkbook {
    return new XlsxWorkbook(new ExcelJS.Workbook(), null);
  }

  /** One sheet as exceljs holds it, for laying it out (xlsx-layout.ts); not for reading or writing cells. */
  worksheet(name: string): ExcelJS.Worksheet | undefined {
    return this.excel.getWorksheet(name);
  }

  /** The names of its sheets, in tab order. */
  sheetNames(): string[] {
    return this.excel.worksheets.map((sheet) => sheet.name);
  }

  /** The file this workbook was opened from or last saved to. */
  get path(): string | null {
    return this.filePath;
  }

  async save(): Promise<void> {
    if (!this.filePath) throw new Error('This workbook has no file yet: save it with saveAs(path) first.');
    await this.saveAs(this.filePath);
  }

  /**
   * Writes beside the target and renames, so a crash never leaves half a workbook. The file stays
   * what it was: a symlink is followed to its target (the link stays a link), the mode and owner
   * are kept, the data and the folder entry are fsynced before the save counts as done, and
   * `.partial` files a killed save left behind are removed.
   */
  async saveAs(filePath: string): Promise<void> {
    const buffer = await this.excel.xlsx.writeBuffer();
    const target = await fs.realpath(filePath).catch(() => filePath);
    const before = await fs.stat(target).catch(() => null);
    await removeLeftovers(target);
    const partial = `${target}.${process.pid}.partial`;
    const handle = await fs.open(partial, 'w', before ? before.mode & 0o7777 : 0o644);
    try {
      await handle.writeFile(new Uint8Array(buffer as ArrayBuffer));
      if (before) {
        await handle.chmod(before.mode & 0o7777);
        // Only root may give a file away; anyone else keeps the owner they are.
        await handle.chown(before.uid, before.gid).catch(() => undefined);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(partial, target);
    await syncFolder(path.dirname(target));
    this.filePath = filePath;
  }

  read(sheetNames: readonly string[]): ReadonlyMap<string, Table> {
    const tables = new Map<string, Table>();
    sheetNames.forEach((name) => {
      const sheet = this.excel.getWorksheet(name);
      if (!sheet || tables.has(name)) return;
      const { cells, height, width } = contentOf(sheet);
      const rowAt = (rowNumber: number): CellValue[] =>
        Array.from({ length: width }, (_, index) => cells.get(rowNumber)?.get(index + 1) ?? null);
      tables.set(name, {
        name,
        headers: height === 0 ? [] : rowAt(1).map(cellText),
        rows: Array.from({ length: Math.max(0, height - 1) }, (_, index) => rowAt(index + 2)),
      });
    });
    return tables;
  }

  write(writes: readonly SheetWrite[]): void {
    // A mistaken write is refused before any sheet of the batch is touched.
    checkWrites(writes);
    writes.forEach((write) => checkSheetName(write.sheet));
    writes.forEach((write) => {
      if (write.kind === 'replace') this.replace(write.sheet, write.headers, write.rows, write.format);
      else this.append(write.sheet, write.headers, write.rows);
    });
  }

  private replace(
    name: string,
    headers: readonly string[],
    rows: readonly (readonly CellValue[])[],
    format: SheetFormat | undefined,
  ): void {
    const sheet = this.excel.getWorksheet(name) ?? this.excel.addWorksheet(name);
    // The bold header `hannop init` laid out stays bold; column widths and drop-downs are the
    // sheet's, not the cells', and stay too.
    const boldHeader = sheet.getRow(1).getCell(1).font?.bold === true;
    // Contents and formats go, as Sheet.clear() does in the Google shell: nothing stale stays
    // below or right of the new table, and a total row that moved is no longer bold.
    sheet.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.value = null;
        cell.style = {};
      }),
    );
    const dateColumns = new Set(
      (format?.dateColumns ?? []).map((column) => columnPosition(name, headers, column)),
    );
    [headers, ...rows].forEach((values, index) => {
      const row = sheet.getRow(index + 1);
      headers.forEach((_, column) =>
        setCell(
          row.getCell(column + 1),
          values[column],
          dateColumns.has(column + 1) ? DATE_NUMBER_FORMAT : DATE_TIME_NUMBER_FORMAT,
        ),
      );
    });
    if (boldHeader)
      headers.forEach((_, column) => (sheet.getRow(1).getCell(column + 1).font = { bold: true }));
    if (format) this.applyFormat(sheet, name, headers, rows.length, format);
  }

  private applyFormat(
    sheet: ExcelJS.Worksheet,
    name: string,
    headers: readonly string[],
    rowCount: number,
    format: SheetFormat,
  ): void {
    if (format.frozenRows !== undefined || format.frozenColumns !== undefined) {
      const current = sheet.views[0];
      const frozen = current?.state === 'frozen' ? current : undefined;
      const ySplit = format.frozenRows ?? frozen?.ySplit ?? 0;
      const xSplit = format.frozenColumns ?? frozen?.xSplit ?? 0;
      sheet.views = ySplit > 0 || xSplit > 0 ? [{ state: 'frozen', xSplit, ySplit }] : [{ state: 'normal' }];
    }
    if (format.valueColors) {
      sheet.removeConditionalFormatting({});
      format.valueColors.forEach((rule, index) =>
        sheet.addConditionalFormatting(this.valueColorRule(name, headers, rule, index)),
      );
    }
    // Empty cells of date columns too, so that a date typed there later shows as one.
    const numberFormats: [readonly string[] | undefined, string][] = [
      [format.dateColumns, DATE_NUMBER_FORMAT],
      [format.dateTimeColumns, DATE_TIME_NUMBER_FORMAT],
    ];
    numberFormats.forEach(([columns, numberFormat]) =>
      (columns ?? []).forEach((column) => {
        const position = columnPosition(name, headers, column);
        for (let row = 2; row <= rowCount + 1; row += 1) sheet.getCell(row, position).numFmt = numberFormat;
      }),
    );
    (format.boldRows ?? [])
      .filter((index) => index >= 0 && index < rowCount)
      .forEach((index) => {
        const row = sheet.getRow(index + 2);
        headers.forEach((_, column) => {
          row.getCell(column + 1).font = { bold: true };
        });
      });
    if (format.filter && headers.length > 0) {
      sheet.autoFilter = `A1:${columnLetter(headers.length)}${rowCount + 1}`;
    }
    // protectedWarningOnly: Excel has no warning-only protection (its sheet protection locks
    // cells for everyone), so the local workbook stays editable.
  }

  private valueColorRule(
    name: string,
    headers: readonly string[],
    rule: ValueColorRule,
    index: number,
  ): ExcelJS.ConditionalFormattingOptions {
    const letter = columnLetter(columnPosition(name, headers, rule.column));
    const text = rule.equals.replace(/"/g, '""');
    return {
      ref: `${letter}2:${letter}${LAST_EXCEL_ROW}`,
      rules: [
        {
          type: 'expression',
          priority: index + 1,
          formulae: [`$${letter}2="${text}"`],
          style: {
            fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argbOf(rule.background) } },
            ...(rule.font ? { font: { color: { argb: argbOf(rule.font) } } } : {}),
          },
        },
      ],
    };
  }

  private append(name: string, headers: readonly string[], rows: readonly (readonly CellValue[])[]): void {
    const existing = this.excel.getWorksheet(name);
    const sheet = existing ?? this.excel.addWorksheet(name);
    const { cells, height, width } = contentOf(sheet);
    const write = (rowNumber: number, positions: readonly number[], values: readonly CellValue[]): void => {
      const row = sheet.getRow(rowNumber);
      positions.forEach((position, index) =>
        setCell(row.getCell(position + 1), values[index], DATE_TIME_NUMBER_FORMAT),
      );
    };
    if (height === 0) {
      const positions = headers.map((_, index) => index);
      [headers, ...rows].forEach((values, index) => write(index + 1, positions, values));
      return;
    }
    if (rows.length === 0) return;
    const existingHeaders = Array.from({ length: width }, (_, index) =>
      cellText(cells.get(1)?.get(index + 1) ?? null),
    );
    const { positions, added } = placeColumns(existingHeaders, headers);
    write(
      1,
      added.map((_, index) => existingHeaders.length + index),
      added,
    );
    rows.forEach((values, index) => write(height + 1 + index, positions, values));
  }
}
