// Invented responses for the demo campaign: most schools on time, some late, one wrong and then
// fixed, one whose sender cannot be verified, some silent — every status shows in the demo.
import { FOCUS_AREAS, PLAN_FORM, REPORT_FORM, responseColumns } from '../domain/forms';
import type { FormSpec } from '../domain/forms/spec';
import { RESPONSE_FIXED_COLUMNS } from '../domain/layout';
import type { CellValue } from '../domain/table';
import { vietnamInstant, type IsoDate } from '../domain/time';
import { unitChoiceLabel, type Unit } from '../domain/units';

type Answers = Record<string, string>;

function commonAnswers(unit: Unit, kind: 'KH' | 'BC', docDate: string, index: number): Answers {
  return {
    unit: unitChoiceLabel(unit),
    code: '',
    reporter: unit.head,
    position: 'Hiệu trưởng',
    phone: `09${String(10000000 + index * 7919).slice(-8)}`,
    docNumber: `${15 + index}/${kind}-${unit.code}`,
    docDate,
    docLink: `https://drive.example.com/${unit.code.toLowerCase()}-${kind.toLowerCase()}.pdf`,
  };
}

function planAnswers(unit: Unit, index: number, docDate: string): Answers {
  const count = index % 3;
  return {
    ...commonAnswers(unit, 'KH', docDate, index),
    focusAreas: FOCUS_AREAS.join(', '),
    dvkCount: String(count),
    dvkNames: ['Mô hình «Cổng trường an toàn»', 'Mô hình «Phụ huynh đồng hành»'].slice(0, count).join('\n'),
    councilDate: '',
    notes: '',
  };
}

export function reportAnswers(unit: Unit, index: number, periodName: string, docDate: string): Answers {
  return {
    ...commonAnswers(unit, 'BC', docDate, index),
    period: periodName,
    propagandaSessions: String(2 + (index % 5)),
    propagandaAttendees: String(40 + index * 3),
    dvkActive: String(1 + (index % 3)),
    dvkRecognized: String(index % 2),
    receptionSessions: String(index % 4),
    petitionsReceived: String(index % 3),
    petitionsResolved: String(index % 3),
    dialogues: String(1 + (index % 2)),
    staffConference: index % 5 === 0 ? 'Không' : 'Có',
    eDocPercent: String(80 + (index % 20)),
    commendations: String(index % 6),
    violations: '0',
    highlights:
      'Tổ chức tuyên truyền, quán triệt đầy đủ đến cán bộ, giáo viên, nhân viên và cha mẹ học sinh.',
    shortcomings: 'Một số nội dung triển khai còn chậm.',
    nextSteps: 'Tiếp tục thực hiện kế hoạch và nhân rộng mô hình «Dân vận khéo».',
    proposals: '',
  };
}

export function responseRow(spec: FormSpec, at: Date, email: string, answers: Answers): CellValue[] {
  const byTitle = new Map<string, CellValue>([
    [RESPONSE_FIXED_COLUMNS.timestamp, at],
    [RESPONSE_FIXED_COLUMNS.email, email],
    ...spec.questions.map((question): [string, CellValue] => [question.title, answers[question.key] ?? '']),
  ]);
  return responseColumns(spec).map((title) => byTitle.get(title) ?? '');
}

export function at(date: IsoDate, hours: number, minutes: number): Date {
  return vietnamInstant(date, hours, minutes);
}

/** Rows of `Phản hồi Kế hoạch` and `Phản hồi Báo cáo` for the demo units, in time order. */
export function demoResponseRows(units: readonly Unit[]): { plan: CellValue[][]; report: CellValue[][] } {
  const plan: CellValue[][] = [];
  const report: CellValue[][] = [];
  units.forEach((unit, index) => {
    const email = unit.emails[0] ?? '';
    const day = String(15 + (index % 14)).padStart(2, '0');
    switch (index % 10) {
      case 6: // late
        plan.push(
          responseRow(PLAN_FORM, at('2023-04-03', 9, 30), email, planAnswers(unit, index, '01/04/2023')),
        );
        break;
      case 7: // wrong (phone), then a new response that is right
        plan.push(
          responseRow(PLAN_FORM, at('2023-03-24', 14, 5), email, {
            ...planAnswers(unit, index, '20/03/2023'),
            phone: '12345',
          }),
        );
        plan.push(
          responseRow(PLAN_FORM, at('2023-03-27', 8, 40), email, planAnswers(unit, index, '20/03/2023')),
        );
        break;
      case 8: // sent from an address the department does not know, without the code
        plan.push(
          responseRow(
            PLAN_FORM,
            at(`2023-03-${day}`, 16, 0),
            `canhan${index}@mail.example.com`,
            planAnswers(unit, index, '14/03/2023'),
          ),
        );
        break;
      case 9: // silent
        break;
      default:
        plan.push(
          responseRow(
            PLAN_FORM,
            at(`2023-03-${day}`, 10, index % 60),
            email,
            planAnswers(unit, index, '14/03/2023'),
          ),
        );
    }
    if (index % 4 !== 3) {
      const reportDay =
        index % 4 === 2 ? '2023-05-04' : `2023-04-${String(10 + (index % 19)).padStart(2, '0')}`;
      report.push(
        responseRow(
          REPORT_FORM,
          at(reportDay, 15, index % 60),
          email,
          reportAnswers(unit, index, 'Báo cáo 6 tháng đầu năm 2023', '05/04/2023'),
        ),
      );
    }
  });
  const byTime = (a: CellValue[], b: CellValue[]) => (a[0] as Date).getTime() - (b[0] as Date).getTime();
  return { plan: plan.sort(byTime), report: report.sort(byTime) };
}
