// The fault-injection harness: every port a job reaches the world through (workbook read, write
// and save, mailer, lock, clock, send journal, the forms' responses) is wrapped so that the k-th
// call of an execution throws, for every k from the first call to the last of the fault-free
// execution. After each fault a clean rerun must leave the derived sheets as the fault-free run
// left them, lose no response, send no message twice, leave no due message unsent, and the fault
// must be named in `Nhật ký`. Each shell (Apps Script fakes, .xlsx, the local Sheets API server)
// supplies a `FaultShell`; `sweepFaults` runs the sweep and counts what went wrong.
import { appendFileSync } from 'node:fs';
import type { ResponseSource } from '../../src/app/intake-responses';
import { EVENT_LOG_COLUMNS, MAIL_LOG_COLUMNS, SHEET, SUBMISSION_COLUMNS } from '../../src/domain/layout';
import { cellText, type Table } from '../../src/domain/table';
import type { Clock, Lock, MailJournal, Mailer, Workbook } from '../../src/ports';

/** The error a wrapped port throws: named so that `Nhật ký` can be searched for it. */
export class InjectedFault extends Error {
  constructor(
    readonly call: number,
    readonly port: string,
  ) {
    super(`Lỗi thử nghiệm ở lần gọi thứ ${call} (${port})`);
    this.name = 'InjectedFault';
  }
}

/** Counts the calls of one execution across all its ports; throws at each call of `failAt`. */
export class FaultCounter {
  calls = 0;
  /** The faults thrown so far, in order. */
  readonly faults: InjectedFault[] = [];
  readonly ports: string[] = [];
  private readonly failAt: readonly number[];

  constructor(failAt: number | readonly number[] | null) {
    this.failAt = failAt === null ? [] : typeof failAt === 'number' ? [failAt] : failAt;
  }

  /** The first fault thrown (the one the execution was failing from). */
  get fault(): InjectedFault | null {
    return this.faults[0] ?? null;
  }

  tick(port: string): void {
    this.calls += 1;
    this.ports.push(port);
    if (this.failAt.includes(this.calls)) {
      const fault = new InjectedFault(this.calls, port);
      this.faults.push(fault);
      throw fault;
    }
  }
}

export function faultyWorkbook<W extends Workbook>(workbook: W, counter: FaultCounter): W {
  const wrapped = Object.create(workbook) as W & { save?: () => Promise<void> };
  wrapped.read = (names) => {
    counter.tick('workbook.read');
    return workbook.read(names);
  };
  wrapped.write = (writes) => {
    counter.tick('workbook.write');
    workbook.write(writes);
  };
  const save = (workbook as { save?: () => Promise<void> }).save;
  if (save) {
    wrapped.save = async () => {
      counter.tick('workbook.save');
      await save.call(workbook);
    };
  }
  return wrapped;
}

export function faultyMailer(mailer: Mailer, counter: FaultCounter): Mailer {
  const reachable = mailer.reachable?.bind(mailer);
  return {
    remainingDailyQuota: () => {
      counter.tick('mailer.remainingDailyQuota');
      return mailer.remainingDailyQuota();
    },
    send: (mail) => {
      counter.tick('mailer.send');
      mailer.send(mail);
    },
    ...(reachable
      ? {
          reachable: () => {
            counter.tick('mailer.reachable');
            return reachable();
          },
        }
      : {}),
  };
}

export function faultyLock(lock: Lock, counter: FaultCounter): Lock {
  return {
    withLock: (work) => {
      counter.tick('lock.withLock');
      return lock.withLock(work);
    },
  };
}

export function faultyClock(clock: Clock, counter: FaultCounter): Clock {
  return {
    now: () => {
      counter.tick('clock.now');
      return clock.now();
    },
  };
}

export function faultyJournal(journal: MailJournal, counter: FaultCounter): MailJournal {
  return {
    entries: () => {
      counter.tick('journal.entries');
      return journal.entries();
    },
    record: (entry) => {
      counter.tick('journal.record');
      journal.record(entry);
    },
    forget: (keys) => {
      counter.tick('journal.forget');
      journal.forget(keys);
    },
  };
}

export function faultySource(source: ResponseSource, counter: FaultCounter): ResponseSource {
  return {
    sheets: source.sheets,
    read: (tables) => {
      counter.tick('forms.read');
      return source.read(tables);
    },
  };
}

/** What a sweep compares after each rerun. */
export interface Observation {
  /** Derived sheets, `Bài nộp` and each mail key's result in `Nhật ký thư`, as JSON. */
  readonly derived: string;
  /** Response ids in `Bài nộp`. */
  readonly responses: readonly string[];
  /** `Nhật ký` messages of level `Lỗi` or `Cảnh báo` (a form that could not be opened is a warning). */
  readonly errors: readonly string[];
}

/** The sheets whose content must not depend on where a run failed. */
const COMPARED_SHEETS = [SHEET.submissions, SHEET.summary, SHEET.statistics, SHEET.figures] as const;

export const OBSERVED_SHEETS: readonly string[] = [...COMPARED_SHEETS, SHEET.mailLog, SHEET.eventLog];

function column(table: Table | undefined, header: string): string[] {
  if (!table) return [];
  const index = table.headers.map(String).indexOf(header);
  return index < 0 ? [] : table.rows.map((row) => cellText(row[index] ?? null));
}

/** The observation of a workbook's tables, whichever shell holds them. */
export function observe(tables: ReadonlyMap<string, Table>): Observation {
  const mailLog = tables.get(SHEET.mailLog);
  const keys = column(mailLog, MAIL_LOG_COLUMNS.key);
  const results = column(mailLog, MAIL_LOG_COLUMNS.result);
  const levels = column(tables.get(SHEET.eventLog), EVENT_LOG_COLUMNS.level);
  const messages = column(tables.get(SHEET.eventLog), EVENT_LOG_COLUMNS.message);
  return {
    derived: JSON.stringify({
      sheets: COMPARED_SHEETS.map((name) => tables.get(name) ?? null),
      mailLog: Object.fromEntries(keys.map((key, index) => [key, results[index]]).sort()),
    }),
    responses: column(tables.get(SHEET.submissions), SUBMISSION_COLUMNS.responseId).sort(),
    errors: messages.filter((_, index) => levels[index] === 'Lỗi' || levels[index] === 'Cảnh báo'),
  };
}

/** One scenario of one shell: a world to set up, an execution to fault, and the clean one after it. */
export interface FaultShell<World> {
  readonly shell: string;
  readonly scenario: string;
  setUp(): Promise<World>;
  /** The execution under test, its ports wrapped with `counter`. */
  execute(world: World, counter: FaultCounter): Promise<void>;
  /** The clean execution that must repair everything (the next daily run). */
  rerun(world: World): Promise<void>;
  observe(world: World): Promise<Observation>;
  /** An identity of each message sent so far in this world, one entry per message received. */
  sent(world: World): readonly string[];
  tearDown?(world: World): Promise<void>;
}

export interface SweepResult {
  readonly shell: string;
  readonly scenario: string;
  /** Faulted executions: one per call of the fault-free execution, or one per pair of calls. */
  readonly faults: number;
  /** Faults per execution: 1, or 2 (the second may land in the failure's own logging). */
  readonly faultsPerExecution: number;
  /** Executions in which the second fault of a pair was reached and thrown. */
  readonly secondFaultsThrown: number;
  readonly runs: number;
  readonly responsesLost: number;
  readonly messagesDuplicated: number;
  readonly messagesMissing: number;
  /** Faults that `Nhật ký` does not name after the rerun (a pair whose second fault was thrown is exempt). */
  readonly faultsUnlogged: number;
  /** Faults after which every check held. */
  readonly faultsSurvived: number;
  /** What went wrong, one line each (empty when all is well). */
  readonly problems: readonly string[];
}

function duplicates(sent: readonly string[]): number {
  return sent.length - new Set(sent).size;
}

/** Which calls throw in each faulted execution, given the calls of the fault-free one. */
export type FaultPlan = (calls: number) => readonly (readonly number[])[];

/** One fault at each call: the k-th, for every k. */
export const EACH_CALL: FaultPlan = (calls) => Array.from({ length: calls }, (_, index) => [index + 1]);

/**
 * Two faults in one execution: the k-th call and each of the `span` calls after it, for every k.
 * After the first fault the calls that follow are the failure's own path (its line in `Nhật ký`,
 * the save of that line), so the second fault lands on each step of it; a pair whose second call
 * is never reached is a single fault again.
 */
export function pairsAfterEachCall(span: number): FaultPlan {
  return (calls) =>
    Array.from({ length: calls }, (_, index) =>
      Array.from({ length: span }, (__, step) => [index + 1, index + 2 + step]),
    ).flat();
}

/**
 * Two faults in one execution, sampled: the pairs of `pairsAfterEachCall(span)` in an order fixed
 * by `seed`, the first `count` of them, with every (k, k+1) kept (a fault and the very next call).
 */
export function samplePairs(span: number, count: number, seed: number): FaultPlan {
  return (calls) => {
    const pairs = pairsAfterEachCall(span)(calls);
    const next = pairs.filter(([first, second]) => second === (first ?? 0) + 1);
    const rest = pairs.filter(([first, second]) => second !== (first ?? 0) + 1);
    // A small linear congruential generator: the same sample on every machine and every run.
    let state = seed;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    for (let index = rest.length - 1; index > 0; index -= 1) {
      const other = Math.floor(random() * (index + 1));
      [rest[index], rest[other]] = [rest[other] ?? [], rest[index] ?? []];
    }
    return [...next, ...rest.slice(0, Math.max(0, count - next.length))].sort(
      (a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0),
    );
  };
}

export async function sweepFaults<World>(
  shell: FaultShell<World>,
  plan: FaultPlan = EACH_CALL,
): Promise<SweepResult> {
  const problems: string[] = [];
  const baseline = await shell.setUp();
  const clean = new FaultCounter(null);
  let runs = 0;
  let base: Observation;
  let baseSent: readonly string[];
  try {
    await shell.execute(baseline, clean);
    await shell.rerun(baseline);
    runs += 2;
    base = await shell.observe(baseline);
    baseSent = shell.sent(baseline);
  } finally {
    await shell.tearDown?.(baseline);
  }
  if (duplicates(baseSent) > 0) problems.push(`fault-free: ${duplicates(baseSent)} messages sent twice`);
  const faultSets = plan(clean.calls);
  let responsesLost = 0;
  let messagesDuplicated = 0;
  let messagesMissing = 0;
  let faultsUnlogged = 0;
  let faultsSurvived = 0;
  let secondFaultsThrown = 0;
  for (const failAt of faultSets) {
    const world = await shell.setUp();
    const counter = new FaultCounter(failAt);
    const problemsBefore = problems.length;
    try {
      try {
        await shell.execute(world, counter);
      } catch (error) {
        if (!counter.faults.some((fault) => fault === error))
          problems.push(`fault ${failAt.join('+')}: unexpected ${String(error)}`);
      }
      runs += 1;
      const where = `fault ${failAt.join('+')} (${counter.faults.map((fault) => fault.port).join(' + ') || 'not reached'})`;
      try {
        await shell.rerun(world);
      } catch (error) {
        problems.push(`${where}: the clean rerun failed: ${String(error)}`);
      }
      runs += 1;
      const seen = await shell.observe(world);
      const sent = shell.sent(world);
      const lost = base.responses.filter((id) => !seen.responses.includes(id)).length;
      const twice = duplicates(sent);
      const missing = [...new Set(baseSent)].filter((key) => !sent.includes(key)).length;
      responsesLost += lost;
      messagesDuplicated += twice;
      messagesMissing += missing;
      if (lost > 0) problems.push(`${where}: ${lost} responses lost`);
      if (twice > 0) problems.push(`${where}: ${twice} messages sent twice`);
      if (missing > 0) problems.push(`${where}: ${missing} due messages unsent`);
      if (seen.derived !== base.derived)
        problems.push(`${where}: derived sheets differ from the fault-free run`);
      // A second fault thrown lands in what follows the first: the failure's own line in `Nhật ký`
      // or its save, which the IT guide (§7) does not promise to survive.
      if (counter.faults.length > 1) secondFaultsThrown += 1;
      const first = counter.fault;
      if (
        first &&
        counter.faults.length === 1 &&
        !seen.errors.some((message) => message.includes(first.message))
      ) {
        faultsUnlogged += 1;
        problems.push(`${where}: not in Nhật ký`);
      }
      if (problems.length === problemsBefore) faultsSurvived += 1;
    } finally {
      await shell.tearDown?.(world);
    }
  }
  const result: SweepResult = {
    shell: shell.shell,
    scenario: shell.scenario,
    faults: faultSets.length,
    faultsPerExecution: Math.max(1, ...faultSets.map((set) => set.length)),
    secondFaultsThrown,
    runs,
    responsesLost,
    messagesDuplicated,
    messagesMissing,
    faultsUnlogged,
    faultsSurvived,
    problems,
  };
  // `npm run reliability` runs these suites and reads each sweep's figures from this file.
  const report = process.env.HANNOP_FAULT_REPORT;
  if (report) appendFileSync(report, `${JSON.stringify(result)}\n`);
  return result;
}
