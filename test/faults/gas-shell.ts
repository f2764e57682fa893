// The Apps Script shell under the fault harness: the trigger handlers on the fakes of
// SpreadsheetApp, FormApp, MailApp, PropertiesService (the send journal), LockService and
// ScriptApp. A fault is thrown at Google's boundary: the k-th call of any Apps Script service
// method fails before the fake does anything, as a service error or the end of an execution
// would. The clean follow-up is the next daily run, which must repair what the fault left.
import { REGISTER_HEADERS } from '../../src/domain/register';
import { SHEET, SUBMISSION_COLUMNS } from '../../src/domain/layout';
import { REVIEW_LABEL } from '../../src/domain/submissions';
import { at, makeGasWorld, submitPlan, type GasWorld } from '../gas/gas-world';
import { ServiceMeter } from '../gas/service-meter';
import { observe, OBSERVED_SHEETS, type FaultCounter, type FaultShell } from './port-faults';

interface GasFaultWorld {
  readonly world: GasWorld;
  /** The counter of the execution under test; null outside it. */
  active: { counter: FaultCounter | null };
}

function makeWorld(): GasFaultWorld {
  const active: { counter: FaultCounter | null } = { counter: null };
  const meter = new ServiceMeter((method) => active.counter?.tick(method));
  return { world: makeGasWorld({ meter }), active };
}

function underFault(faulty: GasFaultWorld, counter: FaultCounter, execution: () => void): Promise<void> {
  faulty.active.counter = counter;
  try {
    execution();
  } finally {
    faulty.active.counter = null;
  }
  return Promise.resolve();
}

function dailyRun(world: GasWorld, when: string): Promise<void> {
  world.setNow(when);
  world.scriptApp.fireClock(at(when));
  return Promise.resolve();
}

function gasShell(
  scenario: string,
  setUp: (world: GasWorld) => void,
  execution: (world: GasWorld) => void,
  followUp: string,
): FaultShell<GasFaultWorld> {
  return {
    shell: 'Apps Script',
    scenario,
    setUp: () => {
      const faulty = makeWorld();
      setUp(faulty.world);
      return Promise.resolve(faulty);
    },
    execute: (faulty, counter) => underFault(faulty, counter, () => execution(faulty.world)),
    rerun: (faulty) => dailyRun(faulty.world, followUp),
    observe: (faulty) => {
      const tables = new Map(
        OBSERVED_SHEETS.flatMap((name) => {
          const table = faulty.world.table(name);
          return table ? [[name, table] as const] : [];
        }),
      );
      return Promise.resolve(observe(tables));
    },
    sent: (faulty) => faulty.world.mailApp.sent.map((mail) => `${mail.to.join(',')}|${mail.subject}`),
  };
}

/** Two of three schools submit their plans in time; the third is overdue on 4 April. */
function twoPlans(world: GasWorld): void {
  world.setNow('2023-03-28T09:30:05');
  submitPlan(world, world.units[0]!, '2023-03-28T09:30');
  submitPlan(world, world.units[1]!, '2023-03-28T09:40');
}

// The next run comes after the claim of a run that died (src/domain/mail-claim.ts) went stale:
// the day's continuation or the next day's run, never one within the 7 minutes a claim holds.
export const dailyRunShell = gasShell(
  'chạy hằng ngày',
  twoPlans,
  (world) => void dailyRun(world, '2023-04-04T07:05'),
  '2023-04-04T07:15',
);

export const submissionShell = gasShell(
  'nộp biểu mẫu',
  () => undefined,
  (world) => {
    world.setNow('2023-03-28T09:30:05');
    submitPlan(world, world.units[0]!, '2023-03-28T09:30');
  },
  '2023-03-29T07:05',
);

export const reviewEditShell = gasShell(
  'sửa Đánh giá',
  (world) => {
    twoPlans(world);
    const sheet = world.sheets.spreadsheet.getSheetByName(SHEET.submissions);
    const reviewColumn = REGISTER_HEADERS.indexOf(SUBMISSION_COLUMNS.review) + 1;
    const noteColumn = REGISTER_HEADERS.indexOf(SUBMISSION_COLUMNS.reviewNote) + 1;
    sheet?.getRange(2, noteColumn).setValue('Thiếu chữ ký của Thủ trưởng.');
    sheet?.getRange(2, reviewColumn).setValue(REVIEW_LABEL.returned);
  },
  (world) => {
    world.setNow('2023-03-29T10:00');
    const sheet = world.sheets.spreadsheet.getSheetByName(SHEET.submissions);
    const reviewColumn = REGISTER_HEADERS.indexOf(SUBMISSION_COLUMNS.review) + 1;
    world.scriptApp.fireEdit(world.sheets.spreadsheet.spreadsheetId, {
      range: sheet?.getRange(2, reviewColumn),
    });
  },
  '2023-03-30T07:05',
);

// A correction the count alone cannot see (src/domain/catch-up.ts): the response was first
// registered after the cursor, so Forms lists one response and `Bài nộp` holds one version since.
// Only the failed trigger's note, or its line in `Nhật ký`, tells the next run to read it.
export const editSinceCursorShell = gasShell(
  'sửa bài đã nộp trong ngày',
  (world) => {
    void dailyRun(world, '2023-03-13T07:05');
    // Dated after the day it came: its receipt asks for a correction (a receipt of its own).
    world.setNow('2023-03-28T09:30:05');
    submitPlan(world, world.units[0]!, '2023-03-28T09:30', { 'Ngày ban hành': '2023-04-20' });
  },
  (world) => {
    world.setNow('2023-03-28T10:30:05');
    const id = world.form('plan').storedResponses()[0]?.id ?? '';
    world.formApp.editResponse(world.form('plan'), id, {
      at: at('2023-03-28T10:30'),
      answers: { 'Ngày ban hành': '2023-03-20' },
    });
  },
  '2023-03-29T07:05',
);
