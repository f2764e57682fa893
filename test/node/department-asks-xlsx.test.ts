// Issue 13's specialists, changes between versions and approved-only figures through the .xlsx
// command line: `hannop init`, `hannop run --outbox` on the campaign of
// test/fakes/department-asks-campaign.ts, the mail read back from the .eml files it writes.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { CONFIG_KEY, SHEET } from '../../src/domain/layout';
import { REVIEW_LABEL } from '../../src/domain/submissions';
import { vietnamInstant } from '../../src/domain/time';
import type { RunJson } from '../../src/node/commands/run';
import { formatCsv } from '../../src/node/csv';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';
import type { SheetWrite } from '../../src/ports';
import {
  ASKS_UNITS,
  DIGEST_DAY_RERUN,
  CITY_REPORT_EXTENSION_ROW,
  CITY_REPORT_LINES,
  CLOSED_LINES,
  CLOSED_SUBJECT,
  DIGEST_DAY_RUN,
  EXTENDED_RECEIPT_LINE,
  EXTENDED_RECEIPT_SUBJECT,
  EXTENSION_LINES,
  EXTENSION_SUBJECT,
  OUTCOMES_AFTER,
  MAM_NON_EMAIL,
  PHO_THONG_EMAIL,
  RUN_AFTER_FIRST,
  RUN_AFTER_SECOND,
  THDD_CHANGES,
  addedConfigWrite,
  approvedRegisterWrite,
  RETURNED_LINES,
  RETURN_NOTE,
  changesByVersion,
  extensionsWrite,
  outcomes,
  periodsWrite,
  planFigures,
  planResponsesWrite,
  reviewWrite,
  specialistsWrite,
} from '../fakes/department-asks-campaign';
import { unitsTable } from '../fakes/mail-fixture';
import { bodyBlocks, documentXml, tables } from './docx-text';
import { fillContact } from './filled-contact';
import { runCli, type CliOutcome } from './cli-runner';

jest.setTimeout(60_000);

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hannop-asks-xlsx-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function hannop(...argv: string[]): Promise<CliOutcome> {
  return runCli(argv, { now: () => vietnamInstant('2023-04-10', 7), cwd: dir });
}

const workbookPath = () => join(dir, 'w.xlsx');

async function write(writes: readonly SheetWrite[]): Promise<void> {
  const workbook = await XlsxWorkbook.open(workbookPath());
  workbook.write(writes);
  await workbook.save();
}

async function read(sheet: string) {
  return (await XlsxWorkbook.open(workbookPath())).read([sheet]).get(sheet);
}

async function run(asOf: string, outbox: string): Promise<RunJson> {
  const outcome = await hannop('run', '--workbook', 'w.xlsx', '--as-of', asOf, '--outbox', outbox, '--json');
  expect(outcome.stderr).toBe('');
  expect(outcome.code).toBe(0);
  return JSON.parse(outcome.stdout) as RunJson;
}

/** Every message of an outbox folder: its recipients, subject and plain text. */
async function outbox(
  folder: string,
): Promise<{ to: string; subject: string; text: string; html: string }[]> {
  const path = join(dir, folder);
  if (!existsSync(path)) return [];
  const names = readdirSync(path).filter((name) => name.endsWith('.eml'));
  return Promise.all(
    names.map(async (name) => {
      const parsed = await simpleParser(readFileSync(join(path, name)));
      const to = [parsed.to ?? []].flat().flatMap((object) => object.value.map((box) => box.address ?? ''));
      return {
        to: to.join(', '),
        subject: parsed.subject ?? '',
        text: parsed.text ?? '',
        html: typeof parsed.html === 'string' ? parsed.html : '',
      };
    }),
  );
}

/**
 * The campaign set up as a department would: `init` with its units, the real contact, the two
 * new `Cấu hình` keys and `Phụ trách` (each left out when the test says), and the plan's responses.
 */
async function campaign(options: { specialists?: boolean; configKeys?: boolean } = {}): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  dir = mkdtempSync(join(tmpdir(), 'hannop-asks-xlsx-'));
  const units = unitsTable(ASKS_UNITS);
  writeFileSync(
    join(dir, 'units.csv'),
    formatCsv([units.headers, ...units.rows].map((row) => row.map((cell) => String(cell ?? '')))),
  );
  expect(await hannop('init', '--workbook', 'w.xlsx', '--units', 'units.csv')).toMatchObject({ code: 0 });
  await fillContact(workbookPath());
  await write([
    ...(options.configKeys === false ? [] : [addedConfigWrite()]),
    ...(options.specialists === false ? [] : [specialistsWrite()]),
    periodsWrite(),
    extensionsWrite(),
    planResponsesWrite(),
  ]);
}

/** The runs of the campaign: after each version, `Đạt` for THCSLQD, then the digest day. */
async function runCampaign(): Promise<void> {
  await run(RUN_AFTER_FIRST, 'thu-21-03');
  await run(RUN_AFTER_SECOND, 'thu-26-03');
  await write([approvedRegisterWrite((await read(SHEET.submissions))!)]);
  await run(DIGEST_DAY_RUN, 'thu-10-04');
}

describe('issue 13 through the .xlsx command line', () => {
  beforeAll(async () => {
    await campaign();
    await runCampaign();
  });

  it('`Phụ trách`: each specialist gets their own digest once a day, the long-late units marked (!)', async () => {
    const mail = await outbox('thu-10-04');
    const mamNon = mail.filter((message) => message.to === MAM_NON_EMAIL);
    const phoThong = mail.filter((message) => message.to === PHO_THONG_EMAIL);
    expect(mamNon.map((message) => message.subject)).toEqual([
      'Tổng hợp tình hình nộp ngày 10/04/2023 (Mầm non): 1 đơn vị chưa nộp đúng yêu cầu',
    ]);
    expect(mamNon[0]?.text).toContain('Kính gửi Lê Thị Mầm,');
    expect(mamNon[0]?.text).toContain('Cần báo cấp trên: 1 đơn vị quá hạn hơn 10 ngày');
    expect(mamNon[0]?.text).toContain('(!) MNHM | Mầm non Hoa Mai | Quá hạn | 11 |');
    expect(mamNon[0]?.html).toContain('color:#c00000;font-weight:bold">MNHM</td>');
    expect(mamNon[0]?.text).not.toContain('THCSTV');
    expect(phoThong).toHaveLength(1);
    expect(phoThong[0]?.text).toContain('Kính gửi Trần Văn Phổ,');
    expect(phoThong[0]?.text).toContain('(!) THCSTV | THCS Trần Văn Ơn | Quá hạn | 11 |');
    expect(phoThong[0]?.text).not.toContain('MNHM');
    // The whole picture still goes to `Email nhận thư tổng hợp`, with both units, unmarked.
    const whole = mail.filter((message) => message.to.includes('lanhdao@pgdthuduc.edu.vn'));
    expect(whole).toHaveLength(1);
    expect(whole[0]?.text).toMatch(/^MNHM \|/m);
    expect(whole[0]?.text).toMatch(/^THCSTV \|/m);
    expect(whole[0]?.text).not.toContain('(!)');
    // A second run the same day sends no digest again.
    const again = await run(DIGEST_DAY_RERUN, 'thu-10-04-chieu');
    expect(again.mail.filter((message) => message.kind === 'digest')).toEqual([]);
  });

  it('`Thay đổi so với lần trước`: `Bài nộp` and the receipt of the second version list what changed', async () => {
    expect(changesByVersion(await read(SHEET.submissions))).toEqual([
      'THDD v1: ',
      'THCSLQD v1: ',
      `THDD v2: ${THDD_CHANGES.join('\n')}`,
      'THCSTV v1: ',
      'MNSS v1: ',
    ]);
    const receipts = (await outbox('thu-26-03')).filter((message) =>
      message.to.includes('thdd@truong.example.edu.vn'),
    );
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.text).toContain('Những nội dung thay đổi so với lần nộp trước:');
    for (const change of THDD_CHANGES) expect(receipts[0]?.text).toContain(change);
    // The first version's receipt lists nothing of the kind.
    const first = (await outbox('thu-21-03')).find((message) => message.to.includes('thdd@'));
    expect(first?.text).not.toContain('thay đổi so với lần nộp trước');
  });

  it('`Gia hạn`: one mail to the unit; its response after the closing day is valid and on time, its receipt says by when', async () => {
    const all = [
      ...(await outbox('thu-21-03')),
      ...(await outbox('thu-26-03')),
      ...(await outbox('thu-10-04')),
      ...(await outbox('thu-10-04-chieu')),
    ];
    const extension = all.filter((message) => message.subject.startsWith('Gia hạn'));
    expect(extension.map((message) => `${message.to} | ${message.subject}`)).toEqual([
      `mnss@truong.example.edu.vn | ${EXTENSION_SUBJECT}`,
    ]);
    for (const line of EXTENSION_LINES) expect(extension[0]?.text).toContain(line);
    expect(outcomes(await read(SHEET.submissions))).toContain(OUTCOMES_AFTER.MNSS);
    const receipt = all.find((message) => message.subject === EXTENDED_RECEIPT_SUBJECT);
    expect(receipt?.text).toContain(EXTENDED_RECEIPT_LINE);
  });

  it('`Khóa nhận`: a response after the closing day is recorded `Nộp sau khóa`, counts for nothing, and its receipt says whom to call', async () => {
    expect(outcomes(await read(SHEET.submissions))).toContain(OUTCOMES_AFTER.THCSTV);
    const receipts = (await outbox('thu-10-04')).filter(
      (message) => message.to === 'thcstv@truong.example.edu.vn',
    );
    expect(receipts.map((message) => message.subject)).toEqual([CLOSED_SUBJECT]);
    for (const line of CLOSED_LINES) expect(receipts[0]?.text).toContain(line);
    // Still overdue: its specialist's digest names it (the first test), and `Số liệu` leaves it out.
    const figures = await read(SHEET.figures);
    const codeColumn = figures?.headers.indexOf('Mã đơn vị') ?? -1;
    const reportingColumn = figures?.headers.indexOf('Số đơn vị có số liệu') ?? -1;
    expect(figures?.rows.find((row) => row[codeColumn] === 'THCSTV')?.[reportingColumn]).toBe(0);
  });

  it('`hannop report --docx`: the City report counts approved versions only, says so, and lists the extension', async () => {
    const outcome = await hannop(
      'report',
      '--workbook',
      'w.xlsx',
      '--as-of',
      DIGEST_DAY_RUN,
      '--period',
      'KH-2023',
      '--docx',
      'bc.docx',
    );
    expect(outcome).toMatchObject({ code: 0, stderr: '' });
    const blocks = bodyBlocks(await documentXml(join(dir, 'bc.docx')));
    const paragraphs = blocks.flatMap((block) => (block.kind === 'paragraph' ? [block.text] : []));
    for (const line of CITY_REPORT_LINES) expect(paragraphs).toContain(line);
    expect(tables(blocks).flatMap((table) => table.rows)).toContainEqual(CITY_REPORT_EXTENSION_ROW);
  });

  it('`Số liệu tính bài` = `đã duyệt`: `Số liệu` counts the approved version only, and says so', async () => {
    expect(planFigures(await read(SHEET.figures))).toEqual({
      reporting: 1,
      models: 3,
      notes: [
        'Ghi chú: số liệu chỉ tính các bài đã duyệt (Đánh giá «Đạt»); tỷ lệ nộp vẫn tính mọi bài nộp hợp lệ.',
      ],
    });
  });

  // Last: it changes the campaign.
  it('«Yêu cầu bổ sung»: the mail quotes the note and lists what the reviewed version changed', async () => {
    await write([reviewWrite((await read(SHEET.submissions))!, 'THDD', REVIEW_LABEL.returned, RETURN_NOTE)]);
    await run('2023-04-11T07:00', 'thu-11-04');
    const returned = (await outbox('thu-11-04')).filter((message) =>
      message.subject.startsWith('Yêu cầu bổ sung'),
    );
    expect(returned.map((message) => message.to)).toEqual(['thdd@truong.example.edu.vn']);
    for (const line of RETURNED_LINES) expect(returned[0]?.text).toContain(line);
  });
});

describe('the same campaign without `Phụ trách` and the two keys', () => {
  beforeAll(async () => {
    await campaign({ specialists: false, configKeys: false });
    await runCampaign();
  });

  it('sends no specialist a digest, marks nobody, and counts every valid version in `Số liệu`', async () => {
    const mail = await outbox('thu-10-04');
    expect(mail.filter((message) => [MAM_NON_EMAIL, PHO_THONG_EMAIL].includes(message.to))).toEqual([]);
    expect(mail.some((message) => message.text.includes('(!)'))).toBe(false);
    expect(planFigures(await read(SHEET.figures))).toEqual({ reporting: 3, models: 7, notes: [] });
  });
});

describe('a wrong `Phụ trách` row and a wrong `Số liệu tính bài` through the .xlsx command line', () => {
  beforeAll(async () => {
    await campaign({ specialists: false, configKeys: false });
    await write([
      specialistsWrite([
        ['Mầm non', '', 'Lê Thị Mầm', MAM_NON_EMAIL],
        ['THPT', '', 'Võ Ba', 'thpt@pgd.example.edu.vn'],
      ]),
      addedConfigWrite([
        [CONFIG_KEY.figuresBasis, 'tất cả', ''],
        [CONFIG_KEY.escalateAfterDays, 'mười', ''],
      ]),
    ]);
  });

  // The sentences of src/domain (campaign.ts, specialists.ts), with where to look.
  const FIGURES_BASIS =
    '«Cấu hình», dòng 13, cột «Giá trị»: «Số liệu tính bài»: «tất cả» không hợp lệ; ghi «đã nộp hợp lệ» hoặc «đã duyệt».';
  const ESCALATE =
    '«Cấu hình», dòng 14, cột «Giá trị»: «Báo cấp trên sau (ngày)»: «mười» không phải là số ngày (số nguyên ≥ 0).';
  const LEVEL =
    '«Phụ trách», dòng 3, cột «Cấp học»: không có đơn vị nào thuộc cấp học «THPT» trong trang «Đơn vị».';

  it('`check` exits 1 naming each, with the sheet, row and column', async () => {
    const outcome = await hannop('check', '--workbook', 'w.xlsx');
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toBe('');
    const [counts, errors, warnings] = outcome.stdout.split('\n\n');
    expect(counts).toBe('Phát hiện 3 lỗi và 3 cảnh báo.');
    expect(errors).toBe(
      ['Lỗi (cần sửa để hệ thống chạy đúng):', `• ${FIGURES_BASIS}`, `• ${ESCALATE}`, `• ${LEVEL}`].join(
        '\n',
      ),
    );
    // Levels nobody follows are warnings: the run still goes.
    expect(warnings).toContain(
      '• «Phụ trách», cột «Cấp học»: cấp học «THCS» (2 đơn vị) chưa có ai phụ trách; các đơn vị này chỉ có trong thư tổng hợp gửi «Email nhận thư tổng hợp».',
    );
  });

  it('`run` exits 1 with the same sentences and writes nothing', async () => {
    const before = readFileSync(workbookPath());
    const outcome = await hannop('run', '--workbook', 'w.xlsx', '--as-of', DIGEST_DAY_RUN, '--outbox', 'thu');
    expect(outcome).toEqual({
      code: 1,
      stdout: '',
      // `run` names the keys in the order it reads them, not by row as `check` does.
      stderr: `Lỗi trong bảng tính «w.xlsx»:\n${ESCALATE}\n${FIGURES_BASIS}\n${LEVEL}\n`,
    });
    expect(readFileSync(workbookPath()).equals(before)).toBe(true);
    expect(existsSync(join(dir, 'thu'))).toBe(false);
  });
});
