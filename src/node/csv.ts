// RFC 4180 CSV as Google Forms and spreadsheets export it: UTF-8 (a BOM is dropped), quoted
// fields may hold commas, quotes and line breaks.
import { readFileSync } from 'node:fs';
import type { FormKind } from '../domain/campaign';
import {
  checkExportCells,
  checkExportForm,
  checkExportText,
  decodeExport,
  EXCEL_CELL_CHARACTERS,
} from '../domain/export-check';
import { FORM_SPECS } from '../domain/intake';
import type { Table } from '../domain/table';

export function parseCsv(text: string): string[][] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index] as string;
    if (inQuotes) {
      if (char === '"') {
        if (source[index + 1] === '"') {
          field += '"';
          index += 1;
        } else {
          inQuotes = false;
        }
      } else {
        field += char;
      }
    } else if (char === '"' && field === '') {
      inQuotes = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[index + 1] === '\n') index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += char;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ''));
}

/** A CSV file as a table: the first row is the header. */
export function csvTable(name: string, text: string): Table {
  const [headers = [], ...rows] = parseCsv(text);
  return { name, headers: headers.map((header) => header.normalize('NFC').trim()), rows };
}

function quoteField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(quoteField).join(',')).join('\r\n') + '\r\n';
}

/** What a spreadsheet takes for the start of a formula when it opens a CSV (OWASP, «CSV injection»). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Rows as CSV for a person to open in Excel or Sheets: a field that a spreadsheet would run as a
 * formula (a unit named `=HYPERLINK(…)`) is written with a leading apostrophe, which the
 * spreadsheet shows as text, so opening the file never runs what a workbook cell held.
 */
export function formatCsvForSpreadsheet(rows: readonly (readonly string[])[]): string {
  return formatCsv(rows.map((row) => row.map((field) => (FORMULA_START.test(field) ? `'${field}` : field))));
}

/**
 * A form's CSV export read for import into an .xlsx workbook, checked as a file first (encoding,
 * delimiter, quotes, the form's questions, cell sizes): a wrong file is refused before any row.
 */
export function readCsvFile(path: string, form: FormKind, shownName = path): Table {
  const text = decodeExport(readFileSync(path), shownName);
  checkExportText(text, shownName);
  const [headers = [], ...rows] = parseCsv(text);
  const table = { name: shownName, headers: headers.map((header) => header.normalize('NFC').trim()), rows };
  checkExportForm(table.headers, form, FORM_SPECS, shownName);
  checkExportCells(table.headers, rows, EXCEL_CELL_CHARACTERS, shownName);
  return table;
}
