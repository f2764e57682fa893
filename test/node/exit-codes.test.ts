import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/node/cli';
import { systemErrorMessage } from '../../src/node/system-errors';
import { fillContact } from './filled-contact';

async function hannop(cwd: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    now: () => new Date('2023-03-31T00:00:00Z'),
    cwd,
  });
  return { code, stdout, stderr };
}

describe('exit codes a scheduler can use', () => {
  it('exits 3 when messages failed, with the rest queued after the connection failure', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'hannop-exit-'));
    expect((await hannop(directory, 'init', '--workbook', 'w.xlsx', '--demo')).code).toBe(0);
    await fillContact(join(directory, 'w.xlsx'));
    const outcome = await hannop(
      directory,
      'run',
      '--workbook',
      'w.xlsx',
      '--as-of',
      '2023-03-31',
      '--smtp',
      'smtp://127.0.0.1:9',
    );
    expect(outcome.code).toBe(3);
    expect(outcome.stdout).toMatch(/Thư: đã gửi 0, chờ gửi [1-9]\d*, lỗi 1;/);
    rmSync(directory, { recursive: true, force: true });
  }, 60_000);

  it.each([
    [
      { code: 'ENOSPC' },
      'Ổ đĩa đã đầy: hãy giải phóng dung lượng rồi chạy lại (thư đã gửi được ghi lại, sẽ không gửi lại).',
    ],
    [
      { code: 'ENOTFOUND' },
      'Không tìm thấy máy chủ (không có mạng hoặc sai địa chỉ): hãy kiểm tra kết nối mạng và địa chỉ rồi chạy lại.',
    ],
    [
      { code: 'ECONNREFUSED' },
      'Máy chủ từ chối kết nối: hãy kiểm tra địa chỉ, cổng và máy chủ rồi chạy lại.',
    ],
    [{ cause: { code: 'ECONNRESET' } }, 'Kết nối mạng bị ngắt giữa chừng: hãy chạy lại sau ít phút.'],
    [
      { response: { status: 403 } },
      'Google từ chối yêu cầu (403): hãy kiểm tra bảng tính đã được chia sẻ với tài khoản dịch vụ và mã bảng tính đúng.',
    ],
    [{ status: 503 }, 'Máy chủ Google đang lỗi (503), kể cả sau nhiều lần thử: hãy chạy lại sau ít phút.'],
  ])('names %j in Vietnamese as something the user can fix', (error, message) => {
    expect(systemErrorMessage(Object.assign(new Error('x'), error))).toBe(message);
  });

  it('leaves a bug a bug', () => {
    expect(systemErrorMessage(new TypeError('Cannot read properties of undefined'))).toBeNull();
    expect(systemErrorMessage({ code: 'ERR_SOMETHING' })).toBeNull();
  });
});
