// A gas world whose clock moves by the cost of each Apps Script call (service-meter.ts), and the
// executions of a long job run to the end as Google would run them: the first, then each one-off
// continuation trigger a minute after the last execution. For the time-budget tests.
import { CONTINUATION_DELAY_MS } from '../../src/domain/job-budget';
import { CONTINUATION_HANDLER } from '../../src/gas/continuation';
import type { AppsScriptGlobals } from '../../src/gas/services';
import { makeGasWorld, manyUnits, type GasFakes, type GasWorld } from './gas-world';
import { costOfCallMs, ServiceMeter } from './service-meter';

/** A world whose clock moves by the cost of each service call (`timed`), or stands still. */
export function timedWorld(options: {
  readonly units: number;
  readonly timed: boolean;
  readonly mailQuota?: number;
  readonly start?: string;
  readonly sheetsService?: (fakes: GasFakes) => AppsScriptGlobals['Sheets'];
}) {
  const moved: { world?: GasWorld } = {};
  const meter = new ServiceMeter((method) => {
    if (options.timed) moved.world?.advance(costOfCallMs(method));
  });
  const target = makeGasWorld({
    units: manyUnits(options.units),
    ...(options.sheetsService ? { sheetsService: options.sheetsService } : {}),
    meter,
    ...(options.mailQuota !== undefined ? { mailQuota: options.mailQuota } : {}),
    ...(options.start ? { start: options.start } : {}),
  });
  moved.world = target;
  return target;
}

export interface Executions {
  /** The time each execution took on the clock, in order. */
  readonly durationsMs: number[];
  /** The most continuation triggers pending at once. */
  maxPending: number;
  /** What each execution that failed threw, by its position. */
  readonly failures: Map<number, unknown>;
}

/** Runs `first`, then every continuation as Google would, a minute after the last; measures each. */
export function runToEnd(
  target: GasWorld,
  first: () => void,
  /** Called before each execution with its position (0: the first). */
  before: (index: number) => void = () => undefined,
): Executions {
  const executions: Executions = { durationsMs: [], maxPending: 0, failures: new Map() };
  const timed = (work: () => void) => {
    const start = target.nowMs;
    before(executions.durationsMs.length);
    try {
      work();
    } catch (error) {
      executions.failures.set(executions.durationsMs.length, error);
    }
    executions.durationsMs.push(target.nowMs - start);
    executions.maxPending = Math.max(executions.maxPending, target.scriptApp.pendingOneOff.length);
  };
  timed(first);
  for (let guard = 0; target.scriptApp.pendingOneOff.length > 0; guard += 1) {
    if (guard > 50) throw new Error('the job never finishes');
    target.advance(CONTINUATION_DELAY_MS);
    timed(() => target.scriptApp.fireDueOneOff(target.nowMs));
  }
  return executions;
}

export function continuationTriggers(target: GasWorld) {
  return target.scriptApp.installed.filter((trigger) => trigger.handler === CONTINUATION_HANDLER);
}
