import { PLAN_FORM } from '../../../src/domain/forms/plan-form';
import { REPORT_FORM } from '../../../src/domain/forms/report-form';
import { answersByItemTitle, answersByTitle } from '../../../src/domain/forms/response';
import { responseColumns } from '../../../src/domain/forms/response-columns';
import { validateResponse } from '../../../src/domain/forms/validate';
import { GOOD_PLAN, formContext, messagesOf } from './form-fixture';

const DVK_COUNT = 'Số mô hình, điển hình “Dân vận khéo” đăng ký';

function rowFor(headers: readonly string[], byTitle: Readonly<Record<string, string>>): string[] {
  return headers.map((header) => byTitle[header] ?? '');
}

describe('answersByTitle', () => {
  it('maps the columns of a response sheet to question keys, whatever their order', () => {
    const headers = [...responseColumns(PLAN_FORM)].reverse();
    const row = headers.map((header) => {
      const question = PLAN_FORM.questions.find((candidate) => candidate.title === header);
      return question ? String(GOOD_PLAN[question.key] ?? '') : 'ignored';
    });
    const mapped = answersByTitle(PLAN_FORM, headers, row);
    expect(mapped.missingColumns).toEqual([]);
    expect(mapped.answers).toEqual(
      Object.fromEntries(Object.entries(GOOD_PLAN).map(([k, v]) => [k, String(v)])),
    );
  });

  it.each([
    ['straight quotes', 'Số mô hình, điển hình "Dân vận khéo" đăng ký'],
    ['guillemets', 'Số mô hình, điển hình «Dân vận khéo» đăng ký'],
    ['extra spaces', '  Số mô hình,  điển hình “Dân vận khéo”\u00a0 đăng ký '],
    ['another case', 'SỐ MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” ĐĂNG KÝ'],
    ['NFD', DVK_COUNT.normalize('NFD')],
  ])('finds a header written with %s', (_variant, header) => {
    const mapped = answersByTitle(PLAN_FORM, ['Dấu thời gian', header], ['30/03/2023 21:15:04', '3']);
    expect(mapped.answers.dvkCount).toBe('3');
    expect(mapped.missingColumns).not.toContain('dvkCount');
  });

  it('does not take a header without its accents for another question', () => {
    const mapped = answersByTitle(PLAN_FORM, ['Chuc vu'], ['Hiệu trưởng']);
    expect(mapped.missingColumns).toContain('position');
  });

  it('lists the questions that have no column, and a short row reads as blanks', () => {
    const headers = responseColumns(REPORT_FORM).filter(
      (title) => title !== 'Chức vụ' && title !== 'Kiến nghị, đề xuất',
    );
    const mapped = answersByTitle(REPORT_FORM, headers, ['30/03/2023 21:15:04']);
    expect(mapped.missingColumns).toEqual(['position', 'proposals']);
    expect(mapped.answers.unit).toBeNull();
  });

  it('takes the first of two columns with the same title', () => {
    const mapped = answersByTitle(PLAN_FORM, ['Chức vụ', 'chức  vụ'], ['Hiệu trưởng', 'Kế toán']);
    expect(mapped.answers.position).toBe('Hiệu trưởng');
  });

  it('rejects a response that lacks a required column, naming the question, and tolerates a missing optional one', () => {
    const headers = responseColumns(PLAN_FORM).filter((title) => title !== 'Chức vụ' && title !== 'Ghi chú');
    const byTitle = Object.fromEntries(
      PLAN_FORM.questions.map((question) => [question.title, String(GOOD_PLAN[question.key] ?? '')]),
    );
    const result = validateResponse(
      PLAN_FORM,
      answersByTitle(PLAN_FORM, headers, rowFor(headers, byTitle)),
      formContext('plan'),
    );
    expect(result.ok).toBe(false);
    expect(messagesOf(result.errors)).toEqual([
      'Câu «Chức vụ»: không tìm thấy cột này trong dữ liệu phản hồi.',
    ]);
    expect(result.errors[0]).toMatchObject({ questionKey: 'position', questionTitle: 'Chức vụ', typed: '' });
    expect(result.parsed.notes).toBe('');
    expect(result.parsed.dvkCount).toBe(2);
  });
});

describe('answersByItemTitle', () => {
  it('maps answers of the Forms API by item title; an absent item is a blank answer', () => {
    const byTitle = new Map<string, string | string[]>([
      ['Đơn vị', 'MNHM - Mầm non Hoa Mai'],
      ['Nội dung trọng tâm đã đưa vào kế hoạch', ['a', 'b']],
      ['Số mô hình, điển hình "Dân vận khéo" đăng ký', '2'],
      ['Câu hỏi đã xóa', 'x'],
    ]);
    const mapped = answersByItemTitle(PLAN_FORM, byTitle);
    expect(mapped).toEqual({
      answers: { unit: 'MNHM - Mầm non Hoa Mai', focusAreas: ['a', 'b'], dvkCount: '2' },
      missingColumns: [],
    });
    const result = validateResponse(PLAN_FORM, mapped, formContext('plan'));
    expect(messagesOf(result.errors)).toContain('Câu «Chức vụ»: chưa được trả lời.');
  });

  it('takes a plain object too', () => {
    expect(answersByItemTitle(PLAN_FORM, { 'chức vụ': 'Hiệu trưởng' }).answers).toEqual({
      position: 'Hiệu trưởng',
    });
  });
});
