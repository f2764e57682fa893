// Several jobs as one batch: the form-submit trigger registers a response, consolidates and sends
// its receipt; each of those jobs reads the state and writes what it changed. Over a Spreadsheet
// every read and write is a round trip, so they run here against a workbook that reads each sheet
// at most once (a later read gets the table as the earlier jobs left it) and keeps every write
// until `flush`, which writes each sheet once. This is what the Node shell gets for free by
// loading the .xlsx into memory. A job that throws leaves nothing written: the caller does not flush.
import { placeColumns } from '../sheet-writes';
import type { CellValue, Lock, SheetWrite, Table, Workbook } from '../ports';

function isBlankRow(row: readonly CellValue[]): boolean {
  return row.every((value) => value === null || value === undefined || value === '');
}

function storedCell(value: CellValue | undefined): CellValue {
  return value === undefined || value === '' ? null : value;
}

/** A table as a Workbook reads back what was written: rows as wide as the headers, blanks null, no trailing blank rows. */
function storedTable(
  name: string,
  headers: readonly string[],
  rows: readonly (readonly CellValue[])[],
): Table {
  const padded = rows.map((row) => headers.map((_, index) => storedCell(row[index])));
  while (padded.length > 0 && isBlankRow(padded[padded.length - 1] as CellValue[])) padded.pop();
  return { name, headers: [...headers], rows: padded };
}

/** Rows written under `headers`, placed under the columns of `existing` (added at the right when new). */
function placedRows(
  existing: readonly string[],
  headers: readonly string[],
  rows: readonly (readonly CellValue[])[],
): { headers: string[]; rows: CellValue[][] } {
  const { positions, added, width } = placeColumns(existing, headers);
  return {
    headers: [...existing, ...added],
    rows: rows.map((row) => {
      const cells: CellValue[] = Array.from({ length: width }, () => null);
      positions.forEach((position, index) => {
        cells[position] = row[index] ?? null;
      });
      return cells;
    }),
  };
}

/** Two writes of one sheet as the single write that leaves the sheet the same. */
function mergeWrites(first: SheetWrite, second: SheetWrite): SheetWrite {
  if (second.kind === 'replace') return second;
  // An append starts under the last row that holds something.
  const kept = [...first.rows];
  while (kept.length > 0 && isBlankRow(kept[kept.length - 1] as CellValue[])) kept.pop();
  const placed = placedRows(first.headers, second.headers, second.rows);
  const widen = (row: readonly CellValue[]) => placed.headers.map((_, index) => row[index] ?? null);
  return { ...first, headers: placed.headers, rows: [...kept.map(widen), ...placed.rows] };
}

/** What a sheet holds after `write`, given what it held before (undefined: no such sheet). */
function applyWrite(before: Table | undefined, write: SheetWrite): Table {
  if (write.kind === 'replace' || !before) return storedTable(write.sheet, write.headers, write.rows);
  const placed = placedRows(before.headers, write.headers, write.rows);
  return storedTable(write.sheet, placed.headers, [...before.rows, ...placed.rows]);
}

export class BatchedWorkbook implements Workbook {
  /** Sheets read or fully known; null: read, and absent. */
  private readonly known = new Map<string, Table | null>();
  /** One pending write per sheet, in the order the sheets were first written. */
  private readonly pending = new Map<string, SheetWrite>();
  private prefetch: readonly string[];

  /** `prefetch`: sheets the jobs will read, fetched with the first read so they cost one batch. */
  constructor(
    private readonly inner: Workbook,
    options: { readonly prefetch?: readonly string[] } = {},
  ) {
    this.prefetch = options.prefetch ?? [];
  }

  read(sheetNames: readonly string[]): ReadonlyMap<string, Table> {
    const wanted = [...new Set([...sheetNames, ...this.prefetch])].filter((name) => !this.known.has(name));
    this.prefetch = [];
    if (wanted.length > 0) {
      const tables = this.inner.read(wanted);
      for (const name of wanted) {
        // Only appends can be pending for a sheet not read yet: a replace made it known.
        const write = this.pending.get(name);
        const table = tables.get(name);
        this.known.set(name, write ? applyWrite(table, write) : (table ?? null));
      }
    }
    const result = new Map<string, Table>();
    for (const name of sheetNames) {
      const table = this.known.get(name);
      if (table) result.set(name, table);
    }
    return result;
  }

  write(writes: readonly SheetWrite[]): void {
    for (const write of writes) {
      const earlier = this.pending.get(write.sheet);
      this.pending.set(write.sheet, earlier ? mergeWrites(earlier, write) : write);
      if (write.kind === 'replace' || this.known.has(write.sheet)) {
        this.known.set(write.sheet, applyWrite(this.known.get(write.sheet) ?? undefined, write));
      }
    }
  }

  /** The sheets with a write waiting for `flush`, in order. */
  get pendingSheets(): readonly string[] {
    return [...this.pending.keys()];
  }

  /** Writes everything kept, each sheet once, in one batch of the inner workbook. */
  flush(): void {
    if (this.pending.size === 0) return;
    const writes = [...this.pending.values()];
    this.pending.clear();
    this.inner.write(writes);
  }
}

/** The lock of a caller that already holds the script lock: the jobs inside run straight away. */
export const alreadyHeldLock: Lock = { withLock: (work) => work() };

/**
 * Runs `work` under the script lock against a BatchedWorkbook, then writes what it wrote in one
 * batch. The jobs inside get `alreadyHeldLock`. Nothing is written if `work` throws.
 */
export function runAsOneBatch<T>(
  ports: { readonly workbook: Workbook; readonly lock: Lock },
  prefetch: readonly string[],
  work: (batch: { readonly workbook: Workbook; readonly lock: Lock }) => T,
): T {
  return ports.lock.withLock(() => {
    const workbook = new BatchedWorkbook(ports.workbook, { prefetch });
    const result = work({ workbook, lock: alreadyHeldLock });
    workbook.flush();
    return result;
  });
}
