// The daily run is the net for a form-submit trigger that failed, and it must not cost a call per
// response (issue 15): the morning after 2,000 schools sent their plan it read each one's id and
// time again, 4,000 FormApp calls, to find them all registered. It now tells by count
// (src/domain/catch-up.ts) and reads one by one only when the count differs or a failed trigger
// left a recheck note (src/gas/response-cursor.ts). Each case the net exists for is tested here.
import { EVENT_LOG_COLUMNS, SHEET, SUBMISSION_COLUMNS } from '../../src/domain/layout';
import { cellText, type Table } from '../../src/domain/table';
import type { Unit } from '../../src/domain/units';
import { RECHECK_PREFIX } from '../../src/gas/response-cursor';
import { LOCK_WAIT_MS } from '../../src/gas/script-lock';
import { handleDailyRun } from '../../src/gas/trigger-handlers';
import { at, makeGasWorld, manyUnits, submitPlan, type GasWorld } from './gas-world';
import { ServiceMeter } from './service-meter';

function column(table: Table | undefined, title: string): string[] {
  if (!table) return [];
  const index = table.headers.indexOf(title);
  return table.rows.map((row) => cellText(row[index] ?? null));
}

/** Calls asking Forms about one response (its id, time, answers…), by method. */
function perResponseCalls(meter: ServiceMeter): Record<string, number> {
  return Object.fromEntries(
    Object.entries(meter.reading().byMethod).filter(([method]) => /^(FormResponse|response)\./.test(method)),
  );
}

/** `count` units; a first daily run sets the cursor; then every unit sends its plan on the 27th. */
function busyDay(count: number, meter: ServiceMeter, missed: (index: number) => boolean = () => false) {
  const world = makeGasWorld({ units: manyUnits(count), meter });
  world.setNow('2023-03-27T07:00');
  handleDailyRun(world.services());
  world.mailApp.nextDay();
  world.units.forEach((unit, index) => {
    const when = `2023-03-27T1${Math.floor(index / 60) % 10}:${String(index % 60).padStart(2, '0')}`;
    world.setNow(`${when}:05`);
    world.setDelivering(!missed(index));
    submitPlan(world, unit, when);
  });
  world.setDelivering(true);
  world.mailApp.nextDay();
  world.setNow('2023-03-28T07:00');
  return world;
}

function registeredIds(world: GasWorld): string[] {
  return column(world.table(SHEET.submissions), SUBMISSION_COLUMNS.responseId).sort();
}

function formIds(world: GasWorld): string[] {
  return world
    .form('plan')
    .storedResponses()
    .map((response) => response.id)
    .sort();
}

describe('the morning after a busy day', () => {
  it('asks Forms about no response one by one when every trigger registered its own, at 60 or 150 units', () => {
    for (const count of [60, 150]) {
      const meter = new ServiceMeter();
      const world = busyDay(count, meter);
      meter.reset();
      handleDailyRun(world.services());
      expect(perResponseCalls(meter)).toEqual({});
      expect(meter.reading().byMethod['Form.getResponses']).toBe(2);
      expect(registeredIds(world)).toEqual(formIds(world));
      expect(registeredIds(world)).toHaveLength(count);
    }
  });

  it('registers a response whose trigger never ran, reading the day’s responses one by one', () => {
    const meter = new ServiceMeter();
    const world = busyDay(60, meter, (index) => index === 17);
    expect(registeredIds(world)).toHaveLength(59);
    meter.reset();
    handleDailyRun(world.services());
    expect(registeredIds(world)).toEqual(formIds(world));
    expect(registeredIds(world)).toHaveLength(60);
    // The count differed: each listed response was asked its id and time.
    expect(perResponseCalls(meter)['FormResponse.getId']).toBe(60);
  });

  it('registers an edit whose trigger failed, of a response registered the same day (the count alone cannot tell)', () => {
    const meter = new ServiceMeter();
    const world = busyDay(60, meter);
    const unit = world.units[5] as Unit;
    const id = world
      .form('plan')
      .storedResponses()
      .find((response) => response.email === unit.emails[0])?.id as string;
    world.setNow('2023-03-27T18:00:05');
    world.lockService.holdElsewhere(LOCK_WAIT_MS.submission + 1);
    expect(() =>
      world.formApp.editResponse(world.form('plan'), id, {
        at: at('2023-03-27T18:00'),
        answers: { 'Chức vụ': 'Phó Hiệu trưởng' },
      }),
    ).toThrow(/Lock timeout/);
    const notes = Object.keys(world.properties.script.getProperties()).filter((name) =>
      name.startsWith(RECHECK_PREFIX),
    );
    expect(notes).toHaveLength(1);
    expect(column(world.table(SHEET.eventLog), EVENT_LOG_COLUMNS.message).at(-1)).toBe(
      `Phản hồi ${id}: Lock timeout: another process was holding the lock for too long.`,
    );
    world.setNow('2023-03-28T07:00');
    handleDailyRun(world.services());
    const register = world.table(SHEET.submissions);
    const row = register?.rows[column(register, SUBMISSION_COLUMNS.responseId).indexOf(id)] ?? [];
    expect(cellText(row[register?.headers.indexOf(SUBMISSION_COLUMNS.version) ?? -1] ?? null)).toBe('2');
    // The note is answered: the next morning reads no response one by one again.
    expect(
      Object.keys(world.properties.script.getProperties()).filter((name) => name.startsWith(RECHECK_PREFIX)),
    ).toEqual([]);
    world.mailApp.nextDay();
    world.setNow('2023-03-29T07:00');
    meter.reset();
    handleDailyRun(world.services());
    expect(perResponseCalls(meter)).toEqual({});
  });

  it('reads one by one when a registered response was deleted in Forms, registering nothing twice', () => {
    const meter = new ServiceMeter();
    const world = busyDay(60, meter);
    const gone = world.form('plan').storedResponses()[3]?.id as string;
    world.form('plan').deleteResponse(gone);
    meter.reset();
    handleDailyRun(world.services());
    // Forms lists 59, the register holds 60 since the cursor: the counts differ, each is read.
    expect(perResponseCalls(meter)['FormResponse.getId']).toBe(59);
    const ids = registeredIds(world);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    expect(ids).toContain(gone);
  });
});
