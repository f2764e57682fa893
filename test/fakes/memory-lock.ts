// The script lock in one process: a run that finds it held fails as LockService's waitLock does
// when it times out, so an overlapping run does nothing.
import type { Lock } from '../../src/ports';

export class MemoryLock implements Lock {
  private held = false;
  acquisitions = 0;

  withLock<T>(work: () => T): T {
    if (this.held) throw new Error('Lock timeout: another run holds the script lock.');
    this.held = true;
    this.acquisitions += 1;
    try {
      return work();
    } finally {
      this.held = false;
    }
  }
}
