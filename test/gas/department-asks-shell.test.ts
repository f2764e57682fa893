// Issue 13's specialists, changes between versions and approved-only figures through the Apps
// Script shell (fakes): units answer the plan form (THDD edits its response through its edit link),
// the officer types `Đạt` in `Bài nộp` (the on-edit trigger), the daily trigger sends the digests
// with MailApp — on the campaign of test/fakes/department-asks-campaign.ts.
import { SHEET, SUBMISSION_COLUMNS } from '../../src/domain/layout';
import { REGISTER_HEADERS } from '../../src/domain/register';
import { REVIEW_LABEL } from '../../src/domain/submissions';
import { runSendReminders } from '../../src/gas/menu-handlers';
import { SpreadsheetWorkbook } from '../../src/gas/spreadsheet-workbook';
import {
  ASKS_UNITS,
  DIGEST_DAY_RERUN,
  DIGEST_DAY_RUN,
  MAM_NON_EMAIL,
  PHO_THONG_EMAIL,
  PLAN_VERSIONS,
  THDD_CHANGES,
  addedConfigWrite,
  changesByVersion,
  planAnswersByTitle,
  planFigures,
  specialistsWrite,
  unitOf,
} from '../fakes/department-asks-campaign';
import { asSpreadsheet, asSpreadsheetApp } from '../fakes/spreadsheet-app';
import { at, makeGasWorld, type GasWorld } from './gas-world';

const WHOLE_DIGEST = 'tonghop@pgd.example.edu.vn';

function mailOf(world: GasWorld, from = 0) {
  return world.mailApp.sent.slice(from).map((mail) => ({
    to: mail.to.join(', '),
    subject: mail.subject,
    text: mail.body,
    html: mail.htmlBody,
  }));
}

/**
 * The campaign in the Apps Script shell: the department's additions (each left out when the test
 * says), the three plan versions through the form, `Đạt` typed for THCSLQD, the daily trigger
 * on 10/04. What each step sent.
 */
function runCampaign(options: { specialists?: boolean; configKeys?: boolean } = {}) {
  const world = makeGasWorld({ units: ASKS_UNITS });
  new SpreadsheetWorkbook(asSpreadsheet(world.sheets.spreadsheet), asSpreadsheetApp(world.sheets.app)).write([
    ...(options.configKeys === false ? [] : [addedConfigWrite()]),
    ...(options.specialists === false ? [] : [specialistsWrite()]),
  ]);
  const responseIds = new Map<string, string>();
  const sentAt: number[] = [];
  for (const version of PLAN_VERSIONS) {
    const unit = unitOf(version.unitCode);
    world.setNow(`${version.at}:05`);
    sentAt.push(world.mailApp.sent.length);
    const known = responseIds.get(unit.code);
    // A unit's second version: its head opens the edit link and changes the answers.
    const response = known
      ? world.formApp.editResponse(world.form('plan'), known, {
          at: at(version.at),
          answers: planAnswersByTitle(unit, version.answers),
        })
      : world.formApp.respond(world.form('plan'), {
          email: unit.emails[0] ?? '',
          at: at(version.at),
          answers: planAnswersByTitle(unit, version.answers),
        });
    responseIds.set(unit.code, response.getId() as string);
  }
  const afterSecond = mailOf(world, sentAt[2]);

  // The officer approves THCSLQD's plan in `Bài nộp`; the on-edit trigger applies it.
  world.setNow('2023-03-27T10:00');
  const sheet = world.sheets.spreadsheet.getSheetByName(SHEET.submissions);
  if (!sheet) throw new Error('no Bài nộp');
  const register = world.table(SHEET.submissions);
  const unitColumn = register?.headers.indexOf(SUBMISSION_COLUMNS.unitCode) ?? -1;
  const row = (register?.rows.findIndex((cells) => cells[unitColumn] === 'THCSLQD') ?? -1) + 2;
  const reviewColumn = REGISTER_HEADERS.indexOf(SUBMISSION_COLUMNS.review) + 1;
  sheet.getRange(row, reviewColumn).setValue(REVIEW_LABEL.approved);
  world.scriptApp.fireEdit(world.sheets.spreadsheet.spreadsheetId, {
    range: sheet.getRange(row, reviewColumn),
  });

  const beforeDigest = world.mailApp.sent.length;
  world.setNow(DIGEST_DAY_RUN);
  expect(world.scriptApp.fireClock(at(DIGEST_DAY_RUN))).toBe(1);
  expect(world.logged).toEqual([]);
  return { world, afterSecond, digestDay: mailOf(world, beforeDigest) };
}

describe('issue 13 through the Apps Script shell', () => {
  const { world, afterSecond, digestDay } = runCampaign();

  it('`Phụ trách`: each specialist gets their own digest once a day, the long-late units marked (!)', () => {
    const mamNon = digestDay.filter((message) => message.to === MAM_NON_EMAIL);
    const phoThong = digestDay.filter((message) => message.to === PHO_THONG_EMAIL);
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
    const whole = digestDay.filter((message) => message.to === WHOLE_DIGEST);
    expect(whole).toHaveLength(1);
    expect(whole[0]?.text).toMatch(/^MNHM \|/m);
    expect(whole[0]?.text).toMatch(/^THCSTV \|/m);
    expect(whole[0]?.text).not.toContain('(!)');
    // «Gửi thư nhắc ngay» the same afternoon sends no digest again.
    const before = world.mailApp.sent.length;
    world.setNow(DIGEST_DAY_RERUN);
    runSendReminders(world.services());
    expect(world.sheets.spreadsheet.toasts.at(-1)?.message).toBe('Hiện không có thư nào cần gửi.');
    expect(world.mailApp.sent).toHaveLength(before);
    expect(world.logged).toEqual([]);
  });

  it('`Thay đổi so với lần trước`: `Bài nộp` and the receipt of the edited response list what changed', () => {
    expect(changesByVersion(world.table(SHEET.submissions))).toEqual([
      `THDD v2: ${THDD_CHANGES.join('\n')}`,
      'THCSLQD v1: ',
    ]);
    const receipts = afterSecond.filter((message) => message.to.includes('thdd@truong.example.edu.vn'));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.text).toContain('Những nội dung thay đổi so với lần nộp trước:');
    for (const change of THDD_CHANGES) expect(receipts[0]?.text).toContain(change);
  });

  it('`Số liệu tính bài` = `đã duyệt`: `Số liệu` counts the approved version only, and says so', () => {
    expect(planFigures(world.table(SHEET.figures))).toEqual({
      reporting: 1,
      models: 3,
      notes: [
        'Ghi chú: số liệu chỉ tính các bài đã duyệt (Đánh giá «Đạt»); tỷ lệ nộp vẫn tính mọi bài nộp hợp lệ.',
      ],
    });
  });
});

describe('the same spreadsheet without `Phụ trách` and the two keys', () => {
  it('sends no specialist a digest, marks nobody, and counts every valid version in `Số liệu`', () => {
    const { world, digestDay } = runCampaign({ specialists: false, configKeys: false });
    expect(digestDay.filter((message) => [MAM_NON_EMAIL, PHO_THONG_EMAIL].includes(message.to))).toEqual([]);
    expect(digestDay.some((message) => message.text.includes('(!)'))).toBe(false);
    expect(planFigures(world.table(SHEET.figures))).toEqual({ reporting: 2, models: 5, notes: [] });
  });
});
