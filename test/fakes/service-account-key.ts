// A service-account key file as Google Cloud Console hands it out, with a key made for the test,
// and an OAuth token file as `gcloud auth application-default login` writes it. Registered with a
// fake server, their `token_uri` points at its token endpoint, which checks them as Google does.
import { generateKeyPairSync } from 'node:crypto';
import type { FakeSheetsApi } from './sheets-api-server';

export const SERVICE_ACCOUNT_EMAIL = 'hannop@du-an-hannop.iam.gserviceaccount.com';
export const SERVICE_ACCOUNT_KEY_ID = 'abc123';

// One key pair per test file: generating RSA keys costs tens of milliseconds each.
let privateKey: string | null = null;

export function serviceAccountKey(tokenUri = 'https://oauth2.googleapis.com/token'): Record<string, string> {
  privateKey ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey;
  return {
    type: 'service_account',
    project_id: 'du-an-hannop',
    private_key_id: SERVICE_ACCOUNT_KEY_ID,
    private_key: privateKey,
    client_email: SERVICE_ACCOUNT_EMAIL,
    client_id: '1234567890',
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: tokenUri,
  };
}

/** A key whose account the fake knows and whose `token_uri` is the fake's token endpoint. */
export function registeredServiceAccountKey(fake: FakeSheetsApi, rootUrl: string): Record<string, string> {
  const key = serviceAccountKey(`${rootUrl}token`);
  fake.tokens.addServiceAccountKey(
    key as { client_email: string; private_key: string; private_key_id: string },
  );
  return key;
}

export const OAUTH_CLIENT_ID = '764086051850-fake.apps.googleusercontent.com';
export const OAUTH_CLIENT_SECRET = 'd-FL95Q19q7MQmFpd7hHD0Ty';

/** An `authorized_user` file for a refresh token the fake granted to its OAuth client. */
export function registeredOAuthTokenFile(fake: FakeSheetsApi, rootUrl: string): Record<string, string> {
  fake.tokens.addOAuthClient(OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET);
  return {
    type: 'authorized_user',
    client_id: OAUTH_CLIENT_ID,
    client_secret: OAUTH_CLIENT_SECRET,
    refresh_token: fake.tokens.grantRefreshToken(OAUTH_CLIENT_ID, [
      'https://www.googleapis.com/auth/spreadsheets',
    ]),
    token_uri: `${rootUrl}token`,
  };
}
