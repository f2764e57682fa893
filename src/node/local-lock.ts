// The lock of the local shell. One `hannop` command works on a workbook at a time, from loading it
// to saving it: a lock file beside it is created exclusively, so a second command fails fast
// instead of both writing. Inside, the jobs' own lock has nothing more to guard.
//
// A lock must heal: it records the process id, the machine and the start, and a lock whose
// process is gone (same machine) or that is older than the longest possible run is taken over,
// with a line saying so. SIGTERM and SIGINT release it before the command exits (143, 130).
import {
  closeSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { homedir, hostname } from 'node:os';
import { join } from 'node:path';
import type { Lock } from '../ports';
import { UsageError } from './cli-errors';

/** Longer than any run can last (SMTP timeouts of seconds, a few hundred messages, the save). */
export const LOCK_STALE_AFTER_MS = 6 * 60 * 60 * 1000;

interface LockRecord {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
}

export interface LockOptions {
  /** Where the line about a lock taken over goes; default stderr. */
  readonly notify?: (line: string) => void;
  readonly now?: () => Date;
}

function readRecord(lockPath: string): LockRecord | null {
  try {
    const value = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<LockRecord>;
    if (
      typeof value.pid !== 'number' ||
      typeof value.host !== 'string' ||
      typeof value.startedAt !== 'string'
    ) {
      return null;
    }
    return { pid: value.pid, host: value.host, startedAt: value.startedAt };
  } catch {
    return null;
  }
}

function processIsGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Why a lock found in place may be taken over (Vietnamese), or null if its holder may still run. */
function staleReason(lockPath: string, record: LockRecord | null, now: Date): string | null {
  if (!record) {
    // Killed between creating the file and writing it: empty. Give a live writer a moment.
    const ageMs = now.getTime() - lstatSync(lockPath).mtimeMs;
    return ageMs > 60_000 ? 'tệp khóa trống hoặc hỏng' : null;
  }
  const startedMs = Date.parse(record.startedAt);
  if (record.host === hostname() && record.pid !== process.pid && processIsGone(record.pid)) {
    return `tiến trình ${record.pid} trên máy ${record.host} (bắt đầu lúc ${record.startedAt}) không còn chạy`;
  }
  if (Number.isFinite(startedMs) && now.getTime() - startedMs > LOCK_STALE_AFTER_MS) {
    return `khóa của tiến trình ${record.pid} trên máy ${record.host} đã có từ ${record.startedAt}, lâu hơn mọi lần chạy`;
  }
  return null;
}

function create(lockPath: string, record: LockRecord): boolean {
  let handle: number;
  try {
    handle = openSync(lockPath, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(handle, JSON.stringify(record));
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
  return true;
}

/** Moves a stale lock aside; false if another process changed it meanwhile (then it is left alone). */
function takeOver(lockPath: string, seen: LockRecord | null): boolean {
  const aside = `${lockPath}.stale-${process.pid}`;
  try {
    renameSync(lockPath, aside);
  } catch {
    return false;
  }
  const moved = readRecord(aside);
  if (JSON.stringify(moved) !== JSON.stringify(seen)) {
    // Another process took it over first and this was its fresh lock: put it back.
    renameSync(aside, lockPath);
    return false;
  }
  unlinkSync(aside);
  return true;
}

function busy(workbookPath: string, lockPath: string, record: LockRecord | null): UsageError {
  const who = record
    ? ` (tiến trình ${record.pid} trên máy ${record.host}, bắt đầu lúc ${record.startedAt})`
    : '';
  return new UsageError(
    `Một lệnh hannop khác đang làm việc với «${workbookPath}»${who}; hãy chờ lệnh đó xong. ` +
      `Nếu không có lệnh nào đang chạy, hãy xóa tệp «${lockPath}».`,
  );
}

const SIGNAL_EXIT_CODE = { SIGINT: 130, SIGTERM: 143 } as const;

export async function withWorkbookLock<T>(
  workbookPath: string,
  work: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const lockPath = `${workbookPath}.lock`;
  const now = options.now ?? (() => new Date());
  const notify = options.notify ?? ((line: string) => process.stderr.write(`${line}\n`));
  const record: LockRecord = { pid: process.pid, host: hostname(), startedAt: now().toISOString() };
  if (!create(lockPath, record)) {
    const held = readRecord(lockPath);
    const reason = staleReason(lockPath, held, now());
    if (reason === null || !takeOver(lockPath, held) || !create(lockPath, record)) {
      throw busy(workbookPath, lockPath, held);
    }
    notify(`Đã gỡ khóa cũ «${lockPath}»: ${reason}.`);
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    // Only our own lock: a lock a later command took over is not ours to remove.
    if (readRecord(lockPath)?.pid === record.pid) unlinkSync(lockPath);
  };
  const onSignal = (signal: keyof typeof SIGNAL_EXIT_CODE) => {
    release();
    process.exit(SIGNAL_EXIT_CODE[signal]);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await work();
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    release();
  }
}

/**
 * The remote shell's own folder: `$XDG_CACHE_HOME/hannop` or `~/.cache/hannop`, mode 700, so no
 * other local user can create its lock (and block the job) or read its journal.
 */
export function privateCacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  const directory = join(base, 'hannop');
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const stat = lstatSync(directory);
  const uid = process.getuid?.();
  if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || (stat.mode & 0o077) !== 0) {
    throw new UsageError(
      `Thư mục «${directory}» phải là thư mục riêng của người dùng đang chạy hannop (quyền 700); hãy sửa quyền hoặc đặt XDG_CACHE_HOME.`,
    );
  }
  return directory;
}

/** The jobs' lock inside a command that already holds the workbook lock. */
export const heldLock: Lock = { withLock: (work) => work() };
