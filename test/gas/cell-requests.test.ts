// A write's cells as Sheets API requests (issue 15): a long vertical run of one same cell goes once,
// as a repeatCell right after the updateCells that leaves `{}` in its place; an updateCells too
// large for one request is cut, each part with its own repeatCells (the fake's repeatCell is tested
// in test/fakes/advanced-sheets.test.ts).
import { MAX_REQUEST_BYTES } from '../../src/domain/time-budget';
import {
  CELL_FIELDS,
  NO_FORMATS,
  repeatedRuns,
  requestBytes,
  requestParts,
  rowsOf,
} from '../../src/gas/cell-requests';
import type { CellValue } from '../../src/ports';
import { FakeAdvancedSheets } from '../fakes/advanced-sheets';
import { createFakeSpreadsheetApp } from '../fakes/spreadsheet-app';

type Request = GoogleAppsScript.Sheets.Schema.Request;

const LONG = JSON.stringify({ userEnteredValue: { stringValue: 'BC6T-2023 Báo cáo 6 tháng' } });

describe('repeatedRuns', () => {
  it('finds a vertical run of one same cell worth sending once', () => {
    const cells = Array.from({ length: 10 }, (_, row) => [`{"row":${row}}`, LONG]);
    expect(repeatedRuns(cells, 150)).toEqual([{ column: 1, firstRow: 0, rowCount: 10 }]);
  });

  it('never repeats an empty cell, nor a run whose cells weigh less than a repeatCell', () => {
    const empty = Array.from({ length: 1000 }, () => ['{}']);
    expect(repeatedRuns(empty, 150)).toEqual([]);
    const short = Array.from({ length: 3 }, () => [LONG]);
    // 3 × (66 - 2) = 192 bytes saved is not more than the cell once (66) and 150.
    expect(repeatedRuns(short, 150)).toEqual([]);
    expect(repeatedRuns(short, 100)).toEqual([{ column: 0, firstRow: 0, rowCount: 3 }]);
  });

  it('ends a run at a different cell and at a row too short to have the column', () => {
    const cells = [
      ...Array.from({ length: 8 }, () => [LONG]),
      ['{"other":1}'],
      ...Array.from({ length: 8 }, () => [LONG]),
      [],
      ...Array.from({ length: 2 }, () => [LONG]),
    ];
    expect(repeatedRuns(cells, 100)).toEqual([
      { column: 0, firstRow: 0, rowCount: 8 },
      { column: 0, firstRow: 9, rowCount: 8 },
    ]);
  });

  it('finds nothing in no rows', () => {
    expect(repeatedRuns([], 0)).toEqual([]);
  });
});

const SHEET_ID = 0;

function updateOf(
  rows: readonly (readonly CellValue[])[],
  rowIndex = 1,
  columnIndex = 0,
  formats = NO_FORMATS,
): Request {
  const width = Math.max(...rows.map((row) => row.length));
  return {
    updateCells: {
      start: { sheetId: SHEET_ID, rowIndex, columnIndex },
      rows: rowsOf(rows, width, rowIndex - 1, formats, columnIndex),
      fields: CELL_FIELDS,
    },
  };
}

/** A spreadsheet through the Advanced Sheets fake, with a sheet of `rows` × 6 holding old cells. */
function world(rowCount: number) {
  const sheets = createFakeSpreadsheetApp();
  const api = new FakeAdvancedSheets(sheets.spreadsheet);
  const sheet = sheets.spreadsheet.getSheets()[0];
  if (!sheet) throw new Error('no sheet');
  if (rowCount > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), rowCount - sheet.getMaxRows());
  sheet.getRange(1, 1, rowCount, 6).setValues(Array.from({ length: rowCount }, () => Array(6).fill('cũ')));
  const id = sheets.spreadsheet.spreadsheetId;
  return {
    send: (requests: Request[]) => api.Spreadsheets.batchUpdate({ requests }, id),
    snapshot: () => {
      const range = sheet.getRange(1, 1, rowCount, 6);
      return [range.getValues(), range.getNumberFormats(), range.getFontWeights()];
    },
  };
}

function tableOf(count: number): CellValue[][] {
  return Array.from({ length: count }, (_, row) => [
    `U${row}`,
    'BC6T-2023',
    row < count / 2 ? 'Mầm non' : 'Tiểu học',
    new Date(Date.UTC(2023, 3, 1)),
    null,
    0,
  ]);
}

describe('requestParts', () => {
  it('sends long runs once, after the updateCells, and writes the same cells as the updateCells alone', () => {
    const rows = tableOf(40);
    const update = updateOf(rows, 1, 0, { ...NO_FORMATS, boldRows: new Set([2]) });
    const parts = requestParts([update]);
    expect(parts).toHaveLength(1);
    const part = parts[0] as Request[];
    expect(part.map((request) => Object.keys(request)[0])).toEqual([
      'updateCells',
      'repeatCell',
      'repeatCell',
      'repeatCell',
      'repeatCell',
      'repeatCell',
    ]);
    // Data row 2 is bold, so its cells differ from the ones above and below: the runs start after
    // it (the two rows above it are too short a run). `BC6T-2023` down column B from row index 4
    // to the last, end exclusive, with the updateCells' mask.
    expect(part[1]).toEqual({
      repeatCell: {
        range: {
          sheetId: SHEET_ID,
          startRowIndex: 4,
          endRowIndex: 41,
          startColumnIndex: 1,
          endColumnIndex: 2,
        },
        cell: { userEnteredValue: { stringValue: 'BC6T-2023' } },
        fields: CELL_FIELDS,
      },
    });
    expect(part.slice(2).map((request) => request.repeatCell?.range)).toEqual([
      { sheetId: SHEET_ID, startRowIndex: 4, endRowIndex: 21, startColumnIndex: 2, endColumnIndex: 3 },
      { sheetId: SHEET_ID, startRowIndex: 21, endRowIndex: 41, startColumnIndex: 2, endColumnIndex: 3 },
      { sheetId: SHEET_ID, startRowIndex: 4, endRowIndex: 41, startColumnIndex: 3, endColumnIndex: 4 },
      { sheetId: SHEET_ID, startRowIndex: 4, endRowIndex: 41, startColumnIndex: 5, endColumnIndex: 6 },
    ]);
    // The date keeps its format in the one cell repeated.
    expect(part[4]?.repeatCell?.cell?.userEnteredFormat).toEqual({
      numberFormat: { type: 'DATE_TIME', pattern: 'dd/MM/yyyy HH:mm:ss' },
    });
    expect(requestBytes(part[0] as Request) + 2000).toBeLessThan(requestBytes(update));
    const plain = world(45);
    plain.send([update]);
    const repeated = world(45);
    repeated.send(part);
    expect(repeated.snapshot()).toEqual(plain.snapshot());
  });

  it('sends no updateCells when the runs cover every cell', () => {
    const update = updateOf(
      Array.from({ length: 50 }, () => ['Chưa nộp']),
      1,
      4,
    );
    const parts = requestParts([update]);
    expect(parts).toEqual([
      [
        {
          repeatCell: {
            range: {
              sheetId: SHEET_ID,
              startRowIndex: 1,
              endRowIndex: 51,
              startColumnIndex: 4,
              endColumnIndex: 5,
            },
            cell: { userEnteredValue: { stringValue: 'Chưa nộp' } },
            fields: CELL_FIELDS,
          },
        },
      ],
    ]);
    const plain = world(55);
    plain.send([update]);
    const repeated = world(55);
    repeated.send(parts.flat());
    expect(repeated.snapshot()).toEqual(plain.snapshot());
  });

  it('leaves alone what is not an updateCells from a start, and a small updateCells with nothing to repeat', () => {
    const clear: Request = {
      updateCells: { range: { sheetId: SHEET_ID, startRowIndex: 3 }, fields: CELL_FIELDS },
    };
    const grow: Request = { appendDimension: { sheetId: SHEET_ID, dimension: 'ROWS', length: 5 } };
    const small = updateOf([['a'], ['b']]);
    expect(requestParts([grow, small, clear])).toEqual([[grow], [small], [clear]]);
  });

  it('cuts an updateCells over the size limit into parts, each under it with the repeatCells of its own rows', () => {
    // 2,000 rows of 1,000 distinct bytes each, and a column of one same cell down all of them.
    const rows: CellValue[][] = Array.from({ length: 2000 }, (_, row) => [
      `${row}`.padEnd(1000, 'x'),
      'Đơn vị trực thuộc',
    ]);
    const update = updateOf(rows, 1, 0);
    expect(requestBytes(update)).toBeGreaterThan(MAX_REQUEST_BYTES);
    const parts = requestParts([update]);
    expect(parts.length).toBeGreaterThan(1);
    let nextRow = 1;
    parts.forEach((part) => {
      expect(part.reduce((sum, request) => sum + requestBytes(request), 0)).toBeLessThanOrEqual(
        MAX_REQUEST_BYTES,
      );
      const [cells, ...repeats] = part;
      const start = cells?.updateCells?.start?.rowIndex ?? -1;
      const end = start + (cells?.updateCells?.rows?.length ?? 0);
      expect(start).toBe(nextRow);
      nextRow = end;
      repeats.forEach((repeat) => {
        const range = repeat.repeatCell?.range;
        expect(range?.startRowIndex).toBeGreaterThanOrEqual(start);
        expect(range?.endRowIndex).toBeLessThanOrEqual(end);
      });
    });
    expect(nextRow).toBe(2001);
    const plain = world(2005);
    plain.send([update]);
    const repeated = world(2005);
    parts.forEach((part) => repeated.send(part));
    expect(repeated.snapshot()).toEqual(plain.snapshot());
  });
});
