// Good responses to both forms and the context they are checked in; each test spoils one answer.
import type { RawAnswer } from '../../../src/domain/forms/answers';
import { FOCUS_AREAS, PLAN_FORM } from '../../../src/domain/forms/plan-form';
import { REPORT_FORM } from '../../../src/domain/forms/report-form';
import type { RawResponse } from '../../../src/domain/forms/response';
import type { FormSpec } from '../../../src/domain/forms/spec';
import { validateResponse, type FormContext } from '../../../src/domain/forms/validate';
import { vietnamInstant } from '../../../src/domain/time';
import { fixtureUnits, periods2023 } from '../../fakes/campaign-fixture';

/** A plan submitted on 28/03/2023 at 09:30, a report on 25/04/2023 at 14:00, Vietnam time. */
export function formContext(kind: 'plan' | 'report', overrides: Partial<FormContext> = {}): FormContext {
  return {
    units: fixtureUnits(),
    reportPeriods: periods2023(),
    campaignYear: 2023,
    submittedAt: kind === 'plan' ? vietnamInstant('2023-03-28', 9, 30) : vietnamInstant('2023-04-25', 14, 0),
    ...overrides,
  };
}

/** As a response sheet or CSV export holds them: text, one cell per question. */
export const GOOD_PLAN: Readonly<Record<string, RawAnswer>> = {
  unit: 'MNHM - Mầm non Hoa Mai',
  code: ' mnhm-7k2q ',
  reporter: 'Nguyễn Thị Lan',
  position: 'Hiệu trưởng',
  phone: '0901 234 567',
  docNumber: '15/KH-MNHM',
  docDate: '20/03/2023',
  docLink: 'https://drive.google.com/file/d/abc123/view',
  focusAreas: FOCUS_AREAS.join(', '),
  dvkCount: '2',
  dvkNames: 'Mô hình “Cổng trường an toàn”\nĐiển hình “Cô giáo tận tụy”',
  councilDate: '25/03/2023',
  notes: '',
};

export const GOOD_REPORT: Readonly<Record<string, RawAnswer>> = {
  unit: 'THDD - Tiểu học Đặng Đức',
  code: '',
  reporter: 'Trần Văn Minh',
  position: 'Phó Hiệu trưởng',
  phone: '+84 912 345 678',
  docNumber: '27/BC-THDD',
  docDate: '2023-04-20',
  docLink: 'http://example.edu.vn/van-ban/27-bc.pdf',
  period: 'Báo cáo 6 tháng đầu năm 2023',
  propagandaSessions: '4',
  propagandaAttendees: '1.234',
  dvkActive: '3',
  dvkRecognized: '2',
  receptionSessions: '6',
  petitionsReceived: '5',
  petitionsResolved: '5',
  dialogues: '2',
  staffConference: 'Có',
  eDocPercent: '85,5',
  commendations: '12',
  violations: '0',
  highlights: 'Tổ chức tốt Hội nghị cán bộ, viên chức; 100% giáo viên ký cam kết.',
  shortcomings: 'Một số hồ sơ còn chậm.',
  nextSteps: 'Tiếp tục đẩy mạnh cải cách hành chính.',
  proposals: '',
};

export function response(
  answers: Readonly<Record<string, RawAnswer>>,
  missingColumns: string[] = [],
): RawResponse {
  return { answers, missingColumns };
}

/** The good response with some answers changed, checked in the default context. */
export function check<Spec extends FormSpec>(
  spec: Spec,
  changes: Readonly<Record<string, RawAnswer>>,
  context = formContext(spec.kind),
) {
  const base = spec.kind === 'plan' ? GOOD_PLAN : GOOD_REPORT;
  return validateResponse(spec, response({ ...base, ...changes }), context);
}

export function messagesOf(problems: readonly { message: string }[]): string[] {
  return problems.map((problem) => problem.message);
}

export { PLAN_FORM, REPORT_FORM };
