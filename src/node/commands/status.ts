// `hannop status`: the status of every unit and period on a workbook at a moment, as a table or
// as the JSON of docs/spec.md.
import { computeStatus } from '../../app/compute-status';
import { renderStatusTable } from '../status-table';
import { XlsxWorkbook } from '../xlsx-workbook';

export async function statusCommand(path: string, asOf: Date, json: boolean): Promise<string> {
  const { board, report } = computeStatus(await XlsxWorkbook.open(path), asOf);
  return json ? `${JSON.stringify(report, null, 2)}\n` : renderStatusTable(board);
}
