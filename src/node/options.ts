// Options shared by the commands: the workbook path, the as-of moment, where and how much mail goes.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseIsoDate, parseMoment, type IsoDate } from '../domain/time';
import { MissingOptionError, UsageError } from './cli-errors';
import { parseSmtpUrl } from './smtp-secret';

export function requireOption(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '')
    throw new MissingOptionError(`Thiếu tùy chọn --${name}.`);
  return value;
}

/** `--as-of YYYY-MM-DD[THH:mm]` in Vietnam time; the real now when absent. */
export function asOfOption(values: Record<string, unknown>, now: () => Date): Date {
  const text = values['as-of'];
  if (text === undefined) return now();
  const moment = typeof text === 'string' ? parseMoment(text) : null;
  if (!moment)
    throw new UsageError(
      `--as-of «${String(text)}» không hợp lệ; ghi YYYY-MM-DD hoặc YYYY-MM-DDTHH:mm (giờ Việt Nam).`,
    );
  return moment;
}

/** `--from` / `--to YYYY-MM-DD`: a day of the campaign; absent: undefined. */
export function dayOption(values: Record<string, unknown>, name: string): IsoDate | undefined {
  const text = values[name];
  if (text === undefined) return undefined;
  const day = typeof text === 'string' ? parseIsoDate(text.trim()) : null;
  if (!day) throw new UsageError(`--${name} «${String(text)}» không hợp lệ; ghi ngày dạng YYYY-MM-DD.`);
  return day;
}

/** A file option, relative to the directory the command runs in. */
export function pathOption(values: Record<string, unknown>, name: string, cwd: string): string {
  return resolve(cwd, requireOption(values, name));
}

/**
 * Why no folder can be made at `directory` (a file is in the way, no permission), in Vietnamese, or
 * null when it exists or can be created. Nothing is created here: the writer does it when it writes.
 */
export function folderProblem(directory: string): string | null {
  let existing = directory;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  if (!statSync(existing).isDirectory()) return `«${existing}» là một tệp, không phải thư mục`;
  try {
    accessSync(existing, constants.W_OK);
  } catch {
    return `không có quyền ghi vào thư mục «${existing}»`;
  }
  return null;
}

/** A file the command writes: its folder is created when missing, so it must be creatable. */
export function outputPath(values: Record<string, unknown>, name: string, cwd: string): string {
  const path = pathOption(values, name, cwd);
  const problem = folderProblem(dirname(path));
  if (problem) throw new UsageError(`Không ghi được --${name} «${String(values[name])}»: ${problem}.`);
  return path;
}

export function existingWorkbookPath(values: Record<string, unknown>, cwd: string): string {
  const path = pathOption(values, 'workbook', cwd);
  if (!existsSync(path)) throw new UsageError(`Không tìm thấy bảng tính «${String(values.workbook)}».`);
  return path;
}

/** `--max-mail N`: the day's allowance in recipients; absent: unlimited. */
export function maxMailOption(values: Record<string, unknown>): number | undefined {
  const text = values['max-mail'];
  if (text === undefined) return undefined;
  if (typeof text !== 'string' || !/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(Number(text)))
    throw new UsageError(
      `--max-mail «${String(text)}» không hợp lệ; ghi một số nguyên không âm (số người nhận được gửi thư trong ngày).`,
    );
  return Number(text);
}

/** Where `run` sends the mail: a folder of `.eml` files, or an SMTP server. */
export type MailTarget =
  | { readonly kind: 'outbox'; readonly directory: string; readonly shown: string }
  | { readonly kind: 'smtp'; readonly url: string; readonly shown: string };

/**
 * `--outbox DIR` or `--smtp URL`, not both; by default the folder `outbox` beside the workbook.
 * `workbookShown` is the workbook path as the user wrote it, for the default's name in messages.
 */
export function mailTargetOption(
  values: Record<string, unknown>,
  cwd: string,
  workbookPath: string,
  workbookShown: string,
): MailTarget {
  const outbox = values.outbox;
  const smtp = values.smtp;
  if (outbox !== undefined && smtp !== undefined)
    throw new UsageError('Chỉ dùng một trong hai tùy chọn --outbox và --smtp, không dùng cả hai.');
  if (typeof smtp === 'string') return { kind: 'smtp', ...parseSmtpUrl(smtp) };
  if (outbox !== undefined) {
    const shown = requireOption(values, 'outbox');
    const directory = resolve(cwd, shown);
    if (existsSync(directory) && !statSync(directory).isDirectory())
      throw new UsageError(`--outbox «${shown}» là một tệp, không phải thư mục.`);
    const problem = folderProblem(directory);
    if (problem) throw new UsageError(`Không tạo được thư mục --outbox «${shown}»: ${problem}.`);
    return { kind: 'outbox', directory, shown };
  }
  return {
    kind: 'outbox',
    directory: join(dirname(workbookPath), 'outbox'),
    shown: join(dirname(workbookShown), 'outbox'),
  };
}

/** The From address an SMTP URL implies: its user name when that is an e-mail address. */
export function smtpSenderAddress(url: string): string | undefined {
  let user: string;
  try {
    user = decodeURIComponent(new URL(url).username);
  } catch {
    return undefined;
  }
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(user) ? user : undefined;
}
