import type { Period } from '../../src/domain/campaign';
import { submissionOf, type RegisterEntry } from '../../src/domain/register';
import {
  REVIEW_NOTE_MARKERS,
  boardWithoutRefusedReviews,
  judgeReviews,
  withRefusedReviewsIgnored,
  withReviewNotes,
  type ReviewJudgement,
} from '../../src/domain/review';
import { computeStatusBoard, statusOf } from '../../src/domain/status';
import { UnitRegistry } from '../../src/domain/units';
import { makeUnit, periods2023 } from '../fakes/campaign-fixture';
import { at, boardOf, registerEntry } from './register-fixture';

const PERIODS = periods2023();
const [KH] = PERIODS as [Period, Period, Period];
const UNITS = [
  makeUnit({ code: 'MN01', name: 'Mầm non Hoa Sen' }),
  makeUnit({ code: 'MN02', name: 'Mầm non Đa Kao' }),
];
const AS_OF = '2023-04-20T12:00';

function judge(entries: readonly RegisterEntry[]): ReviewJudgement[] {
  return judgeReviews(entries, boardOf(UNITS, PERIODS, entries, AS_OF));
}

function judgementOf(entries: readonly RegisterEntry[], responseId: string): ReviewJudgement | undefined {
  return judge(entries).find((judgement) => judgement.responseId === responseId);
}

describe('judgeReviews', () => {
  it('applies a decision on the accepted response that stands', () => {
    const entries = [
      registerEntry({
        responseId: 'R1',
        unitCode: 'MN01',
        periodId: KH.id,
        submittedAt: '2023-03-20T08:00',
        reviewText: 'Yêu cầu bổ sung',
        reviewNote: 'Thiếu chữ ký.',
      }),
    ];
    expect(judge(entries)).toEqual([
      {
        responseId: 'R1',
        unitCode: 'MN01',
        periodId: KH.id,
        version: 1,
        decision: 'returned',
        applies: true,
        note: null,
      },
    ]);
  });

  it('reads the decision without regard to accents and case, and ignores `Chờ duyệt` and a blank cell', () => {
    const entries = [
      registerEntry({
        responseId: 'R1',
        unitCode: 'MN01',
        periodId: KH.id,
        submittedAt: '2023-03-20T08:00',
        reviewText: 'dat',
      }),
      registerEntry({
        responseId: 'R2',
        unitCode: 'MN02',
        periodId: KH.id,
        submittedAt: '2023-03-20T09:00',
        reviewText: 'Chờ duyệt',
      }),
    ];
    expect(judge(entries)).toEqual([
      expect.objectContaining({ responseId: 'R1', decision: 'approved', applies: true }),
    ]);
  });

  it('refuses a decision on a response that a newer accepted one replaced, naming the current one', () => {
    const entries = [
      registerEntry({
        responseId: 'R1',
        unitCode: 'MN01',
        periodId: KH.id,
        submittedAt: '2023-03-20T08:00',
        reviewText: 'Đạt',
      }),
      registerEntry({
        responseId: 'R2',
        unitCode: 'MN01',
        periodId: KH.id,
        submittedAt: '2023-03-22T09:05',
        version: 2,
      }),
    ];
    expect(judgementOf(entries, 'R1')).toEqual({
      responseId: 'R1',
      unitCode: 'MN01',
      periodId: KH.id,
      version: 1,
      decision: 'approved',
      applies: false,
      note:
        'Đánh giá không áp dụng: bài nộp hiện hành của đơn vị MN01 cho kỳ KH-2023 là bài có mã phản hồi ' +
        '«R2» (lần nộp 2, nộp lúc 22/03/2023 09:05); hãy đánh giá ở dòng của bài đó.',
    });
  });

  it('refuses a return of an accepted response when a newer one stands, so the unit is not sent back for nothing', () => {
    const entries = [
      registerEntry({ responseId: 'R1', unitCode: 'MN01', periodId: KH.id, submittedAt: '2023-03-20T08:00' }),
      registerEntry({
        responseId: 'R2',
        unitCode: 'MN01',
        periodId: KH.id,
        submittedAt: '2023-03-22T09:05',
        version: 2,
        reviewText: 'Đạt',
      }),
      registerEntry({
        responseId: 'R3',
        unitCode: 'MN01',
        periodId: KH.id,
        submittedAt: '2023-03-23T10:00',
        version: 3,
        reviewText: 'Yêu cầu bổ sung',
      }),
    ];
    // R3 is the newest accepted response: R2's approval no longer counts, R3's return does.
    expect(judgementOf(entries, 'R2')).toMatchObject({ applies: false });
    expect(judgementOf(entries, 'R3')).toMatchObject({ applies: true, decision: 'returned' });
  });

  it('takes the newest response as the current one when no accepted version stands', () => {
    const entries = [
      registerEntry({
        responseId: 'R1',
        unitCode: 'MN01',
        periodId: KH.id,
        submittedAt: '2023-03-20T08:00',
        outcome: 'rejected',
        reviewText: 'Yêu cầu bổ sung',
      }),
      registerEntry({
        responseId: 'R2',
        unitCode: 'MN01',
        periodId: KH.id,
        submittedAt: '2023-03-21T08:00',
        outcome: 'rejected',
        version: 2,
        reviewText: 'Yêu cầu bổ sung',
      }),
    ];
    expect(judgementOf(entries, 'R1')?.note).toContain('«R2» (lần nộp 2, nộp lúc 21/03/2023 08:00)');
    expect(judgementOf(entries, 'R2')).toMatchObject({ applies: true });
  });

  it('refuses to approve a response that failed validation', () => {
    const entries = [
      registerEntry({
        responseId: 'R1',
        unitCode: 'MN01',
        periodId: KH.id,
        submittedAt: '2023-03-20T08:00',
        outcome: 'rejected',
        reviewText: 'Đạt',
      }),
    ];
    expect(judgementOf(entries, 'R1')).toMatchObject({
      applies: false,
      note: 'Đánh giá không áp dụng: bài nộp không hợp lệ nên không thể «Đạt»; đơn vị cần sửa và nộp lại.',
    });
  });

  it('lets the department vouch for a held response that is the current one', () => {
    const entries = [
      registerEntry({
        responseId: 'R1',
        unitCode: 'MN01',
        periodId: KH.id,
        submittedAt: '2023-03-20T08:00',
        outcome: 'held',
        reviewText: 'Đạt',
      }),
    ];
    expect(judgementOf(entries, 'R1')).toMatchObject({ applies: true, decision: 'approved' });
  });

  it('explains an unknown label by listing the three valid ones', () => {
    const entries = [
      registerEntry({
        responseId: 'R1',
        unitCode: 'MN01',
        periodId: KH.id,
        submittedAt: '2023-03-20T08:00',
        reviewText: 'OK rồi',
      }),
    ];
    expect(judgementOf(entries, 'R1')).toEqual({
      responseId: 'R1',
      unitCode: 'MN01',
      periodId: KH.id,
      version: 1,
      decision: undefined,
      applies: false,
      note: 'Đánh giá không hợp lệ: «OK rồi»; chọn «Chờ duyệt», «Đạt» hoặc «Yêu cầu bổ sung».',
    });
  });

  it('refuses a decision on a response that names no known unit or period', () => {
    const entries = [
      registerEntry({
        responseId: 'R1',
        unitCode: '',
        periodId: '',
        submittedAt: '2023-03-20T08:00',
        outcome: 'rejected',
        reviewText: 'Yêu cầu bổ sung',
      }),
    ];
    expect(judgementOf(entries, 'R1')?.note).toBe(
      'Đánh giá không áp dụng: bài nộp này chưa xác định được đơn vị hoặc kỳ nộp (xem «Lỗi cần sửa»).',
    );
  });

  it('does not judge a response that had not arrived at the moment of the board', () => {
    const entries = [
      registerEntry({
        responseId: 'R1',
        unitCode: 'MN01',
        periodId: KH.id,
        submittedAt: '2023-05-01T08:00',
        reviewText: 'Đạt',
      }),
    ];
    expect(judge(entries)).toEqual([]);
  });
});

describe('withReviewNotes', () => {
  const older = registerEntry({
    responseId: 'R1',
    unitCode: 'MN01',
    periodId: KH.id,
    submittedAt: '2023-03-20T08:00',
    reviewText: 'Đạt',
  });
  const newer = registerEntry({
    responseId: 'R2',
    unitCode: 'MN01',
    periodId: KH.id,
    submittedAt: '2023-03-22T09:05',
    version: 2,
  });

  it('writes the note in `Ghi chú xử lý` and leaves the department’s columns alone', () => {
    const entries = [{ ...older, reviewNote: 'Đã xem.', extra: { 'Người duyệt': 'Cô Lan' } }, newer];
    const [noted, untouched] = withReviewNotes(entries, judge(entries));
    expect(noted?.systemNote.startsWith(REVIEW_NOTE_MARKERS[0])).toBe(true);
    expect(noted).toEqual({ ...entries[0], systemNote: noted?.systemNote });
    expect(untouched).toBe(newer);
  });

  it('keeps another note of the system and puts the review note after it', () => {
    const stale = 'Đánh giá «Đạt» là của lần nộp 1; đơn vị đã nộp lại lúc 21/03/2023 08:00.';
    const entries = [{ ...older, systemNote: stale }, newer];
    const [noted] = withReviewNotes(entries, judge(entries));
    expect(noted?.systemNote).toBe(`${stale} ${judgementOf(entries, 'R1')?.note ?? ''}`);
  });

  it('is stable: noting twice gives the same rows, and the note goes once the decision is fixed', () => {
    const entries = [older, newer];
    const once = withReviewNotes(entries, judge(entries));
    const twice = withReviewNotes(once, judge(once));
    expect(twice).toEqual(once);
    expect(twice[0]).toBe(once[0]);
    const fixed = [{ ...(once[0] as RegisterEntry), reviewText: '' }, newer];
    expect(withReviewNotes(fixed, judge(fixed))[0]?.systemNote).toBe('');
    const stale = 'Đánh giá «Đạt» là của lần nộp 1; đơn vị đã nộp lại lúc 21/03/2023 08:00.';
    const fixedWithStale = [
      { ...(once[0] as RegisterEntry), reviewText: '', systemNote: `${stale} ${once[0]?.systemNote ?? ''}` },
      newer,
    ];
    expect(withReviewNotes(fixedWithStale, judge(fixedWithStale))[0]?.systemNote).toBe(stale);
  });
});

describe('withRefusedReviewsIgnored', () => {
  it('keeps a refused vouch for an older held response from counting', () => {
    const entries = [
      // Held on time, vouched for after the unit had already sent an accepted response late.
      registerEntry({
        responseId: 'R1',
        unitCode: 'MN01',
        periodId: KH.id,
        submittedAt: '2023-03-29T08:00',
        outcome: 'held',
        reviewText: 'Đạt',
      }),
      registerEntry({
        responseId: 'R2',
        unitCode: 'MN01',
        periodId: KH.id,
        submittedAt: '2023-04-02T08:00',
        version: 2,
      }),
    ];
    const units = new UnitRegistry(UNITS).all;
    const submissions = entries.map(submissionOf);
    const asTyped = computeStatusBoard(units, PERIODS, submissions, at(AS_OF));
    expect(statusOf(asTyped, 'MN01', KH.id).timeliness).toBe('on_time');
    const judgements = judgeReviews(entries, asTyped);
    expect(judgements).toEqual([expect.objectContaining({ responseId: 'R1', applies: false })]);
    const effective = withRefusedReviewsIgnored(submissions, judgements);
    expect(effective.map((submission) => submission.review)).toEqual(['pending', 'pending']);
    const board = computeStatusBoard(units, PERIODS, effective, at(AS_OF));
    expect(statusOf(board, 'MN01', KH.id)).toMatchObject({
      status: 'submitted',
      timeliness: 'late',
      standingResponseId: 'R2',
    });
    // The current response is the same on both boards: judging again changes nothing.
    expect(judgeReviews(entries, board)).toEqual(judgements);
  });
});

describe('boardWithoutRefusedReviews', () => {
  it('gives the board a full computation would give without the refused decisions', () => {
    const entries = [
      registerEntry({
        responseId: 'R1',
        unitCode: 'MN01',
        periodId: KH.id,
        submittedAt: '2023-03-29T08:00',
        outcome: 'held',
        reviewText: 'Đạt',
      }),
      registerEntry({
        responseId: 'R2',
        unitCode: 'MN01',
        periodId: KH.id,
        submittedAt: '2023-04-02T08:00',
        version: 2,
      }),
      registerEntry({
        responseId: 'R3',
        unitCode: 'MN02',
        periodId: KH.id,
        submittedAt: '2023-03-20T08:00',
        reviewText: 'Yêu cầu bổ sung',
      }),
      registerEntry({
        responseId: 'R4',
        unitCode: 'MN02',
        periodId: KH.id,
        submittedAt: '2023-03-21T08:00',
        version: 2,
        outcome: 'rejected',
        reviewText: 'xyz',
      }),
    ];
    const units = new UnitRegistry(UNITS).all;
    const submissions = entries.map(submissionOf);
    const asTyped = computeStatusBoard(units, PERIODS, submissions, at(AS_OF));
    const judgements = judgeReviews(entries, asTyped);
    const result = boardWithoutRefusedReviews(asTyped, submissions, judgements);
    const full = computeStatusBoard(
      units,
      PERIODS,
      withRefusedReviewsIgnored(submissions, judgements),
      at(AS_OF),
    );
    expect(result.submissions).toEqual(withRefusedReviewsIgnored(submissions, judgements));
    expect([...result.board.byUnitPeriod.entries()]).toEqual([...full.byUnitPeriod.entries()]);
    expect(statusOf(result.board, 'MN01', KH.id).timeliness).toBe('late');
    // R3's return counts: R4 is rejected, so R3 is still the accepted version that stands.
    expect(statusOf(result.board, 'MN02', KH.id).status).toBe('needs_fix');
  });

  it('hands the board back untouched when every decision counts', () => {
    const entries = [
      registerEntry({
        responseId: 'R1',
        unitCode: 'MN01',
        periodId: KH.id,
        submittedAt: '2023-03-20T08:00',
        reviewText: 'Đạt',
      }),
    ];
    const board = boardOf(UNITS, PERIODS, entries, AS_OF);
    const submissions = entries.map(submissionOf);
    expect(boardWithoutRefusedReviews(board, submissions, judgeReviews(entries, board))).toEqual({
      board,
      submissions,
    });
  });
});
