import { makePeriod, type Period } from '../../src/domain/campaign';
import { escapeHtml, headerText, renderMail, type MailContent } from '../../src/domain/mail-content';
import { planMail, type MailLogEntry } from '../../src/domain/mail-plan';
import { computeStatusBoard } from '../../src/domain/status';
import { UnitRegistry, type Unit } from '../../src/domain/units';
import { makeUnit, periods2023 } from '../fakes/campaign-fixture';
import {
  at,
  detailsOf,
  logEntry,
  MAIL_CONFIG,
  submissionOf,
  type SubmissionFields,
} from '../fakes/mail-fixture';

const PERIODS = periods2023();
const HOA_MAI = makeUnit({
  code: 'MNHM',
  name: 'Trường Mầm non Hoa Mai',
  emails: ['hieutruong@mnhoamai.example.edu.vn'],
});
const DANG_DUC = makeUnit({
  code: 'THDD',
  name: 'Trường Tiểu học Đặng Đức',
  head: 'Trần Văn Hiệu',
  phone: '0909 111 222',
});

interface Scenario {
  readonly units?: readonly Unit[];
  readonly periods?: readonly Period[];
  readonly register?: readonly SubmissionFields[];
  readonly log?: readonly MailLogEntry[];
  readonly digestEmails?: readonly string[];
  readonly prefilled?: boolean;
}

/** Every mail due at `asOf`, rendered, by key. */
function render(asOf: string, scenario: Scenario = {}): Map<string, MailContent> {
  const moment = at(asOf);
  const units = new UnitRegistry(scenario.units ?? [HOA_MAI]).all;
  const periods = scenario.periods ?? PERIODS;
  const submissions = (scenario.register ?? []).map(submissionOf);
  const plan = planMail({
    asOf: moment,
    periods,
    units,
    board: computeStatusBoard(units, periods, submissions, moment),
    submissions,
    details: (scenario.register ?? []).map(detailsOf),
    log: scenario.log ?? [],
    digestEmails: scenario.digestEmails ?? [],
  });
  // A report's link also names its period, so the school lands on the right `Kỳ báo cáo`.
  const prefilledLink = (unit: Unit, period: Pick<Period, 'form' | 'name'>) =>
    scenario.prefilled === false
      ? null
      : `https://docs.google.com/forms/d/e/KH/viewform?entry.1=${unit.code}` +
        (period.form === 'report' ? `&entry.2=${encodeURIComponent(period.name)}` : '');
  return new Map(
    plan.mails.map((mail) => [
      mail.key,
      renderMail(mail, { config: MAIL_CONFIG, asOf: moment, prefilledLink }),
    ]),
  );
}

function only(contents: Map<string, MailContent>, key: string): MailContent {
  const content = contents.get(key);
  if (!content) throw new Error(`no mail ${key}; planned: ${[...contents.keys()].join(', ')}`);
  return content;
}

const CLOSING = [
  'Mọi thắc mắc xin liên hệ Nguyễn Văn Phụ Trách, email phutrach@pgd.example.edu.vn, điện thoại 028 0000 0000.',
  '',
  'Trân trọng,',
  'Phòng Giáo dục và Đào tạo thành phố Thủ Đức',
  '',
  '--',
  'Phòng Giáo dục và Đào tạo thành phố Thủ Đức – Người phụ trách: Nguyễn Văn Phụ Trách – phutrach@pgd.example.edu.vn – 028 0000 0000',
  'Thư này được gửi tự động từ hệ thống theo dõi hạn nộp; thư trả lời sẽ đến người phụ trách.',
  '',
];

describe('renderMail: notices', () => {
  it('writes a reminder in formal Vietnamese, word for word', () => {
    const mail = only(render('2023-03-23T07:00'), 'unit:MNHM:2023-03-23');
    expect(mail.subject).toBe('Nhắc hạn nộp Kế hoạch năm 2023 – Trường Mầm non Hoa Mai');
    expect(mail.textBody).toBe(
      [
        'Kính gửi Thủ trưởng Trường Mầm non Hoa Mai,',
        '',
        'Căn cứ Kế hoạch thực hiện công tác dân vận của chính quyền năm 2023, Phòng Giáo dục và Đào tạo thành phố Thủ Đức đề nghị đơn vị lưu ý các nội dung sau:',
        '',
        '1. Kế hoạch năm 2023: đơn vị chưa nộp, còn 7 ngày đến hạn.',
        '   Hạn nộp: hết ngày 30/03/2023 (kế hoạch ghi “trước ngày 31/03/2023”).',
        '   Đường dẫn nộp riêng của đơn vị (đã điền sẵn tên đơn vị): https://docs.google.com/forms/d/e/KH/viewform?entry.1=MNHM',
        '',
        'Đề nghị Thủ trưởng đơn vị chỉ đạo hoàn thành và gửi đúng thời hạn.',
        'Trường hợp đơn vị đã nộp, xin vui lòng bỏ qua thư này.',
        '',
        ...CLOSING,
      ].join('\n'),
    );
    expect(mail.htmlBody).toContain(
      '<p style="margin:0 0 12px">Kính gửi Thủ trưởng Trường Mầm non Hoa Mai,</p>',
    );
    expect(mail.htmlBody).toContain(
      '<a href="https://docs.google.com/forms/d/e/KH/viewform?entry.1=MNHM">https://docs.google.com/forms/d/e/KH/viewform?entry.1=MNHM</a>',
    );
    expect(mail.htmlBody).toContain(
      '<strong>Kế hoạch năm 2023</strong>: đơn vị chưa nộp, còn 7 ngày đến hạn.',
    );
  });

  it('says when the last day is today, and how many days a unit is late', () => {
    const dayBefore = only(render('2023-03-29T07:00'), 'unit:MNHM:2023-03-29');
    expect(dayBefore.textBody).toContain('1. Kế hoạch năm 2023: đơn vị chưa nộp, còn 1 ngày đến hạn.');
    // A run on the last day itself (here after missing 29/03) says so.
    const lastDay = only(render('2023-03-30T07:00'), 'unit:MNHM:2023-03-30');
    expect(lastDay.textBody).toContain(
      '1. Kế hoạch năm 2023: đơn vị chưa nộp, hôm nay là ngày cuối cùng của hạn nộp.',
    );
    const overdue = only(render('2023-04-06T07:00'), 'unit:MNHM:2023-04-06');
    expect(overdue.subject).toBe('Quá hạn nộp Kế hoạch năm 2023 – Trường Mầm non Hoa Mai');
    expect(overdue.textBody).toContain('1. Kế hoạch năm 2023: đơn vị chưa nộp, đã quá hạn 7 ngày.');
    expect(overdue.textBody).toContain(
      'Đề nghị Thủ trưởng đơn vị khẩn trương chỉ đạo hoàn thành và gửi về Phòng Giáo dục và Đào tạo thành phố Thủ Đức.',
    );
  });

  it('points to the form the department sent when no pre-filled link is known', () => {
    const mail = only(render('2023-03-23T07:00', { prefilled: false }), 'unit:MNHM:2023-03-23');
    expect(mail.textBody).toContain(
      '   Đơn vị nộp qua đường dẫn biểu mẫu «Kế hoạch» mà Phòng Giáo dục và Đào tạo thành phố Thủ Đức đã gửi đơn vị.',
    );
  });

  it('lists what to fix, with the edit link, and counts late days only for a unit never accepted', () => {
    const register: SubmissionFields[] = [
      {
        responseId: 'R9',
        unitCode: 'MNHM',
        periodId: 'KH-2023',
        submittedAt: at('2023-03-20T10:00'),
        outcome: 'rejected',
        problems: ['«Số điện thoại liên hệ»: «12345» không phải là số điện thoại hợp lệ.'],
        editLink: 'https://docs.google.com/forms/d/e/KH/viewform?edit2=R9',
      },
    ];
    const log = [
      logEntry('receipt:R9:v1', at('2023-03-20T11:00'), { unitCode: 'MNHM', periodIds: ['KH-2023'] }),
    ];
    const mail = only(render('2023-04-02T07:00', { register, log }), 'unit:MNHM:2023-04-02');
    expect(mail.subject).toBe('Cần bổ sung Kế hoạch năm 2023 – Trường Mầm non Hoa Mai');
    expect(mail.textBody).toContain(
      [
        '1. Kế hoạch năm 2023: bài nộp cần được bổ sung, chỉnh sửa; đã quá hạn 3 ngày.',
        '   Hạn nộp: hết ngày 30/03/2023 (kế hoạch ghi “trước ngày 31/03/2023”).',
        '   Nội dung cần bổ sung, chỉnh sửa:',
        '   • «Số điện thoại liên hệ»: «12345» không phải là số điện thoại hợp lệ.',
        '   Sửa bài đã nộp tại: https://docs.google.com/forms/d/e/KH/viewform?edit2=R9',
      ].join('\n'),
    );
    expect(mail.textBody).toContain('Đề nghị đơn vị bổ sung, chỉnh sửa và gửi lại sớm.\n');
    expect(mail.textBody).not.toContain('bỏ qua thư này');

    const onTimeThenReturned: SubmissionFields[] = [
      {
        responseId: 'R1',
        unitCode: 'MNHM',
        periodId: 'KH-2023',
        submittedAt: at('2023-03-25T08:00'),
        review: 'returned',
        reviewNote: 'Thiếu chữ ký.',
      },
    ];
    const returnedLog = [
      logEntry('receipt:R1:v1', at('2023-03-25T09:00'), { unitCode: 'MNHM', periodIds: ['KH-2023'] }),
      logEntry('returned:R1:v1', at('2023-03-26T07:00'), { unitCode: 'MNHM', periodIds: ['KH-2023'] }),
    ];
    const returned = only(
      render('2023-04-02T07:00', { register: onTimeThenReturned, log: returnedLog }),
      'unit:MNHM:2023-04-02',
    );
    expect(returned.textBody).toContain('1. Kế hoạch năm 2023: bài nộp cần được bổ sung, chỉnh sửa.\n');
    expect(returned.textBody).toContain('   • Yêu cầu bổ sung: Thiếu chữ ký.');
  });

  it('names every period of a unit in the subject, most urgent first', () => {
    const quarter = makePeriod({
      id: 'BC-Q1',
      name: 'Báo cáo quý I năm 2023',
      form: 'report',
      opensOn: '2023-03-14',
      writtenDueDate: '2023-04-03',
      deadlineRule: 'before',
      graceDays: 0,
      remindBeforeDays: [2],
      remindAfterDays: [],
    });
    const mail = only(
      render('2023-03-31T07:00', { periods: [PERIODS[0] as Period, quarter] }),
      'unit:MNHM:2023-03-31',
    );
    expect(mail.subject).toBe(
      'Quá hạn nộp Kế hoạch năm 2023; nhắc hạn nộp Báo cáo quý I năm 2023 – Trường Mầm non Hoa Mai',
    );
    expect(mail.textBody).toContain('1. Kế hoạch năm 2023: đơn vị chưa nộp, đã quá hạn 1 ngày.');
    expect(mail.textBody).toContain('2. Báo cáo quý I năm 2023: đơn vị chưa nộp, còn 2 ngày đến hạn.');
    expect(mail.textBody).toContain(
      'viewform?entry.1=MNHM&entry.2=B%C3%A1o%20c%C3%A1o%20qu%C3%BD%20I%20n%C4%83m%202023',
    );
  });
});

describe('renderMail: receipts and returns', () => {
  const accepted: SubmissionFields = {
    responseId: 'R1',
    unitCode: 'MNHM',
    periodId: 'KH-2023',
    submittedAt: at('2023-03-27T06:30'),
    submitterEmail: 'vanthu@mnhoamai.example.edu.vn',
    editLink: 'https://docs.google.com/forms/d/e/KH/viewform?edit2=R1',
  };

  it('confirms an accepted submission with its time, its timeliness and the edit link', () => {
    const mail = only(render('2023-03-27T07:00', { register: [accepted] }), 'receipt:R1:v1');
    expect(mail.subject).toBe('Đã nhận Kế hoạch năm 2023 – Trường Mầm non Hoa Mai');
    expect(mail.textBody).toBe(
      [
        'Kính gửi Thủ trưởng Trường Mầm non Hoa Mai,',
        '',
        'Phòng Giáo dục và Đào tạo thành phố Thủ Đức đã nhận Kế hoạch năm 2023 của đơn vị, nộp lúc 27/03/2023 06:30 (lần nộp thứ 1).',
        '',
        'Đơn vị nộp đúng hạn (hạn nộp: hết ngày 30/03/2023, kế hoạch ghi “trước ngày 31/03/2023”).',
        '',
        'Nếu cần chỉnh sửa, đơn vị dùng đường dẫn sau (mỗi lần sửa được ghi nhận là một lần nộp mới):',
        'https://docs.google.com/forms/d/e/KH/viewform?edit2=R1',
        '',
        ...CLOSING,
      ].join('\n'),
    );
    const late = only(
      render('2023-04-05T07:00', { register: [{ ...accepted, submittedAt: at('2023-04-04T15:00') }] }),
      'receipt:R1:v1',
    );
    expect(late.textBody).toContain(
      'Đơn vị nộp trễ hạn 5 ngày (hạn nộp: hết ngày 30/03/2023, kế hoạch ghi “trước ngày 31/03/2023”).',
    );
    const warned = only(
      render('2023-03-27T07:00', {
        register: [{ ...accepted, problems: ['Lưu ý: «Số, ký hiệu văn bản» nên có dạng 15/KH-MNHM.'] }],
      }),
      'receipt:R1:v1',
    );
    expect(warned.textBody).toContain(
      'Một số điểm đơn vị cần lưu ý (không ảnh hưởng đến việc ghi nhận):\n\n- «Số, ký hiệu văn bản» nên có dạng 15/KH-MNHM.',
    );
  });

  it('lists every problem of a rejected submission, then the warnings, with the edit link', () => {
    const rejected: SubmissionFields = {
      ...accepted,
      outcome: 'rejected',
      problems: [
        '«Số điện thoại liên hệ»: «12345» không phải là số điện thoại hợp lệ.',
        '«Nội dung trọng tâm đã đưa vào kế hoạch»: còn thiếu «Cải cách hành chính, văn bản điện tử, ISO 9001».',
        'Lưu ý: «Ngày ban hành» không thuộc năm 2023.',
      ],
    };
    const mail = only(render('2023-03-27T07:00', { register: [rejected] }), 'receipt:R1:v1');
    expect(mail.subject).toBe('Bài nộp chưa hợp lệ: Kế hoạch năm 2023 – Trường Mầm non Hoa Mai');
    expect(mail.textBody).toContain(
      [
        'Phòng Giáo dục và Đào tạo thành phố Thủ Đức đã nhận Kế hoạch năm 2023 của đơn vị lúc 27/03/2023 06:30 (lần nộp thứ 1), nhưng bài nộp chưa hợp lệ nên chưa được tính là đã nộp.',
        '',
        'Đơn vị vui lòng sửa các lỗi sau:',
        '',
        '- «Số điện thoại liên hệ»: «12345» không phải là số điện thoại hợp lệ.',
        '- «Nội dung trọng tâm đã đưa vào kế hoạch»: còn thiếu «Cải cách hành chính, văn bản điện tử, ISO 9001».',
        '',
        'Đơn vị cũng nên xem lại:',
        '',
        '- «Ngày ban hành» không thuộc năm 2023.',
        '',
        'Sửa bài đã nộp tại: https://docs.google.com/forms/d/e/KH/viewform?edit2=R1',
        '',
        'Hạn nộp: hết ngày 30/03/2023 (kế hoạch ghi “trước ngày 31/03/2023”).',
      ].join('\n'),
    );
    const rejectedEdit = only(
      render('2023-03-28T07:00', {
        register: [
          {
            ...rejected,
            version: 2,
            acceptedAt: at('2023-03-27T06:30'),
            lastVersionAt: at('2023-03-28T06:00'),
          },
        ],
        log: [
          logEntry('receipt:R1:v1', at('2023-03-27T07:00'), { unitCode: 'MNHM', periodIds: ['KH-2023'] }),
        ],
      }),
      'receipt:R1:v2',
    );
    expect(rejectedEdit.textBody).toContain('lúc 28/03/2023 06:00 (lần nộp thứ 2)');
    expect(rejectedEdit.textBody).toContain(
      'Bản chỉnh sửa lần này chưa hợp lệ; bản hợp lệ đã nộp trước đó vẫn được giữ.',
    );
  });

  it('tells the unproven sender how to prove who they are, and nothing of the unit, its status or its problems', () => {
    const held: SubmissionFields = {
      ...accepted,
      outcome: 'held',
      submitterEmail: 'nguoi.la@mail.example.com',
      problems: [
        'Chưa xác minh được người nộp: địa chỉ email không có trong danh sách của đơn vị và mã xác nhận không đúng.',
        'Câu «Số điện thoại liên hệ»: «1» không phải là số điện thoại hợp lệ.',
      ],
    };
    const mail = only(render('2023-03-27T07:00', { register: [held] }), 'receipt:R1:v1');
    expect(mail.subject).toBe('Cần xác minh người nộp: Kế hoạch năm 2023');
    expect(mail.textBody).toContain('Kính gửi Quý người nộp,');
    expect(mail.textBody).toContain(
      'Phòng Giáo dục và Đào tạo thành phố Thủ Đức đã nhận bài nộp Kế hoạch năm 2023 gửi từ địa chỉ email nguoi.la@mail.example.com lúc 27/03/2023 06:30, nhưng chưa xác minh được người nộp thuộc đơn vị được chọn. Bài nộp chưa được tính cho đơn vị nào.',
    );
    expect(mail.textBody).toContain(
      [
        '- gửi từ địa chỉ email đã đăng ký của đơn vị (trong danh sách «Đơn vị»);',
        '- ghi đúng mã xác nhận mà đơn vị đã được cấp vào câu «Mã xác nhận».',
      ].join('\n'),
    );
    for (const body of [mail.subject, mail.textBody, mail.htmlBody]) {
      expect(body).not.toContain('Hoa Mai');
      expect(body).not.toContain('Thủ trưởng');
      expect(body).not.toContain('entry.1=MNHM');
      expect(body).not.toContain('edit2=R1');
      expect(body).not.toContain('Số điện thoại');
      expect(body).not.toMatch(/đúng hạn|trễ hạn|quá hạn/i);
    }
  });

  it('quotes the department’s note when it returns a submission', () => {
    const returned: SubmissionFields = {
      ...accepted,
      review: 'returned',
      reviewNote: 'Thiếu chữ ký của Thủ trưởng; bổ sung số liệu mục 2.',
    };
    const mail = only(render('2023-03-28T07:00', { register: [returned] }), 'returned:R1:v1');
    expect(mail.subject).toBe('Yêu cầu bổ sung Kế hoạch năm 2023 – Trường Mầm non Hoa Mai');
    expect(mail.textBody).toContain(
      [
        'Phòng Giáo dục và Đào tạo thành phố Thủ Đức đã xem xét Kế hoạch năm 2023 đơn vị nộp lúc 27/03/2023 06:30 và đề nghị đơn vị bổ sung, chỉnh sửa theo ý kiến sau:',
        '',
        '> Thiếu chữ ký của Thủ trưởng; bổ sung số liệu mục 2.',
        '',
        'Đơn vị chỉnh sửa bài đã nộp tại: https://docs.google.com/forms/d/e/KH/viewform?edit2=R1',
      ].join('\n'),
    );
    expect(mail.htmlBody).toContain('Thiếu chữ ký của Thủ trưởng; bổ sung số liệu mục 2.</blockquote>');
  });
});

describe('renderMail: the digest', () => {
  it('lists the late units with their contacts, and the rates', () => {
    const units = [HOA_MAI, DANG_DUC, makeUnit({ code: 'THCS', name: 'Trường THCS Linh Trung' })];
    const register: SubmissionFields[] = [
      { responseId: 'R1', unitCode: 'THCS', periodId: 'KH-2023', submittedAt: at('2023-03-29T09:00') },
    ];
    const log = [
      logEntry('receipt:R1:v1', at('2023-03-29T10:00'), { unitCode: 'THCS', periodIds: ['KH-2023'] }),
    ];
    const mail = only(
      render('2023-03-31T07:00', { units, register, log, digestEmails: ['tonghop@pgd.example.edu.vn'] }),
      'digest:2023-03-31',
    );
    expect(mail.subject).toBe('Tổng hợp tình hình nộp ngày 31/03/2023: 2 đơn vị chưa nộp đúng yêu cầu');
    expect(mail.textBody).toContain(
      [
        'Kính gửi Lãnh đạo Phòng Giáo dục và Đào tạo thành phố Thủ Đức,',
        '',
        'Tình hình nộp theo Kế hoạch thực hiện công tác dân vận của chính quyền năm 2023, tính đến 31/03/2023 07:00:',
        '',
        'KẾ HOẠCH NĂM 2023',
        '',
        'Hạn nộp: hết ngày 30/03/2023 (kế hoạch ghi “trước ngày 31/03/2023”).',
        'Phải nộp 3 đơn vị; đã nộp 1 (33,3%); đúng hạn 1 (33,3%); trễ hạn 0; quá hạn 2; cần bổ sung 0; đã duyệt 0.',
        '',
        'Mã đơn vị | Tên đơn vị | Tình trạng | Quá hạn (ngày) | Thủ trưởng | Điện thoại | Email',
        'MNHM | Trường Mầm non Hoa Mai | Quá hạn | 1 | Nguyễn Thị Hiệu Trưởng | 0901234567 | hieutruong@mnhoamai.example.edu.vn',
        'THDD | Trường Tiểu học Đặng Đức | Quá hạn | 1 | Trần Văn Hiệu | 0909 111 222 | thdd@truong.example.edu.vn',
      ].join('\n'),
    );
    expect(mail.htmlBody).toContain(
      '<td style="border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top">Trần Văn Hiệu</td>',
    );
  });
});

describe('untrusted text', () => {
  const hostile = makeUnit({
    code: 'X1',
    name: 'Trường <img src=x onerror=alert(1)> & "Bạn"',
    emails: ['x1@truong.example.edu.vn'],
  });

  it('escapes every value from a sheet in the HTML body', () => {
    const register: SubmissionFields[] = [
      {
        responseId: 'R1',
        unitCode: 'X1',
        periodId: 'KH-2023',
        submittedAt: at('2023-03-27T06:30'),
        review: 'returned',
        reviewNote: '<script>alert("x")</script>',
        editLink: 'javascript:alert(1)',
      },
    ];
    const contents = render('2023-03-27T07:00', { units: [hostile], register });
    const returned = only(contents, 'returned:R1:v1');
    for (const html of [returned.htmlBody]) {
      expect(html).not.toContain('<img');
      expect(html).not.toContain('<script');
      expect(html).toContain('Trường &lt;img src=x onerror=alert(1)&gt; &amp; &quot;Bạn&quot;');
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      expect(html).not.toContain('href="javascript:');
    }
    expect(returned.textBody).toContain('Kính gửi Thủ trưởng Trường <img src=x onerror=alert(1)> & "Bạn",');
    const notice = only(render('2023-03-23T07:00', { units: [hostile] }), 'unit:X1:2023-03-23');
    expect(notice.htmlBody).not.toContain('<img');
    expect(notice.htmlBody).toContain(
      'Kính gửi Thủ trưởng Trường &lt;img src=x onerror=alert(1)&gt; &amp; &quot;Bạn&quot;,',
    );
  });

  it('lets no line break reach the subject', () => {
    const broken = makeUnit({
      code: 'X2',
      name: 'Trường A\r\nBcc: ai@evil.example\u2028B',
      emails: ['x2@truong.example.edu.vn'],
    });
    const mail = only(render('2023-03-23T07:00', { units: [broken] }), 'unit:X2:2023-03-23');
    expect(mail.subject).toBe('Nhắc hạn nộp Kế hoạch năm 2023 – Trường A Bcc: ai@evil.example B');
    expect(mail.subject).not.toMatch(/[\r\n\u2028]/);
  });

  it('escapeHtml and headerText do what they say', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(headerText(' Tiêu đề\r\n\tdòng hai\u0085\u0000 ')).toBe('Tiêu đề dòng hai');
  });
});

describe('renderMail: the opening notice', () => {
  const WITH_CODE = makeUnit({
    code: 'MNHM',
    name: 'Trường Mầm non Hoa Mai',
    emails: ['hieutruong@mnhoamai.example.edu.vn'],
    confirmationCode: 'K7Q2MX',
  });
  // Only the 6-month report: no notice about the plan shares the day.
  const REPORT_ONLY = PERIODS.filter((period) => period.id === 'BC6T-2023');

  it('tells the unit what opens, the deadline in both wordings, its own link and its code', () => {
    const mail = only(
      render('2023-04-01T07:00', { units: [WITH_CODE], periods: REPORT_ONLY }),
      'opening:MNHM:BC6T-2023',
    );
    expect(mail.subject).toBe('Mở nhận Báo cáo 6 tháng đầu năm 2023 – Trường Mầm non Hoa Mai');
    const lines = mail.textBody.split('\n');
    expect(lines).toContain(
      'Căn cứ Kế hoạch thực hiện công tác dân vận của chính quyền năm 2023, Phòng Giáo dục và Đào tạo thành phố Thủ Đức bắt đầu nhận Báo cáo 6 tháng đầu năm 2023 (biểu mẫu «Báo cáo») từ ngày 01/04/2023.',
    );
    expect(mail.textBody).toMatch(/Hạn nộp: .*\(kế hoạch ghi “trước ngày 01\/05\/2023”\)\./);
    expect(mail.textBody).toContain(
      'https://docs.google.com/forms/d/e/KH/viewform?entry.1=MNHM&entry.2=B%C3%A1o%20c%C3%A1o%206%20th%C3%A1ng%20%C4%91%E1%BA%A7u%20n%C4%83m%202023',
    );
    expect(lines).toContain('Mã xác nhận của đơn vị: K7Q2MX');
    expect(mail.htmlBody).toContain('<strong>K7Q2MX</strong>');
  });

  it('is not sent to a unit that has already submitted, nor once its first days are over', () => {
    expect([...render('2023-04-04T07:00', { units: [WITH_CODE], periods: REPORT_ONLY }).keys()]).toEqual([
      'opening:MNHM:BC6T-2023',
    ]);
    const submitted = render('2023-04-01T07:00', {
      units: [WITH_CODE],
      periods: REPORT_ONLY,
      register: [
        {
          responseId: 'R1',
          unitCode: 'MNHM',
          periodId: 'BC6T-2023',
          submittedAt: at('2023-04-01T06:00'),
        },
      ],
    });
    expect([...submitted.keys()].filter((key) => key.startsWith('opening:'))).toEqual([]);
    const later = render('2023-04-05T07:00', { units: [WITH_CODE], periods: REPORT_ONLY });
    expect([...later.keys()].filter((key) => key.startsWith('opening:'))).toEqual([]);
  });
});
