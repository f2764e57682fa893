// Which cells a write sends (issue 15): the cells that changed, as blocks of consecutive rows with
// the same span of changed columns; new rows and bold rows whole.
import { blockOver, changedBlocks, changedSpan, joinedBlocks } from '../src/sheet-writes';
import type { CellValue } from '../src/ports';

const at = (ms: number) => new Date(Date.UTC(2023, 3, 1, 0, 0, 0, ms));

describe('changedSpan', () => {
  it('gives the first and last column that differ, or null', () => {
    expect(changedSpan(['a', 'b', 'c', 'd'], ['a', 'B', 'c', 'D'], 4)).toEqual([1, 3]);
    expect(changedSpan(['a', 'b'], ['a', 'b'], 2)).toBeNull();
  });

  it('reads a row shorter than the width as empty where it does not reach', () => {
    expect(changedSpan(['a', 'b', 'c'], ['a'], 3)).toEqual([1, 2]);
    expect(changedSpan(['a', null, ''], ['a'], 3)).toBeNull();
    expect(changedSpan(['a'], ['a', null, 'x'], 3)).toEqual([2, 2]);
  });

  it("holds '' and null for the same empty cell", () => {
    expect(changedSpan(['', null], [null, ''], 2)).toBeNull();
    expect(changedSpan([''], ['0'], 1)).toEqual([0, 0]);
    expect(changedSpan([0], [null], 1)).toEqual([0, 0]);
  });

  it('holds dates 1 ms apart for the same (a serial number comes back rounded), 2 ms apart not', () => {
    expect(changedSpan([at(0)], [at(1)], 1)).toBeNull();
    expect(changedSpan([at(0)], [at(2)], 1)).toEqual([0, 0]);
    // A date and the number it would be are not the same cell: the format differs.
    expect(changedSpan([at(0)], [at(0).getTime()], 1)).toEqual([0, 0]);
  });

  it('looks only at the columns of the width', () => {
    expect(changedSpan(['a', 'b', 'x'], ['a', 'b', 'y'], 2)).toBeNull();
  });
});

describe('changedBlocks', () => {
  const before: CellValue[][] = [
    ['U1', 'Trường 1', 'Chưa mở nhận'],
    ['U2', 'Trường 2', 'Chưa mở nhận'],
    ['U3', 'Trường 3', 'Chưa mở nhận'],
  ];

  it('sends one column down the rows where only it changed', () => {
    const after = before.map((row) => [row[0] ?? null, row[1] ?? null, 'Chưa nộp']);
    expect(changedBlocks(before, after, 3)).toEqual([
      { start: 0, firstColumn: 2, width: 1, rows: [['Chưa nộp'], ['Chưa nộp'], ['Chưa nộp']] },
    ]);
  });

  it('sends nothing for a table that did not change', () => {
    expect(changedBlocks(before, before, 3)).toEqual([]);
    expect(changedBlocks([], [], 3)).toEqual([]);
  });

  it('starts a new block where the span of changed columns differs or a row did not change', () => {
    const after: CellValue[][] = [
      ['U1', 'Trường 1', 'Chưa nộp'],
      ['U2', 'Trường Hai', 'Chưa nộp'],
      ['U3', 'Trường 3', 'Chưa mở nhận'],
      ['U4', 'Trường 4', 'Chưa nộp'],
    ];
    const bigger = [...before, ['U4', 'Trường 4', 'Chưa mở nhận']];
    expect(changedBlocks(bigger, after, 3)).toEqual([
      { start: 0, firstColumn: 2, width: 1, rows: [['Chưa nộp']] },
      { start: 1, firstColumn: 1, width: 2, rows: [['Trường Hai', 'Chưa nộp']] },
      { start: 3, firstColumn: 2, width: 1, rows: [['Chưa nộp']] },
    ]);
  });

  it('sends a new row whole, blanks included, and a short row padded to its span', () => {
    const after: CellValue[][] = [['U1', 'Trường 1'], ['U2', 'Trường 2', 'Chưa mở nhận'], ['U3'], ['U9']];
    expect(changedBlocks(before, after, 3)).toEqual([
      { start: 0, firstColumn: 2, width: 1, rows: [[null]] },
      { start: 2, firstColumn: 1, width: 2, rows: [[null, null]] },
      { start: 3, firstColumn: 0, width: 3, rows: [['U9', null, null]] },
    ]);
  });

  it('sends a bold row whole even when it did not change, apart from its changed neighbours', () => {
    const after = [before[0] as CellValue[], ['U2', 'Trường 2', 'Chưa nộp'], before[2] as CellValue[]];
    expect(changedBlocks(before, after, 3, new Set([0]))).toEqual([
      { start: 0, firstColumn: 0, width: 3, rows: [['U1', 'Trường 1', 'Chưa mở nhận']] },
      { start: 1, firstColumn: 2, width: 1, rows: [['Chưa nộp']] },
    ]);
  });

  it('keeps a date 1 ms off unsent and sends one 2 ms off', () => {
    const dated = [[at(0)], [at(0)]];
    expect(changedBlocks(dated, [[at(1)], [at(2)]], 1)).toEqual([
      { start: 1, firstColumn: 0, width: 1, rows: [[at(2)]] },
    ]);
  });

  it('sends nothing at width 0', () => {
    expect(changedBlocks([], [[], []], 0)).toEqual([]);
  });
});

describe('joinedBlocks and blockOver', () => {
  const after: CellValue[][] = [
    ['a', 'b', 'c', 'd'],
    ['e', 'f', 'g', 'h'],
    ['i', 'j', 'k', 'l'],
    ['m', 'n', 'o', 'p'],
  ];

  it('joins blocks of consecutive rows over the columns of all of them, and leaves apart the others', () => {
    const blocks = [
      { start: 0, firstColumn: 2, width: 1, rows: [['c']] },
      { start: 1, firstColumn: 1, width: 1, rows: [['f']] },
      { start: 3, firstColumn: 3, width: 1, rows: [['p']] },
    ];
    expect(joinedBlocks(after, blocks)).toEqual([
      {
        start: 0,
        firstColumn: 1,
        width: 2,
        rows: [
          ['b', 'c'],
          ['f', 'g'],
        ],
      },
      { start: 3, firstColumn: 3, width: 1, rows: [['p']] },
    ]);
    expect(blockOver(after, blocks)).toEqual({
      start: 0,
      firstColumn: 1,
      width: 3,
      rows: [
        ['b', 'c', 'd'],
        ['f', 'g', 'h'],
        ['j', 'k', 'l'],
        ['n', 'o', 'p'],
      ],
    });
  });

  it('pads a short row of the table with blanks and refuses to span no block', () => {
    expect(blockOver([['a']], [{ start: 0, firstColumn: 0, width: 3, rows: [['a', null, null]] }])).toEqual({
      start: 0,
      firstColumn: 0,
      width: 3,
      rows: [['a', null, null]],
    });
    expect(() => blockOver(after, [])).toThrow('blockOver needs at least one block.');
  });
});
