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

  describe('kept until the execution ends (the form-submit trigger)', () => {
    it('is not released by a call: Google releases it when the execution ends, however it ends', () => {
      const service = new FakeLockService();
      const after: boolean[] = [];
      service.runExecution(() => {
        const lock = new ScriptLock(asLockService(service), 30_000, () => undefined, 'atExecutionEnd');
        expect(lock.withLock(() => service.isHeld())).toBe(true);
        after.push(service.isHeld());
      });
      expect(after).toEqual([true]);
      expect(service.isHeld()).toBe(false);
      expect(service.calls.count('Lock.releaseLock')).toBe(0);

      expect(() =>
        service.runExecution(() =>
          new ScriptLock(asLockService(service), 30_000, () => undefined, 'atExecutionEnd').withLock(() => {
            throw new Error('hỏng');
          }),
        ),
      ).toThrow('hỏng');
      expect(service.isHeld()).toBe(false);
    });

    it('runs a later section of the same execution under the lock it kept, without asking again', () => {
      const service = new FakeLockService();
      service.runExecution(() => {
        const lock = new ScriptLock(asLockService(service), 30_000, () => undefined, 'atExecutionEnd');
        lock.withLock(() => undefined);
        expect(lock.withLock(() => service.isHeld())).toBe(true);
      });
      expect(service.calls.count('LockService.getScriptLock')).toBe(1);
      expect(service.calls.count('Lock.waitLock')).toBe(1);
      expect(service.statistics.acquisitions).toBe(1);
    });

    it('keeps another execution waiting until the end of the one holding it, not of its section', () => {
      const service = new FakeLockService();
      const other: boolean[] = [];
      service.runExecution(() => {
        new ScriptLock(asLockService(service), 30_000, () => undefined, 'atExecutionEnd').withLock(
          () => undefined,
        );
        other.push(service.getScriptLock().tryLock(0));
      });
      other.push(service.getScriptLock().tryLock(0));
      expect(other).toEqual([false, true]);
    });

    it('is not kept when the wait times out: nothing was taken', () => {
      const service = new FakeLockService();
      service.holdElsewhere(40_000);
      const lock = new ScriptLock(asLockService(service), 30_000, () => undefined, 'atExecutionEnd');
      expect(() => lock.withLock(() => 'xong')).toThrow(LOCK_TIMEOUT_MESSAGE);
      service.advance(10_000);
      expect(service.isHeld()).toBe(false);
      expect(lock.withLock(() => service.isHeld())).toBe(true);
    });
  });
});
