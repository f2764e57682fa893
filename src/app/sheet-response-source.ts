// Responses read from the workbook's `Phản hồi …` sheets: the source offline (filled by
// `hannop import`) and for any shell without FormApp.
import type { FormKind } from '../domain/campaign';
import { SHEET } from '../domain/layout';
import { describeProblem } from '../domain/problems';
import { responsesFromSheet } from '../domain/response-sheet';
import type { Table } from '../domain/table';
import type { ResponseSource } from './intake-responses';

export const RESPONSE_SHEET: Readonly<Record<FormKind, string>> = {
  plan: SHEET.planResponses,
  report: SHEET.reportResponses,
};

function rowsOf(tables: ReadonlyMap<string, Table>) {
  return (Object.keys(RESPONSE_SHEET) as FormKind[]).flatMap((form) => {
    const table = tables.get(RESPONSE_SHEET[form]);
    return table ? responsesFromSheet(table, form) : [];
  });
}

export const sheetResponseSource: ResponseSource = {
  sheets: [SHEET.planResponses, SHEET.reportResponses],
  read(tables) {
    const rows = rowsOf(tables);
    return {
      responses: rows.flatMap((row) => (row.response ? [row.response] : [])),
      problems: rows.flatMap((row) => (row.problem ? [describeProblem(row.problem)] : [])),
    };
  },
};
