import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { google } from 'googleapis';
import {
  loadGoogleCredentials,
  sheetsClient,
  SHEETS_SCOPE,
  signInToGoogle,
} from '../../src/node/google-credentials';
import { CredentialsFileError, GoogleSignInError } from '../../src/node/remote-shell-errors';
import { SheetsApiWorkbook } from '../../src/node/sheets-api-workbook';
import { FakeSheetsApi } from '../fakes/sheets-api-server';
import {
  registeredOAuthTokenFile,
  registeredServiceAccountKey,
  SERVICE_ACCOUNT_EMAIL,
  SERVICE_ACCOUNT_KEY_ID,
  serviceAccountKey,
} from '../fakes/service-account-key';

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

  it('refuses a token_uri that is not https (the signed assertion would travel in clear)', async () => {
    const cases: [unknown, string][] = [
      ['http://may-chu.example/token', 'http://may-chu.example/token'],
      ['không phải địa chỉ', 'không phải địa chỉ'],
      [42, '42'],
    ];
    for (const [tokenUri, shown] of cases) {
      const path = keyFile('token-uri.json', { ...SERVICE_ACCOUNT_KEY, token_uri: tokenUri });
      expect((await failureOf(path)).message).toBe(
        `Tệp khóa «${path}»: trường «token_uri» («${shown}») phải là địa chỉ https của máy chủ cấp mã Google; ` +
          'hãy tải lại tệp từ Google.',
      );
    }
  });
});

describe('signing in at the token endpoint', () => {
  let fake: FakeSheetsApi;
  let rootUrl: string;

  beforeEach(async () => {
    fake = new FakeSheetsApi();
    rootUrl = await fake.start();
  });

  afterEach(async () => {
    await fake.close();
  });

  async function signInFailure(path: string): Promise<Error> {
    const credentials = await loadGoogleCredentials(path);
    return signInToGoogle(credentials).then(
      () => {
        throw new Error('the token endpoint accepted it');
      },
      (error: unknown) => error as Error,
    );
  }

  it("exchanges a service-account assertion at the key's token_uri; the Sheets calls carry the token it issued", async () => {
    const key = registeredServiceAccountKey(fake, rootUrl);
    const credentials = await loadGoogleCredentials(keyFile('sa.json', key));
    expect(credentials.accountEmail).toBe(SERVICE_ACCOUNT_EMAIL);
    await signInToGoogle(credentials);
    await SheetsApiWorkbook.open(sheetsClient(credentials.auth, rootUrl), fake.spreadsheetId);
    expect(fake.tokens.grants).toEqual(['urn:ietf:params:oauth:grant-type:jwt-bearer']);
    const assertion = new URLSearchParams(fake.tokenRequests[0]?.body).get('assertion') ?? '';
    const claims = JSON.parse(
      Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as Record<string, unknown>;
    expect(claims).toMatchObject({
      iss: SERVICE_ACCOUNT_EMAIL,
      scope: SHEETS_SCOPE,
      aud: 'https://oauth2.googleapis.com/token',
    });
    expect(fake.requests.map((request) => request.kind)).toEqual(['get', 'values.batchGet']);
    for (const request of fake.requests) {
      expect(request.authorization).toMatch(/^Bearer ya29\.fake-[0-9a-f]+$/);
      expect(fake.tokens.authorizes(request.authorization, SHEETS_SCOPE)).toBe(true);
    }
  });

  it('refreshes an OAuth token file at its token endpoint', async () => {
    const file = registeredOAuthTokenFile(fake, rootUrl);
    const credentials = await loadGoogleCredentials(keyFile('nguoi-dung.json', file));
    expect(credentials.auth).toBeInstanceOf(google.auth.OAuth2);
    expect(credentials.accountEmail).toBeNull();
    await signInToGoogle(credentials);
    await SheetsApiWorkbook.open(sheetsClient(credentials.auth, rootUrl), fake.spreadsheetId);
    expect(fake.tokens.grants).toEqual(['refresh_token']);
    expect(new URLSearchParams(fake.tokenRequests[0]?.body).get('refresh_token')).toBe(file.refresh_token);
    expect(
      fake.requests.every((request) => fake.tokens.authorizes(request.authorization, SHEETS_SCOPE)),
    ).toBe(true);
  });

  it('is refused by the fake API with a self-signed JWT or any token the endpoint did not issue', async () => {
    registeredServiceAccountKey(fake, rootUrl);
    const selfSigned = new google.auth.JWT({
      email: SERVICE_ACCOUNT_KEY.client_email,
      key: SERVICE_ACCOUNT_KEY.private_key,
      scopes: [SHEETS_SCOPE],
    });
    selfSigned.useJWTAccessWithScope = true;
    const run = SheetsApiWorkbook.open(sheetsClient(selfSigned, rootUrl), fake.spreadsheetId);
    await expect(run).rejects.toMatchObject({ status: 401 });
    const invented = new google.auth.OAuth2();
    invented.setCredentials({ access_token: 'ya29.tu-che', expiry_date: Date.now() + 3600_000 });
    await expect(
      SheetsApiWorkbook.open(sheetsClient(invented, rootUrl), fake.spreadsheetId),
    ).rejects.toMatchObject({
      status: 401,
    });
    expect(fake.tokenRequests).toEqual([]);
  });

  it('says what to do when the service-account key is disabled or deleted (invalid_grant)', async () => {
    const path = keyFile('sa.json', registeredServiceAccountKey(fake, rootUrl));
    fake.tokens.disableKey(SERVICE_ACCOUNT_EMAIL, SERVICE_ACCOUNT_KEY_ID);
    const error = await signInFailure(path);
    expect(error).toBeInstanceOf(GoogleSignInError);
    expect(error.message).toBe(
      `Google từ chối khóa của tài khoản dịch vụ «${SERVICE_ACCOUNT_EMAIL}» (Google trả lời: invalid_grant: ` +
        'Invalid JWT Signature.): khóa đã bị xóa hoặc bị vô hiệu hóa, tài khoản dịch vụ đã bị vô hiệu hóa, hoặc ' +
        'đồng hồ của máy này sai giờ. Hãy kiểm tra giờ của máy, rồi vào Google Cloud Console → IAM và quản trị → ' +
        `Tài khoản dịch vụ → «${SERVICE_ACCOUNT_EMAIL}» → Khóa: tạo khóa JSON mới, xóa khóa cũ và chạy lại với tệp mới.`,
    );
  });

  it('says the same for a disabled service account, naming what Google said', async () => {
    const path = keyFile('sa.json', registeredServiceAccountKey(fake, rootUrl));
    fake.tokens.disableServiceAccount(SERVICE_ACCOUNT_EMAIL);
    expect((await signInFailure(path)).message).toContain(
      '(Google trả lời: invalid_grant: Invalid grant: account disabled): khóa đã bị xóa',
    );
  });

  it('says what to do when Google refuses the service account as a client (unauthorized_client)', async () => {
    const path = keyFile('sa.json', registeredServiceAccountKey(fake, rootUrl));
    fake.tokens.failures.push({
      error: 'unauthorized_client',
      description: 'Client is unauthorized to retrieve access tokens using this method.',
    });
    const error = await signInFailure(path);
    expect(error).toBeInstanceOf(GoogleSignInError);
    expect(error.message).toBe(
      `Google không cho tài khoản dịch vụ «${SERVICE_ACCOUNT_EMAIL}» lấy mã truy cập (Google trả lời: ` +
        'unauthorized_client: Client is unauthorized to retrieve access tokens using this method.): tài khoản hoặc ' +
        'dự án của nó đã bị vô hiệu hóa, hoặc tổ chức chặn ứng dụng này. Hãy kiểm tra tài khoản dịch vụ trong Google ' +
        'Cloud Console (IAM và quản trị → Tài khoản dịch vụ), nhờ quản trị viên Google Workspace cho phép nếu cần, ' +
        'rồi tạo khóa mới.',
    );
  });

  it('says what to do when the refresh token has expired or was revoked (invalid_grant)', async () => {
    const file = registeredOAuthTokenFile(fake, rootUrl);
    fake.tokens.revokeRefreshToken(file.refresh_token as string);
    const error = await signInFailure(keyFile('nguoi-dung.json', file));
    expect(error).toBeInstanceOf(GoogleSignInError);
    expect(error.message).toBe(
      'Mã làm mới trong tệp mã thông báo OAuth đã hết hạn hoặc bị thu hồi (Google trả lời: invalid_grant: Token ' +
        'has been expired or revoked.): hãy đăng nhập lại để tạo tệp mới (gcloud auth application-default login ' +
        '--scopes=https://www.googleapis.com/auth/spreadsheets,https://www.googleapis.com/auth/cloud-platform) rồi ' +
        'chạy lại. Nếu mã hết hạn sau mỗi 7 ngày, ứng dụng OAuth đang ở trạng thái «Thử nghiệm» (Testing): hãy ' +
        'chuyển sang «Chính thức» (In production), hoặc dùng khóa tài khoản dịch vụ.',
    );
  });

  it('says what to do when the refresh token belongs to another OAuth client (unauthorized_client)', async () => {
    const file = registeredOAuthTokenFile(fake, rootUrl);
    fake.tokens.addOAuthClient('khac.apps.googleusercontent.com', 'bi-mat-khac');
    const error = await signInFailure(
      keyFile('nguoi-dung.json', {
        ...file,
        client_id: 'khac.apps.googleusercontent.com',
        client_secret: 'bi-mat-khac',
      }),
    );
    expect(error).toBeInstanceOf(GoogleSignInError);
    expect(error.message).toBe(
      'Google không nhận ứng dụng OAuth trong tệp mã thông báo (Google trả lời: unauthorized_client: Unauthorized): ' +
        'mã làm mới được cấp cho một ứng dụng khác (client_id không khớp), hoặc ứng dụng OAuth đã bị xóa hay vô hiệu ' +
        'hóa. Hãy đăng nhập lại bằng đúng ứng dụng đó để tạo tệp mới, hoặc dùng khóa tài khoản dịch vụ.',
    );
    const wrongSecret = await signInFailure(keyFile('sai-bi-mat.json', { ...file, client_secret: 'sai' }));
    expect(wrongSecret.message).toMatch(
      /^Google không nhận ứng dụng OAuth trong tệp mã thông báo \(Google trả lời: invalid_client: Unauthorized\): /,
    );
  });

  it('says to check the network when the token endpoint cannot be reached', async () => {
    const path = keyFile('sa.json', registeredServiceAccountKey(fake, rootUrl));
    await fake.close();
    const error = await signInFailure(path);
    expect(error).toBeInstanceOf(GoogleSignInError);
    expect(error.message).toBe(
      `Không kết nối được tới máy chủ cấp mã của Google («${rootUrl}token», ECONNREFUSED): hãy kiểm tra mạng của ` +
        'máy này (tường lửa, proxy, DNS) rồi chạy lại.',
    );
  });
});
