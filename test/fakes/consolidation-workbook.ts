// An in-memory Workbook for the consolidation tests: sheets as tables, the format of each replace
// kept beside it, and every batch recorded, so a test can say what a job wrote and how often.
import type { CellValue, Lock, SheetFormat, SheetWrite, Table, Workbook } from '../../src/ports';

export interface StoredSheet {
  readonly table: Table;
  readonly format: SheetFormat | undefined;
}

function copyRows(rows: readonly (readonly CellValue[])[]): CellValue[][] {
  return rows.map((row) => row.map((value) => (value instanceof Date ? new Date(value.getTime()) : value)));
}

export class ConsolidationWorkbook implements Workbook {
  readonly sheets = new Map<string, StoredSheet>();
  /** Every `write` call, in order. */
  readonly batches: SheetWrite[][] = [];
  reads = 0;

  read(sheetNames: readonly string[]): ReadonlyMap<string, Table> {
    this.reads += 1;
    const tables = new Map<string, Table>();
    for (const name of sheetNames) {
      const stored = this.sheets.get(name);
      if (stored)
        tables.set(name, { name, headers: [...stored.table.headers], rows: copyRows(stored.table.rows) });
    }
    return tables;
  }

  write(writes: readonly SheetWrite[]): void {
    this.batches.push([...writes]);
    for (const write of writes) {
      const stored = this.sheets.get(write.sheet);
      if (write.kind === 'replace' || !stored) {
        this.sheets.set(write.sheet, {
          table: { name: write.sheet, headers: [...write.headers], rows: copyRows(write.rows) },
          format: write.kind === 'replace' ? write.format : undefined,
        });
        continue;
      }
      const rows = write.rows.map((row) =>
        stored.table.headers.map((header) => {
          const index = write.headers.indexOf(header);
          return index < 0 ? null : (row[index] ?? null);
        }),
      );
      this.sheets.set(write.sheet, {
        table: { ...stored.table, rows: [...copyRows(stored.table.rows), ...rows] },
        format: stored.format,
      });
    }
  }

  table(name: string): Table {
    const stored = this.sheets.get(name);
    if (!stored) throw new Error(`no sheet «${name}» in the test workbook`);
    return stored.table;
  }

  format(name: string): SheetFormat | undefined {
    return this.sheets.get(name)?.format;
  }
}

/** A lock that is always free, counting how often it was taken. */
export class CountingLock implements Lock {
  taken = 0;

  withLock<T>(work: () => T): T {
    this.taken += 1;
    return work();
  }
}
