// The header row of the `Phản hồi …` sheets: the Form's own columns, then the question titles.
import { RESPONSE_FIXED_COLUMNS } from '../layout';
import { PLAN_FORM } from './plan-form';
import { REPORT_FORM } from './report-form';
import type { FormSpec } from './spec';

export function responseColumns(spec: FormSpec): string[] {
  return [
    RESPONSE_FIXED_COLUMNS.timestamp,
    RESPONSE_FIXED_COLUMNS.email,
    ...spec.questions.map((q) => q.title),
  ];
}

export function responseSheetHeaders(): { plan: string[]; report: string[] } {
  return { plan: responseColumns(PLAN_FORM), report: responseColumns(REPORT_FORM) };
}
