// «Kiểm tra cấu hình»: reads the input sheets in one batch and lists every problem at once.
import {
  CONFIG_CHECK_SHEETS,
  checkConfig,
  describeConfigCheck,
  type ConfigProblem,
  type FormFacts,
} from '../domain/config-check';
import type { Workbook } from '../ports';

export interface ConfigCheckResult {
  readonly problems: readonly ConfigProblem[];
  /** The Vietnamese message for the officer. */
  readonly message: string;
}

export function checkConfiguration(
  workbook: Workbook,
  forms?: FormFacts,
  spreadsheetTimeZone?: string,
  mailQuota?: number,
): ConfigCheckResult {
  const tables = workbook.read(CONFIG_CHECK_SHEETS);
  const problems = checkConfig({
    tables,
    ...(forms ? { forms } : {}),
    ...(spreadsheetTimeZone !== undefined ? { spreadsheetTimeZone } : {}),
    ...(mailQuota !== undefined ? { mailQuota } : {}),
  });
  return { problems, message: describeConfigCheck(problems) };
}
