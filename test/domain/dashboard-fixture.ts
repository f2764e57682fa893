// A small campaign at 05/04/2023 12:00 for the dashboard tests: a plan period past its deadline
// (one unit on time, one late, one to fix, one overdue whose name is an HTML injection), a report
// period open and not yet due, and one not open yet.
import { computeStatusBoard, type StatusBoard } from '../../src/domain/status';
import type { Submission } from '../../src/domain/submissions';
import { parseMoment } from '../../src/domain/time';
import { UnitRegistry } from '../../src/domain/units';
import { FIXTURE_UNITS, makeUnit, periods2023 } from '../fakes/campaign-fixture';

export const MALICIOUS_NAME = '<img src=x onerror=alert(1)>';
export const PHONE_PROBLEM = 'Số điện thoại liên hệ: «12345» không phải là số điện thoại hợp lệ.';
export const AGENCY_NAME = 'Phòng Giáo dục và Đào tạo thành phố Thủ Đức';
export const PLAN_NAME = 'thực hiện công tác dân vận của chính quyền năm 2023';

export function at(text: string): Date {
  const moment = parseMoment(text);
  if (!moment) throw new Error(`bad moment in test: ${text}`);
  return moment;
}

export function submission(
  responseId: string,
  unitCode: string,
  periodId: string,
  submittedAt: string,
  fields: Partial<Submission> = {},
): Submission {
  return {
    responseId,
    periodId,
    unitCode,
    submittedAt: at(submittedAt),
    version: 1,
    outcome: 'accepted',
    problems: [],
    review: 'pending',
    reviewNote: '',
    ...fields,
  };
}

export const XSS_UNIT = makeUnit({
  code: 'TH<X>',
  name: MALICIOUS_NAME,
  level: 'Tiểu học',
  head: 'Trần "Văn" Đức & cộng sự',
  emails: ['hieutruong@thx.example.edu.vn', 'vanthu@thx.example.edu.vn'],
  phone: '028 3896 1234',
  rowNumber: 6,
});

export const DASHBOARD_AS_OF = '2023-04-05T12:00';

export function dashboardBoard(asOf: string = DASHBOARD_AS_OF): StatusBoard {
  const registry = new UnitRegistry([...FIXTURE_UNITS, XSS_UNIT]);
  const submissions = [
    submission('R1', 'MNHM', 'KH-2023', '2023-03-20T09:00', { review: 'approved' }),
    submission('R2', 'THDD', 'KH-2023', '2023-04-02T10:30'),
    submission('R3', 'THCSLQD', 'KH-2023', '2023-03-29T08:00', {
      outcome: 'rejected',
      problems: [PHONE_PROBLEM],
    }),
    submission('R4', 'MNHM', 'BC6T-2023', '2023-04-03T15:00'),
  ];
  return computeStatusBoard(registry.all, periods2023(), submissions, at(asOf));
}

export const DASHBOARD_CAMPAIGN = { config: { agencyName: AGENCY_NAME, planName: PLAN_NAME } };
