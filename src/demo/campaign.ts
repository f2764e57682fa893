// The demo campaign as a story told day by day: what each invented school sends and when, and what
// the department decides. `npm start` plays it; the snapshot `hannop init --demo` holds the same plan
// and 6-month answers without the annual report and the department's reviews.
import { REPORT_FORM } from '../domain/forms';
import type { CellValue } from '../domain/table';
import type { Unit } from '../domain/units';
import { at, demoResponseRows, reportAnswers, responseRow } from './responses';

export type ReviewDecision = 'Đạt' | 'Yêu cầu bổ sung';

export type DemoEvent =
  | {
      readonly kind: 'response';
      readonly at: Date;
      readonly form: 'plan' | 'report';
      /** A row of the form's response sheet, as Google Forms appends it. */
      readonly row: readonly CellValue[];
    }
  | {
      readonly kind: 'review';
      readonly at: Date;
      readonly unitCode: string;
      readonly periodId: string;
      readonly decision: ReviewDecision;
      readonly note: string;
    };

const SIX_MONTH = { id: 'BC6T-2023', name: 'Báo cáo 6 tháng đầu năm 2023' } as const;
const ANNUAL = { id: 'BCN-2023', name: 'Báo cáo năm 2023' } as const;
const PLAN_ID = 'KH-2023';

/** The school whose 6-month report the department returns for correction. */
export const RETURNED_UNIT_INDEX = 1;

function timeOf(row: readonly CellValue[]): Date {
  return row[0] as Date;
}

/** Every event of the demo campaign, in time order. */
export function demoCampaignEvents(units: readonly Unit[]): DemoEvent[] {
  const events: DemoEvent[] = [];
  const { plan, report } = demoResponseRows(units);
  for (const row of plan) events.push({ kind: 'response', at: timeOf(row), form: 'plan', row });
  for (const row of report) events.push({ kind: 'response', at: timeOf(row), form: 'report', row });

  units.forEach((unit, index) => {
    const email = unit.emails[0] ?? '';
    // Plans that came in early are approved a few days after the deadline.
    if (index % 10 < 3) {
      events.push({
        kind: 'review',
        at: at('2023-04-04', 9, index),
        unitCode: unit.code,
        periodId: PLAN_ID,
        decision: 'Đạt',
        note: '',
      });
    }
    if (index === RETURNED_UNIT_INDEX) {
      events.push({
        kind: 'review',
        at: at('2023-04-20', 10, 0),
        unitCode: unit.code,
        periodId: SIX_MONTH.id,
        decision: 'Yêu cầu bổ sung',
        note: 'Đề nghị bổ sung số buổi tiếp công dân và số kiến nghị đã giải quyết trong 6 tháng.',
      });
      events.push({
        kind: 'response',
        at: at('2023-04-24', 8, 15),
        form: 'report',
        row: responseRow(REPORT_FORM, at('2023-04-24', 8, 15), email, {
          ...reportAnswers(unit, index, SIX_MONTH.name, '22/04/2023'),
          receptionSessions: '3',
          petitionsReceived: '2',
          petitionsResolved: '2',
        }),
      });
    }
    // The annual report: most schools in October, every seventh a week late, every ninth silent.
    if (index % 9 !== 8) {
      const late = index % 7 === 6;
      const day = late ? '2023-11-07' : `2023-10-${String(5 + (index % 24)).padStart(2, '0')}`;
      const submittedAt = at(day, 14, index % 60);
      events.push({
        kind: 'response',
        at: submittedAt,
        form: 'report',
        row: responseRow(
          REPORT_FORM,
          submittedAt,
          email,
          reportAnswers(unit, index, ANNUAL.name, late ? '06/11/2023' : '02/10/2023'),
        ),
      });
    }
  });
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}
