// One contract for every Workbook implementation: the jobs rely on exactly these behaviours, so
// each shell runs this suite (see test/gas and test/node) and must pass it unchanged.

import type { CellValue, SheetWrite, Table, Workbook } from '../../src/ports';
import { vietnamInstant } from '../../src/domain/time';

export interface WorkbookHarness {
  /** A workbook with no sheet that this suite uses. */
  readonly workbook: Workbook;
  /** The same storage seen afresh: the file saved and opened again, or a new adapter over the same spreadsheet. */
  reload(): Promise<Workbook>;
}

/** Strings that a spreadsheet would happily turn into something else if it were given the chance. */
export const TRICKY_STRINGS: readonly string[] = [
  'Trường THCS Nguyễn Văn Trỗi – Phường Linh Chiểu',
  'Kế hoạch 📚 đã gửi 👍',
  '=HYPERLINK("x")',
  '=1+1',
  '+84901234567',
  '+',
  '-3',
  '-',
  '@x',
  '@',
  '0901234567',
  '007',
  '30/03/2023',
  '2023-03-30',
  '30/03/2023 23:59',
  'TRUE',
  'false',
  '1.234',
  '1,5',
  '50%',
  '1e5',
  "'đã có dấu nháy",
  '  khoảng trắng ở hai đầu  ',
  'dòng một\ndòng hai',
  'Ư'.repeat(50000),
];

const HEADERS = ['Mã đơn vị', 'Tên đơn vị', 'Số lượng', 'Đang hoạt động', 'Hạn nộp'];

function rowsOf(table: Table | undefined): readonly (readonly CellValue[])[] {
  if (!table) throw new Error('the sheet was not read');
  return table.rows;
}

export function describeWorkbookContract(
  name: string,
  makeHarness: () => WorkbookHarness | Promise<WorkbookHarness>,
): void {
  describe(`Workbook contract: ${name}`, () => {
    let harness: WorkbookHarness;

    beforeEach(async () => {
      harness = await makeHarness();
    });

    async function writeThenRead(writes: readonly SheetWrite[], sheets: readonly string[]) {
      harness.workbook.write(writes);
      return (await harness.reload()).read(sheets);
    }

    it('leaves a sheet that does not exist out of what it reads', async () => {
      harness.workbook.write([
        { kind: 'replace', sheet: 'Đơn vị', headers: ['Mã đơn vị'], rows: [['DV01']] },
      ]);
      const workbook = await harness.reload();
      const tables = workbook.read(['Không có trang này', 'Đơn vị']);
      expect([...tables.keys()]).toEqual(['Đơn vị']);
      expect(tables.has('Không có trang này')).toBe(false);
      expect(workbook.read(['Không có trang này']).size).toBe(0);
    });

    it('creates a sheet on replace and reads back its headers and rows', async () => {
      const rows = [
        ['DV01', 'Trường Mầm non Hoa Mai', 12, true, vietnamInstant('2023-03-31')],
        ['DV02', 'Trường Tiểu học Linh Chiểu', 0, false, null],
      ];
      const tables = await writeThenRead(
        [{ kind: 'replace', sheet: 'Đơn vị', headers: HEADERS, rows }],
        ['Đơn vị'],
      );
      const table = tables.get('Đơn vị');
      expect(table?.name).toBe('Đơn vị');
      expect(table?.headers).toEqual(HEADERS);
      expect(rowsOf(table)).toEqual(rows);
    });

    it('reads what was just written without a reload', () => {
      harness.workbook.write([{ kind: 'replace', sheet: 'Kỳ nộp', headers: ['Mã kỳ'], rows: [['KH2023']] }]);
      expect(harness.workbook.read(['Kỳ nộp']).get('Kỳ nộp')?.rows).toEqual([['KH2023']]);
    });

    it('stores every string as exactly that text: never a formula, number, date or boolean', async () => {
      const tables = await writeThenRead(
        [
          {
            kind: 'replace',
            sheet: 'Chuỗi',
            headers: ['Giá trị'],
            rows: TRICKY_STRINGS.map((text) => [text]),
          },
        ],
        ['Chuỗi'],
      );
      const values = rowsOf(tables.get('Chuỗi')).map((row) => row[0]);
      expect(values).toHaveLength(TRICKY_STRINGS.length);
      TRICKY_STRINGS.forEach((text, index) =>
        expect({ index, value: values[index] }).toEqual({ index, value: text }),
      );
    });

    it('keeps Vietnamese headers and text in NFC as written', async () => {
      const header = 'Phường/Xã'.normalize('NFC');
      const text = 'Thủ Đức – Hiệp Bình Chánh'.normalize('NFC');
      const tables = await writeThenRead(
        [{ kind: 'replace', sheet: 'Đơn vị', headers: [header], rows: [[text]] }],
        ['Đơn vị'],
      );
      const table = tables.get('Đơn vị');
      expect(table?.headers[0]).toBe(header);
      expect(table?.rows[0]?.[0]).toBe(text);
      expect((table?.rows[0]?.[0] as string).length).toBe(text.length);
    });

    it('round-trips numbers and booleans as numbers and booleans', async () => {
      const rows = [[0], [-3.5], [42], [1234567.25], [0.1], [true], [false]];
      const tables = await writeThenRead(
        [{ kind: 'replace', sheet: 'Số', headers: ['Giá trị'], rows }],
        ['Số'],
      );
      expect(rowsOf(tables.get('Số'))).toEqual(rows);
    });

    it('round-trips dates as the same instants, whatever the machine time zone', async () => {
      const lastMoment = new Date('2023-03-30T23:59:59+07:00');
      const midnight = vietnamInstant('2023-05-01');
      const afterMidnight = new Date('2023-04-30T17:00:01Z');
      const tables = await writeThenRead(
        [
          {
            kind: 'replace',
            sheet: 'Ngày',
            headers: ['Hạn chót', 'Ngày', 'Thời điểm'],
            rows: [[lastMoment, midnight, afterMidnight]],
            format: { dateColumns: ['Ngày'], dateTimeColumns: ['Hạn chót', 'Thời điểm'] },
          },
        ],
        ['Ngày'],
      );
      const [row] = rowsOf(tables.get('Ngày'));
      expect(row?.every((value) => value instanceof Date)).toBe(true);
      expect((row?.[0] as Date).toISOString()).toBe('2023-03-30T16:59:59.000Z');
      expect((row?.[1] as Date).getTime()).toBe(midnight.getTime());
      expect((row?.[2] as Date).getTime()).toBe(afterMidnight.getTime());
    });

    it('reads empty cells as null, keeps blank rows inside the table and drops trailing ones', async () => {
      const rows: CellValue[][] = [
        ['DV01', null, ''],
        [null, null, null],
        ['DV03', 'có', null],
        [null, null, null],
      ];
      const tables = await writeThenRead(
        [{ kind: 'replace', sheet: 'Rỗng', headers: ['A', 'B', 'C'], rows }],
        ['Rỗng'],
      );
      const table = tables.get('Rỗng');
      expect(table?.headers).toEqual(['A', 'B', 'C']);
      expect(table?.rows).toEqual([
        ['DV01', null, null],
        [null, null, null],
        ['DV03', 'có', null],
      ]);
    });

    it('pads short rows with nulls to the width of the headers', async () => {
      const tables = await writeThenRead(
        [{ kind: 'replace', sheet: 'Ngắn', headers: ['A', 'B', 'C'], rows: [['x'], ['y', 'z']] }],
        ['Ngắn'],
      );
      expect(tables.get('Ngắn')?.rows).toEqual([
        ['x', null, null],
        ['y', 'z', null],
      ]);
    });

    it('reads a sheet with headers and no rows', async () => {
      const tables = await writeThenRead(
        [{ kind: 'replace', sheet: 'Trống', headers: ['A', 'B'], rows: [] }],
        ['Trống'],
      );
      expect(tables.get('Trống')).toEqual({ name: 'Trống', headers: ['A', 'B'], rows: [] });
    });

    it('leaves no stale rows or columns when a replace is smaller than the sheet', async () => {
      harness.workbook.write([
        {
          kind: 'replace',
          sheet: 'Tổng hợp',
          headers: ['A', 'B', 'C', 'D'],
          rows: Array.from({ length: 30 }, (_, index) => [`a${index}`, `b${index}`, index, true]),
          format: { boldRows: [29], filter: true, frozenRows: 1 },
        },
      ]);
      const tables = await writeThenRead(
        [{ kind: 'replace', sheet: 'Tổng hợp', headers: ['A', 'B'], rows: [['mới', null]] }],
        ['Tổng hợp'],
      );
      expect(tables.get('Tổng hợp')).toEqual({
        name: 'Tổng hợp',
        headers: ['A', 'B'],
        rows: [['mới', null]],
      });
    });

    it('replaces twice with a format without complaint (filters, protections and rules are reused)', async () => {
      const write: SheetWrite = {
        kind: 'replace',
        sheet: 'Bài nộp',
        headers: ['Mã', 'Tình trạng', 'Ngày nộp'],
        rows: [['R1', 'Quá hạn', vietnamInstant('2023-03-29')]],
        format: {
          frozenRows: 1,
          frozenColumns: 1,
          filter: true,
          protectedWarningOnly: true,
          valueColors: [{ column: 'Tình trạng', equals: 'Quá hạn', background: '#F4CCCC', font: '#990000' }],
          dateColumns: ['Ngày nộp'],
          boldRows: [0],
        },
      };
      harness.workbook.write([write]);
      const tables = await writeThenRead([write], ['Bài nộp']);
      expect(tables.get('Bài nộp')?.rows).toEqual(write.rows);
    });

    it('appends rows under the existing ones', async () => {
      harness.workbook.write([
        { kind: 'replace', sheet: 'Nhật ký', headers: ['Thời điểm', 'Việc'], rows: [['t1', 'đầu']] },
      ]);
      const tables = await writeThenRead(
        [
          { kind: 'append', sheet: 'Nhật ký', headers: ['Thời điểm', 'Việc'], rows: [['t2', 'hai']] },
          {
            kind: 'append',
            sheet: 'Nhật ký',
            headers: ['Thời điểm', 'Việc'],
            rows: [
              ['t3', '=ba'],
              ['t4', '0901'],
            ],
          },
        ],
        ['Nhật ký'],
      );
      expect(tables.get('Nhật ký')).toEqual({
        name: 'Nhật ký',
        headers: ['Thời điểm', 'Việc'],
        rows: [
          ['t1', 'đầu'],
          ['t2', 'hai'],
          ['t3', '=ba'],
          ['t4', '0901'],
        ],
      });
    });

    it('creates the sheet with its headers when appending to a sheet that does not exist', async () => {
      const at = new Date('2023-03-30T08:15:00+07:00');
      const tables = await writeThenRead(
        [{ kind: 'append', sheet: 'Nhật ký thư', headers: ['Thời điểm', 'Kết quả'], rows: [[at, 'Đã gửi']] }],
        ['Nhật ký thư'],
      );
      expect(tables.get('Nhật ký thư')).toEqual({
        name: 'Nhật ký thư',
        headers: ['Thời điểm', 'Kết quả'],
        rows: [[at, 'Đã gửi']],
      });
    });

    it('creates a sheet with only headers when appending no rows to a missing sheet', async () => {
      const tables = await writeThenRead(
        [{ kind: 'append', sheet: 'Nhật ký', headers: ['Thời điểm'], rows: [] }],
        ['Nhật ký'],
      );
      expect(tables.get('Nhật ký')).toEqual({ name: 'Nhật ký', headers: ['Thời điểm'], rows: [] });
    });

    it('appends by header title when people reordered or added columns', async () => {
      harness.workbook.write([
        {
          kind: 'replace',
          sheet: 'Phản hồi Kế hoạch',
          headers: ['Địa chỉ email', 'Ghi chú riêng', 'Dấu thời gian'],
          rows: [['a@truong.edu.vn', 'của phòng', 't1']],
        },
      ]);
      const tables = await writeThenRead(
        [
          {
            kind: 'append',
            sheet: 'Phản hồi Kế hoạch',
            headers: ['dấu  thời gian', 'Địa chỉ email', 'Câu hỏi mới'],
            rows: [['t2', 'b@truong.edu.vn', 'trả lời']],
          },
        ],
        ['Phản hồi Kế hoạch'],
      );
      expect(tables.get('Phản hồi Kế hoạch')).toEqual({
        name: 'Phản hồi Kế hoạch',
        headers: ['Địa chỉ email', 'Ghi chú riêng', 'Dấu thời gian', 'Câu hỏi mới'],
        rows: [
          ['a@truong.edu.vn', 'của phòng', 't1', null],
          ['b@truong.edu.vn', null, 't2', 'trả lời'],
        ],
      });
    });

    it('applies a batch of several writes to several sheets', async () => {
      const tables = await writeThenRead(
        [
          { kind: 'replace', sheet: 'Bài nộp', headers: ['Mã phản hồi'], rows: [['R1'], ['R2']] },
          {
            kind: 'replace',
            sheet: 'Tổng hợp',
            headers: ['Mã đơn vị', 'Tình trạng'],
            rows: [['DV01', 'Đã nộp']],
          },
          { kind: 'append', sheet: 'Nhật ký', headers: ['Việc'], rows: [['chạy']] },
          { kind: 'append', sheet: 'Nhật ký', headers: ['Việc'], rows: [['xong']] },
        ],
        ['Bài nộp', 'Tổng hợp', 'Nhật ký', 'Không có'],
      );
      expect([...tables.keys()].sort()).toEqual(['Bài nộp', 'Nhật ký', 'Tổng hợp']);
      expect(tables.get('Bài nộp')?.rows).toEqual([['R1'], ['R2']]);
      expect(tables.get('Tổng hợp')?.rows).toEqual([['DV01', 'Đã nộp']]);
      expect(tables.get('Nhật ký')?.rows).toEqual([['chạy'], ['xong']]);
    });

    it('reads columns the code does not know, so readers can keep them', async () => {
      const headers = ['Mã đơn vị', 'Cột phòng tự thêm', 'Tên đơn vị'];
      const tables = await writeThenRead(
        [{ kind: 'replace', sheet: 'Đơn vị', headers, rows: [['DV01', 'ghi chú tay', 'Trường A']] }],
        ['Đơn vị'],
      );
      expect(tables.get('Đơn vị')?.headers).toEqual(headers);
      expect(tables.get('Đơn vị')?.rows).toEqual([['DV01', 'ghi chú tay', 'Trường A']]);
    });

    it('rejects a row with more values than headers, and a format naming an unknown column', () => {
      expect(() =>
        harness.workbook.write([{ kind: 'replace', sheet: 'Sai', headers: ['A'], rows: [['x', 'y']] }]),
      ).toThrow(/Sai.*2 values for 1 headers/);
      expect(() =>
        harness.workbook.write([
          {
            kind: 'replace',
            sheet: 'Sai',
            headers: ['A'],
            rows: [['x']],
            format: { dateColumns: ['Không có'] },
          },
        ]),
      ).toThrow(/Sai.*"Không có"/);
    });
  });
}
