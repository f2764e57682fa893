// Issue 13's features through the Sheets API shell: `hannop run --spreadsheet … --smtp …` against
// the local Sheets API server, its mail to a real SMTP server on 127.0.0.1, on the campaign of
// test/fakes/department-asks-campaign.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { initializeWorkbook } from '../../src/app/initialize-workbook';
import { responseSheetHeaders } from '../../src/domain/forms';
import { CONFIG_COLUMNS, SHEET, columnsOf } from '../../src/domain/layout';
import { REVIEW_LABEL } from '../../src/domain/submissions';
import type { RunJson } from '../../src/node/commands/run';
import { SheetsApiWorkbook } from '../../src/node/sheets-api-workbook';
import type { SheetWrite } from '../../src/ports';
import { FILLED_CONFIG_ROWS } from '../fakes/config-rows';
import {
  ASKS_UNITS,
  DIGEST_DAY_RERUN,
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
  planResponseRows,
  reviewWrite,
  specialistsWrite,
} from '../fakes/department-asks-campaign';
import { at } from '../fakes/mail-fixture';
import { registeredServiceAccountKey } from '../fakes/service-account-key';
import { fixedTokenClient } from '../fakes/sheets-api-daily-run';
import { FakeSheetsApi } from '../fakes/sheets-api-server';
import { SmtpServerThread } from '../fakes/smtp-server-thread';
import { runCli } from './cli-runner';

jest.setTimeout(60_000);

interface Campaign {
  readonly fake: FakeSheetsApi;
  readonly rootUrl: string;
  readonly directory: string;
  readonly smtp: SmtpServerThread;
}

/** The spreadsheet set up as Apps Script sets it up, with the department's additions (each left out when the test says). */
async function campaign(options: { specialists?: boolean; configKeys?: boolean } = {}): Promise<Campaign> {
  const fake = new FakeSheetsApi();
  const rootUrl = await fake.start();
  const setup = await SheetsApiWorkbook.open(fixedTokenClient(fake, rootUrl), fake.spreadsheetId);
  initializeWorkbook(setup, {
    units: ASKS_UNITS,
    responseHeaders: responseSheetHeaders(),
    responseRows: { plan: planResponseRows(), report: [] },
  });
  setup.write([
    {
      kind: 'replace',
      sheet: SHEET.config,
      headers: columnsOf(CONFIG_COLUMNS),
      rows: FILLED_CONFIG_ROWS.map((row) => [row.key, row.value, row.note]),
    },
    ...(options.configKeys === false ? [] : [addedConfigWrite()]),
    ...(options.specialists === false ? [] : [specialistsWrite()]),
    periodsWrite(),
    extensionsWrite(),
  ]);
  await setup.save();
  const directory = mkdtempSync(join(tmpdir(), 'hannop-asks-remote-'));
  writeFileSync(join(directory, 'khoa.json'), JSON.stringify(registeredServiceAccountKey(fake, rootUrl)), {
    mode: 0o600,
  });
  return { fake, rootUrl, directory, smtp: new SmtpServerThread() };
}

async function close(world: Campaign): Promise<void> {
  rmSync(world.directory, { recursive: true, force: true });
  await world.smtp.close();
  await world.fake.close();
}

/** `hannop run --spreadsheet … --smtp …` at `when` (Vietnam time); the mail the server took. */
async function run(world: Campaign, when: string) {
  const before = world.smtp.received.length;
  const outcome = await runCli(
    [
      'run',
      '--spreadsheet',
      world.fake.spreadsheetId,
      '--credentials',
      'khoa.json',
      '--smtp',
      `smtp://127.0.0.1:${await world.smtp.port}`,
      '--json',
    ],
    { now: () => at(when), cwd: world.directory, sheetsApiRootUrl: world.rootUrl },
  );
  expect(outcome.stderr).toBe('');
  expect(outcome.code).toBe(0);
  const report = JSON.parse(outcome.stdout) as RunJson;
  await world.smtp.messages(before + report.mail.filter((mail) => mail.status === 'sent').length);
  return sent(world, before);
}

/** The messages the SMTP server took since the `from`-th: recipients, subject, text and HTML. */
async function sent(world: Campaign, from: number) {
  return Promise.all(
    world.smtp.received.slice(from).map(async (message) => {
      const parsed = await simpleParser(message.raw);
      return {
        to: message.to.join(', '),
        subject: parsed.subject ?? '',
        text: parsed.text ?? '',
        html: typeof parsed.html === 'string' ? parsed.html : '',
      };
    }),
  );
}

async function workbook(world: Campaign): Promise<SheetsApiWorkbook> {
  return SheetsApiWorkbook.open(fixedTokenClient(world.fake, world.rootUrl), world.fake.spreadsheetId);
}

async function read(world: Campaign, sheet: string) {
  return (await workbook(world)).read([sheet]).get(sheet);
}

async function write(world: Campaign, writes: readonly SheetWrite[]): Promise<void> {
  const opened = await workbook(world);
  opened.write(writes);
  await opened.save();
}

/** The runs of the campaign: after each version, `Đạt` for THCSLQD, then the digest day. */
async function runCampaign(world: Campaign) {
  await run(world, RUN_AFTER_FIRST);
  const afterSecond = await run(world, RUN_AFTER_SECOND);
  await write(world, [approvedRegisterWrite((await read(world, SHEET.submissions))!)]);
  const digestDay = await run(world, DIGEST_DAY_RUN);
  return { afterSecond, digestDay };
}

describe('issue 13 through the Sheets API shell', () => {
  let world: Campaign;
  let mail: Awaited<ReturnType<typeof runCampaign>>;

  beforeAll(async () => {
    world = await campaign();
    mail = await runCampaign(world);
  });

  afterAll(() => close(world));

  it('`Phụ trách`: each specialist gets their own digest once a day, the long-late units marked (!)', async () => {
    const mamNon = mail.digestDay.filter((message) => message.to === MAM_NON_EMAIL);
    const phoThong = mail.digestDay.filter((message) => message.to === PHO_THONG_EMAIL);
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
    const whole = mail.digestDay.filter((message) => message.to.includes('lanhdao@pgdthuduc.edu.vn'));
    expect(whole).toHaveLength(1);
    expect(whole[0]?.text).toMatch(/^MNHM \|/m);
    expect(whole[0]?.text).toMatch(/^THCSTV \|/m);
    expect(whole[0]?.text).not.toContain('(!)');
    // `Nhật ký thư` in the Google Sheet keeps each digest, so a second run the same day sends none.
    const again = await run(world, DIGEST_DAY_RERUN);
    expect(again.filter((message) => message.subject.startsWith('Tổng hợp tình hình nộp'))).toEqual([]);
  });

  it('`Thay đổi so với lần trước`: `Bài nộp` and the receipt of the second version list what changed', async () => {
    expect(changesByVersion(await read(world, SHEET.submissions))).toEqual([
      'THDD v1: ',
      'THCSLQD v1: ',
      `THDD v2: ${THDD_CHANGES.join('\n')}`,
      'THCSTV v1: ',
      'MNSS v1: ',
    ]);
    const receipts = mail.afterSecond.filter((message) => message.to.includes('thdd@truong.example.edu.vn'));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.text).toContain('Những nội dung thay đổi so với lần nộp trước:');
    for (const change of THDD_CHANGES) expect(receipts[0]?.text).toContain(change);
  });

  it('`Gia hạn`: one mail to the unit; its response after the closing day is valid and on time, its receipt says by when', async () => {
    const all = await sent(world, 0);
    const extension = all.filter((message) => message.subject.startsWith('Gia hạn'));
    expect(extension.map((message) => `${message.to} | ${message.subject}`)).toEqual([
      `mnss@truong.example.edu.vn | ${EXTENSION_SUBJECT}`,
    ]);
    for (const line of EXTENSION_LINES) expect(extension[0]?.text).toContain(line);
    expect(outcomes(await read(world, SHEET.submissions))).toContain(OUTCOMES_AFTER.MNSS);
    const receipt = all.find((message) => message.subject === EXTENDED_RECEIPT_SUBJECT);
    expect(receipt?.text).toContain(EXTENDED_RECEIPT_LINE);
  });

  it('`Khóa nhận`: a response after the closing day is recorded `Nộp sau khóa`, counts for nothing, and its receipt says whom to call', async () => {
    expect(outcomes(await read(world, SHEET.submissions))).toContain(OUTCOMES_AFTER.THCSTV);
    const receipts = mail.digestDay.filter((message) => message.to === 'thcstv@truong.example.edu.vn');
    expect(receipts.map((message) => message.subject)).toEqual([CLOSED_SUBJECT]);
    for (const line of CLOSED_LINES) expect(receipts[0]?.text).toContain(line);
    const figures = await read(world, SHEET.figures);
    const codeColumn = figures?.headers.indexOf('Mã đơn vị') ?? -1;
    const reportingColumn = figures?.headers.indexOf('Số đơn vị có số liệu') ?? -1;
    expect(figures?.rows.find((row) => row[codeColumn] === 'THCSTV')?.[reportingColumn]).toBe(0);
  });

  it('`Số liệu tính bài` = `đã duyệt`: `Số liệu` counts the approved version only, and says so', async () => {
    expect(planFigures(await read(world, SHEET.figures))).toEqual({
      reporting: 1,
      models: 3,
      notes: [
        'Ghi chú: số liệu chỉ tính các bài đã duyệt (Đánh giá «Đạt»); tỷ lệ nộp vẫn tính mọi bài nộp hợp lệ.',
      ],
    });
  });

  // Last: it changes the campaign.
  it('«Yêu cầu bổ sung»: the mail quotes the note and lists what the reviewed version changed', async () => {
    await write(world, [
      reviewWrite((await read(world, SHEET.submissions))!, 'THDD', REVIEW_LABEL.returned, RETURN_NOTE),
    ]);
    const returned = (await run(world, '2023-04-11T07:00')).filter((message) =>
      message.subject.startsWith('Yêu cầu bổ sung'),
    );
    expect(returned.map((message) => message.to)).toEqual(['thdd@truong.example.edu.vn']);
    for (const line of RETURNED_LINES) expect(returned[0]?.text).toContain(line);
  });
});

describe('the same spreadsheet without `Phụ trách` and the two keys', () => {
  it('sends no specialist a digest, marks nobody, and counts every valid version in `Số liệu`', async () => {
    const world = await campaign({ specialists: false, configKeys: false });
    try {
      const { digestDay } = await runCampaign(world);
      expect(digestDay.filter((message) => [MAM_NON_EMAIL, PHO_THONG_EMAIL].includes(message.to))).toEqual(
        [],
      );
      expect(digestDay.some((message) => message.text.includes('(!)'))).toBe(false);
      expect(planFigures(await read(world, SHEET.figures))).toEqual({ reporting: 3, models: 7, notes: [] });
    } finally {
      await close(world);
    }
  });
});
