import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { google } from 'googleapis';
import { loadGoogleCredentials, sheetsClient, SHEETS_SCOPE } from '../../src/node/google-credentials';
import { CredentialsFileError } from '../../src/node/remote-shell-errors';
import { SheetsApiWorkbook } from '../../src/node/sheets-api-workbook';
import { FakeSheetsApi } from '../fakes/sheets-api-server';
import { serviceAccountKey } from '../fakes/service-account-key';

const directory = mkdtempSync(join(tmpdir(), 'hannop-credentials-'));
const SERVICE_ACCOUNT_KEY = serviceAccountKey();

function keyFile(name: string, content: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

async function failureOf(path: string): Promise<Error> {
  return loadGoogleCredentials(path).then(
    () => {
      throw new Error('the file was accepted');
    },
    (error: unknown) => error as Error,
  );
}

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('loadGoogleCredentials', () => {
  it('says when the key file is missing, a folder, or not JSON', async () => {
    const missing = join(directory, 'khong-co.json');
    const cases: [string, string][] = [
      [missing, 'không tìm thấy tệp.'],
      [directory, 'đây là một thư mục, không phải tệp khóa.'],
      [
        keyFile('hong.json', '{"type": "service_account", '),
        'không phải JSON hợp lệ: hãy dùng nguyên tệp .json tải về từ Google, không sửa nội dung.',
      ],
      [keyFile('mang.json', '[1, 2]'), 'không phải một đối tượng JSON của khóa Google.'],
    ];
    for (const [path, detail] of cases) {
      const error = await failureOf(path);
      expect(error).toBeInstanceOf(CredentialsFileError);
      expect(error.message).toBe(`Tệp khóa «${path}»: ${detail}`);
    }
  });

  it('says which field is missing and which kinds of file it takes', async () => {
    const noEmail = keyFile('thieu.json', { ...SERVICE_ACCOUNT_KEY, client_email: '' });
    expect((await failureOf(noEmail)).message).toBe(
      `Tệp khóa «${noEmail}»: thiếu trường «client_email» của khóa tài khoản dịch vụ; hãy tải lại tệp từ Google.`,
    );
    const badKey = keyFile('khoa-sai.json', { ...SERVICE_ACCOUNT_KEY, private_key: 'abc' });
    expect((await failureOf(badKey)).message).toBe(
      `Tệp khóa «${badKey}»: trường «private_key» không phải khóa riêng PEM; hãy tải lại tệp.`,
    );
    const web = keyFile('web.json', { web: { client_id: 'x' } });
    expect((await failureOf(web)).message).toBe(
      `Tệp khóa «${web}»: trường «type» là «undefined»; cần «service_account» (khóa JSON của tài khoản dịch vụ) ` +
        'hoặc «authorized_user» (tệp mã thông báo OAuth).',
    );
    const noRefresh = keyFile('oauth.json', { type: 'authorized_user', client_id: 'a', client_secret: 'b' });
    expect((await failureOf(noRefresh)).message).toBe(
      `Tệp khóa «${noRefresh}»: thiếu trường «refresh_token» của tệp mã thông báo OAuth; hãy tải lại tệp từ Google.`,
    );
  });

  it('takes an OAuth token file, refreshing with its refresh token', async () => {
    const path = keyFile('nguoi-dung.json', {
      type: 'authorized_user',
      client_id: 'id.apps.googleusercontent.com',
      client_secret: 'bi-mat',
      refresh_token: '1//refresh',
    });
    const { auth, accountEmail } = await loadGoogleCredentials(path);
    expect(auth).toBeInstanceOf(google.auth.OAuth2);
    expect(auth.credentials.refresh_token).toBe('1//refresh');
    expect(accountEmail).toBeNull();
  });

  it('signs its own token with a service-account key: the Sheets scope, and no call to a token endpoint', async () => {
    const fake = new FakeSheetsApi();
    const rootUrl = await fake.start();
    try {
      const { auth, accountEmail } = await loadGoogleCredentials(keyFile('sa.json', SERVICE_ACCOUNT_KEY));
      expect(accountEmail).toBe(SERVICE_ACCOUNT_KEY.client_email);
      await SheetsApiWorkbook.open(sheetsClient(auth, rootUrl), fake.spreadsheetId);
      const authorization = fake.requests[0]?.authorization ?? '';
      expect(authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
      const payload = JSON.parse(
        Buffer.from(authorization.split('.')[1] as string, 'base64url').toString('utf8'),
      ) as Record<string, unknown>;
      expect(payload).toMatchObject({ iss: SERVICE_ACCOUNT_KEY.client_email, scope: SHEETS_SCOPE });
      expect(fake.requests.map((request) => request.kind)).toEqual(['get', 'values.batchGet']);
    } finally {
      await fake.close();
    }
  });
});
