// What the Node shells' sweeps fault: the daily run; a response arriving and taken in (by `hannop
// import` of a Forms CSV export into an .xlsx file, by Google Forms itself into the Sheets API
// spreadsheet), then the run that registers it; a review decision the department typed in `Bài
// nộp` (one `Yêu cầu bổ sung` with its note, one `Đạt`), applied by the next `hannop run`.
import { join } from 'node:path';
import { demoResponseRows } from '../../src/demo/responses';
import { PLAN_FORM, responseColumns } from '../../src/domain/forms';
import { RESPONSE_FIXED_COLUMNS, SHEET, SUBMISSION_COLUMNS } from '../../src/domain/layout';
import { REVIEW_LABEL } from '../../src/domain/submissions';
import { cellText, type CellValue } from '../../src/domain/table';
import { formatVietnameseDateTime, vietnamInstant } from '../../src/domain/time';
import { importAndSave } from '../../src/node/commands/import';
import type { SavedWorkbook } from '../../src/node/commands/run-and-save';
import { formatCsv, readCsvFile } from '../../src/node/csv';
import { faultyClock, faultyWorkbook } from './port-faults';
import { AS_OF, dailyRun, earlierRun, officerFile, UNITS, type NodeScenario } from './node-shells';

/** The run after the scenario's event, on the same day as the earlier one. */
export const LATER = vietnamInstant('2023-04-04', 14);

const DEMO = demoResponseRows(UNITS);
const TIMESTAMP = responseColumns(PLAN_FORM).indexOf(RESPONSE_FIXED_COLUMNS.timestamp);

export const DAILY_RUN: NodeScenario = {
  name: 'chạy hằng ngày',
  responseRows: DEMO,
  execute: (world, counter) => dailyRun(world, counter),
};

/** The third school's plan, sent on the morning of 4 April, after the first run of the day. */
const LATE_PLAN: CellValue[] = (DEMO.plan[2] ?? []).map((cell, index) =>
  index === TIMESTAMP ? vietnamInstant('2023-04-04', 9, 15, 42) : cell,
);
const ON_TIME_PLANS = DEMO.plan.slice(0, 2);

/** A cell as the Vietnamese Forms export writes it. */
function exported(cell: CellValue): string {
  return cell instanceof Date ? formatVietnameseDateTime(cell, true) : cellText(cell);
}

const CSV_NAME = 'ke-hoach.csv';

/**
 * `hannop import --form ke-hoach` of the whole export (the two plans already in the workbook and
 * the new one), then `hannop run`: one execution under fault, the k-th call of either throwing; a
 * failed import stops there, as the officer would. The rerun is the same two commands.
 */
export const IMPORT_THEN_RUN: NodeScenario = {
  name: 'nhập phản hồi (import) rồi chạy',
  responseRows: { plan: ON_TIME_PLANS, report: DEMO.report },
  prepare: async (preparation) => {
    await earlierRun(preparation, AS_OF);
    const rows = [...ON_TIME_PLANS, LATE_PLAN].map((row) => row.map(exported));
    officerFile(preparation.directory, CSV_NAME, formatCsv([responseColumns(PLAN_FORM), ...rows]));
  },
  execute: async (world, counter, directory) => {
    const csv = readCsvFile(join(directory, CSV_NAME), 'plan', CSV_NAME);
    const opened = await world.open();
    const clock = { now: () => LATER };
    const workbook = counter ? faultyWorkbook(opened, counter) : opened;
    const now = counter ? faultyClock(clock, counter) : clock;
    await importAndSave(workbook, 'plan', csv, () => now.now());
    await dailyRun(world, counter, LATER);
  },
};

/** Google Forms appends the late plan to `Phản hồi Kế hoạch` itself; `hannop run --spreadsheet` takes it in. */
export const FORM_RESPONSE_THEN_RUN: NodeScenario = {
  name: 'phản hồi mới từ Google Forms rồi chạy',
  responseRows: { plan: ON_TIME_PLANS, report: DEMO.report },
  prepare: (preparation) => earlierRun(preparation, AS_OF),
  arrive: async (open) => {
    const workbook = await open();
    const sheet = SHEET.planResponses;
    workbook.write([{ kind: 'append', sheet, headers: responseColumns(PLAN_FORM), rows: [LATE_PLAN] }]);
    await workbook.save();
  },
  execute: (world, counter) => dailyRun(world, counter, LATER),
};

export const RETURNED_NOTE = 'Thiếu chữ ký của Thủ trưởng.';

/** The officer's decisions, typed in `Bài nộp` after the first run: returned with a note, approved. */
async function typeDecisions(workbook: SavedWorkbook): Promise<void> {
  const table = workbook.read([SHEET.submissions]).get(SHEET.submissions);
  if (!table || table.rows.length < 2) throw new Error('Bài nộp has fewer than two rows');
  const headers = table.headers.map(String);
  const review = headers.indexOf(SUBMISSION_COLUMNS.review);
  const note = headers.indexOf(SUBMISSION_COLUMNS.reviewNote);
  const rows = table.rows.map((row, index) => {
    const copy = [...row];
    if (index === 0) {
      copy[review] = REVIEW_LABEL.returned;
      copy[note] = RETURNED_NOTE;
    }
    if (index === 1) copy[review] = REVIEW_LABEL.approved;
    return copy;
  });
  workbook.write([{ kind: 'replace', sheet: SHEET.submissions, headers: table.headers, rows }]);
  await workbook.save();
}

/** `Yêu cầu bổ sung` (with a note) and `Đạt` typed in `Bài nộp`, applied by the next `hannop run`. */
export const REVIEW_DECISION: NodeScenario = {
  name: 'quyết định Đánh giá rồi chạy',
  responseRows: DEMO,
  prepare: async (preparation) => {
    await earlierRun(preparation, AS_OF);
    await typeDecisions(await preparation.open());
  },
  execute: (world, counter) => dailyRun(world, counter, LATER),
};
