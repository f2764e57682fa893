// An in-memory LockService with a virtual clock, for proving that jobs serialise their writes.
//
// JavaScript here is single-threaded, so contention is simulated two ways:
// - another execution holds the lock for some virtual milliseconds (`holdElsewhere`, or `contend`
//   for the next acquisitions): `waitLock(timeout)` waits for it (the virtual clock moves) and gets
//   the lock if it is released within the timeout, else throws Google's timeout error;
// - a Lock object of this process still holds it while another asks (a nested or interleaved
//   execution, e.g. from `onAcquired`): the holder cannot release during a synchronous wait, so
//   the other times out, as it would in Apps Script if the holder kept the lock that long.
// Every `getScriptLock()` returns a new Lock object, as each execution gets its own; they share
// one script-wide state.

import { CallLog } from './spreadsheet-app';

export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

export type LockScope = 'script' | 'document' | 'user';

type Holder =
  | { readonly kind: 'elsewhere'; readonly releaseAtMs: number }
  | { readonly kind: 'lock'; readonly lock: FakeLock };

export interface LockStatistics {
  /** Successful tryLock/waitLock calls that took the lock (not calls by a lock that already held it). */
  acquisitions: number;
  /** tryLock calls that returned false plus waitLock calls that threw. */
  timeouts: number;
  /** Acquisitions that had to wait for another holder first. */
  contended: number;
  /** Virtual milliseconds spent waiting, in total. */
  waitedMs: number;
}

export class FakeLock {
  constructor(
    private readonly service: FakeLockService,
    readonly scope: LockScope,
  ) {}

  private record(method: string): void {
    this.service.calls.record(`Lock.${method}`);
  }

  tryLock(timeoutInMillis: number): boolean {
    this.record('tryLock');
    return this.service.acquire(this, timeoutInMillis);
  }

  waitLock(timeoutInMillis: number): void {
    this.record('waitLock');
    if (!this.service.acquire(this, timeoutInMillis)) throw new Error(LOCK_TIMEOUT_MESSAGE);
  }

  releaseLock(): void {
    this.record('releaseLock');
    this.service.release(this);
  }

  hasLock(): boolean {
    this.record('hasLock');
    const holder = this.service.holderOf(this.scope);
    return holder?.kind === 'lock' && holder.lock === this;
  }
}

export interface FakeLockServiceOptions {
  readonly calls?: CallLog;
  /** False for a standalone script, where getDocumentLock() returns null. */
  readonly hasContainer?: boolean;
  /** The virtual clock's start, in epoch milliseconds. */
  readonly startMs?: number;
}

export class FakeLockService {
  readonly calls: CallLog;
  readonly statistics: LockStatistics = { acquisitions: 0, timeouts: 0, contended: 0, waitedMs: 0 };
  private readonly holders = new Map<LockScope, Holder>();
  private readonly contention: number[] = [];
  private readonly acquiredCallbacks: ((lock: FakeLock) => void)[] = [];
  private readonly hasContainer: boolean;
  private clockMs: number;

  constructor(options: FakeLockServiceOptions = {}) {
    this.calls = options.calls ?? new CallLog();
    this.hasContainer = options.hasContainer ?? true;
    this.clockMs = options.startMs ?? Date.UTC(2023, 2, 20, 2, 0, 0);
  }

  // --- test controls (not Google's API; not counted) ---

  /** The virtual time, in epoch milliseconds; waiting moves it forward. */
  get nowMs(): number {
    return this.clockMs;
  }

  advance(milliseconds: number): void {
    this.clockMs += milliseconds;
  }

  /** Another execution holds the lock for `milliseconds` from now. */
  holdElsewhere(milliseconds: number, scope: LockScope = 'script'): void {
    this.holders.set(scope, { kind: 'elsewhere', releaseAtMs: this.clockMs + milliseconds });
  }

  /** Each of the next acquisitions finds the lock held elsewhere for the next of these durations. */
  contend(durationsMs: readonly number[]): void {
    this.contention.push(...durationsMs);
  }

  /** Runs after every acquisition, while the lock is held (to interleave another execution). */
  onAcquired(callback: (lock: FakeLock) => void): () => void {
    this.acquiredCallbacks.push(callback);
    return () => {
      const index = this.acquiredCallbacks.indexOf(callback);
      if (index >= 0) this.acquiredCallbacks.splice(index, 1);
    };
  }

  /** Whether anyone (a Lock of this process or another execution) holds the lock now. */
  isHeld(scope: LockScope = 'script'): boolean {
    return this.holderOf(scope) !== undefined;
  }

  holderOf(scope: LockScope): Holder | undefined {
    const holder = this.holders.get(scope);
    if (holder?.kind === 'elsewhere' && holder.releaseAtMs <= this.clockMs) {
      this.holders.delete(scope);
      return undefined;
    }
    return holder;
  }

  acquire(lock: FakeLock, timeoutInMillis: number): boolean {
    if (!Number.isFinite(timeoutInMillis) || timeoutInMillis < 0)
      throw new Error('Invalid argument: timeoutInMillis');
    let holder = this.holderOf(lock.scope);
    if (holder?.kind === 'lock' && holder.lock === lock) return true;
    if (!holder && lock.scope === 'script' && this.contention.length > 0) {
      this.holdElsewhere(this.contention.shift() as number, lock.scope);
      holder = this.holderOf(lock.scope);
    }
    if (holder) {
      const waitMs =
        holder.kind === 'elsewhere' ? holder.releaseAtMs - this.clockMs : Number.POSITIVE_INFINITY;
      if (waitMs > timeoutInMillis) {
        this.clockMs += timeoutInMillis;
        this.statistics.waitedMs += timeoutInMillis;
        this.statistics.timeouts += 1;
        return false;
      }
      this.clockMs += waitMs;
      this.statistics.waitedMs += waitMs;
      this.statistics.contended += 1;
    }
    this.holders.set(lock.scope, { kind: 'lock', lock });
    this.statistics.acquisitions += 1;
    [...this.acquiredCallbacks].forEach((callback) => callback(lock));
    return true;
  }

  release(lock: FakeLock): void {
    const holder = this.holders.get(lock.scope);
    if (holder?.kind === 'lock' && holder.lock === lock) this.holders.delete(lock.scope);
  }

  /** Locks handed out by each execution running now, innermost last (see `runExecution`). */
  private readonly executions: FakeLock[][] = [];

  /**
   * Runs `work` as one Apps Script execution: every lock it took and kept is released when it
   * ends, however it ends, as Google does ("The lock is automatically released when the script
   * terminates", Lock.releaseLock() in the Apps Script reference).
   */
  runExecution<T>(work: () => T): T {
    const locks: FakeLock[] = [];
    this.executions.push(locks);
    try {
      return work();
    } finally {
      this.executions.pop();
      locks.forEach((lock) => this.release(lock));
    }
  }

  private issued(lock: FakeLock): FakeLock {
    this.executions[this.executions.length - 1]?.push(lock);
    return lock;
  }

  // --- Google's API ---

  getScriptLock(): FakeLock {
    this.calls.record('LockService.getScriptLock');
    return this.issued(new FakeLock(this, 'script'));
  }

  getDocumentLock(): FakeLock | null {
    this.calls.record('LockService.getDocumentLock');
    return this.hasContainer ? this.issued(new FakeLock(this, 'document')) : null;
  }

  getUserLock(): FakeLock {
    this.calls.record('LockService.getUserLock');
    return this.issued(new FakeLock(this, 'user'));
  }
}

export function asLockService(fake: FakeLockService): GoogleAppsScript.Lock.LockService {
  return fake as unknown as GoogleAppsScript.Lock.LockService;
}
