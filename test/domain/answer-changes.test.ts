import {
  CHANGES_CELL_CHARACTERS,
  answerChanges,
  answerChangesCell,
  storedAnswerChanges,
} from '../../src/domain/answer-changes';
import { REPORT_FORM } from '../../src/domain/forms';
import { renderMail } from '../../src/domain/mail-content';
import { planMail } from '../../src/domain/mail-plan';
import { computeStatusBoard } from '../../src/domain/status';
import { FIXTURE_UNITS, periods2023 } from '../fakes/campaign-fixture';
import { MAIL_CONFIG, at, detailsOf, submissionOf, type SubmissionFields } from '../fakes/mail-fixture';

const BEFORE = {
  unit: 'MNHM',
  code: 'MNHM-7K2Q',
  period: 'BC6T-2023',
  propagandaSessions: 4,
  eDocPercent: 85.5,
  staffConference: 'Có',
  highlights: 'Tổ chức tốt Hội nghị cán bộ, viên chức.',
  shortcomings: 'Một số hồ sơ còn chậm.',
};
const LONG = `${'Tổ chức tốt Hội nghị cán bộ, viên chức; '.repeat(5)}kết thúc.`;

describe('what changed between two versions', () => {
  it('lists each changed answer with its question, old and new, in the form’s order; long texts shortened', () => {
    const after = {
      ...BEFORE,
      code: 'MNHM-AAAA',
      eDocPercent: 90,
      propagandaSessions: 5,
      highlights: LONG,
      shortcomings: '',
    };
    expect(answerChanges(REPORT_FORM, BEFORE, after)).toEqual([
      { title: 'Số buổi tuyên truyền, quán triệt', before: '4', after: '5' },
      { title: 'Tỷ lệ văn bản điện tử (%)', before: '85,5', after: '90' },
      {
        title: 'Kết quả nổi bật',
        before: 'Tổ chức tốt Hội nghị cán bộ, viên chức.',
        after: `${[...LONG].slice(0, 79).join('')}…`,
      },
      { title: 'Hạn chế, nguyên nhân', before: 'Một số hồ sơ còn chậm.', after: '(trống)' },
    ]);
  });

  it('shows nothing for the same answers, never the confirmation code, nothing from an unreadable cell', () => {
    expect(answerChanges(REPORT_FORM, BEFORE, { ...BEFORE, code: 'KHÁC' })).toEqual([]);
    expect(storedAnswerChanges(REPORT_FORM, 'không phải JSON', JSON.stringify(BEFORE))).toEqual([]);
    expect(
      storedAnswerChanges(REPORT_FORM, JSON.stringify(BEFORE), JSON.stringify({ ...BEFORE, violations: 1 })),
    ).toEqual([{ title: 'Số trường hợp vi phạm bị nhắc nhở, xử lý', before: '(trống)', after: '1' }]);
  });

  it('writes one change a line in `Bài nộp`, within its cell size', () => {
    const many = Array.from({ length: 100 }, (_, index) => ({
      title: `Câu hỏi ${index + 1} ${'x'.repeat(40)}`,
      before: 'a'.repeat(30),
      after: 'b'.repeat(30),
    }));
    const cell = answerChangesCell(many);
    expect(cell.length).toBeLessThanOrEqual(CHANGES_CELL_CHARACTERS);
    expect(cell.split('\n')[0]).toBe(`Câu hỏi 1 ${'x'.repeat(40)}: ${'a'.repeat(30)} → ${'b'.repeat(30)}`);
    expect(cell).toMatch(/\n… và \d+ thay đổi khác\.$/);
    expect(answerChangesCell([])).toBe('');
  });
});

describe('what changed, in the receipt and the returned mail', () => {
  const CHANGES = ['Số buổi tuyên truyền, quán triệt: 4 → 5', 'Kết quả nổi bật: (trống) → Tổ chức tốt…'];
  const units = FIXTURE_UNITS.filter((unit) => unit.code === 'MNHM');
  const periods = periods2023();

  function mails(asOf: string, register: SubmissionFields[]) {
    const moment = at(asOf);
    const submissions = register.map(submissionOf);
    const plan = planMail({
      asOf: moment,
      periods,
      units,
      board: computeStatusBoard(units, periods, submissions, moment),
      submissions,
      details: register.map(detailsOf),
      log: [],
      digestEmails: [],
    });
    return plan.mails.map((mail) =>
      renderMail(mail, { config: MAIL_CONFIG, asOf: moment, prefilledLink: () => null }),
    );
  }

  it('the receipt of a new version lists the changes; a first version says nothing of them', () => {
    const v2: SubmissionFields = {
      responseId: 'R1',
      unitCode: 'MNHM',
      periodId: 'KH-2023',
      submittedAt: at('2023-03-20T08:00'),
      lastVersionAt: at('2023-03-27T06:30'),
      version: 2,
      changes: CHANGES,
    };
    const [receipt] = mails('2023-03-27T07:00', [v2]);
    expect(receipt?.textBody).toContain(
      'Những nội dung thay đổi so với lần nộp trước:\n\n- Số buổi tuyên truyền, quán triệt: 4 → 5\n- Kết quả nổi bật: (trống) → Tổ chức tốt…',
    );
    const [first] = mails('2023-03-27T07:00', [{ ...v2, version: 1, changes: [] }]);
    expect(first?.textBody).not.toContain('thay đổi so với lần nộp trước');
  });

  it('the returned mail shows the changes beside the version it reviews', () => {
    const [returned] = mails('2023-03-27T07:00', [
      {
        responseId: 'R1',
        unitCode: 'MNHM',
        periodId: 'KH-2023',
        submittedAt: at('2023-03-20T08:00'),
        lastVersionAt: at('2023-03-26T06:30'),
        version: 2,
        review: 'returned',
        reviewNote: 'Thiếu chữ ký.',
        changes: CHANGES,
      },
    ]);
    expect(returned?.subject).toContain('Yêu cầu bổ sung');
    expect(returned?.textBody).toContain(
      'Lần nộp thứ 2 được xem xét đã thay đổi so với lần nộp trước:\n\n- Số buổi tuyên truyền, quán triệt: 4 → 5',
    );
  });
});
