// The Workbook port over a Map: sheets as tables, with the same contract as the real adapters
// (test/contract/workbook-contract.ts), and reads and writes counted so a test can check that a
// job reads once and writes once.
import { titleKey } from '../../src/domain/text';
import type { CellValue, SheetFormat, SheetWrite, Table, Workbook } from '../../src/ports';

function copyCell(value: CellValue | undefined): CellValue {
  if (value === undefined || value === '') return null;
  return value instanceof Date ? new Date(value.getTime()) : value;
}

function copyTable(table: Table): Table {
  return { name: table.name, headers: [...table.headers], rows: table.rows.map((row) => row.map(copyCell)) };
}

/** A stored sheet: rows padded to the headers, empty cells null, trailing blank rows dropped. */
function normalized(
  name: string,
  headers: readonly string[],
  rows: readonly (readonly CellValue[])[],
): Table {
  const padded = rows.map((row) => headers.map((_, index) => copyCell(row[index])));
  while (padded.length > 0 && (padded[padded.length - 1] as CellValue[]).every((value) => value === null))
    padded.pop();
  return { name, headers: [...headers], rows: padded };
}

function formatColumns(format: SheetFormat | undefined): string[] {
  if (!format) return [];
  return [
    ...(format.dateColumns ?? []),
    ...(format.dateTimeColumns ?? []),
    ...(format.valueColors ?? []).map((rule) => rule.column),
  ];
}

export class MemoryWorkbook implements Workbook {
  private readonly sheets = new Map<string, Table>();
  readonly reads: (readonly string[])[] = [];
  readonly writes: (readonly SheetWrite[])[] = [];

  constructor(tables: Iterable<Table> = []) {
    for (const table of tables) this.setTable(table);
  }

  read(sheetNames: readonly string[]): ReadonlyMap<string, Table> {
    this.reads.push([...sheetNames]);
    const result = new Map<string, Table>();
    for (const name of sheetNames) {
      const table = this.sheets.get(name);
      if (table) result.set(name, copyTable(table));
    }
    return result;
  }

  write(writes: readonly SheetWrite[]): void {
    for (const write of writes) {
      const tooWide = write.rows.find((row) => row.length > write.headers.length);
      if (tooWide) {
        throw new Error(
          `Cannot write sheet "${write.sheet}": ${tooWide.length} values for ${write.headers.length} headers`,
        );
      }
      if (write.kind === 'replace') {
        const unknown = formatColumns(write.format).find((column) => !write.headers.includes(column));
        if (unknown !== undefined)
          throw new Error(`Cannot write sheet "${write.sheet}": no column "${unknown}" to format`);
      }
    }
    this.writes.push(writes);
    for (const write of writes) {
      const existing = this.sheets.get(write.sheet);
      if (write.kind === 'replace' || !existing) {
        this.sheets.set(write.sheet, normalized(write.sheet, write.headers, write.rows));
        continue;
      }
      // Appends go by header title; a header the sheet lacks is added at its end.
      const headers = [...existing.headers];
      const positions = write.headers.map((header) => {
        const found = headers.findIndex((known) => titleKey(known) === titleKey(header));
        if (found >= 0) return found;
        headers.push(header);
        return headers.length - 1;
      });
      const appended = write.rows.map((row) => {
        const cells: CellValue[] = headers.map(() => null);
        positions.forEach((position, index) => {
          cells[position] = copyCell(row[index]);
        });
        return cells;
      });
      this.sheets.set(write.sheet, normalized(write.sheet, headers, [...existing.rows, ...appended]));
    }
  }

  /** The sheet as stored now (a copy), or undefined. */
  table(name: string): Table | undefined {
    const table = this.sheets.get(name);
    return table ? copyTable(table) : undefined;
  }

  /** Puts a sheet in place, as a person or another job would. */
  setTable(table: Table): void {
    this.sheets.set(table.name, normalized(table.name, table.headers, table.rows));
  }
}
