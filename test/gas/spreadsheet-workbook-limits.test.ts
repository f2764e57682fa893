// SpreadsheetWorkbook within Google's limits (issue 15, item 2), as the Advanced Sheets adapter is:
// a rewrite sends only the rows that changed, a large write goes in parts under the size Google
// recommends, and a call Google fails on its side is retried with backoff within the budget, then
// fails naming the sheet. The workbook contract holds on a SpreadsheetApp that fails one call in three.
import { MAX_REQUEST_BYTES, RETRY_BUDGET_MS, utf8Bytes } from '../../src/domain/time-budget';
import { SpreadsheetWorkbook } from '../../src/gas/spreadsheet-workbook';
import { SheetServiceError, type RetryWait } from '../../src/gas/spreadsheet-values';
import type { CellValue, SheetWrite } from '../../src/ports';
import { describeWorkbookContract } from '../contract/workbook-contract';
import {
  asSpreadsheet,
  asSpreadsheetApp,
  createFakeSpreadsheetApp,
  FakeRange,
  type FakeSpreadsheetWorld,
} from '../fakes/spreadsheet-app';

const SERVICE_FAILED = 'Exception: Service Spreadsheets failed while accessing document with id 1AbCdEf.';

/** A waiting that does not wait: the waits asked for, in order. */
function recordedWait(): RetryWait & { readonly waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: (ms) => void waits.push(ms), random: () => 0 };
}

function workbookOver(world: FakeSpreadsheetWorld, retry: RetryWait | null = recordedWait()) {
  return new SpreadsheetWorkbook(asSpreadsheet(world.spreadsheet), asSpreadsheetApp(world.app), retry);
}

/** The row counts, first columns and widths of each `setValues` from now on, and the spy to restore. */
function watchSetValues() {
  const heights: number[] = [];
  const columns: { first: number; width: number }[] = [];
  const bytes: number[] = [];
  const original = FakeRange.prototype.setValues;
  const spy = jest.spyOn(FakeRange.prototype, 'setValues').mockImplementation(function (
    this: FakeRange,
    values: unknown[][],
  ) {
    heights.push(values.length);
    columns.push({ first: this.getColumn(), width: this.getNumColumns() });
    bytes.push(utf8Bytes(JSON.stringify(values)));
    return original.call(this, values);
  });
  return { heights, columns, bytes, spy };
}

const HEADERS = ['Mã đơn vị', 'Tên đơn vị', 'Số lần nộp', 'Kết quả'];

function registerRows(count: number): CellValue[][] {
  return Array.from({ length: count }, (_, index) => [
    `DV${String(index).padStart(4, '0')}`,
    `Trường số ${index}`,
    1,
    'Hợp lệ',
  ]);
}

function replace(rows: readonly (readonly (CellValue | undefined)[])[]): SheetWrite {
  return {
    kind: 'replace',
    sheet: 'Bài nộp',
    headers: HEADERS,
    rows: rows.map((row) => row.map((cell) => cell ?? null)),
    format: { frozenRows: 1 },
  };
}

afterEach(() => jest.restoreAllMocks());

describe('SpreadsheetWorkbook writes what changed', () => {
  it('sends one row’s range when one row of a 2,000-row sheet read in the same execution changed', () => {
    const world = createFakeSpreadsheetApp();
    const rows = registerRows(2000);
    workbookOver(world).write([replace(rows)]);
    const changed = rows.map((row, index) => (index === 1500 ? [row[0], row[1], 2, 'Cần bổ sung'] : row));
    const execution = workbookOver(world);
    execution.read(['Bài nộp']);
    const watched = watchSetValues();
    world.calls.reset();
    execution.write([replace(changed)]);
    expect(watched.heights).toEqual([1]);
    // Its two cells that changed, not the whole row.
    expect(watched.columns).toEqual([{ first: 3, width: 2 }]);
    expect(world.calls.count('setValues')).toBe(1);
    expect(workbookOver(world).read(['Bài nộp']).get('Bài nộp')?.rows).toEqual(changed);
  });

  it('sends one column down 2,000 rows when only it changed, in one range', () => {
    const world = createFakeSpreadsheetApp();
    const rows = registerRows(2000);
    workbookOver(world).write([replace(rows)]);
    const changed = rows.map((row) => [row[0], row[1], row[2], 'Chưa nộp']);
    const execution = workbookOver(world);
    execution.read(['Bài nộp']);
    const watched = watchSetValues();
    world.calls.reset();
    execution.write([replace(changed)]);
    expect(watched.heights).toEqual([2000]);
    expect(watched.columns).toEqual([{ first: 4, width: 1 }]);
    expect(world.calls.count('setValues')).toBe(1);
    expect(workbookOver(world).read(['Bài nộp']).get('Bài nộp')?.rows).toEqual(changed);
  });

  it('sends a run of changed rows as one range over the columns that changed in any of them', () => {
    const world = createFakeSpreadsheetApp();
    const rows = registerRows(100);
    workbookOver(world).write([replace(rows)]);
    const changed = rows.map((row, index) => {
      if (index === 10) return [row[0], 'Trường đổi tên', row[2], row[3]];
      if (index === 11) return [row[0], row[1], 2, row[3]];
      return row;
    });
    const execution = workbookOver(world);
    execution.read(['Bài nộp']);
    const watched = watchSetValues();
    world.calls.reset();
    execution.write([replace(changed)]);
    // As many calls as whole rows cost (one range), two columns wide instead of four.
    expect(watched.heights).toEqual([2]);
    expect(watched.columns).toEqual([{ first: 2, width: 2 }]);
    expect(world.calls.count('setValues')).toBe(1);
    expect(workbookOver(world).read(['Bài nộp']).get('Bài nộp')?.rows).toEqual(changed);
  });

  it('sends nothing when nothing changed, and only the emptied rows when the table shrank', () => {
    const world = createFakeSpreadsheetApp();
    const rows = registerRows(300);
    workbookOver(world).write([replace(rows)]);
    const execution = workbookOver(world);
    execution.read(['Bài nộp']);
    const watched = watchSetValues();
    execution.write([replace(rows)]);
    expect(watched.heights).toEqual([]);
    execution.write([replace(rows.slice(0, 290))]);
    expect(watched.heights).toEqual([10]);
    expect(workbookOver(world).read(['Bài nộp']).get('Bài nộp')?.rows).toEqual(rows.slice(0, 290));
  });

  it('sends one range from the first to the last change when the changes are scattered', () => {
    const world = createFakeSpreadsheetApp();
    const rows = registerRows(1000);
    workbookOver(world).write([replace(rows)]);
    const scattered = rows.map((row, index) => (index % 100 === 50 ? [row[0], row[1], 3, 'Đạt'] : row));
    const execution = workbookOver(world);
    execution.read(['Bài nộp']);
    const watched = watchSetValues();
    execution.write([replace(scattered)]);
    expect(watched.heights).toEqual([901]);
    expect(watched.columns).toEqual([{ first: 3, width: 2 }]);
    expect(workbookOver(world).read(['Bài nộp']).get('Bài nộp')?.rows).toEqual(scattered);
  });

  it('splits a write larger than Google recommends into parts under the limit, every row kept', () => {
    const world = createFakeSpreadsheetApp();
    const rows: CellValue[][] = Array.from({ length: 3000 }, (_, index) => [
      `DV${index}`,
      'Trường có tên dài '.repeat(40),
      index,
      'Hợp lệ',
    ]);
    const watched = watchSetValues();
    workbookOver(world).write([replace(rows)]);
    expect(watched.heights.length).toBeGreaterThan(1);
    expect(watched.heights.reduce((sum, height) => sum + height, 0)).toBe(3001);
    for (const size of watched.bytes) expect(size).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
    expect(workbookOver(world).read(['Bài nộp']).get('Bài nộp')?.rows).toEqual(rows);
  });
});

describe('SpreadsheetWorkbook retries what Google fails on its side', () => {
  it('retries «Service Spreadsheets failed» after a second, and the write lands', () => {
    const world = createFakeSpreadsheetApp();
    const wait = recordedWait();
    jest.spyOn(FakeRange.prototype, 'setValues').mockImplementationOnce(() => {
      throw new Error(SERVICE_FAILED);
    });
    workbookOver(world, wait).write([replace(registerRows(3))]);
    expect(wait.waits).toEqual([1000]);
    expect(workbookOver(world).read(['Bài nộp']).get('Bài nộp')?.rows).toEqual(registerRows(3));
  });

  it('retries a read Google timed out', () => {
    const world = createFakeSpreadsheetApp();
    workbookOver(world).write([replace(registerRows(3))]);
    const wait = recordedWait();
    jest.spyOn(FakeRange.prototype, 'getValues').mockImplementationOnce(() => {
      throw new Error('Exception: Service Spreadsheets timed out while accessing document with id 1AbCdEf.');
    });
    expect(workbookOver(world, wait).read(['Bài nộp']).get('Bài nộp')?.rows).toEqual(registerRows(3));
    expect(wait.waits).toEqual([1000]);
  });

  it('gives up within the budget on a failure that lasts, naming the sheet', () => {
    const world = createFakeSpreadsheetApp();
    const wait = recordedWait();
    jest.spyOn(FakeRange.prototype, 'setValues').mockImplementation(() => {
      throw new Error(SERVICE_FAILED);
    });
    const writing = () => workbookOver(world, wait).write([replace(registerRows(3))]);
    expect(writing).toThrow(SheetServiceError);
    expect(writing).toThrow(`Google Sheets không phục vụ trang «Bài nộp» sau 6 lần thử: ${SERVICE_FAILED}`);
    const waited = wait.waits.slice(0, 5).reduce((sum, ms) => sum + ms, 0);
    expect(wait.waits.slice(0, 5)).toEqual([1000, 2000, 4000, 8000, 16_000]);
    expect(waited).toBeLessThanOrEqual(RETRY_BUDGET_MS);
  });

  it('does not retry a mistake of the call, nor a day’s quota, nor without a way to wait', () => {
    const world = createFakeSpreadsheetApp();
    const wait = recordedWait();
    const tooLong: SheetWrite = {
      kind: 'replace',
      sheet: 'Khác',
      headers: ['A'],
      rows: [['Ư'.repeat(50001)]],
    };
    expect(() => workbookOver(world, wait).write([tooLong])).toThrow(
      'more than the maximum of 50000 characters',
    );
    const daily = 'Exception: Service invoked too many times for one day: spreadsheets.';
    jest.spyOn(FakeRange.prototype, 'setValues').mockImplementationOnce(() => {
      throw new Error(daily);
    });
    expect(() => workbookOver(world, wait).write([replace(registerRows(3))])).toThrow(daily);
    jest.spyOn(FakeRange.prototype, 'setValues').mockImplementationOnce(() => {
      throw new Error(SERVICE_FAILED);
    });
    expect(() => workbookOver(world, null).write([replace(registerRows(3))])).toThrow(SERVICE_FAILED);
    expect(wait.waits).toEqual([]);
  });
});

describe('on a SpreadsheetApp that fails one value call in three', () => {
  beforeEach(() => {
    let calls = 0;
    for (const method of ['setValues', 'getValues'] as const) {
      const original = FakeRange.prototype[method] as (this: FakeRange, ...args: unknown[]) => unknown;
      jest.spyOn(FakeRange.prototype, method).mockImplementation(function (
        this: FakeRange,
        ...args: unknown[]
      ) {
        calls += 1;
        if (calls % 3 === 0) throw new Error(SERVICE_FAILED);
        return original.apply(this, args) as never;
      });
    }
  });

  describeWorkbookContract('Google Sheets (SpreadsheetApp failing one value call in three)', () => {
    const world = createFakeSpreadsheetApp();
    return { workbook: workbookOver(world), reload: async () => workbookOver(world) };
  });
});
