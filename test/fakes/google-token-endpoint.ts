// Google's OAuth 2.0 token endpoint (`POST https://oauth2.googleapis.com/token`) as the fake Sheets
// API server answers it: the two grants the remote shell uses, checked as Google checks them, and
// refused with Google's codes and descriptions.
//
// - `urn:ietf:params:oauth:grant-type:jwt-bearer`: a service account's assertion, an RS256 JWT
//   signed with one of the account's active keys, `aud` the token URL, a `scope`, lasting at most
//   an hour. A deleted or disabled key: `invalid_grant` "Invalid JWT Signature.".
// - `refresh_token`: a person's refresh token, with the OAuth client it was issued to. Expired or
//   revoked: `invalid_grant` "Token has been expired or revoked."; issued to another client:
//   `unauthorized_client`; an unknown client or a wrong secret: `invalid_client`.
//
// Access tokens it issues are the only ones the fake Sheets API accepts.

import { createPublicKey, createVerify, randomBytes, type KeyObject } from 'node:crypto';

export const GOOGLE_TOKEN_AUDIENCE = 'https://oauth2.googleapis.com/token';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const MAX_ASSERTION_SECONDS = 3600;
const CLOCK_SKEW_SECONDS = 300;

export interface TokenAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

interface ServiceAccount {
  readonly keys: Map<string, { publicKey: KeyObject; enabled: boolean }>;
  enabled: boolean;
}

interface RefreshGrant {
  readonly clientId: string;
  readonly scopes: readonly string[];
  revoked: boolean;
}

function refusal(error: string, description: string, status = 400): TokenAnswer {
  return { status, body: { error, error_description: description } };
}

function decodePart(part: string | undefined): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export class FakeTokenEndpoint {
  /** Every grant asked for, in order (`grant_type` of each request). */
  readonly grants: string[] = [];
  /** Answers the next requests with these OAuth errors, in order, before looking at them. */
  readonly failures: { error: string; description: string }[] = [];
  private readonly accounts = new Map<string, ServiceAccount>();
  private readonly clients = new Map<string, string>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();
  private readonly accessTokens = new Map<string, readonly string[]>();

  /** A service-account key as Google Cloud Console makes it: its public half is Google's to check with. */
  addServiceAccountKey(key: { client_email: string; private_key: string; private_key_id: string }): void {
    const account = this.accounts.get(key.client_email) ?? { keys: new Map(), enabled: true };
    account.keys.set(key.private_key_id, { publicKey: createPublicKey(key.private_key), enabled: true });
    this.accounts.set(key.client_email, account);
  }

  /** Console → Service accounts → Keys → Disable (or delete) the key. */
  disableKey(email: string, keyId: string): void {
    const key = this.accounts.get(email)?.keys.get(keyId);
    if (key) key.enabled = false;
  }

  /** Console → Service accounts → Disable the account. */
  disableServiceAccount(email: string): void {
    const account = this.accounts.get(email);
    if (account) account.enabled = false;
  }

  addOAuthClient(clientId: string, clientSecret: string): void {
    this.clients.set(clientId, clientSecret);
  }

  /** A refresh token a person's consent gave the client, e.g. through `gcloud auth application-default login`. */
  grantRefreshToken(clientId: string, scopes: readonly string[]): string {
    const token = `1//fake-${randomBytes(12).toString('hex')}`;
    this.refreshTokens.set(token, { clientId, scopes, revoked: false });
    return token;
  }

  /** The person removed the app's access, or the token expired (six months unused, 7 days in Testing). */
  revokeRefreshToken(token: string): void {
    const grant = this.refreshTokens.get(token);
    if (grant) grant.revoked = true;
  }

  /** An access token as if obtained earlier (tests that do not exercise sign-in). */
  issueAccessToken(scopes: readonly string[] = ['https://www.googleapis.com/auth/spreadsheets']): string {
    const token = `ya29.fake-${randomBytes(16).toString('hex')}`;
    this.accessTokens.set(token, scopes);
    return token;
  }

  /** Whether an `Authorization` header carries a token issued here with this scope. */
  authorizes(authorization: string | undefined, scope: string): boolean {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    return token !== undefined && (this.accessTokens.get(token)?.includes(scope) ?? false);
  }

  /** `POST /token` with an `application/x-www-form-urlencoded` body. */
  answer(form: URLSearchParams, nowMs: number = Date.now()): TokenAnswer {
    const grantType = form.get('grant_type') ?? '';
    this.grants.push(grantType);
    const failure = this.failures.shift();
    if (failure) return refusal(failure.error, failure.description);
    if (grantType === JWT_BEARER) return this.assertionGrant(form.get('assertion') ?? '', nowMs);
    if (grantType === 'refresh_token') return this.refreshGrant(form);
    return refusal('unsupported_grant_type', `Invalid grant_type: ${grantType}`);
  }

  private issue(scopes: readonly string[]): TokenAnswer {
    return {
      status: 200,
      body: {
        access_token: this.issueAccessToken(scopes),
        expires_in: 3599,
        scope: scopes.join(' '),
        token_type: 'Bearer',
      },
    };
  }

  private assertionGrant(assertion: string, nowMs: number): TokenAnswer {
    const [headerPart, payloadPart, signature, extra] = assertion.split('.');
    const header = decodePart(headerPart);
    const claims = decodePart(payloadPart);
    if (!header || !claims || signature === undefined || extra !== undefined || header.alg !== 'RS256') {
      return refusal('invalid_grant', 'Invalid JWT: Failed audience check.');
    }
    const account = typeof claims.iss === 'string' ? this.accounts.get(claims.iss) : undefined;
    if (!account) return refusal('invalid_grant', 'Invalid grant: account not found');
    if (!account.enabled) return refusal('invalid_grant', 'Invalid grant: account disabled');
    const signed = `${headerPart}.${payloadPart}`;
    const valid = [...account.keys.values()].some(
      (key) =>
        key.enabled &&
        createVerify('RSA-SHA256').update(signed).verify(key.publicKey, Buffer.from(signature, 'base64url')),
    );
    if (!valid) return refusal('invalid_grant', 'Invalid JWT Signature.');
    if (claims.aud !== GOOGLE_TOKEN_AUDIENCE) {
      return refusal('invalid_grant', 'Invalid JWT: Failed audience check.');
    }
    const nowSeconds = Math.floor(nowMs / 1000);
    const { iat, exp } = claims;
    if (
      typeof iat !== 'number' ||
      typeof exp !== 'number' ||
      exp - iat > MAX_ASSERTION_SECONDS ||
      iat > nowSeconds + CLOCK_SKEW_SECONDS ||
      exp < nowSeconds - CLOCK_SKEW_SECONDS
    ) {
      return refusal(
        'invalid_grant',
        'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
      );
    }
    const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
    if (scopes.length === 0) return refusal('invalid_scope', 'Empty or missing scope not allowed.');
    return this.issue(scopes);
  }

  private refreshGrant(form: URLSearchParams): TokenAnswer {
    const clientId = form.get('client_id') ?? '';
    const secret = this.clients.get(clientId);
    if (secret === undefined) return refusal('invalid_client', 'The OAuth client was not found.', 401);
    if (form.get('client_secret') !== secret) return refusal('invalid_client', 'Unauthorized', 401);
    const grant = this.refreshTokens.get(form.get('refresh_token') ?? '');
    if (!grant || grant.revoked) return refusal('invalid_grant', 'Token has been expired or revoked.');
    if (grant.clientId !== clientId) return refusal('unauthorized_client', 'Unauthorized');
    return this.issue(grant.scopes);
  }
}
