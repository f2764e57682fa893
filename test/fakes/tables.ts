// Tables as a sheet adapter would hand them to the domain, built in a line of test code.
import {
  encodeRows,
  readRecords,
  type CellValue,
  type ColumnSpec,
  type SheetRecord,
  type Table,
} from '../../src/domain/table';

/** A sheet from its header row and the rows below it, as stored. */
export function makeTable(
  name: string,
  headers: readonly string[],
  rows: readonly (readonly CellValue[])[],
): Table {
  return { name, headers: [...headers], rows: rows.map((row) => [...row]) };
}

/** A sheet from records keyed by header title; a header missing from a record is a blank cell. */
export function tableFromRecords(
  name: string,
  headers: readonly string[],
  records: readonly Readonly<Record<string, CellValue | undefined>>[],
): Table {
  return makeTable(name, headers, encodeRows(headers, records));
}

/** The records of a table, every header present required (the usual case in tests). */
export function recordsOf(table: Table, columns: ColumnSpec = { required: table.headers }): SheetRecord[] {
  return readRecords(table, table.name, columns);
}
