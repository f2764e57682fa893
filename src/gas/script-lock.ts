// The Lock port over LockService's script lock. Every execution gets its own Lock object, so one
// is taken per `withLock`. Re-entrant: a job that runs another job inside its lock does not wait
// on itself. waitLock throws Google's "Lock timeout" error when the wait is over; menu-action.ts
// turns that into a Vietnamese sentence, and a trigger rethrows it (the daily run catches up).
// A lock whose section is the rest of its execution (the form-submit trigger) is not released by
// a call: "The lock is automatically released when the script terminates" (Lock.releaseLock(),
// developers.google.com/apps-script/reference/lock/lock), and the call is one of the few a
// submission is allowed (issue 15).
import type { Lock } from '../ports';

export type ScriptLockService = Pick<GoogleAppsScript.Lock.LockService, 'getScriptLock'>;

/**
 * How long an execution waits for the lock. A trigger waits long: the daily run sends its mail
 * outside the lock (src/domain/mail-claim.ts), but a rebuild or a consolidation may hold it for
 * minutes, and a submission that gives up gets its receipt only a day later.
 * The daily run waits less, to keep time for its own work within the 6 minutes; a person at the
 * menu waits least and is asked to retry.
 */
export const LOCK_WAIT_MS = { submission: 280_000, daily: 120_000, menu: 30_000 } as const;

/**
 * When the lock is given back: at the end of its section (the default), or when the execution
 * ends, for a caller whose section is all that is left of its execution. Nothing may run after
 * such a section but what may run under the lock anyway (a failure's line in `Nhật ký`).
 */
export type LockRelease = 'afterSection' | 'atExecutionEnd';

export class ScriptLock implements Lock {
  private depth = 0;
  /** Taken and kept until the execution ends (`atExecutionEnd`): later sections run under it. */
  private keptUntilEnd = false;

  constructor(
    private readonly service: ScriptLockService,
    private readonly waitMs: number,
    /** Runs once the lock is taken: what was read before it may be stale (GasServices). */
    private readonly onAcquired: () => void = () => undefined,
    private readonly release: LockRelease = 'afterSection',
  ) {}

  withLock<T>(work: () => T): T {
    if (this.depth > 0 || this.keptUntilEnd) return work();
    const lock = this.service.getScriptLock();
    lock.waitLock(this.waitMs);
    this.onAcquired();
    if (this.release === 'atExecutionEnd') {
      this.keptUntilEnd = true;
      return work();
    }
    this.depth += 1;
    try {
      return work();
    } finally {
      this.depth -= 1;
      lock.releaseLock();
    }
  }
}
