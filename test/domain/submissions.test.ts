import { SHEET, SUBMISSION_COLUMNS, columnsOf } from '../../src/domain/layout';
import { parseSubmissions, splitProblemLines, type Submission } from '../../src/domain/submissions';
import type { CellValue } from '../../src/domain/table';
import { vietnamInstant } from '../../src/domain/time';
import { recordsOf, tableFromRecords } from '../fakes/tables';

const S = SUBMISSION_COLUMNS;
type Row = Readonly<Record<string, CellValue>>;

const base: Row = {
  [S.responseId]: 'R1',
  [S.submittedAt]: vietnamInstant('2023-03-30', 21, 15, 4),
  [S.periodId]: 'KH-2023',
  [S.unitCode]: 'MN01',
  [S.unitName]: 'Trường Mầm non Hoa Sen',
  [S.submitterEmail]: 'hieutruong@mn01.example.edu.vn',
  [S.version]: 1,
  [S.outcome]: 'Hợp lệ',
  [S.problems]: '',
  [S.review]: '',
  [S.reviewNote]: '',
};

function parse(rows: readonly Row[], headers: readonly string[] = columnsOf(S)) {
  return parseSubmissions(recordsOf(tableFromRecords(SHEET.submissions, headers, rows), { required: [] }));
}

function submissionsOf(rows: readonly Row[], headers?: readonly string[]): Submission[] {
  const checked = parse(rows, headers);
  if (!checked.ok) throw new Error(checked.problems.map((problem) => problem.message).join('\n'));
  return checked.value;
}

const one = (fields: Row) => submissionsOf([{ ...base, ...fields }])[0] as Submission;

describe('parseSubmissions', () => {
  it('reads a row of Bài nộp', () => {
    expect(submissionsOf([base])).toEqual([
      {
        responseId: 'R1',
        periodId: 'KH-2023',
        unitCode: 'MN01',
        submittedAt: vietnamInstant('2023-03-30', 21, 15, 4),
        acceptedAt: null,
        version: 1,
        outcome: 'accepted',
        problems: [],
        review: 'pending',
        reviewNote: '',
      },
    ]);
  });

  it('reads the time of first acceptance when there is one', () => {
    expect(one({ [S.acceptedAt]: vietnamInstant('2023-03-29', 8) }).acceptedAt).toEqual(
      vietnamInstant('2023-03-29', 8),
    );
    const withoutColumn = submissionsOf(
      [base],
      columnsOf(S).filter((column) => column !== S.acceptedAt),
    )[0] as Submission;
    expect(withoutColumn.acceptedAt).toBeNull();
  });

  it('reads a time written as text as Vietnam time unless it names its offset', () => {
    expect(one({ [S.submittedAt]: '2023-03-30T23:59:59' }).submittedAt.toISOString()).toBe(
      '2023-03-30T16:59:59.000Z',
    );
    expect(one({ [S.submittedAt]: '2023-03-30T23:59:59.999+07:00' }).submittedAt.toISOString()).toBe(
      '2023-03-30T16:59:59.999Z',
    );
  });

  it.each([
    ['Hợp lệ', 'accepted'],
    ['hop le', 'accepted'],
    ['KHÔNG HỢP LỆ', 'rejected'],
    ['Chờ xác minh', 'held'],
  ])('reads the outcome %p', (label, outcome) => {
    expect(one({ [S.outcome]: label }).outcome).toBe(outcome);
  });

  it.each([
    ['', 'pending'],
    ['Chờ duyệt', 'pending'],
    ['Đạt', 'approved'],
    ['dat', 'approved'],
    [' yêu cầu  bổ sung ', 'returned'],
  ])('reads the review %p', (label, review) => {
    expect(one({ [S.review]: label }).review).toBe(review);
  });

  it('reports a review the department mistyped, naming row and column', () => {
    const checked = parse([base, { ...base, [S.responseId]: 'R2', [S.review]: 'OK' }]);
    expect(checked).toEqual({
      ok: false,
      problems: [
        {
          where: 'Bài nộp',
          row: 3,
          column: 'Đánh giá',
          message: '«OK» không hợp lệ; chọn «Chờ duyệt», «Đạt» hoặc «Yêu cầu bổ sung».',
        },
      ],
    });
  });

  it('keeps the review note and the version number', () => {
    const submission = one({
      [S.version]: '3',
      [S.review]: 'Yêu cầu bổ sung',
      [S.reviewNote]: ' Thiếu chữ ký ',
    });
    expect([submission.version, submission.reviewNote]).toEqual([3, 'Thiếu chữ ký']);
    expect(one({ [S.version]: '' }).version).toBe(1);
  });

  it('reads the problems one per line', () => {
    expect(
      one({ [S.outcome]: 'Không hợp lệ', [S.problems]: '- Thiếu số điện thoại\r\n• Sai ngày\n\n  Khác ' })
        .problems,
    ).toEqual(['Thiếu số điện thoại', 'Sai ngày', 'Khác']);
  });

  it('leaves out rows the program did not finish writing (no id, time or outcome)', () => {
    const submissions = submissionsOf([
      { ...base, [S.responseId]: '' },
      { ...base, [S.responseId]: 'R2', [S.submittedAt]: 'không rõ' },
      { ...base, [S.responseId]: 'R3', [S.outcome]: '' },
      { ...base, [S.responseId]: 'R4' },
    ]);
    expect(submissions.map((submission) => submission.responseId)).toEqual(['R4']);
  });
});

describe('splitProblemLines', () => {
  it('drops bullets and blank lines', () => {
    expect(splitProblemLines('• a\n-b\n \n c ')).toEqual(['a', 'b', 'c']);
    expect(splitProblemLines('')).toEqual([]);
  });
});
