// Issue 13's specialists, changes between versions and approved-only figures through the Apps
// Script shell (fakes): units answer the plan form (THDD edits its response through its edit link),
// the officer types `Đạt` in `Bài nộp` (the on-edit trigger), the daily trigger sends the digests
// with MailApp — on the campaign of test/fakes/department-asks-campaign.ts.
import { SHEET, SUBMISSION_COLUMNS } from '../../src/domain/layout';
import { REGISTER_HEADERS } from '../../src/domain/register';
import { REVIEW_LABEL } from '../../src/domain/submissions';
import { runExportReportMenu } from '../../src/gas/city-report-doc';
import { runSendReminders } from '../../src/gas/menu-handlers';
import { GasServices } from '../../src/gas/services';
import { SpreadsheetWorkbook } from '../../src/gas/spreadsheet-workbook';
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
  PLAN_VERSIONS,
  RUN_AFTER_FIRST,
  RUN_AFTER_SECOND,
  THDD_CHANGES,
  addedConfigWrite,
  RETURNED_LINES,
  RETURN_NOTE,
  changesByVersion,
  extensionsWrite,
  outcomes,
  periodsWrite,
  planAnswersByTitle,
  planFigures,
  specialistsWrite,
  unitOf,
} from '../fakes/department-asks-campaign';
import { FakeTable } from '../fakes/document-app';
import { asSpreadsheet, asSpreadsheetApp } from '../fakes/spreadsheet-app';
import { at, makeGasWorld, type GasWorld } from './gas-world';
import { fakeUi, spreadsheetAppWithUi } from './report-ui';

const WHOLE_DIGEST = 'tonghop@pgd.example.edu.vn';
const APPROVED_AT = '2023-03-27T10:00';

function mailOf(world: GasWorld, from = 0) {
  return world.mailApp.sent.slice(from).map((mail) => ({
    to: mail.to.join(', '),
    subject: mail.subject,
    text: mail.body,
    html: mail.htmlBody,
  }));
}

/**
 * The campaign in the Apps Script shell, day by day: the department's additions (each left out
 * when the test says), the plan versions through the form, the daily trigger on the days the Node
 * shells run, `Đạt` typed for THCSLQD on 27/03. What each step sent, by its moment.
 */
function runCampaign(options: { specialists?: boolean; configKeys?: boolean } = {}) {
  const world = makeGasWorld({ units: ASKS_UNITS });
  new SpreadsheetWorkbook(asSpreadsheet(world.sheets.spreadsheet), asSpreadsheetApp(world.sheets.app)).write([
    ...(options.configKeys === false ? [] : [addedConfigWrite()]),
    ...(options.specialists === false ? [] : [specialistsWrite()]),
    periodsWrite(),
    extensionsWrite(),
  ]);
  const responseIds = new Map<string, string>();
  const submit = (version: (typeof PLAN_VERSIONS)[number]) => {
    const unit = unitOf(version.unitCode);
    world.setNow(`${version.at}:05`);
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
  };
  const daily = (when: string) => {
    world.setNow(when);
    expect(world.scriptApp.fireClock(at(when))).toBe(1);
  };
  // The officer approves THCSLQD's plan in `Bài nộp`; the on-edit trigger applies it.
  const approve = () => {
    world.setNow(APPROVED_AT);
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
  };
  const steps: [string, () => void][] = [
    ...PLAN_VERSIONS.map((version): [string, () => void] => [version.at, () => submit(version)]),
    ...[RUN_AFTER_FIRST, RUN_AFTER_SECOND, DIGEST_DAY_RUN].map((when): [string, () => void] => [
      when,
      () => daily(when),
    ]),
    [APPROVED_AT, approve],
  ];
  const sentAt = new Map<string, ReturnType<typeof mailOf>>();
  for (const [when, step] of steps.sort(([a], [b]) => a.localeCompare(b))) {
    const before = world.mailApp.sent.length;
    step();
    sentAt.set(when, mailOf(world, before));
  }
  expect(world.logged).toEqual([]);
  const second = PLAN_VERSIONS[2]?.at ?? '';
  return { world, afterSecond: sentAt.get(second) ?? [], digestDay: sentAt.get(DIGEST_DAY_RUN) ?? [] };
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
      'THCSTV v1: ',
      'MNSS v1: ',
    ]);
    const receipts = afterSecond.filter((message) => message.to.includes('thdd@truong.example.edu.vn'));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.text).toContain('Những nội dung thay đổi so với lần nộp trước:');
    for (const change of THDD_CHANGES) expect(receipts[0]?.text).toContain(change);
  });

  it('`Gia hạn`: one mail to the unit; its response after the closing day is valid and on time, its receipt says by when', () => {
    const all = mailOf(world);
    const extension = all.filter((message) => message.subject.startsWith('Gia hạn'));
    expect(extension.map((message) => `${message.to} | ${message.subject}`)).toEqual([
      `mnss@truong.example.edu.vn | ${EXTENSION_SUBJECT}`,
    ]);
    for (const line of EXTENSION_LINES) expect(extension[0]?.text).toContain(line);
    expect(outcomes(world.table(SHEET.submissions))).toContain(OUTCOMES_AFTER.MNSS);
    const receipt = all.find((message) => message.subject === EXTENDED_RECEIPT_SUBJECT);
    expect(receipt?.text).toContain(EXTENDED_RECEIPT_LINE);
  });

  it('`Khóa nhận`: a response after the closing day is recorded `Nộp sau khóa`, counts for nothing, and its receipt says whom to call', () => {
    expect(outcomes(world.table(SHEET.submissions))).toContain(OUTCOMES_AFTER.THCSTV);
    // The form stays open (it serves the next period too): the trigger answers at once.
    const receipts = mailOf(world).filter((message) => message.to === 'thcstv@truong.example.edu.vn');
    expect(receipts.map((message) => message.subject)).toContain(CLOSED_SUBJECT);
    const closed = receipts.find((message) => message.subject === CLOSED_SUBJECT);
    for (const line of CLOSED_LINES) expect(closed?.text).toContain(line);
    const figures = world.table(SHEET.figures);
    const codeColumn = figures?.headers.indexOf('Mã đơn vị') ?? -1;
    const reportingColumn = figures?.headers.indexOf('Số đơn vị có số liệu') ?? -1;
    expect(figures?.rows.find((row) => row[codeColumn] === 'THCSTV')?.[reportingColumn]).toBe(0);
  });

  it('«Xuất báo cáo»: the City report counts approved versions only, says so, and lists the extension', () => {
    const { ui, prompts } = fakeUi({ button: 'OK', text: 'KH-2023' });
    const spreadsheetApp = spreadsheetAppWithUi(world.globals.SpreadsheetApp, ui);
    runExportReportMenu(
      new GasServices(
        { ...world.globals, SpreadsheetApp: spreadsheetApp },
        { now: () => at(DIGEST_DAY_RUN) },
      ),
    );
    expect(prompts).toHaveLength(1);
    const [document] = world.documentApp.documents;
    const elements = document?.storedBody.elements ?? [];
    const paragraphs = elements.flatMap((element) =>
      element instanceof FakeTable ? element.storedText.flat() : [element.storedText],
    );
    for (const line of CITY_REPORT_LINES) expect(paragraphs).toContain(line);
    expect(paragraphs.join('|')).toContain(CITY_REPORT_EXTENSION_ROW.join('|'));
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

  // Last: it changes the campaign.
  it('«Yêu cầu bổ sung»: the mail quotes the note and lists what the reviewed version changed', () => {
    world.setNow('2023-04-11T09:00');
    const sheet = world.sheets.spreadsheet.getSheetByName(SHEET.submissions);
    const register = world.table(SHEET.submissions);
    const unitColumn = register?.headers.indexOf(SUBMISSION_COLUMNS.unitCode) ?? -1;
    const row = (register?.rows.findIndex((cells) => cells[unitColumn] === 'THDD') ?? -1) + 2;
    const reviewColumn = REGISTER_HEADERS.indexOf(SUBMISSION_COLUMNS.review) + 1;
    const noteColumn = REGISTER_HEADERS.indexOf(SUBMISSION_COLUMNS.reviewNote) + 1;
    sheet?.getRange(row, noteColumn).setValue(RETURN_NOTE);
    sheet?.getRange(row, reviewColumn).setValue(REVIEW_LABEL.returned);
    const before = world.mailApp.sent.length;
    world.scriptApp.fireEdit(world.sheets.spreadsheet.spreadsheetId, {
      range: sheet?.getRange(row, reviewColumn),
    });
    const returned = mailOf(world, before).filter((message) => message.subject.startsWith('Yêu cầu bổ sung'));
    expect(returned.map((message) => message.to)).toEqual(['thdd@truong.example.edu.vn']);
    for (const line of RETURNED_LINES) expect(returned[0]?.text).toContain(line);
    expect(world.logged).toEqual([]);
  });
});

describe('the same spreadsheet without `Phụ trách` and the two keys', () => {
  it('sends no specialist a digest, marks nobody, and counts every valid version in `Số liệu`', () => {
    const { world, digestDay } = runCampaign({ specialists: false, configKeys: false });
    expect(digestDay.filter((message) => [MAM_NON_EMAIL, PHO_THONG_EMAIL].includes(message.to))).toEqual([]);
    expect(digestDay.some((message) => message.text.includes('(!)'))).toBe(false);
    expect(planFigures(world.table(SHEET.figures))).toEqual({ reporting: 3, models: 7, notes: [] });
  });
});
