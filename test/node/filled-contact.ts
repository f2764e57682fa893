// `Cấu hình` of a workbook file with the department's real contact, as a department fills it in
// before sending real mail (`run --smtp` refuses while the example contact stands).
import { CONFIG_COLUMNS, SHEET, columnsOf } from '../../src/domain/layout';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';
import { FILLED_CONFIG_ROWS } from '../fakes/config-rows';

export async function fillContact(workbookPath: string): Promise<void> {
  const workbook = await XlsxWorkbook.open(workbookPath);
  workbook.write([
    {
      kind: 'replace',
      sheet: SHEET.config,
      headers: columnsOf(CONFIG_COLUMNS),
      rows: FILLED_CONFIG_ROWS.map((row) => [row.key, row.value, row.note]),
    },
  ]);
  await workbook.save();
}
