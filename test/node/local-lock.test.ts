import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../src/node/cli-errors';
import { LOCK_STALE_AFTER_MS, privateCacheDirectory, withWorkbookLock } from '../../src/node/local-lock';

/** The id of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('withWorkbookLock', () => {
  let directory: string;
  let workbook: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'hannop-lock-'));
    workbook = join(directory, 'w.xlsx');
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('records pid, host and start while it runs, and removes the lock after', async () => {
    const seen = await withWorkbookLock(workbook, async () =>
      JSON.parse(readFileSync(`${workbook}.lock`, 'utf8')),
    );
    expect(seen).toEqual({ pid: process.pid, host: hostname(), startedAt: expect.any(String) });
    expect(existsSync(`${workbook}.lock`)).toBe(false);
  });

  it('takes over the lock of a process that is gone, saying so', async () => {
    const pid = deadPid();
    writeFileSync(
      `${workbook}.lock`,
      JSON.stringify({ pid, host: hostname(), startedAt: '2023-03-31T00:00:00.000Z' }),
    );
    const lines: string[] = [];
    const ran = await withWorkbookLock(workbook, async () => 'ran', {
      notify: (line) => lines.push(line),
      now: () => new Date('2023-03-31T00:01:00Z'),
    });
    expect(ran).toBe('ran');
    expect(lines).toEqual([
      `Đã gỡ khóa cũ «${workbook}.lock»: tiến trình ${pid} trên máy ${hostname()} (bắt đầu lúc 2023-03-31T00:00:00.000Z) không còn chạy.`,
    ]);
  });

  it('takes over a lock of another machine older than the longest run', async () => {
    const startedAt = new Date(Date.now() - LOCK_STALE_AFTER_MS - 1000).toISOString();
    writeFileSync(`${workbook}.lock`, JSON.stringify({ pid: 4242, host: 'may-khac', startedAt }));
    const lines: string[] = [];
    await withWorkbookLock(workbook, async () => undefined, { notify: (line) => lines.push(line) });
    expect(lines).toEqual([
      `Đã gỡ khóa cũ «${workbook}.lock»: khóa của tiến trình 4242 trên máy may-khac đã có từ ${startedAt}, lâu hơn mọi lần chạy.`,
    ]);
  });

  it('refuses while a live process holds it, naming it, and leaves its lock alone', async () => {
    const startedAt = new Date().toISOString();
    const held = JSON.stringify({ pid: process.ppid, host: hostname(), startedAt });
    writeFileSync(`${workbook}.lock`, held);
    const work = jest.fn(async () => undefined);
    await expect(withWorkbookLock(workbook, work)).rejects.toThrow(
      new UsageError(
        `Một lệnh hannop khác đang làm việc với «${workbook}» (tiến trình ${process.ppid} trên máy ${hostname()}, bắt đầu lúc ${startedAt}); hãy chờ lệnh đó xong. ` +
          `Nếu không có lệnh nào đang chạy, hãy xóa tệp «${workbook}.lock».`,
      ),
    );
    expect(work).not.toHaveBeenCalled();
    expect(readFileSync(`${workbook}.lock`, 'utf8')).toBe(held);
  });

  it('releases the lock on SIGTERM and exits 143', () => {
    const script = `
      require('tsx/cjs/api').register();
      const { withWorkbookLock } = require(${JSON.stringify(join(__dirname, '../../src/node/local-lock.ts'))});
      withWorkbookLock(${JSON.stringify(workbook)}, () => new Promise(() => { process.kill(process.pid, 'SIGTERM'); setInterval(() => {}, 1000); }));
    `;
    const child = spawnSync(process.execPath, ['-e', script], {
      cwd: join(__dirname, '../..'),
      timeout: 20_000,
    });
    expect(child.status).toBe(143);
    expect(existsSync(`${workbook}.lock`)).toBe(false);
  });
});

describe('privateCacheDirectory', () => {
  it('is $XDG_CACHE_HOME/hannop, mode 700, and refuses a folder others can write', () => {
    const base = mkdtempSync(join(tmpdir(), 'hannop-cache-'));
    const directory = privateCacheDirectory({ XDG_CACHE_HOME: base });
    expect(directory).toBe(join(base, 'hannop'));
    expect(statSync(directory).mode & 0o777).toBe(0o700);
    chmodSync(directory, 0o777);
    expect(() => privateCacheDirectory({ XDG_CACHE_HOME: base })).toThrow(
      `Thư mục «${directory}» phải là thư mục riêng của người dùng đang chạy hannop (quyền 700); hãy sửa quyền hoặc đặt XDG_CACHE_HOME.`,
    );
    mkdirSync(join(base, 'x'));
    rmSync(base, { recursive: true, force: true });
  });
});
