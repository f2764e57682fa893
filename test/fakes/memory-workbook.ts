// The Workbook port over a Map: sheets as tables, reads and writes counted so a test can check
// that a job reads once and writes once.
import type { SheetWrite, Table, Workbook } from '../../src/ports';

function copyTable(table: Table): Table {
  return {
    name: table.name,
    headers: [...table.headers],
    rows: table.rows.map((row) =>
      row.map((value) => (value instanceof Date ? new Date(value.getTime()) : value)),
    ),
  };
}

export class MemoryWorkbook implements Workbook {
  private readonly sheets = new Map<string, Table>();
  readonly reads: (readonly string[])[] = [];
  readonly writes: (readonly SheetWrite[])[] = [];

  constructor(tables: Iterable<Table> = []) {
    for (const table of tables) this.sheets.set(table.name, copyTable(table));
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
    this.writes.push(writes);
    for (const write of writes) {
      const existing = this.sheets.get(write.sheet);
      if (write.kind === 'replace' || !existing) {
        this.sheets.set(
          write.sheet,
          copyTable({ name: write.sheet, headers: write.headers, rows: write.rows }),
        );
      } else {
        const rows = write.rows.map((row) =>
          existing.headers.map((header) => row[write.headers.indexOf(header)] ?? null),
        );
        this.sheets.set(write.sheet, copyTable({ ...existing, rows: [...existing.rows, ...rows] }));
      }
    }
  }

  /** The sheet as stored now (a copy), or undefined. */
  table(name: string): Table | undefined {
    const table = this.sheets.get(name);
    return table ? copyTable(table) : undefined;
  }

  /** Puts a sheet in place, as a person or another job would. */
  setTable(table: Table): void {
    this.sheets.set(table.name, copyTable(table));
  }
}
