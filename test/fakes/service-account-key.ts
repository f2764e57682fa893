// A service-account key file as Google Cloud Console hands it out, with a key made for the test:
// the remote shell signs its own tokens with it, and the fake Sheets API server accepts them.
import { generateKeyPairSync } from 'node:crypto';

export const SERVICE_ACCOUNT_EMAIL = 'hannop@du-an-hannop.iam.gserviceaccount.com';

export function serviceAccountKey(): Record<string, string> {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return {
    type: 'service_account',
    project_id: 'du-an-hannop',
    private_key_id: 'abc123',
    private_key: privateKey,
    client_email: SERVICE_ACCOUNT_EMAIL,
    client_id: '1234567890',
    token_uri: 'https://oauth2.googleapis.com/token',
  };
}
