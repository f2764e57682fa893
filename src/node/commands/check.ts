// `hannop check --workbook F`: «Kiểm tra cấu hình» on the local workbook, every problem at once.
// The forms themselves are Google's: their facts are checked in Apps Script; here `Biểu mẫu` is.
// With `--max-mail N` the campaign's mail forecast is compared with N recipients a day.
import { checkConfiguration, type ConfigCheckResult } from '../../app/check-config';
import { ConfigCheckFailedError } from '../cli-errors';
import { XlsxWorkbook } from '../xlsx-workbook';

export async function checkCommand(workbookPath: string, maxMail?: number): Promise<ConfigCheckResult> {
  const result = checkConfiguration(await XlsxWorkbook.open(workbookPath), undefined, undefined, maxMail);
  if (result.problems.some((problem) => problem.severity === 'error')) {
    throw new ConfigCheckFailedError(`${result.message}\n`);
  }
  return result;
}
