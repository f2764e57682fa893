// The Lock port over LockService's script lock. Every execution gets its own Lock object, so one
// is taken per `withLock`. Re-entrant: a job that runs another job inside its lock does not wait
// on itself. waitLock throws Google's "Lock timeout" error when the wait is over; menu-action.ts
// turns that into a Vietnamese sentence, and a trigger rethrows it (the daily run catches up).
import type { Lock } from '../ports';

export type ScriptLockService = Pick<GoogleAppsScript.Lock.LockService, 'getScriptLock'>;

/**
 * How long an execution waits for the lock. A trigger waits long: the daily run may hold the lock
 * for its whole sending budget, and a submission that gives up gets its receipt only a day later.
 * The daily run waits less, to keep time for its own work within the 6 minutes; a person at the
 * menu waits least and is asked to retry.
 */
export const LOCK_WAIT_MS = { submission: 280_000, daily: 120_000, menu: 30_000 } as const;

export class ScriptLock implements Lock {
  private depth = 0;

  constructor(
    private readonly service: ScriptLockService,
    private readonly waitMs: number,
    /** Runs once the lock is taken: what was read before it may be stale (GasServices). */
    private readonly onAcquired: () => void = () => undefined,
  ) {}

  withLock<T>(work: () => T): T {
    if (this.depth > 0) return work();
    const lock = this.service.getScriptLock();
    lock.waitLock(this.waitMs);
    this.onAcquired();
    this.depth += 1;
    try {
      return work();
    } finally {
      this.depth -= 1;
      lock.releaseLock();
    }
  }
}
