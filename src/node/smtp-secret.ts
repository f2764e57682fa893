// The SMTP URL and its password. The URL may come from `--smtp`, from a file (`--smtp-file`) or
// from the environment (`HANNOP_SMTP_URL`), so cron and systemd need not put it where `ps` shows
// it. Its password is found by parsing the URL, whatever characters it holds (a raw `@` in the
// user name, `@` or `/` in the password), and is masked in every text the command line prints.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './cli-errors';

export const SMTP_URL_VARIABLE = 'HANNOP_SMTP_URL';
const MASK = '***';

// The secrets seen in this process, masked in everything `main` prints.
const secrets = new Set<string>();

function remember(secret: string): void {
  if (secret.length === 0) return;
  secrets.add(secret);
  secrets.add(encodeURIComponent(secret));
  try {
    secrets.add(decodeURIComponent(secret));
  } catch {
    // Not percent-encoded: the raw form is already kept.
  }
}

/** `text` with every secret seen so far replaced by `***`, longest first. */
export function maskSecrets(text: string): string {
  let masked = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length > 0) masked = masked.split(secret).join(MASK);
  }
  return masked;
}

interface SplitUrl {
  readonly scheme: string;
  readonly user: string;
  readonly password: string | null;
  readonly rest: string;
}

/**
 * A URL split as a person means it: the user information runs from `//` to the LAST `@`, so `@`
 * and `/` may stand raw in a user name or password. Null when there is no `scheme://`.
 */
function splitUrl(text: string): SplitUrl | null {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/is.exec(text);
  if (!match) return null;
  const [, scheme = '', tail = ''] = match;
  const at = tail.lastIndexOf('@');
  if (at < 0) return { scheme, user: '', password: null, rest: tail };
  const userinfo = tail.slice(0, at);
  const colon = userinfo.indexOf(':');
  return {
    scheme,
    user: colon < 0 ? userinfo : userinfo.slice(0, colon),
    password: colon < 0 ? null : userinfo.slice(colon + 1),
    rest: tail.slice(at + 1),
  };
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The URL as it may be shown: the password, whatever it holds, as `***`. */
export function maskedSmtpUrl(text: string): string {
  const parts = splitUrl(text.trim());
  if (!parts) return maskSecrets(text);
  if (parts.password === null) return text.trim();
  return `${parts.scheme}://${parts.user}:${MASK}@${parts.rest}`;
}

function invalid(text: string, source: string): UsageError {
  return new UsageError(
    `${source} «${maskedSmtpUrl(text)}» không hợp lệ; ghi smtp://máy-chủ:cổng hoặc smtps://người-dùng:mật-khẩu@máy-chủ:cổng.`,
  );
}

/**
 * The URL made valid for `new URL` and nodemailer (user and password percent-encoded), its
 * password remembered for masking. `source` names where it came from, for the message.
 */
export function parseSmtpUrl(text: string, source = '--smtp'): { url: string; shown: string } {
  const trimmed = text.trim();
  const parts = splitUrl(trimmed);
  if (parts?.password) remember(parts.password);
  if (!parts) throw invalid(trimmed, source);
  const userinfo =
    parts.password !== null
      ? `${encodeURIComponent(decoded(parts.user))}:${encodeURIComponent(decoded(parts.password))}@`
      : parts.user
        ? `${encodeURIComponent(decoded(parts.user))}@`
        : '';
  const normalized = `${parts.scheme}://${userinfo}${parts.rest}`;
  let url: URL;
  try {
    url = new URL(normalized);
  } catch {
    throw invalid(trimmed, source);
  }
  if ((url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || url.hostname === '')
    throw invalid(trimmed, source);
  if (url.password) remember(url.password);
  return { url: url.href, shown: maskedSmtpUrl(trimmed) };
}

/** A warning when a file holding a secret may be read by other users of the machine. */
export function sharedFileWarning(path: string, shown: string, what: string): string | null {
  if (process.platform === 'win32' || !existsSync(path)) return null;
  const mode = statSync(path).mode;
  if ((mode & 0o077) === 0) return null;
  return `Cảnh báo: tệp ${what} «${shown}» người dùng khác trên máy này cũng đọc được (quyền ${(mode & 0o777).toString(8)}); hãy chạy: chmod 600 ${shown}\n`;
}

/**
 * The SMTP URL of the command line, from `--smtp`, `--smtp-file FILE` or `HANNOP_SMTP_URL`, in
 * that order of what the person wrote; undefined when there is none (or `--outbox` is chosen).
 */
export function smtpUrlOption(
  values: Record<string, unknown>,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
  warn: (text: string) => void,
): string | undefined {
  const direct = values.smtp;
  const file = values['smtp-file'];
  if (typeof direct === 'string') {
    parseSmtpUrl(direct);
    if (file !== undefined)
      throw new UsageError('Chỉ dùng một trong hai tùy chọn --smtp và --smtp-file, không dùng cả hai.');
    return direct;
  }
  if (typeof file === 'string') {
    const path = resolve(cwd, file);
    if (!existsSync(path) || !statSync(path).isFile())
      throw new UsageError(`Không tìm thấy tệp --smtp-file «${file}».`);
    const text = readFileSync(path, 'utf8').trim();
    if (text === '') throw new UsageError(`Tệp --smtp-file «${file}» trống; ghi vào đó một dòng smtp://….`);
    parseSmtpUrl(text, `--smtp-file «${file}»:`);
    const warning = sharedFileWarning(path, file, 'chứa mật khẩu SMTP');
    if (warning) warn(warning);
    return text;
  }
  const fromEnv = env[SMTP_URL_VARIABLE];
  if (fromEnv && fromEnv.trim() !== '' && values.outbox === undefined) {
    parseSmtpUrl(fromEnv, SMTP_URL_VARIABLE);
    return fromEnv;
  }
  return undefined;
}
