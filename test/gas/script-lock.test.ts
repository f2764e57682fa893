import { ScriptLock } from '../../src/gas/script-lock';
import { asLockService, FakeLockService, LOCK_TIMEOUT_MESSAGE } from '../fakes/lock-service';

describe('ScriptLock', () => {
  it('holds the script lock while the work runs, also for work nested in it, and releases it after', () => {
    const service = new FakeLockService();
    const lock = new ScriptLock(asLockService(service), 30_000);
    const held: boolean[] = [];
    lock.withLock(() => {
      held.push(service.isHeld());
      lock.withLock(() => held.push(service.isHeld()));
      held.push(service.isHeld());
    });
    expect(held).toEqual([true, true, true]);
    expect(service.isHeld()).toBe(false);
    expect(service.statistics.acquisitions).toBe(1);
  });

  it('releases the lock when the work throws', () => {
    const service = new FakeLockService();
    const lock = new ScriptLock(asLockService(service), 30_000);
    expect(() =>
      lock.withLock(() => {
        throw new Error('hỏng');
      }),
    ).toThrow('hỏng');
    expect(service.isHeld()).toBe(false);
  });

  it('waits for another execution up to its limit, then fails with Google’s timeout', () => {
    const service = new FakeLockService();
    const lock = new ScriptLock(asLockService(service), 30_000);
    service.holdElsewhere(20_000);
    expect(lock.withLock(() => 'xong')).toBe('xong');
    service.holdElsewhere(40_000);
    let ran = false;
    expect(() =>
      lock.withLock(() => {
        ran = true;
      }),
    ).toThrow(LOCK_TIMEOUT_MESSAGE);
    expect(ran).toBe(false);
  });
});
