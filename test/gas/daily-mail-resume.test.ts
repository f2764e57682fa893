// The day's mail at 2,000 units within Google's 6 minutes (issue 15, item 3): on the opening day
// every unit gets its notice, about 1 s a message (service-meter.ts), so a Workspace quota of
// 1,500 takes several executions. The daily run stops sending at 4 minutes, saves a checkpoint,
// and one continuation trigger after another sends the rest as of the same moment; `Nhật ký thư`
// then equals an uninterrupted run's. An execution that dies after sending and before writing
// loses nothing and sends nothing twice (the send journal).
import { SHEET } from '../../src/domain/layout';
import { EXECUTION_LIMIT_MS } from '../../src/domain/job-budget';
import { handleDailyRun } from '../../src/gas/trigger-handlers';
import type { GasWorld } from './gas-world';
import { continuationTriggers, runToEnd, timedWorld } from './timed-world';

const UNITS = 2000;
const WORKSPACE_QUOTA = 1500;
const OPENING_DAY_RUN = '2023-03-14T07:00';

/** The Sheets API, whose next `batchUpdate` fails once when armed, as an execution killed while writing. */
function crashingSheets() {
  const crash = { armed: false };
  return {
    crash,
    sheetsService: (
      fakes: Parameters<NonNullable<Parameters<typeof timedWorld>[0]['sheetsService']>>[0],
    ) => ({
      Spreadsheets: {
        get: (id: string, args?: object) => fakes.advancedSheets.Spreadsheets.get(id, args),
        batchUpdate: (resource: GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetRequest, id: string) => {
          if (crash.armed) {
            crash.armed = false;
            throw new Error('Exceeded maximum execution time');
          }
          return fakes.advancedSheets.Spreadsheets.batchUpdate(resource, id);
        },
      },
    }),
  };
}

function mailLog(target: GasWorld) {
  return target.table(SHEET.mailLog);
}

function sentMessages(target: GasWorld): string[] {
  return target.mailApp.sent.map((mail) => `${mail.to.join(',')}|${mail.subject}`);
}

describe(`the day's mail at ${UNITS} units and a quota of ${WORKSPACE_QUOTA}, within the time budget`, () => {
  const whole = timedWorld({
    units: UNITS,
    timed: false,
    mailQuota: WORKSPACE_QUOTA,
    start: OPENING_DAY_RUN,
  });
  runToEnd(whole, () => handleDailyRun(whole.services()));

  const split = timedWorld({ units: UNITS, timed: true, mailQuota: WORKSPACE_QUOTA, start: OPENING_DAY_RUN });
  const executions = runToEnd(split, () => handleDailyRun(split.services()));
  console.info(
    `daily mail at ${UNITS} units: ${executions.durationsMs.length} executions, longest ` +
      `${Math.round(Math.max(...executions.durationsMs) / 1000)} s, ${split.mailApp.sent.length} sent`,
  );

  const crashing = crashingSheets();
  const crashed = timedWorld({
    units: UNITS,
    timed: true,
    mailQuota: WORKSPACE_QUOTA,
    start: OPENING_DAY_RUN,
    sheetsService: crashing.sheetsService,
  });
  // The second continuation dies when it writes `Nhật ký thư`, after sending its share.
  const withCrash = runToEnd(
    crashed,
    () => handleDailyRun(crashed.services()),
    (index) => {
      if (index === 2) crashing.crash.armed = true;
    },
  );

  it('sends the whole quota in several executions, each well under Google’s 6 minutes', () => {
    expect(whole.mailApp.sent.length).toBeGreaterThan(1400);
    expect(split.mailApp.sent.length).toBe(whole.mailApp.sent.length);
    expect(executions.durationsMs.length).toBeGreaterThan(3);
    expect(executions.failures.size).toBe(0);
    for (const duration of executions.durationsMs) expect(duration).toBeLessThan(EXECUTION_LIMIT_MS - 60_000);
  });

  it('ends with the mail log and the mail of an uninterrupted run', () => {
    expect(mailLog(split)).toEqual(mailLog(whole));
    expect([...sentMessages(split)].sort()).toEqual([...sentMessages(whole)].sort());
  });

  it('never has more than one continuation pending, and none is left', () => {
    expect(executions.maxPending).toBe(1);
    expect(continuationTriggers(split)).toEqual([]);
    expect(split.properties.script.getKeys().filter((key) => key.startsWith('hannop.checkpoint.'))).toEqual(
      [],
    );
  });

  it('loses nothing and sends nothing twice when an execution dies after sending', () => {
    expect(withCrash.failures.size).toBe(1);
    const sent = sentMessages(crashed);
    expect(new Set(sent).size).toBe(sent.length);
    expect([...sent].sort()).toEqual([...sentMessages(whole)].sort());
    expect(mailLog(crashed)).toEqual(mailLog(whole));
    expect(continuationTriggers(crashed)).toEqual([]);
  });
});
