// The lock of the local shell. One `hannop` command works on a workbook file at a time, from
// loading it to saving it: a lock file beside it is created exclusively, so a second command
// fails fast instead of both writing. Inside, the jobs' own lock has nothing more to guard.
import { closeSync, openSync, unlinkSync } from 'node:fs';
import type { Lock } from '../ports';
import { UsageError } from './cli-errors';

export async function withWorkbookLock<T>(workbookPath: string, work: () => Promise<T>): Promise<T> {
  const lockPath = `${workbookPath}.lock`;
  let handle: number;
  try {
    handle = openSync(lockPath, 'wx');
  } catch {
    throw new UsageError(
      `Một lệnh hannop khác đang làm việc với «${workbookPath}» (có tệp «${lockPath}»); nếu không phải, hãy xóa tệp đó.`,
    );
  }
  try {
    return await work();
  } finally {
    closeSync(handle);
    unlinkSync(lockPath);
  }
}

/** The jobs' lock inside a command that already holds the workbook lock. */
export const heldLock: Lock = { withLock: (work) => work() };
