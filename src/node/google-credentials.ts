// The credentials of the remote shell, from one JSON file whose `type` says what it is: a
// service-account key (`service_account`, downloaded from Google Cloud Console) or an OAuth token
// file (`authorized_user`, what `gcloud auth application-default login` writes).
//
// Both go through Google's OAuth token endpoint, as Google documents for server-to-server
// applications: the auth library's JWT client signs an assertion with the key and exchanges it for
// an access token at the key file's `token_uri`; the token file's refresh token is exchanged the
// same way. (A self-signed JWT sent straight to an API is an opt-in shortcut that not every Google
// API accepts, so it is not used.) `signInToGoogle` makes that exchange before the first Sheets
// request, so that a refused key or token is told in Vietnamese instead of failing mid-request.

import { promises as fs } from 'node:fs';
import { google, type sheets_v4 } from 'googleapis';
import { CredentialsFileError, GoogleSignInError } from './remote-shell-errors';

export const SHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';
/** Where Google's key files send the assertion (`token_uri`), and where the auth library sends it. */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

type AuthClient = InstanceType<typeof google.auth.JWT> | InstanceType<typeof google.auth.OAuth2>;

export interface GoogleCredentials {
  readonly auth: AuthClient;
  /** The service account's address (to share the sheet with); null for a person's token. */
  readonly accountEmail: string | null;
  readonly kind: 'service_account' | 'authorized_user';
  /** The token endpoint the file names (`token_uri`), Google's when it names none. */
  readonly tokenUrl: string;
}

function textField(json: Record<string, unknown>, name: string, filePath: string, kind: string): string {
  const value = json[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CredentialsFileError(
      filePath,
      `thiếu trường «${name}» của ${kind}; hãy tải lại tệp từ Google.`,
    );
  }
  return value;
}

/** `token_uri`: https, or plain http only to this machine (the signed assertion travels there). */
function tokenUrlOf(json: Record<string, unknown>, filePath: string): string {
  const value = json.token_uri;
  if (value === undefined) return GOOGLE_TOKEN_URL;
  const refused = new CredentialsFileError(
    filePath,
    `trường «token_uri» («${String(value)}») phải là địa chỉ https của máy chủ cấp mã Google; hãy tải lại tệp từ Google.`,
  );
  if (typeof value !== 'string' || !URL.canParse(value)) throw refused;
  const url = new URL(value);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw refused;
  return url.href;
}

/**
 * The transport of the auth client: Node's own fetch (gaxios would otherwise load node-fetch with a
 * dynamic import, which a CommonJS test runner cannot do), sending what the library addresses to
 * Google's token endpoint to the file's `token_uri` — the same address for Google's own key files.
 */
function transportTo(tokenUrl: string): { fetchImplementation: typeof fetch } {
  return {
    fetchImplementation: (input, init) => {
      const address = input instanceof URL ? input.href : typeof input === 'string' ? input : null;
      return fetch(address === GOOGLE_TOKEN_URL ? tokenUrl : input, init);
    },
  };
}

/** Reads and checks the file; a CredentialsFileError says what is wrong with it. */
export async function loadGoogleCredentials(filePath: string): Promise<GoogleCredentials> {
  let text: string;
  try {
    text = await fs.readFile(filePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CredentialsFileError(
      filePath,
      code === 'ENOENT'
        ? 'không tìm thấy tệp.'
        : code === 'EACCES' || code === 'EPERM'
          ? 'không đủ quyền đọc tệp (hãy cho tài khoản chạy hannop quyền đọc).'
          : code === 'EISDIR'
            ? 'đây là một thư mục, không phải tệp khóa.'
            : `không đọc được tệp (${code ?? String(error)}).`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CredentialsFileError(
      filePath,
      'không phải JSON hợp lệ: hãy dùng nguyên tệp .json tải về từ Google, không sửa nội dung.',
    );
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new CredentialsFileError(filePath, 'không phải một đối tượng JSON của khóa Google.');
  }
  const fields = json as Record<string, unknown>;
  const type = fields.type;
  if (type === 'service_account') {
    const kind = 'khóa tài khoản dịch vụ';
    const email = textField(fields, 'client_email', filePath, kind);
    const key = textField(fields, 'private_key', filePath, kind);
    if (!key.includes('PRIVATE KEY')) {
      throw new CredentialsFileError(
        filePath,
        'trường «private_key» không phải khóa riêng PEM; hãy tải lại tệp.',
      );
    }
    const keyId = typeof fields.private_key_id === 'string' ? fields.private_key_id : undefined;
    const tokenUrl = tokenUrlOf(fields, filePath);
    const auth = new google.auth.JWT({
      email,
      key,
      keyId,
      scopes: [SHEETS_SCOPE],
      transporterOptions: transportTo(tokenUrl),
    });
    return { auth, accountEmail: email, kind: 'service_account', tokenUrl };
  }
  if (type === 'authorized_user') {
    const kind = 'tệp mã thông báo OAuth';
    const tokenUrl = tokenUrlOf(fields, filePath);
    const auth = new google.auth.OAuth2({
      clientId: textField(fields, 'client_id', filePath, kind),
      clientSecret: textField(fields, 'client_secret', filePath, kind),
      endpoints: { oauth2TokenUrl: tokenUrl },
      transporterOptions: transportTo(tokenUrl),
    });
    auth.setCredentials({ refresh_token: textField(fields, 'refresh_token', filePath, kind) });
    return { auth, accountEmail: null, kind: 'authorized_user', tokenUrl };
  }
  throw new CredentialsFileError(
    filePath,
    `trường «type» là «${typeof type === 'string' ? type : String(type)}»; cần «service_account» ` +
      '(khóa JSON của tài khoản dịch vụ) hoặc «authorized_user» (tệp mã thông báo OAuth).',
  );
}

/** What the token endpoint answered: `{"error": "invalid_grant", "error_description": …}`. */
function tokenRefusalOf(error: unknown): { code: string; description: string } | null {
  const data = (error as { response?: { data?: unknown } } | null)?.response?.data;
  if (!data || typeof data !== 'object') return null;
  const { error: code, error_description: description } = data as Record<string, unknown>;
  if (typeof code !== 'string') return null;
  return { code, description: typeof description === 'string' ? description : '' };
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET']);

function networkCodeOf(error: unknown): string | null {
  for (let cause: unknown = error; cause && typeof cause === 'object';) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return null;
}

/** The Vietnamese sentence for a refusal of the token endpoint; null when it is not one. */
export function signInErrorOf(credentials: GoogleCredentials, error: unknown): GoogleSignInError | null {
  const refusal = tokenRefusalOf(error);
  if (!refusal) {
    const network = networkCodeOf(error);
    return network
      ? new GoogleSignInError(
          `Không kết nối được tới máy chủ cấp mã của Google («${credentials.tokenUrl}», ${network}): hãy kiểm tra ` +
            'mạng của máy này (tường lửa, proxy, DNS) rồi chạy lại.',
        )
      : null;
  }
  const said = `(Google trả lời: ${refusal.code}${refusal.description ? `: ${refusal.description}` : ''})`;
  const account = credentials.accountEmail;
  if (account) {
    if (refusal.code === 'invalid_grant') {
      return new GoogleSignInError(
        `Google từ chối khóa của tài khoản dịch vụ «${account}» ${said}: khóa đã bị xóa hoặc bị vô hiệu hóa, tài ` +
          'khoản dịch vụ đã bị vô hiệu hóa, hoặc đồng hồ của máy này sai giờ. Hãy kiểm tra giờ của máy, rồi vào ' +
          `Google Cloud Console → IAM và quản trị → Tài khoản dịch vụ → «${account}» → Khóa: tạo khóa JSON mới, ` +
          'xóa khóa cũ và chạy lại với tệp mới.',
      );
    }
    if (refusal.code === 'unauthorized_client' || refusal.code === 'invalid_client') {
      return new GoogleSignInError(
        `Google không cho tài khoản dịch vụ «${account}» lấy mã truy cập ${said}: tài khoản hoặc dự án của nó đã ` +
          'bị vô hiệu hóa, hoặc tổ chức chặn ứng dụng này. Hãy kiểm tra tài khoản dịch vụ trong Google Cloud Console ' +
          '(IAM và quản trị → Tài khoản dịch vụ), nhờ quản trị viên Google Workspace cho phép nếu cần, rồi tạo khóa mới.',
      );
    }
  } else {
    if (refusal.code === 'invalid_grant') {
      return new GoogleSignInError(
        `Mã làm mới trong tệp mã thông báo OAuth đã hết hạn hoặc bị thu hồi ${said}: hãy đăng nhập lại để tạo tệp ` +
          'mới (gcloud auth application-default login --scopes=https://www.googleapis.com/auth/spreadsheets,' +
          'https://www.googleapis.com/auth/cloud-platform) rồi chạy lại. Nếu mã hết hạn sau mỗi 7 ngày, ứng dụng ' +
          'OAuth đang ở trạng thái «Thử nghiệm» (Testing): hãy chuyển sang «Chính thức» (In production), hoặc dùng ' +
          'khóa tài khoản dịch vụ.',
      );
    }
    if (refusal.code === 'unauthorized_client' || refusal.code === 'invalid_client') {
      return new GoogleSignInError(
        `Google không nhận ứng dụng OAuth trong tệp mã thông báo ${said}: mã làm mới được cấp cho một ứng dụng ` +
          'khác (client_id không khớp), hoặc ứng dụng OAuth đã bị xóa hay vô hiệu hóa. Hãy đăng nhập lại bằng đúng ' +
          'ứng dụng đó để tạo tệp mới, hoặc dùng khóa tài khoản dịch vụ.',
      );
    }
  }
  return new GoogleSignInError(
    `Máy chủ cấp mã của Google không cấp mã truy cập ${said}: hãy chạy lại sau ít phút; nếu vẫn lỗi, hãy tạo ` +
      (account ? 'khóa tài khoản dịch vụ mới.' : 'tệp mã thông báo mới (đăng nhập lại).'),
  );
}

/**
 * Exchanges the key or refresh token for an access token at the token endpoint (one request); the
 * Sheets requests then carry it. A refusal becomes a GoogleSignInError saying what to do.
 */
export async function signInToGoogle(credentials: GoogleCredentials): Promise<void> {
  try {
    await credentials.auth.getAccessToken();
  } catch (error) {
    throw signInErrorOf(credentials, error) ?? error;
  }
}

/** The Sheets API client; `rootUrl` points it elsewhere than Google (tests use a local server). */
export function sheetsClient(
  auth: InstanceType<typeof google.auth.OAuth2>,
  rootUrl?: string,
): sheets_v4.Sheets {
  // Node's own fetch: gaxios would otherwise load node-fetch with a dynamic import, which a
  // CommonJS test runner cannot do.
  return google.sheets({ version: 'v4', auth, fetchImplementation: fetch, ...(rootUrl ? { rootUrl } : {}) });
}
