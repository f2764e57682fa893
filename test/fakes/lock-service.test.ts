import { FakeLockService, LOCK_TIMEOUT_MESSAGE } from './lock-service';

describe('FakeLockService', () => {
  it('gives the script lock to one holder at a time and counts acquisitions', () => {
    const service = new FakeLockService();
    const first = service.getScriptLock();
    const second = service.getScriptLock();
    expect(first).not.toBe(second);
    expect(first.hasLock()).toBe(false);
    first.waitLock(10000);
    expect(first.hasLock()).toBe(true);
    expect(second.tryLock(500)).toBe(false);
    expect(() => second.waitLock(30000)).toThrow(LOCK_TIMEOUT_MESSAGE);
    first.releaseLock();
    expect(first.hasLock()).toBe(false);
    expect(second.tryLock(0)).toBe(true);
    expect(service.statistics).toEqual({ acquisitions: 2, timeouts: 2, contended: 0, waitedMs: 30500 });
  });

  it('waits for another execution that releases within the timeout, and times out otherwise', () => {
    const service = new FakeLockService({ startMs: 0 });
    service.holdElsewhere(4000);
    expect(service.isHeld()).toBe(true);
    const lock = service.getScriptLock();
    lock.waitLock(5000);
    expect(lock.hasLock()).toBe(true);
    expect(service.nowMs).toBe(4000);
    lock.releaseLock();
    service.holdElsewhere(40000);
    expect(() => service.getScriptLock().waitLock(30000)).toThrow(LOCK_TIMEOUT_MESSAGE);
    expect(service.nowMs).toBe(34000);
    service.advance(10000);
    expect(service.getScriptLock().tryLock(0)).toBe(true);
  });

  it('makes the next acquisitions contend for the given durations', () => {
    const service = new FakeLockService({ startMs: 0 });
    service.contend([100, 60000, 0]);
    const outcomes = [1, 2, 3].map(() => {
      const lock = service.getScriptLock();
      const taken = lock.tryLock(30000);
      if (taken) lock.releaseLock();
      return taken;
    });
    expect(outcomes).toEqual([true, false, true]);
    expect(service.statistics.contended).toBe(2);
    expect(service.statistics.timeouts).toBe(1);
  });

  it('lets a test interleave another execution while the lock is held', () => {
    const service = new FakeLockService();
    const inner: boolean[] = [];
    const stop = service.onAcquired(() => {
      stop();
      inner.push(service.getScriptLock().tryLock(1000));
    });
    service.getScriptLock().waitLock(1000);
    expect(inner).toEqual([false]);
  });

  it('keeps document and user locks apart from the script lock', () => {
    const service = new FakeLockService();
    service.getScriptLock().waitLock(0);
    expect(service.getUserLock().tryLock(0)).toBe(true);
    expect(service.getDocumentLock()?.tryLock(0)).toBe(true);
    expect(new FakeLockService({ hasContainer: false }).getDocumentLock()).toBeNull();
  });
});

describe('FakeLockService under a delivery storm', () => {
  // How a job is meant to use the fake: 30 deliveries, some finding the lock busy for longer than
  // they wait (they fail, as a trigger would, and are delivered again later), some arriving while
  // another one holds the lock. Every one lands exactly once.
  it('lets 30 interleaved deliveries land exactly once', () => {
    const service = new FakeLockService({ startMs: 0 });
    const landed: string[] = [];
    const pending = Array.from({ length: 30 }, (_, index) => `r${index + 1}`);
    service.contend([0, 45000, 1000, 0, 60000, 200, 31000, 0, 5000]);
    const deliver = (id: string): boolean => {
      const lock = service.getScriptLock();
      if (!lock.tryLock(30000)) return false;
      try {
        if (!landed.includes(id)) landed.push(id);
        return true;
      } finally {
        lock.releaseLock();
      }
    };
    // Every fourth delivery, another one arrives while the lock is held.
    let acquisitions = 0;
    service.onAcquired(() => {
      acquisitions += 1;
      const next = pending[0];
      if (acquisitions % 4 === 0 && next !== undefined && !deliver(next))
        pending.push(pending.shift() as string);
    });
    let rounds = 0;
    while (pending.length > 0 && rounds < 200) {
      rounds += 1;
      const id = pending.shift() as string;
      if (!deliver(id)) pending.push(id);
    }
    expect([...landed].sort()).toEqual(Array.from({ length: 30 }, (_, index) => `r${index + 1}`).sort());
    expect(service.statistics.timeouts).toBeGreaterThan(3);
    expect(service.isHeld()).toBe(false);
  });
});
