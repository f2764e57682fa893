// The credentials of the remote shell, from one JSON file whose `type` says what it is: a
// service-account key (`service_account`, downloaded from Google Cloud Console) or an OAuth token
// file (`authorized_user`, what `gcloud auth application-default login` writes). A service
// account signs its own access tokens (a self-signed JWT with the Sheets scope), so it needs no
// round trip to Google's token endpoint.

import { promises as fs } from 'node:fs';
import { google, type sheets_v4 } from 'googleapis';
import { CredentialsFileError } from './remote-shell-errors';

export const SHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';

type AuthClient = InstanceType<typeof google.auth.JWT> | InstanceType<typeof google.auth.OAuth2>;

export interface GoogleCredentials {
  readonly auth: AuthClient;
  /** The service account's address (to share the sheet with); null for a person's token. */
  readonly accountEmail: string | null;
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
    const auth = new google.auth.JWT({ email, key, keyId, scopes: [SHEETS_SCOPE] });
    auth.useJWTAccessWithScope = true;
    return { auth, accountEmail: email };
  }
  if (type === 'authorized_user') {
    const kind = 'tệp mã thông báo OAuth';
    const auth = new google.auth.OAuth2({
      clientId: textField(fields, 'client_id', filePath, kind),
      clientSecret: textField(fields, 'client_secret', filePath, kind),
    });
    auth.setCredentials({ refresh_token: textField(fields, 'refresh_token', filePath, kind) });
    return { auth, accountEmail: null };
  }
  throw new CredentialsFileError(
    filePath,
    `trường «type» là «${typeof type === 'string' ? type : String(type)}»; cần «service_account» ` +
      '(khóa JSON của tài khoản dịch vụ) hoặc «authorized_user» (tệp mã thông báo OAuth).',
  );
}

/** The Sheets API client; `rootUrl` points it elsewhere than Google (tests use a local server). */
export function sheetsClient(auth: GoogleCredentials['auth'], rootUrl?: string): sheets_v4.Sheets {
  // Node's own fetch: gaxios would otherwise load node-fetch with a dynamic import, which a
  // CommonJS test runner cannot do.
  return google.sheets({ version: 'v4', auth, fetchImplementation: fetch, ...(rootUrl ? { rootUrl } : {}) });
}
