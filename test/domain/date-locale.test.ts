// The export's locale (its header row) decides how every date answer is read, not only the
// timestamp: in an English (US) export `4/27/2023` is 27 April and `5/1/2023` is 1 May; in a
// Vietnamese one `1/5/2023` is 1 May. Whole numbers keep the forms spec's rules in both.
import { REPORT_FORM, responseColumns } from '../../src/domain/forms';
import { validateResponse } from '../../src/domain/forms/validate';
import { responsesFromSheet } from '../../src/domain/response-sheet';
import type { CellValue } from '../../src/domain/table';
import { vietnamInstant } from '../../src/domain/time';
import { formContext, GOOD_REPORT } from './forms/form-fixture';

const SUBMITTED_AT = vietnamInstant('2023-05-02', 10);

function englishHeaders(): string[] {
  return ['Timestamp', 'Email Address', ...REPORT_FORM.questions.map((question) => question.title)];
}

function reportRow(timestamp: string, changes: Record<string, string>): CellValue[] {
  const answers = { ...GOOD_REPORT, ...changes };
  return [
    timestamp,
    'thdd@truong.example.edu.vn',
    ...REPORT_FORM.questions.map((q) => String(answers[q.key] ?? '')),
  ];
}

function judged(headers: string[], timestamp: string, changes: Record<string, string>) {
  const [read] = responsesFromSheet(
    { name: 'bao-cao.csv', headers, rows: [reportRow(timestamp, changes)] },
    'report',
  );
  if (!read?.response) throw new Error(`unreadable row: ${read?.problem?.message}`);
  expect(read.response.timestamp).toEqual(SUBMITTED_AT);
  return validateResponse(
    REPORT_FORM,
    read.response.response,
    formContext('report', { submittedAt: SUBMITTED_AT }),
  );
}

describe('date answers in the locale of their export', () => {
  it('reads an English export month first: 4/27/2023 is 27 April, 5/1/2023 is 1 May', () => {
    const april = judged(englishHeaders(), '5/2/2023 10:00:00', { docDate: '4/27/2023' });
    expect(april.errors).toEqual([]);
    expect(april.answers?.docDate).toBe('2023-04-27');
    const may = judged(englishHeaders(), '5/2/2023 10:00:00', { docDate: '5/1/2023' });
    expect(may.errors).toEqual([]);
    expect(may.answers?.docDate).toBe('2023-05-01');
  });

  it('reads a Vietnamese export day first: 1/5/2023 is 1 May', () => {
    const result = judged(responseColumns(REPORT_FORM), '02/05/2023 10:00:00', { docDate: '1/5/2023' });
    expect(result.errors).toEqual([]);
    expect(result.answers?.docDate).toBe('2023-05-01');
  });

  it('names a day that is impossible under the export’s locale with its question, never guessing', () => {
    const english = judged(englishHeaders(), '5/2/2023 10:00:00', { docDate: '27/4/2023' });
    expect(english.errors.map((problem) => problem.message)).toEqual([
      'Câu «Ngày ban hành»: «27/4/2023» không phải là ngày hợp lệ theo tệp tiếng Anh (tháng/ngày/năm, M/d/yyyy).',
    ]);
    const vietnamese = judged(responseColumns(REPORT_FORM), '02/05/2023 10:00:00', { docDate: '4/27/2023' });
    expect(vietnamese.errors.map((problem) => problem.message)).toEqual([
      'Câu «Ngày ban hành»: «4/27/2023» không phải là ngày hợp lệ (dd/MM/yyyy).',
    ]);
  });

  it('reads the Forms API’s 2023-05-01 the same in both locales', () => {
    expect(judged(englishHeaders(), '5/2/2023 10:00:00', { docDate: '2023-05-01' }).answers?.docDate).toBe(
      '2023-05-01',
    );
    expect(
      judged(responseColumns(REPORT_FORM), '02/05/2023 10:00:00', { docDate: '2023-05-01' }).answers?.docDate,
    ).toBe('2023-05-01');
  });

  it.each([['1.234'], ['1,234'], ['1 234']])('reads the whole number %s as 1234 in both locales', (typed) => {
    for (const [headers, timestamp] of [
      [englishHeaders(), '5/2/2023 10:00:00'],
      [responseColumns(REPORT_FORM), '02/05/2023 10:00:00'],
    ] as const) {
      const result = judged([...headers], timestamp, { propagandaAttendees: typed });
      expect(result.errors).toEqual([]);
      expect(result.answers?.propagandaAttendees).toBe(1234);
    }
  });
});
