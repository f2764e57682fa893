import { chmodSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vietnamInstant } from '../../src/domain/time';
import { seededFake } from '../fakes/sheets-api-daily-run';
import type { FakeSheetsApi } from '../fakes/sheets-api-server';
import {
  registeredOAuthTokenFile,
  registeredServiceAccountKey,
  SERVICE_ACCOUNT_EMAIL,
  SERVICE_ACCOUNT_KEY_ID,
} from '../fakes/service-account-key';
import { runCli, type CliOutcome } from './cli-runner';
import { usageOf } from '../../src/node/cli-usage';

const directory = mkdtempSync(join(tmpdir(), 'hannop-remote-cli-'));

let fake: FakeSheetsApi;
let rootUrl: string;

beforeEach(async () => {
  ({ fake, rootUrl } = await seededFake(12));
  writeFileSync(join(directory, 'khoa.json'), JSON.stringify(registeredServiceAccountKey(fake, rootUrl)), {
    mode: 0o600,
  });
});

afterEach(async () => {
  await fake.close();
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

function hannop(...argv: string[]): Promise<CliOutcome> {
  return runCli(argv, {
    now: () => vietnamInstant('2023-04-04', 8),
    cwd: directory,
    sheetsApiRootUrl: rootUrl,
  });
}

describe('hannop run --spreadsheet', () => {
  it('runs on the Google Sheet through the Sheets API; without --smtp only as a dry run', async () => {
    const { code, stdout, stderr } = await hannop(
      'run',
      '--spreadsheet',
      fake.spreadsheetId,
      '--credentials',
      'khoa.json',
    );
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^Không có --smtp: chạy thử, không gửi thư và không ghi gì vào Google Sheet\.\n/);
    expect(fake.requests.map((request) => request.kind)).toEqual(['get', 'values.batchGet']);
  });

  it('warns when other users can read the key file, and still runs', async () => {
    copyFileSync(join(directory, 'khoa.json'), join(directory, 'khoa-chung.json'));
    chmodSync(join(directory, 'khoa-chung.json'), 0o644);
    const { code, stdout, stderr } = await hannop(
      'run',
      '--spreadsheet',
      fake.spreadsheetId,
      '--credentials',
      'khoa-chung.json',
    );
    expect({ code, stderr }).toEqual({
      code: 0,
      stderr:
        'Cảnh báo: tệp khóa tài khoản dịch vụ «khoa-chung.json» người dùng khác trên máy này cũng đọc được ' +
        '(quyền 644); hãy chạy: chmod 600 khoa-chung.json\n',
    });
    expect(stdout).toMatch(/^Không có --smtp: chạy thử/);
  });

  it('takes the address of the sheet for its id, and prints JSON with --json', async () => {
    const { code, stdout } = await hannop(
      'run',
      '--spreadsheet',
      `https://docs.google.com/spreadsheets/d/${fake.spreadsheetId}/edit#gid=0`,
      '--credentials',
      'khoa.json',
      '--json',
    );
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { mail: unknown[] };
    expect(json.mail.length).toBeGreaterThan(0);
  });

  it('exits 1 naming the account to share the sheet with when Google answers 403', async () => {
    fake.forbidden = true;
    const { code, stderr } = await hannop(
      'run',
      '--spreadsheet',
      fake.spreadsheetId,
      '--credentials',
      'khoa.json',
    );
    expect(code).toBe(1);
    expect(stderr).toBe(
      `Lỗi: Tài khoản dịch vụ «${SERVICE_ACCOUNT_EMAIL}» không có quyền mở bảng tính «${fake.spreadsheetId}»: ` +
        `hãy mở bảng tính, bấm Chia sẻ và thêm «${SERVICE_ACCOUNT_EMAIL}» với quyền Người chỉnh sửa. ` +
        '(Google trả lời: The caller does not have permission)\n',
    );
  });

  it('exits 1 with what to do, no stack and no secret, when Google refuses the key or the refresh token', async () => {
    const key = registeredServiceAccountKey(fake, rootUrl);
    fake.tokens.disableKey(SERVICE_ACCOUNT_EMAIL, SERVICE_ACCOUNT_KEY_ID);
    const refusedKey = await hannop('run', '--spreadsheet', fake.spreadsheetId, '--credentials', 'khoa.json');
    expect(refusedKey.code).toBe(1);
    expect(refusedKey.stderr).toMatch(
      new RegExp(
        `^Lỗi: Google từ chối khóa của tài khoản dịch vụ «${SERVICE_ACCOUNT_EMAIL}» \\(Google trả lời: invalid_grant: Invalid JWT Signature\\.\\): .*tạo khóa JSON mới, xóa khóa cũ và chạy lại với tệp mới\\.\\n$`,
      ),
    );
    const tokenFile = registeredOAuthTokenFile(fake, rootUrl);
    fake.tokens.revokeRefreshToken(tokenFile.refresh_token as string);
    writeFileSync(join(directory, 'oauth.json'), JSON.stringify(tokenFile), { mode: 0o600 });
    const revoked = await hannop('run', '--spreadsheet', fake.spreadsheetId, '--credentials', 'oauth.json');
    expect(revoked.code).toBe(1);
    expect(revoked.stderr).toMatch(
      /^Lỗi: Mã làm mới trong tệp mã thông báo OAuth đã hết hạn hoặc bị thu hồi \(Google trả lời: invalid_grant: Token has been expired or revoked\.\): hãy đăng nhập lại/,
    );
    for (const { stdout, stderr } of [refusedKey, revoked]) {
      const printed = stdout + stderr;
      expect(printed).not.toMatch(/Lỗi nội bộ|\n\s+at /);
      for (const secret of [
        (key.private_key as string).split('\n')[1] as string,
        tokenFile.refresh_token as string,
        tokenFile.client_secret as string,
      ]) {
        expect(printed).not.toContain(secret);
      }
    }
    expect(fake.requests).toEqual([]);
  });

  it('exits 1 saying the id is wrong when Google answers 404', async () => {
    const { code, stderr } = await hannop(
      'run',
      '--spreadsheet',
      '1AbcDefGhiJklMno',
      '--credentials',
      'khoa.json',
    );
    expect(code).toBe(1);
    expect(stderr).toBe(
      'Lỗi: Không có bảng tính nào có mã «1AbcDefGhiJklMno»: hãy kiểm tra --spreadsheet (mã là phần giữa «/d/» và ' +
        '«/edit» trong địa chỉ của bảng tính). (Google trả lời: Requested entity was not found.)\n',
    );
  });

  it('exits 1 when the key file is missing, before any request', async () => {
    const { code, stderr } = await hannop(
      'run',
      '--spreadsheet',
      fake.spreadsheetId,
      '--credentials',
      'khac.json',
    );
    expect(code).toBe(1);
    expect(stderr).toBe(`Lỗi: Tệp khóa «${join(directory, 'khac.json')}»: không tìm thấy tệp.\n`);
    expect(fake.requests).toEqual([]);
  });

  it('refuses the options of the local workbook, a missing key option and an id that is not one', async () => {
    const id = fake.spreadsheetId;
    const cases: [string[], string][] = [
      [
        ['--spreadsheet', id, '--credentials', 'khoa.json', '--outbox', 'thu'],
        'Lỗi: --outbox không dùng cùng --spreadsheet: hannop chạy hoặc trên tệp .xlsx, hoặc trên Google Sheet qua ' +
          'Sheets API (thư gửi qua --smtp).\n',
      ],
      [['--spreadsheet', id], `Lỗi: Thiếu tùy chọn --credentials.\nCách dùng:\n${usageOf('run')}\n`],
      [
        ['--spreadsheet', 'abc', '--credentials', 'khoa.json'],
        'Lỗi: --spreadsheet «abc» không phải mã bảng tính; mã là phần giữa «/d/» và «/edit» trong địa chỉ của bảng tính.\n',
      ],
    ];
    for (const [argv, message] of cases) {
      expect(await hannop('run', ...argv)).toEqual({ code: 1, stdout: '', stderr: message });
    }
    expect(fake.requests).toEqual([]);
  });
});
