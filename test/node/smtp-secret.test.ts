// The SMTP password never printed, whatever it holds; the URL from a file or the environment; a
// secret file others can read draws a warning.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vietnamInstant } from '../../src/domain/time';
import { maskSecrets, maskedSmtpUrl, parseSmtpUrl, sharedFileWarning } from '../../src/node/smtp-secret';
import { smtpSenderAddress } from '../../src/node/options';
import { runCli } from './cli-runner';
import { fillContact } from './filled-contact';

const PASSWORD = 'Mk@9/x#ZZSECRETzz';

describe('parseSmtpUrl', () => {
  it.each([
    [
      'a raw @ in the user name',
      `smtp://thu@pgd.example.edu.vn:${'MatKhau1'}@mail.example.edu.vn:587`,
      'MatKhau1',
      'smtp://thu@pgd.example.edu.vn:***@mail.example.edu.vn:587',
      'thu@pgd.example.edu.vn',
    ],
    [
      '@ and / in the password',
      `smtps://thu:${PASSWORD}@mail.example.edu.vn:465`,
      PASSWORD,
      'smtps://thu:***@mail.example.edu.vn:465',
      undefined,
    ],
    [
      'a percent-encoded password',
      'smtp://thu%40pgd.vn:Mat%2FKhau%40@mail.example.edu.vn',
      'Mat/Khau@',
      'smtp://thu%40pgd.vn:***@mail.example.edu.vn',
      'thu@pgd.vn',
    ],
  ])('reads %s, shows it masked, and masks it everywhere after', (_name, text, password, shown, sender) => {
    const parsed = parseSmtpUrl(text);
    expect(parsed.shown).toBe(shown);
    expect(maskedSmtpUrl(text)).toBe(shown);
    expect(decodeURIComponent(new URL(parsed.url).password)).toBe(password);
    expect(smtpSenderAddress(parsed.url)).toBe(sender);
    expect(maskSecrets(`lỗi: ${password} / ${encodeURIComponent(password)}`)).toBe('lỗi: *** / ***');
  });

  it.each([
    ['smtps://thu:matkhau@', 'Lỗi'],
    [`smtp://thu:${PASSWORD}@`, 'Lỗi'],
    [`http://thu:${PASSWORD}@mail.example.edu.vn`, 'Lỗi'],
  ])('refuses %s without showing its password', (text) => {
    expect(() => parseSmtpUrl(text)).toThrow(
      `--smtp «${maskedSmtpUrl(text)}» không hợp lệ; ghi smtp://máy-chủ:cổng hoặc smtps://người-dùng:mật-khẩu@máy-chủ:cổng.`,
    );
    expect(maskedSmtpUrl(text)).not.toContain('matkhau');
    expect(maskedSmtpUrl(text)).not.toContain(PASSWORD);
  });
});

describe('hannop run with an SMTP password', () => {
  let dir: string;
  const NOW = vietnamInstant('2023-03-31', 7);
  const hannop = (argv: string[], env: Record<string, string> = {}) =>
    runCli(argv, { now: () => NOW, cwd: dir, env });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hannop-secret-'));
    expect((await hannop(['init', '--workbook', 'w.xlsx', '--demo'])).code).toBe(0);
    // Real mail is refused while `Cấu hình` holds the example contact (cli-mail.test.ts).
    await fillContact(join(dir, 'w.xlsx'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const RUN = ['run', '--workbook', 'w.xlsx', '--as-of', '2023-03-31T07:00', '--max-mail', '2'];
  // Port 1 on this machine refuses: the first send fails and is printed, the rest wait, exit 3.
  const URL_WITH_SECRET = `smtp://thu@pgd.example.edu.vn:${PASSWORD}@127.0.0.1:1`;

  function expectNoSecret(outcome: { stdout: string; stderr: string }): void {
    expect(outcome.stdout + outcome.stderr).not.toContain('ZZSECRET');
    for (const name of readdirSync(dir)) {
      if (statSync(join(dir, name)).isFile() && name !== 'smtp.txt')
        expect(readFileSync(join(dir, name)).includes('ZZSECRET')).toBe(false);
    }
  }

  it('never prints the password given with --smtp, in the report or the send errors', async () => {
    const outcome = await hannop([...RUN, '--smtp', URL_WITH_SECRET]);
    expect(outcome.code).toBe(3);
    expect(outcome.stdout).toContain('smtp://thu@pgd.example.edu.vn:***@127.0.0.1:1');
    expectNoSecret(outcome);
  });

  it('reads the URL from --smtp-file, and warns when others can read the file', async () => {
    writeFileSync(join(dir, 'smtp.txt'), `${URL_WITH_SECRET}\n`);
    chmodSync(join(dir, 'smtp.txt'), 0o644);
    const shared = await hannop([...RUN, '--smtp-file', 'smtp.txt']);
    expect(shared.code).toBe(3);
    expect(shared.stderr).toBe(
      'Cảnh báo: tệp chứa mật khẩu SMTP «smtp.txt» người dùng khác trên máy này cũng đọc được (quyền 644); hãy chạy: chmod 600 smtp.txt\n',
    );
    expect(shared.stdout).toContain('smtp://thu@pgd.example.edu.vn:***@127.0.0.1:1');
    expectNoSecret(shared);
    chmodSync(join(dir, 'smtp.txt'), 0o600);
    const own = await hannop([...RUN, '--dry-run', '--smtp-file', 'smtp.txt']);
    expect(own.stderr).toBe('');
  });

  it('reads the URL from HANNOP_SMTP_URL', async () => {
    const outcome = await hannop(RUN, { HANNOP_SMTP_URL: URL_WITH_SECRET });
    expect(outcome).toMatchObject({ code: 3, stderr: '' });
    expect(outcome.stdout).toContain('smtp://thu@pgd.example.edu.vn:***@127.0.0.1:1');
    expectNoSecret(outcome);
  });

  it.each([
    [['--smtp-file', 'none.txt'], 'Lỗi: Không tìm thấy tệp --smtp-file «none.txt».\n'],
    [
      ['--smtp', URL_WITH_SECRET, '--smtp-file', 'smtp.txt'],
      'Lỗi: Chỉ dùng một trong hai tùy chọn --smtp và --smtp-file, không dùng cả hai.\n',
    ],
    [
      ['--smtp', `smtps://thu:${PASSWORD}@`],
      'Lỗi: --smtp «smtps://thu:***@» không hợp lệ; ghi smtp://máy-chủ:cổng hoặc smtps://người-dùng:mật-khẩu@máy-chủ:cổng.\n',
    ],
  ])('%j: exit 1, a message without the password, nothing written', async (options, stderr) => {
    writeFileSync(join(dir, 'smtp.txt'), URL_WITH_SECRET);
    chmodSync(join(dir, 'smtp.txt'), 0o600);
    const before = readFileSync(join(dir, 'w.xlsx'));
    expect(await hannop([...RUN, ...options])).toEqual({ code: 1, stdout: '', stderr });
    expect(readFileSync(join(dir, 'w.xlsx')).equals(before)).toBe(true);
  });
});

describe('sharedFileWarning', () => {
  it('warns about a service-account key others can read, and not about one only its owner can', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hannop-key-'));
    const key = join(dir, 'key.json');
    writeFileSync(key, '{}');
    chmodSync(key, 0o640);
    expect(sharedFileWarning(key, 'key.json', 'khóa tài khoản dịch vụ')).toBe(
      'Cảnh báo: tệp khóa tài khoản dịch vụ «key.json» người dùng khác trên máy này cũng đọc được (quyền 640); hãy chạy: chmod 600 key.json\n',
    );
    chmodSync(key, 0o600);
    expect(sharedFileWarning(key, 'key.json', 'khóa tài khoản dịch vụ')).toBeNull();
    rmSync(dir, { recursive: true, force: true });
  });
});
