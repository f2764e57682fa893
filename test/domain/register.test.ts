import { SHEET, SUBMISSION_COLUMNS } from '../../src/domain/layout';
import { InputError } from '../../src/domain/problems';
import {
  REGISTER_HEADERS,
  readRegister,
  registerRows,
  reviewDecision,
  submissionOf,
  type RegisterEntry,
} from '../../src/domain/register';
import type { CellValue, Table } from '../../src/domain/table';
import { vietnamInstant } from '../../src/domain/time';

const S = SUBMISSION_COLUMNS;

function entry(fields: Partial<RegisterEntry> & Pick<RegisterEntry, 'responseId'>): RegisterEntry {
  const submittedAt = fields.submittedAt ?? vietnamInstant('2023-03-28', 9, 30, 15);
  return {
    submittedAt,
    lastVersionAt: submittedAt,
    periodId: 'KH-2023',
    unitCode: 'MNHM',
    unitName: 'Mầm non Hoa Mai',
    submitterEmail: 'mnhm@truong.example.edu.vn',
    version: 1,
    outcome: 'accepted',
    problems: [],
    timeliness: 'on_time',
    editLink: 'https://docs.example.com/forms/d/e/x/edit?r=1',
    acceptedAt: submittedAt,
    acceptedAnswers: '{"unit":"MNHM","dvkCount":2}',
    changes: '',
    systemNote: '',
    reviewText: '',
    reviewNote: '',
    extra: {},
    ...fields,
  };
}

function asTable(sheet: { headers: readonly string[]; rows: readonly (readonly CellValue[])[] }): Table {
  return { name: SHEET.submissions, headers: [...sheet.headers], rows: sheet.rows.map((row) => [...row]) };
}

/** The table with the rows put in a new column order, as a person may drag columns around. */
function reordered(table: Table, order: readonly string[]): Table {
  const positions = order.map((header) => table.headers.indexOf(header));
  return {
    name: table.name,
    headers: [...order],
    rows: table.rows.map((row) => positions.map((position) => row[position] ?? null)),
  };
}

function cell(table: Table, responseId: string, column: string): CellValue {
  const idColumn = table.headers.indexOf(S.responseId);
  const row = table.rows.find((candidate) => candidate[idColumn] === responseId);
  if (!row) throw new Error(`no row ${responseId}`);
  return row[table.headers.indexOf(column)] ?? null;
}

describe('the register (Bài nộp)', () => {
  const accepted = entry({
    responseId: 'R1',
    reviewText: 'Đạt',
    reviewNote: 'Kế hoạch đầy đủ.\nĐã đối chiếu bản ký.',
    problems: [
      'Lưu ý: Câu «Số, ký hiệu văn bản»: «số 15» chưa đúng dạng thường dùng (ví dụ «15/KH-MNHM»); đề nghị kiểm tra lại.',
    ],
    extra: { 'Người kiểm tra': 'Cô Hạnh', 'Số lần gọi': 2 },
  });
  const rejectedEdit = entry({
    responseId: 'R2',
    unitCode: 'THDD',
    unitName: 'Tiểu học Đặng Đức',
    submittedAt: vietnamInstant('2023-03-29', 8),
    lastVersionAt: vietnamInstant('2023-03-31', 10, 5, 1),
    version: 3,
    outcome: 'rejected',
    problems: [
      'Câu «Số điện thoại liên hệ»: «12345» không phải là số điện thoại hợp lệ (bắt đầu bằng 0 hoặc +84, tiếp theo là 9–10 chữ số).',
      'Lưu ý: Câu «Ngày ban hành»: «20/03/2022» không thuộc năm 2023; đề nghị kiểm tra lại.',
    ],
    timeliness: 'on_time',
    acceptedAt: vietnamInstant('2023-03-29', 8),
    systemNote: 'Đánh giá «Đạt» là của lần nộp 2; đơn vị đã nộp lại lúc 31/03/2023 10:05.',
    reviewText: 'Yêu cầu bổ sung',
    reviewNote: 'Thiếu chữ ký.',
    extra: { 'Người kiểm tra': null, 'Số lần gọi': null },
  });
  const held = entry({
    responseId: 'R3',
    outcome: 'held',
    problems: ['Chưa xác minh được người nộp.'],
    timeliness: null,
    acceptedAt: null,
    acceptedAnswers: '',
    extra: { 'Người kiểm tra': 'Thầy Bảo', 'Số lần gọi': null },
  });
  const sheet = { entries: [accepted, rejectedEdit, held], extraHeaders: ['Người kiểm tra', 'Số lần gọi'] };

  it('writes the system columns, then the columns the department added', () => {
    const { headers } = registerRows(sheet);
    expect(headers).toEqual([...REGISTER_HEADERS, 'Người kiểm tra', 'Số lần gọi']);
    expect(REGISTER_HEADERS.slice(0, 11)).toEqual([
      'Mã phản hồi',
      'Thời điểm nộp',
      'Mã kỳ',
      'Mã đơn vị',
      'Tên đơn vị',
      'Email người nộp',
      'Lần nộp',
      'Kết quả kiểm tra',
      'Lỗi cần sửa',
      'Đúng hạn',
      'Liên kết sửa',
    ]);
    expect(REGISTER_HEADERS).toContain('Đánh giá');
    expect(REGISTER_HEADERS).toContain('Ghi chú đánh giá');
  });

  it('writes labels people read: outcome, timeliness, review, one problem per line', () => {
    const table = asTable(registerRows(sheet));
    expect(cell(table, 'R2', S.outcome)).toBe('Không hợp lệ');
    expect(cell(table, 'R3', S.outcome)).toBe('Chờ xác minh');
    expect(cell(table, 'R1', S.outcome)).toBe('Hợp lệ');
    expect(cell(table, 'R1', S.timeliness)).toBe('Đúng hạn');
    expect(cell(table, 'R3', S.timeliness)).toBe('');
    expect(cell(table, 'R2', S.problems)).toBe(rejectedEdit.problems.join('\n'));
    expect(cell(table, 'R3', S.review)).toBe('Chờ duyệt');
    expect(cell(table, 'R2', S.version)).toBe(3);
    expect(cell(table, 'R2', S.submittedAt)).toEqual(vietnamInstant('2023-03-29', 8));
  });

  it('reads back what it wrote', () => {
    const back = readRegister(asTable(registerRows(sheet)));
    expect(back.extraHeaders).toEqual(['Người kiểm tra', 'Số lần gọi']);
    expect(back.entries).toEqual([
      accepted,
      rejectedEdit,
      // An empty review is written as `Chờ duyệt`, which means the same.
      { ...held, reviewText: 'Chờ duyệt' },
    ]);
  });

  it('keeps the department’s review and added columns with their row when columns and rows are moved', () => {
    const written = asTable(registerRows(sheet));
    const order = [
      'Số lần gọi',
      S.review,
      S.reviewNote,
      ...REGISTER_HEADERS.filter((header) => header !== S.review && header !== S.reviewNote),
      'Người kiểm tra',
    ];
    const moved = reordered(written, order);
    const shuffled: Table = { ...moved, rows: [...moved.rows].reverse() };
    const back = readRegister(shuffled);
    const byId = new Map(back.entries.map((item) => [item.responseId, item]));
    expect(byId.get('R1')).toMatchObject({
      reviewText: 'Đạt',
      reviewNote: 'Kế hoạch đầy đủ.\nĐã đối chiếu bản ký.',
      extra: { 'Người kiểm tra': 'Cô Hạnh', 'Số lần gọi': 2 },
    });
    expect(byId.get('R2')).toMatchObject({ reviewText: 'Yêu cầu bổ sung', reviewNote: 'Thiếu chữ ký.' });
    expect(byId.get('R3')?.extra).toEqual({ 'Người kiểm tra': 'Thầy Bảo', 'Số lần gọi': null });
    // Written again, the system columns come first and the added ones follow in the sheet's order.
    const rewritten = asTable(registerRows(back));
    expect(rewritten.headers).toEqual([...REGISTER_HEADERS, 'Số lần gọi', 'Người kiểm tra']);
    expect(cell(rewritten, 'R1', 'Người kiểm tra')).toBe('Cô Hạnh');
    expect(cell(rewritten, 'R1', S.reviewNote)).toBe('Kế hoạch đầy đủ.\nĐã đối chiếu bản ký.');
    expect(cell(rewritten, 'R2', S.review)).toBe('Yêu cầu bổ sung');
  });

  it('drops rows without a response id (they are not the system’s) and keeps the rest', () => {
    const written = asTable(registerRows(sheet));
    const idColumn = written.headers.indexOf(S.responseId);
    const note: CellValue[] = written.headers.map(() => null);
    note[written.headers.indexOf(S.reviewNote)] = 'Tổng cộng: 3 bài';
    const withoutId = [...(written.rows[0] ?? [])];
    withoutId[idColumn] = '   ';
    const table: Table = {
      ...written,
      rows: [...written.rows, note, withoutId, written.headers.map(() => null)],
    };
    expect(readRegister(table).entries.map((item) => item.responseId)).toEqual(['R1', 'R2', 'R3']);
  });

  it('keeps a row whose first-seen time was typed over, with its review, from its other times', () => {
    const written = asTable(registerRows(sheet));
    const spoiled = written.rows.map((row, index) => {
      if (index !== 1) return row;
      const copy = [...row];
      copy[written.headers.indexOf(S.submittedAt)] = 'hôm qua';
      return copy;
    });
    const entries = readRegister({ ...written, rows: spoiled }).entries;
    expect(entries.map((item) => item.responseId)).toEqual(['R1', 'R2', 'R3']);
    const original = readRegister(written).entries[1];
    expect(entries[1]).toEqual({ ...original, submittedAt: original?.lastVersionAt });
  });

  it('reads instants typed as text and numbers typed as text', () => {
    const typed: Record<string, string> = {
      [S.responseId]: 'R9',
      [S.submittedAt]: '2023-03-30 21:15:04',
      [S.version]: '2',
      [S.outcome]: 'hợp lệ',
      [S.acceptedAt]: '2023-03-30T21:15:04+07:00',
    };
    const headers = Object.values(S);
    const table: Table = {
      name: SHEET.submissions,
      headers,
      rows: [headers.map((header) => typed[header] ?? '')],
    };
    const [read] = readRegister(table).entries;
    expect(read).toMatchObject({
      responseId: 'R9',
      submittedAt: vietnamInstant('2023-03-30', 21, 15, 4),
      lastVersionAt: vietnamInstant('2023-03-30', 21, 15, 4),
      acceptedAt: vietnamInstant('2023-03-30', 21, 15, 4),
      version: 2,
      outcome: 'accepted',
      reviewText: '',
      extra: {},
    });
  });

  it("stops on a renamed `Đánh giá`: the department's reviews would be lost at the next rewrite", () => {
    const headers = Object.values(S).map((header) => (header === S.review ? 'Danh gia' : header));
    expect(() => readRegister({ name: SHEET.submissions, headers, rows: [] })).toThrow(
      '«Bài nộp», dòng 1, cột «Đánh giá»: thiếu cột «Đánh giá» ở dòng tiêu đề.',
    );
  });

  it('is empty when the sheet does not exist yet', () => {
    expect(readRegister(undefined)).toEqual({ entries: [], extraHeaders: [] });
  });

  it('reports a sheet without the response id column, naming the sheet, row 1 and the column', () => {
    const table: Table = {
      name: SHEET.submissions,
      headers: ['Mã đơn vị', 'Đánh giá'],
      rows: [['MNHM', 'Đạt']],
    };
    expect(() => readRegister(table)).toThrow(InputError);
    expect(() => readRegister(table)).toThrow(
      '«Bài nộp», dòng 1, cột «Mã phản hồi»: thiếu cột «Mã phản hồi» ở dòng tiêu đề.',
    );
  });
});

describe('reviewDecision', () => {
  it.each([
    ['', 'pending'],
    ['Chờ duyệt', 'pending'],
    ['Đạt', 'approved'],
    ['đạt', 'approved'],
    ['DAT', 'approved'],
    ['Yêu cầu bổ sung', 'returned'],
    ['yeu cau bo sung', 'returned'],
    ['Đạt rồi', undefined],
    ['OK', undefined],
  ])('reads «%s» as %s', (text, decision) => {
    expect(reviewDecision(text)).toBe(decision);
  });
});

describe('submissionOf', () => {
  it('gives the status engine the errors without the warnings, and the review as a decision', () => {
    const submission = submissionOf(
      entry({
        responseId: 'R5',
        outcome: 'rejected',
        problems: ['Câu «Chức vụ»: chưa được trả lời.', 'Lưu ý: Câu «Ngày ban hành»: …'],
        reviewText: 'Yêu cầu bổ sung',
        reviewNote: '  Bổ sung   chữ ký ',
      }),
    );
    expect(submission).toMatchObject({
      responseId: 'R5',
      outcome: 'rejected',
      problems: ['Câu «Chức vụ»: chưa được trả lời.'],
      review: 'returned',
      reviewNote: 'Bổ sung chữ ký',
    });
  });

  it('counts a review that is none of the labels as pending', () => {
    expect(submissionOf(entry({ responseId: 'R6', reviewText: 'xong' })).review).toBe('pending');
  });
});
