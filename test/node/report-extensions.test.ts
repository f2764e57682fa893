// `hannop report --docx` lists the extensions granted for the period (`Gia hạn`) with their
// reasons, read back from the written .docx; the extended unit is judged by its new day, so it
// leaves the list of late units while that day has not passed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_COLUMNS, SHEET, columnsOf } from '../../src/domain/layout';
import type { StatusReport } from '../../src/domain/status-report';
import { vietnamInstant } from '../../src/domain/time';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';
import { runCli, type CliOutcome } from './cli-runner';
import { bodyBlocks, documentXml, tables, type Block } from './docx-text';

jest.setTimeout(120_000);

const PERIOD = 'KH-2023';
const AS_OF = '2023-04-10T08:00';
const REASON = 'Trường bị ngập, mất điện';
const APPROVER = 'Trưởng phòng Nguyễn Văn A';
const HEADING = 'Các đơn vị được gia hạn (1 đơn vị):';

let dir: string;

function hannop(...argv: string[]): Promise<CliOutcome> {
  return runCli(argv, { now: () => vietnamInstant('2023-04-10', 8), cwd: dir });
}

async function reportBlocks(file: string): Promise<Block[]> {
  const outcome = await hannop(
    'report',
    '--workbook',
    'w.xlsx',
    '--period',
    PERIOD,
    '--as-of',
    AS_OF,
    '--docx',
    file,
  );
  expect(outcome.stderr).toBe('');
  expect(outcome.code).toBe(0);
  return bodyBlocks(await documentXml(join(dir, file)));
}

/** The table that follows the paragraph `text`, or undefined. */
function tableAfter(blocks: readonly Block[], text: string): string[][] | undefined {
  const index = blocks.findIndex((block) => block.kind === 'paragraph' && block.text === text);
  const next = index >= 0 ? blocks[index + 1] : undefined;
  return next?.kind === 'table' ? next.rows : undefined;
}

/** Section III, «Đơn vị trễ hạn, chưa nộp»: each unit's `code: status`. */
function lateRows(blocks: readonly Block[]): string[] {
  const index = blocks.findIndex(
    (block) => block.kind === 'paragraph' && block.text === 'III. ĐƠN VỊ TRỄ HẠN, CHƯA NỘP',
  );
  const late = tables(blocks.slice(index))[0];
  return (late?.rows ?? []).slice(1).map((row) => `${row[1] ?? ''}: ${row[4] ?? ''}`);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hannop-report-extension-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hannop report --docx with `Gia hạn`', () => {
  it('lists the extension with its unit, new day, reason and approver, and judges the unit by it', async () => {
    expect((await hannop('init', '--workbook', 'w.xlsx', '--demo')).code).toBe(0);
    const status = JSON.parse(
      (await hannop('status', '--workbook', 'w.xlsx', '--as-of', AS_OF, '--json')).stdout,
    ) as StatusReport;
    const overdue = status.units.find((unit) => unit.periods[PERIOD]?.status === 'overdue');
    if (!overdue) throw new Error('the demo has no overdue unit on 10/04/2023');

    const before = await reportBlocks('truoc.docx');
    expect(lateRows(before)).toContain(`${overdue.code}: Quá hạn, chưa nộp`);
    expect(before.some((block) => block.kind === 'paragraph' && block.text.includes('gia hạn'))).toBe(false);

    const workbook = await XlsxWorkbook.open(join(dir, 'w.xlsx'));
    workbook.write([
      {
        kind: 'replace',
        sheet: SHEET.extensions,
        headers: columnsOf(EXTENSION_COLUMNS),
        rows: [[overdue.code, PERIOD, '15/04/2023', REASON, APPROVER]],
      },
    ]);
    await workbook.save();

    const after = await reportBlocks('sau.docx');
    expect(tableAfter(after, HEADING)).toEqual([
      ['STT', 'Mã đơn vị', 'Tên đơn vị', 'Hạn mới', 'Lý do', 'Người duyệt'],
      ['1', overdue.code, overdue.name, '15/04/2023', REASON, APPROVER],
    ]);
    // Due by the end of 15/04, the unit is not late on 10/04, only not yet in; the others stay as they were.
    const extended = `${overdue.code}: Chưa nộp (chưa hết hạn)`;
    expect(lateRows(after)).toContain(extended);
    expect(lateRows(after).filter((row) => row !== extended)).toEqual(
      lateRows(before).filter((row) => row !== `${overdue.code}: Quá hạn, chưa nộp`),
    );
  });
});
