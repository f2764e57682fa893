// Options shared by the commands: the workbook path and the as-of moment.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseMoment } from '../domain/time';
import { UsageError } from './cli-errors';

export function requireOption(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`Thiếu tùy chọn --${name}.`);
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

/** A file option, relative to the directory the command runs in. */
export function pathOption(values: Record<string, unknown>, name: string, cwd: string): string {
  return resolve(cwd, requireOption(values, name));
}

export function existingWorkbookPath(values: Record<string, unknown>, cwd: string): string {
  const path = pathOption(values, 'workbook', cwd);
  if (!existsSync(path)) throw new UsageError(`Không tìm thấy bảng tính «${String(values.workbook)}».`);
  return path;
}
