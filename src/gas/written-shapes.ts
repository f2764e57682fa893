// The record the SpreadsheetApp adapter keeps of what it last wrote to each sheet (its headers and
// format, the extent written, the rows the formats cover), in one spreadsheet-level developer
// metadata entry: a replace that matches it rewrites the values only (spreadsheet-workbook.ts).
import type { SheetFormat } from '../ports';

/** The developer metadata key under which the shapes written are recorded. */
export const WRITTEN_SHAPES_KEY = 'hannop.writtenShapes';

/** A short, stable digest (53 bits, cyrb53) of a shape description. */
function digest(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * Everything about a replace that the formats on a sheet depend on. Not the row count: number
 * formats, colour rules and the filter cover every row of the grid (see `formattedRows`).
 */
export function shapeOf(headers: readonly string[], format: SheetFormat | undefined): string {
  return digest(JSON.stringify([headers, format ?? null]));
}

export interface WrittenShape {
  readonly shape: string;
  /** The largest extent ever written (header included): cells the next write must empty. */
  readonly rows: number;
  readonly columns: number;
  /** How many rows of the grid the formats cover (its size when formatted); 0 when none depend on rows. */
  readonly formattedRows: number;
}

export function parseShapes(json: string): Map<string, WrittenShape> {
  const shapes = new Map<string, WrittenShape>();
  try {
    const parsed: unknown = JSON.parse(json);
    if (!parsed || typeof parsed !== 'object') return shapes;
    Object.entries(parsed as Record<string, unknown>).forEach(([sheet, value]) => {
      const { shape, rows, columns, formattedRows } = (value ?? {}) as Partial<WrittenShape>;
      if (
        typeof shape === 'string' &&
        typeof rows === 'number' &&
        typeof columns === 'number' &&
        typeof formattedRows === 'number'
      ) {
        shapes.set(sheet, { shape, rows, columns, formattedRows });
      }
    });
  } catch {
    // Unreadable: as if nothing were recorded, so every sheet is formatted afresh.
  }
  return shapes;
}

/** Whether the formats of `format` depend on the rows they cover. */
export function coversRows(format: SheetFormat | undefined): boolean {
  return Boolean(
    format &&
    (format.filter ||
      (format.valueColors ?? []).length > 0 ||
      (format.dateColumns ?? []).length > 0 ||
      (format.dateTimeColumns ?? []).length > 0),
  );
}
