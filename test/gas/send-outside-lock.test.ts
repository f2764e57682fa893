// The day's mail goes out without the script lock (issue 15, item 4): planned and claimed under
// it, sent without it, logged under it again (src/domain/mail-claim.ts). A form submission while
// the batch is sending gets the lock at once; another run leaves the claimed messages to their
// owner, or, if it died, sends them once its claim is stale; crashes lose and repeat nothing.
import { MAIL_LOG_COLUMNS, SHEET, SUBMISSION_COLUMNS } from '../../src/domain/layout';
import { MAIL_RESULT_LABEL } from '../../src/domain/mail';
import { CLAIM_LIFETIME_MS } from '../../src/domain/mail-claim';
import { cellText } from '../../src/domain/table';
import { runSendReminders } from '../../src/gas/menu-handlers';
import { handleDailyRun } from '../../src/gas/trigger-handlers';
import { LOCK_TIMEOUT_MESSAGE } from '../fakes/lock-service';
import { makeGasWorld, manyUnits, submitPlan, type GasWorld } from './gas-world';
import { ServiceMeter } from './service-meter';

const UNITS = 200;
/** The opening day: every unit gets its notice, and the department its digest. */
const OPENING_DAY_RUN = '2023-03-14T07:00';

/** A world of 200 units whose execution can be killed: from the armed call on, every service call fails. */
function killableWorld() {
  const kill = { at: null as string | null, skip: 0, dead: false };
  const meter = new ServiceMeter((method) => {
    if (kill.dead) throw new Error('Exceeded maximum execution time');
    if (kill.at !== null && method === kill.at) {
      if (kill.skip > 0) kill.skip -= 1;
      else {
        kill.dead = true;
        throw new Error('Exceeded maximum execution time');
      }
    }
  });
  const world = makeGasWorld({ units: manyUnits(UNITS), meter, mailQuota: 1500, start: OPENING_DAY_RUN });
  return { world, kill };
}

/** A run of the daily trigger as its own execution (the lock it kept is released when it ends). */
function dailyRun(world: GasWorld): void {
  world.lockService.runExecution(() => handleDailyRun(world.services()));
}

function logRows(world: GasWorld): { key: string; result: string }[] {
  const table = world.table(SHEET.mailLog);
  if (!table) return [];
  const headers = table.headers.map(String);
  const key = headers.indexOf(MAIL_LOG_COLUMNS.key);
  const result = headers.indexOf(MAIL_LOG_COLUMNS.result);
  return table.rows.map((row) => ({
    key: cellText(row[key] ?? null),
    result: cellText(row[result] ?? null),
  }));
}

function sentMessages(world: GasWorld): string[] {
  return world.mailApp.sent.map((mail) => `${mail.to.join(',')}|${mail.subject}`);
}

function expectEachOnce(world: GasWorld, expected: number): void {
  const sent = sentMessages(world);
  expect(new Set(sent).size).toBe(sent.length);
  expect(sent).toHaveLength(expected);
  const rows = logRows(world);
  expect(new Set(rows.map((row) => row.key)).size).toBe(rows.length);
  expect(rows.filter((row) => row.result === MAIL_RESULT_LABEL.sent)).toHaveLength(expected);
  expect(rows.filter((row) => row.result !== MAIL_RESULT_LABEL.sent)).toEqual([]);
}

/** The claim properties holding anything: a released claim's slot is kept, emptied ('-'), for the next. */
function claimProperties(world: GasWorld): string[] {
  const stored = world.properties.script.snapshot();
  return Object.keys(stored).filter(
    (name) => /^hannop\.(claim|sent|claimSlot|claimSent)\./.test(name) && stored[name] !== '-',
  );
}

/** How many messages the opening day's run sends when nothing interferes. */
const plainCount = (() => {
  const { world } = killableWorld();
  dailyRun(world);
  return world.mailApp.sent.length;
})();

describe('the day’s mail sent outside the script lock', () => {
  it('has a batch of about 200 messages to send', () => {
    expect(plainCount).toBeGreaterThanOrEqual(UNITS);
  });

  it('lets a submission made while the batch is sending get the lock within seconds, register and get its receipt once', () => {
    const { world } = killableWorld();
    const unit = world.units[7]!;
    const waitedBefore = { ms: 0 };
    world.mailApp.afterSend((count) => {
      if (count !== 50) return;
      // Another execution: Forms fires the submit trigger, which runs as its own execution.
      waitedBefore.ms = world.lockService.statistics.waitedMs;
      world.setNow('2023-03-14T07:01');
      submitPlan(world, unit, '2023-03-14T07:01');
    });
    dailyRun(world);

    expect(world.logged).toEqual([]);
    expect(world.lockService.statistics.timeouts).toBe(0);
    expect(world.lockService.statistics.waitedMs - waitedBefore.ms).toBeLessThan(10_000);
    const register = world.table(SHEET.submissions);
    const unitColumn = register?.headers.map(String).indexOf(SUBMISSION_COLUMNS.unitCode) ?? -1;
    expect(register?.rows.map((row) => cellText(row[unitColumn] ?? null))).toEqual([unit.code]);
    const toUnit = world.mailApp.sent.filter((mail) => mail.to.includes(unit.emails[0] ?? ''));
    // Its opening notice from the daily run, and the receipt of its submission (the plan is dated
    // after the day it came: a receipt that says what to fix), each once.
    expect(toUnit.map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/^Mở nhận Kế hoạch/),
      expect.stringMatching(/^Bài nộp chưa hợp lệ: Kế hoạch/),
    ]);
    expectEachOnce(world, plainCount + 1);
    expect(claimProperties(world)).toEqual([]);
  });

  it('has a lock fake that behaves as Google’s: a held lock is refused with Google’s text, and freed when its execution ends', () => {
    const { world } = killableWorld();
    const lock = world.lockService.getScriptLock();
    lock.waitLock(1000);
    const other = world.lockService.getScriptLock();
    expect(() => other.waitLock(280_000)).toThrow(LOCK_TIMEOUT_MESSAGE);
    lock.releaseLock();
    // …and releases what an execution kept when it ends.
    world.lockService.runExecution(() => world.lockService.getScriptLock().waitLock(1000));
    expect(world.lockService.isHeld()).toBe(false);
  });

  it('a second daily run or the menu started meanwhile sends none of the claimed messages', () => {
    for (const second of ['daily', 'menu'] as const) {
      const { world } = killableWorld();
      world.mailApp.afterSend((count) => {
        if (count !== 50) return;
        world.setNow('2023-03-14T07:02');
        if (second === 'daily') dailyRun(world);
        else world.lockService.runExecution(() => runSendReminders(world.services()));
      });
      dailyRun(world);
      expect(world.logged).toEqual([]);
      expectEachOnce(world, plainCount);
      if (second === 'menu') {
        expect(world.sheets.spreadsheet.toasts.at(-1)?.message).toMatch(
          /^\d+ thư đang được một lần chạy khác gửi; không cần gửi lại\.$/,
        );
      }
      expect(claimProperties(world)).toEqual([]);
    }
  });

  it('a run killed after claiming, before sending: the next run leaves the claim while it may be live, then sends each message once', () => {
    const { world, kill } = killableWorld();
    kill.at = 'MailApp.sendEmail';
    expect(() => dailyRun(world)).toThrow('Exceeded maximum execution time');
    expect(world.mailApp.sent).toEqual([]);
    expect(claimProperties(world).length).toBeGreaterThan(0);
    kill.at = null;
    kill.dead = false;

    // A minute later the claim may still be a live execution's: nothing of it is sent.
    world.setNow('2023-03-14T07:01');
    dailyRun(world);
    expect(world.mailApp.sent).toEqual([]);

    // Past the longest execution, the claim is stale and its messages go, once.
    world.advance(CLAIM_LIFETIME_MS);
    dailyRun(world);
    expectEachOnce(world, plainCount);
    dailyRun(world);
    expectEachOnce(world, plainCount);
    expect(claimProperties(world)).toEqual([]);
  });

  it('a run killed after sending, before writing Nhật ký thư: the next run logs every message once and sends none again', () => {
    const { world, kill } = killableWorld();
    // The run's second lock: the one it takes to write `Nhật ký thư` after sending.
    kill.at = 'Lock.waitLock';
    kill.skip = 1;
    expect(() => dailyRun(world)).toThrow('Exceeded maximum execution time');
    expect(world.mailApp.sent).toHaveLength(plainCount);
    expect(logRows(world)).toEqual([]);
    kill.at = null;
    kill.dead = false;

    world.setNow('2023-03-14T07:01');
    dailyRun(world);
    expectEachOnce(world, plainCount);
    world.advance(CLAIM_LIFETIME_MS);
    dailyRun(world);
    expectEachOnce(world, plainCount);
    expect(claimProperties(world)).toEqual([]);
  });
});
