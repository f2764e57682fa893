// Attacks on the daily catch-up by count (src/domain/catch-up.ts, src/gas/response-cursor.ts):
// cases where the count matches yet an edit would not be registered. A recheck note is the only
// thing that tells the run about an edit of a response first registered since its cursor, so a
// note must never be answered by a run that did not read the form after it was written.
import { EVENT_LOG_COLUMNS, SHEET, SUBMISSION_COLUMNS } from '../../src/domain/layout';
import { cellText } from '../../src/domain/table';
import type { Unit } from '../../src/domain/units';
import { runRebuild } from '../../src/gas/menu-handlers';
import { RECHECK_PREFIX } from '../../src/gas/response-cursor';
import { LOCK_WAIT_MS } from '../../src/gas/script-lock';
import { handleDailyRun } from '../../src/gas/trigger-handlers';
import { at, makeGasWorld, manyUnits, submitPlan, type GasWorld } from './gas-world';
import { ServiceMeter } from './service-meter';

/** A run of the daily trigger as its own execution (the lock it kept is released when it ends). */
function dailyRun(world: GasWorld): void {
  world.lockService.runExecution(() => handleDailyRun(world.services()));
}

function notes(world: GasWorld): string[] {
  return Object.keys(world.properties.script.getProperties()).filter((name) =>
    name.startsWith(RECHECK_PREFIX),
  );
}

/** The `Lần nộp` of each registered response, by id. */
function versions(world: GasWorld): Record<string, string> {
  const register = world.table(SHEET.submissions);
  if (!register) return {};
  const headers = register.headers.map(String);
  const id = headers.indexOf(SUBMISSION_COLUMNS.responseId);
  const version = headers.indexOf(SUBMISSION_COLUMNS.version);
  return Object.fromEntries(
    register.rows.map((row) => [cellText(row[id] ?? null), cellText(row[version] ?? null)]),
  );
}

describe('a recheck note written while the daily run sends its mail', () => {
  it('is kept for the next run, which registers the edit whose trigger failed', () => {
    const world = makeGasWorld({ units: manyUnits(12), mailQuota: 1500, start: '2023-03-13T07:00' });
    // The first run sets the cursor; the next, on the opening day, has notices to send.
    dailyRun(world);
    world.mailApp.nextDay();
    world.setNow('2023-03-14T07:00');
    const unit = world.units[3] as Unit;
    let responseId = '';
    world.mailApp.afterSend((count) => {
      if (count !== 2) return;
      // While the run sends outside the lock, a school sends its plan (its trigger registers it)…
      world.setNow('2023-03-14T07:01');
      responseId = String(submitPlan(world, unit, '2023-03-14T07:01').getId());
      // …and corrects it a minute later; that trigger fails (a rebuild holds the lock) and notes it.
      world.setNow('2023-03-14T07:02:05');
      world.lockService.holdElsewhere(LOCK_WAIT_MS.submission + 1);
      expect(() =>
        world.formApp.editResponse(world.form('plan'), responseId, {
          at: at('2023-03-14T07:02'),
          answers: { 'Chức vụ': 'Phó Hiệu trưởng' },
        }),
      ).toThrow(/Lock timeout/);
    });
    dailyRun(world);
    expect(versions(world)).toEqual({ [responseId]: '1' });
    // The run listed the form before the note was written: the note is not its to answer.
    expect(notes(world)).toHaveLength(1);

    world.mailApp.nextDay();
    world.setNow('2023-03-15T07:00');
    dailyRun(world);
    // Forms lists one response since the cursor and the register holds one: only the note tells.
    expect(versions(world)).toEqual({ [responseId]: '2' });
    expect(notes(world)).toEqual([]);
  });
});

describe('a form-submit trigger that fails with the Properties service', () => {
  it('cannot write its note, and the next run rereads the form for the failure in Nhật ký', () => {
    const outage = { on: false };
    const meter = new ServiceMeter((method) => {
      if (outage.on && method.startsWith('Properties.')) throw new Error('Service unavailable: Properties');
    });
    const world = makeGasWorld({ units: manyUnits(3), meter, start: '2023-03-27T07:00' });
    dailyRun(world);
    world.setNow('2023-03-27T10:00:05');
    const unit = world.units[1] as Unit;
    const responseId = String(submitPlan(world, unit, '2023-03-27T10:00').getId());
    // Its correction: the trigger reads its settings from the script properties first, and fails.
    world.setNow('2023-03-27T11:00:05');
    outage.on = true;
    expect(() =>
      world.formApp.editResponse(world.form('plan'), responseId, {
        at: at('2023-03-27T11:00'),
        answers: { 'Chức vụ': 'Phó Hiệu trưởng' },
      }),
    ).toThrow('Service unavailable: Properties');
    outage.on = false;
    // No note could be written; the failure is in `Nhật ký`.
    expect(notes(world)).toEqual([]);
    const log = world.table(SHEET.eventLog);
    const message = log?.headers.map(String).indexOf(EVENT_LOG_COLUMNS.message) ?? -1;
    expect(cellText(log?.rows.at(-1)?.[message] ?? null)).toBe(
      `Phản hồi ${responseId}: Service unavailable: Properties`,
    );

    world.mailApp.nextDay();
    world.setNow('2023-03-28T07:00');
    meter.reset();
    dailyRun(world);
    // Forms lists one response since the cursor, the register holds one: the line in `Nhật ký` tells.
    expect(versions(world)).toEqual({ [responseId]: '2' });
    expect(meter.reading().byMethod['FormResponse.getId']).toBe(1);

    // A failure older than the cursor asks nothing of the next run.
    world.mailApp.nextDay();
    world.setNow('2023-03-29T07:00');
    meter.reset();
    dailyRun(world);
    expect(meter.reading().byMethod['FormResponse.getId']).toBeUndefined();
  });
});

describe('the case left to «Xử lý lại toàn bộ» (docs/decisions.md)', () => {
  it('an edit whose trigger Google never ran, of a response first registered since the cursor, waits for the rebuild', () => {
    const world = makeGasWorld({ units: manyUnits(3), start: '2023-03-27T07:00' });
    dailyRun(world);
    world.setNow('2023-03-27T10:00:05');
    const responseId = String(submitPlan(world, world.units[0] as Unit, '2023-03-27T10:00').getId());
    world.setDelivering(false);
    world.setNow('2023-03-27T11:00:05');
    world.formApp.editResponse(world.form('plan'), responseId, {
      at: at('2023-03-27T11:00'),
      answers: { 'Chức vụ': 'Phó Hiệu trưởng' },
    });
    world.setDelivering(true);
    world.setNow('2023-03-28T07:00');
    dailyRun(world);
    // One listed, one registered since the cursor, no note, no failure logged: nothing tells.
    expect(versions(world)).toEqual({ [responseId]: '1' });
    world.setNow('2023-03-28T08:00');
    world.lockService.runExecution(() => runRebuild(world.services()));
    expect(versions(world)).toEqual({ [responseId]: '2' });
  });
});
