// `Khóa nhận`: after the closing day a valid response is recorded but held as `Nộp sau khóa`.
import { makePeriod, parsePeriods, type CampaignConfig, type Period } from '../../src/domain/campaign';
import { registerVersion, type IncomingResponse, type IntakeContext } from '../../src/domain/intake';
import { PERIOD_COLUMNS, SHEET, columnsOf } from '../../src/domain/layout';
import { renderMail } from '../../src/domain/mail-content';
import { planMail, type ReceiptMail } from '../../src/domain/mail-plan';
import { submissionOf, type RegisterEntry } from '../../src/domain/register';
import { computeStatusBoard, statusOf } from '../../src/domain/status';
import { DEFAULT_PERIOD_ROWS } from '../../src/domain/defaults';
import { vietnamInstant } from '../../src/domain/time';
import { fixtureUnits } from '../fakes/campaign-fixture';
import { MAIL_CONFIG, at } from '../fakes/mail-fixture';
import { recordsOf, tableFromRecords } from '../fakes/tables';
import { GOOD_PLAN } from './forms/form-fixture';

const KH_CLOSING: Period = makePeriod({
  id: 'KH-2023',
  name: 'Kế hoạch năm 2023',
  form: 'plan',
  opensOn: '2023-03-14',
  writtenDueDate: '2023-03-31',
  deadlineRule: 'before',
  graceDays: 0,
  remindBeforeDays: [7, 3, 1],
  remindAfterDays: [1, 3],
  closesOn: '2023-04-05',
});
const CONFIG: CampaignConfig = { ...MAIL_CONFIG, digestEmails: [] };
const UNITS = fixtureUnits();

function context(extensions: IntakeContext['campaign']['extensions'] = []): IntakeContext {
  return { campaign: { config: CONFIG, periods: [KH_CLOSING], extensions }, units: UNITS };
}

function incoming(id: string, when: Date, email: string): IncomingResponse {
  return {
    responseId: id,
    form: 'plan',
    timestamp: when,
    respondentEmail: email,
    response: { answers: GOOD_PLAN, missingColumns: [] },
    editLink: '',
  };
}

const counter = () => {
  let next = 0;
  return () => (next += 1);
};

describe('Khóa nhận', () => {
  it('reads the optional column and refuses a closing day before the due day', () => {
    const [KH] = DEFAULT_PERIOD_ROWS;
    const table = tableFromRecords(SHEET.periods, columnsOf(PERIOD_COLUMNS), [
      { ...KH, [PERIOD_COLUMNS.closesOn]: '05/04/2023' },
    ]);
    const parsed = parsePeriods(recordsOf(table));
    expect(parsed.ok && parsed.value[0]?.closesOn).toBe('2023-04-05');
    const early = tableFromRecords(SHEET.periods, columnsOf(PERIOD_COLUMNS), [
      { ...KH, [PERIOD_COLUMNS.closesOn]: '20/03/2023' },
    ]);
    expect(parsePeriods(recordsOf(early))).toEqual({
      ok: false,
      problems: [
        {
          where: 'Kỳ nộp',
          row: 2,
          column: 'Khóa nhận',
          message: 'ngày khóa nhận 20/03/2023 sớm hơn hạn nộp (hết ngày 30/03/2023).',
        },
      ],
    });
    const bad = tableFromRecords(SHEET.periods, columnsOf(PERIOD_COLUMNS), [
      { ...KH, [PERIOD_COLUMNS.closesOn]: 'mai' },
    ]);
    expect(parsePeriods(recordsOf(bad)).ok).toBe(false);
  });

  it('records a response after the closing day as «Nộp sau khóa», counted only once accepted', () => {
    const before = registerVersion(
      incoming('R1', vietnamInstant('2023-04-05', 22), 'mnhm@truong.example.edu.vn'),
      undefined,
      context(),
      counter(),
    );
    expect(before.outcome).toBe('accepted');
    const after = registerVersion(
      incoming('R2', vietnamInstant('2023-04-06', 8), 'mnhm@truong.example.edu.vn'),
      undefined,
      context(),
      counter(),
    );
    expect(after.outcome).toBe('closed');
    expect(after.problems[0]).toBe(
      'Nộp sau khóa: kỳ «Kế hoạch năm 2023» đã khóa nhận từ hết ngày 05/04/2023; bài được ghi nhận nhưng chỉ được tính khi được chấp nhận.',
    );
    const asOf = at('2023-04-07T08:00');
    const refused = computeStatusBoard(UNITS.all, [KH_CLOSING], [submissionOf(after)], asOf);
    expect(statusOf(refused, 'MNHM', 'KH-2023')).toMatchObject({ status: 'overdue', timeliness: null });
    const accepted: RegisterEntry = { ...after, reviewText: 'Đạt' };
    const counted = computeStatusBoard(UNITS.all, [KH_CLOSING], [submissionOf(accepted)], asOf);
    expect(statusOf(counted, 'MNHM', 'KH-2023')).toMatchObject({ status: 'approved', timeliness: 'late' });
  });

  it('lets a unit whose extension reaches past the closing day submit normally', () => {
    const extension = {
      unitCode: 'MNHM',
      periodId: 'KH-2023',
      newDueDate: '2023-04-10',
      reason: 'Ngập',
      approvedBy: 'Trưởng phòng',
      rowNumber: 2,
    };
    const entry = registerVersion(
      incoming('R3', vietnamInstant('2023-04-08', 8), 'mnhm@truong.example.edu.vn'),
      undefined,
      context([extension]),
      counter(),
    );
    expect(entry).toMatchObject({ outcome: 'accepted', timeliness: 'on_time' });
  });

  it('says in the receipt that the period is closed and whom to call', () => {
    const entry = registerVersion(
      incoming('R2', vietnamInstant('2023-04-06', 8), 'mnhm@truong.example.edu.vn'),
      undefined,
      context(),
      counter(),
    );
    const asOf = at('2023-04-06T09:00');
    const submissions = [submissionOf(entry)];
    const plan = planMail({
      asOf,
      periods: [KH_CLOSING],
      units: UNITS.all,
      board: computeStatusBoard(UNITS.all, [KH_CLOSING], submissions, asOf),
      submissions,
      details: [
        {
          responseId: 'R2',
          unitName: entry.unitName,
          submitterEmail: entry.submitterEmail,
          editLink: '',
          lastVersionAt: entry.lastVersionAt,
          problems: entry.problems,
        },
      ],
      log: [],
      digestEmails: [],
    });
    const receipt = plan.mails.find((mail): mail is ReceiptMail => mail.kind === 'receipt');
    expect(receipt).toMatchObject({ outcome: 'closed', to: ['mnhm@truong.example.edu.vn'] });
    const content = renderMail(receipt as ReceiptMail, { config: CONFIG, asOf, prefilledLink: () => null });
    expect(content.subject).toBe('Đã nhận sau khi khóa nhận: Kế hoạch năm 2023 – Mầm non Hoa Mai');
    expect(content.textBody).toContain('đã khóa nhận từ hết ngày 05/04/2023');
    expect(content.textBody).toContain(
      'Đề nghị đơn vị liên hệ Nguyễn Văn Phụ Trách, email phutrach@pgd.example.edu.vn, điện thoại 028 0000 0000 để được xem xét.',
    );
  });
});
