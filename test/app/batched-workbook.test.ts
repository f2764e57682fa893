import { BatchedWorkbook, runAsOneBatch } from '../../src/app/batched-workbook';
import { MemoryLock } from '../fakes/memory-lock';
import { MemoryWorkbook } from '../fakes/memory-workbook';

function workbook() {
  return new MemoryWorkbook([
    { name: 'A', headers: ['x', 'y'], rows: [['1', '2']] },
    { name: 'Nhật ký', headers: ['Mức', 'Nội dung'], rows: [['Lỗi', 'cũ']] },
  ]);
}

describe('BatchedWorkbook', () => {
  it('reads each sheet once, with the prefetched ones in the first read', () => {
    const inner = workbook();
    const batch = new BatchedWorkbook(inner, { prefetch: ['A', 'B'] });
    expect(batch.read(['A']).get('A')?.rows).toEqual([['1', '2']]);
    expect(batch.read(['A', 'B']).has('B')).toBe(false);
    expect(inner.reads).toEqual([['A', 'B']]);
  });

  it('lets a later read see earlier writes as the workbook will store them, and writes nothing before flush', () => {
    const inner = workbook();
    const batch = new BatchedWorkbook(inner);
    batch.read(['A']);
    batch.write([
      {
        kind: 'replace',
        sheet: 'A',
        headers: ['x', 'y', 'z'],
        rows: [
          ['3', ''],
          [null, null],
        ],
      },
    ]);
    batch.write([{ kind: 'append', sheet: 'A', headers: ['z', 'w'], rows: [['5', '6']] }]);
    expect(batch.read(['A']).get('A')).toEqual({
      name: 'A',
      headers: ['x', 'y', 'z', 'w'],
      rows: [
        ['3', null, null, null],
        [null, null, '5', '6'],
      ],
    });
    expect(inner.writes).toEqual([]);
    expect(inner.reads).toHaveLength(1);
  });

  it('writes each sheet once on flush, in one batch, leaving the sheets as the separate writes would', () => {
    const separate = workbook();
    const batched = workbook();
    const writes = [
      { kind: 'replace', sheet: 'A', headers: ['x'], rows: [['9']] },
      { kind: 'append', sheet: 'A', headers: ['x'], rows: [['10'], [null]] },
      { kind: 'append', sheet: 'Nhật ký', headers: ['Mức', 'Nội dung'], rows: [['Lỗi', 'một']] },
      {
        kind: 'replace',
        sheet: 'A',
        headers: ['x', 'y'],
        rows: [
          ['8', '7'],
          ['', null],
        ],
      },
      { kind: 'append', sheet: 'A', headers: ['y'], rows: [['6']] },
      { kind: 'append', sheet: 'Nhật ký', headers: ['Nội dung', 'Việc'], rows: [['hai', 'Gửi thư']] },
    ] as const;
    writes.forEach((write) => separate.write([write]));
    const batch = new BatchedWorkbook(batched);
    writes.forEach((write) => batch.write([write]));
    // An append to a sheet never read: the read after it sees the sheet's rows and the new ones.
    expect(batch.read(['Nhật ký']).get('Nhật ký')).toEqual(separate.table('Nhật ký'));
    batch.flush();
    expect(batched.writes).toHaveLength(1);
    expect(batched.writes[0]?.map((write) => write.sheet)).toEqual(['A', 'Nhật ký']);
    expect(batched.table('A')).toEqual(separate.table('A'));
    expect(batched.table('Nhật ký')).toEqual(separate.table('Nhật ký'));
  });
});

describe('runAsOneBatch', () => {
  it('runs under the lock, gives the jobs a lock they already hold, and flushes once', () => {
    const inner = workbook();
    const lock = new MemoryLock();
    runAsOneBatch({ workbook: inner, lock }, ['A'], (batch) => {
      batch.lock.withLock(() =>
        batch.workbook.write([{ kind: 'replace', sheet: 'A', headers: ['x'], rows: [] }]),
      );
      batch.lock.withLock(() =>
        batch.workbook.write([{ kind: 'replace', sheet: 'B', headers: ['y'], rows: [] }]),
      );
    });
    expect(lock.acquisitions).toBe(1);
    expect(inner.writes).toHaveLength(1);
  });

  it('writes nothing when the work throws', () => {
    const inner = workbook();
    expect(() =>
      runAsOneBatch({ workbook: inner, lock: new MemoryLock() }, [], (batch) => {
        batch.workbook.write([{ kind: 'replace', sheet: 'A', headers: ['x'], rows: [] }]);
        throw new Error('hỏng');
      }),
    ).toThrow('hỏng');
    expect(inner.writes).toEqual([]);
  });
});
