import { FOCUS_AREAS } from '../../../src/domain/forms/plan-form';
import { validateResponse } from '../../../src/domain/forms/validate';
import { vietnamInstant } from '../../../src/domain/time';
import { FIXTURE_UNITS } from '../../fakes/campaign-fixture';
import { GOOD_PLAN, PLAN_FORM, check, formContext, messagesOf, response } from './form-fixture';

const FOCUS = 'Nội dung trọng tâm đã đưa vào kế hoạch';
const DVK_COUNT = 'Số mô hình, điển hình “Dân vận khéo” đăng ký';
const DVK_NAMES = 'Tên các mô hình, điển hình “Dân vận khéo” (mỗi dòng một tên)';

/** The only error of the good plan with these changes. */
function errorOf(changes: Parameters<typeof check>[1]): string[] {
  const result = check(PLAN_FORM, changes);
  expect(result.ok).toBe(false);
  return messagesOf(result.errors);
}

function accepted(changes: Parameters<typeof check>[1]) {
  const result = check(PLAN_FORM, changes);
  expect(result.errors).toEqual([]);
  if (!result.ok) throw new Error('rejected');
  return result.answers;
}

describe('a good plan', () => {
  it('is accepted with typed answers and no warning', () => {
    const result = validateResponse(PLAN_FORM, response(GOOD_PLAN), formContext('plan'));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.answers).toEqual({
      unit: FIXTURE_UNITS[0],
      code: 'MNHM-7K2Q',
      reporter: 'Nguyễn Thị Lan',
      position: 'Hiệu trưởng',
      phone: '0901234567',
      docNumber: '15/KH-MNHM',
      docDate: '2023-03-20',
      docLink: 'https://drive.google.com/file/d/abc123/view',
      focusAreas: [...FOCUS_AREAS],
      dvkCount: 2,
      dvkNames: ['Mô hình “Cổng trường an toàn”', 'Điển hình “Cô giáo tận tụy”'],
      councilDate: '2023-03-25',
      notes: '',
    });
  });

  it('is accepted as the Forms API gives it: lists, ISO dates, no item for blank answers', () => {
    const { notes: _notes, code: _code, councilDate: _councilDate, ...answered } = GOOD_PLAN;
    const result = validateResponse(
      PLAN_FORM,
      response({ ...answered, focusAreas: [...FOCUS_AREAS].reverse(), docDate: '2023-03-20' }),
      formContext('plan'),
    );
    expect(result.errors).toEqual([]);
    expect(result.answers).toMatchObject({
      code: '',
      councilDate: null,
      notes: '',
      focusAreas: [...FOCUS_AREAS],
    });
  });

  it('is accepted from sheet cells: date cells and numbers', () => {
    const answers = accepted({ docDate: vietnamInstant('2023-03-20'), dvkCount: 2, phone: 901234567 });
    expect(answers).toMatchObject({ docDate: '2023-03-20', dvkCount: 2, phone: '0901234567' });
  });
});

describe('Đơn vị', () => {
  it('is required', () => {
    expect(errorOf({ unit: '' })).toEqual(['Câu «Đơn vị»: chưa được trả lời.']);
  });

  it('must be a unit of the list', () => {
    expect(errorOf({ unit: 'XYZ - Trường lạ' })).toEqual([
      'Câu «Đơn vị»: «XYZ - Trường lạ» không có trong danh sách đơn vị.',
    ]);
  });

  it('must be an active unit', () => {
    expect(errorOf({ unit: 'MNCU - Mầm non Cũ' })).toEqual([
      'Câu «Đơn vị»: «MNCU - Mầm non Cũ» là đơn vị đã ngừng hoạt động.',
    ]);
  });

  it.each([
    'mnhm - mam non hoa mai',
    'MNHM - Mầm non Hoa Mai'.normalize('NFD'),
    '  MNHM   -   Tên đã đổi ',
    'MNHM',
    'mầm non hoa mai',
  ])('is found from %j', (typed) => {
    expect(accepted({ unit: typed }).unit.code).toBe('MNHM');
  });
});

describe('Mã xác nhận', () => {
  it('is optional and kept without spaces or case', () => {
    expect(accepted({ code: '' }).code).toBe('');
    expect(accepted({ code: ' mnhm 7k2q ' }).code).toBe('MNHM7K2Q');
  });
});

describe('Họ và tên người báo cáo', () => {
  it('has 2 to 100 characters', () => {
    expect(errorOf({ reporter: 'A' })).toEqual([
      'Câu «Họ và tên người báo cáo»: «A» phải có từ 2 đến 100 ký tự (hiện có 1).',
    ]);
    expect(errorOf({ reporter: 'A'.repeat(101) })).toEqual([
      `Câu «Họ và tên người báo cáo»: «${'A'.repeat(99)}…» phải có từ 2 đến 100 ký tự (hiện có 101).`,
    ]);
    expect(accepted({ reporter: 'Lê' }).reporter).toBe('Lê');
    expect(accepted({ reporter: 'Ê'.repeat(100).normalize('NFD') }).reporter).toBe('Ê'.repeat(100));
  });

  it('is required', () => {
    expect(errorOf({ reporter: '   ' })).toEqual(['Câu «Họ và tên người báo cáo»: chưa được trả lời.']);
  });
});

describe('Chức vụ', () => {
  it('is required', () => {
    expect(errorOf({ position: '' })).toEqual(['Câu «Chức vụ»: chưa được trả lời.']);
  });
});

describe('Số điện thoại liên hệ', () => {
  it('is 0 or +84 and 9–10 digits', () => {
    expect(errorOf({ phone: '12345' })).toEqual([
      'Câu «Số điện thoại liên hệ»: «12345» không phải là số điện thoại hợp lệ (bắt đầu bằng 0 hoặc +84, tiếp theo là 9–10 chữ số).',
    ]);
    expect(accepted({ phone: '+84 912.345-678' }).phone).toBe('+84912345678');
  });

  it('is required', () => {
    expect(errorOf({ phone: null })).toEqual(['Câu «Số điện thoại liên hệ»: chưa được trả lời.']);
  });
});

describe('Số, ký hiệu văn bản', () => {
  it('is required', () => {
    expect(errorOf({ docNumber: '' })).toEqual(['Câu «Số, ký hiệu văn bản»: chưa được trả lời.']);
  });

  it('is accepted with a warning unless it looks like 15/KH-MNHM', () => {
    const result = check(PLAN_FORM, { docNumber: 'Kế hoạch số 15' });
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      {
        questionKey: 'docNumber',
        questionTitle: 'Số, ký hiệu văn bản',
        typed: 'Kế hoạch số 15',
        message:
          'Câu «Số, ký hiệu văn bản»: «Kế hoạch số 15» chưa đúng dạng thường dùng (ví dụ «15/KH-MNHM»); đề nghị kiểm tra lại.',
      },
    ]);
    expect(messagesOf(check(PLAN_FORM, { docNumber: '15/BC-MNHM' }).warnings)).toEqual([
      'Câu «Số, ký hiệu văn bản»: «15/BC-MNHM» chưa đúng dạng thường dùng (ví dụ «15/KH-MNHM»); đề nghị kiểm tra lại.',
    ]);
  });

  it.each(['15/KH-MNHM', '15/kh-mnhm', '015 / KH - MNHM', '123/KH-THCS.LQD', '7a/KH-PGDĐT', '2/KH-MN-HM'])(
    'takes %j without a warning',
    (typed) => {
      expect(check(PLAN_FORM, { docNumber: typed }).warnings).toEqual([]);
    },
  );
});

describe('Ngày ban hành', () => {
  it('is a real date', () => {
    expect(errorOf({ docDate: '31/02/2023' })).toEqual([
      'Câu «Ngày ban hành»: «31/02/2023» không phải là ngày hợp lệ (dd/MM/yyyy).',
    ]);
  });

  it('is required', () => {
    expect(errorOf({ docDate: '' })).toEqual(['Câu «Ngày ban hành»: chưa được trả lời.']);
  });

  it('is not after the day of submission in Vietnam', () => {
    expect(errorOf({ docDate: '29/03/2023' })).toEqual([
      'Câu «Ngày ban hành»: «29/03/2023» muộn hơn ngày nộp (28/03/2023).',
    ]);
    expect(accepted({ docDate: '28/03/2023', councilDate: '' }).docDate).toBe('2023-03-28');
    // 20:00 UTC on 28/03 is 03:00 on 29/03 in Vietnam, whatever the machine's time zone.
    const lateAtNight = formContext('plan', { submittedAt: new Date(Date.UTC(2023, 2, 28, 20, 0)) });
    expect(check(PLAN_FORM, { docDate: '29/03/2023', councilDate: '' }, lateAtNight).errors).toEqual([]);
  });

  it('warns when it is not in the campaign year', () => {
    const result = check(PLAN_FORM, { docDate: '15/12/2022' });
    expect(result.ok).toBe(true);
    expect(messagesOf(result.warnings)).toEqual([
      'Câu «Ngày ban hành»: «15/12/2022» không thuộc năm 2023; đề nghị kiểm tra lại.',
    ]);
  });
});

describe('Đường dẫn tệp văn bản', () => {
  it('is an http(s) link', () => {
    expect(errorOf({ docLink: 'drive.google.com/abc' })).toEqual([
      'Câu «Đường dẫn tệp văn bản»: «drive.google.com/abc» không phải là đường dẫn bắt đầu bằng http:// hoặc https://.',
    ]);
  });

  it('is required', () => {
    expect(errorOf({ docLink: '' })).toEqual(['Câu «Đường dẫn tệp văn bản»: chưa được trả lời.']);
  });
});

describe('Nội dung trọng tâm đã đưa vào kế hoạch', () => {
  it('must have all five ticked; the error names exactly the missing ones', () => {
    const [first, second, , fourth] = FOCUS_AREAS;
    expect(errorOf({ focusAreas: [first, second, fourth].join(', ') })).toEqual([
      `Câu «${FOCUS}»: phải chọn đủ 5 lựa chọn; còn thiếu: «Văn hóa công vụ, đạo đức nhà giáo, quy tắc ứng xử»; «Cải cách hành chính, văn bản điện tử, ISO 9001».`,
    ]);
    expect(errorOf({ focusAreas: [FOCUS_AREAS[4]] })).toEqual([
      `Câu «${FOCUS}»: phải chọn đủ 5 lựa chọn; còn thiếu: «Quán triệt chủ trương, chính sách, pháp luật về công tác dân vận của chính quyền»; «Phong trào thi đua “Dân vận khéo”, gắn với 5 nội dung “không”»; «Văn hóa công vụ, đạo đức nhà giáo, quy tắc ứng xử»; «Thực hiện dân chủ, tiếp công dân, giải quyết khiếu nại, tố cáo».`,
    ]);
  });

  it('is required', () => {
    expect(errorOf({ focusAreas: '' })).toEqual([`Câu «${FOCUS}»: chưa được trả lời.`]);
    expect(errorOf({ focusAreas: [] })).toEqual([`Câu «${FOCUS}»: chưa được trả lời.`]);
  });

  it('reports text that is no choice', () => {
    expect(errorOf({ focusAreas: `${FOCUS_AREAS.join(', ')}, Khác: phòng chống dịch` })).toEqual([
      `Câu «${FOCUS}»: «Khác: phòng chống dịch» không phải là lựa chọn của câu này.`,
    ]);
  });

  it('reads labels written with straight quotes and in another case', () => {
    const typed = FOCUS_AREAS.map((label) => label.replace(/[“”]/g, '"').toLowerCase()).join(', ');
    expect(accepted({ focusAreas: typed }).focusAreas).toEqual([...FOCUS_AREAS]);
  });
});

describe('Số mô hình, điển hình “Dân vận khéo” đăng ký', () => {
  it.each(['2a', '-3', '1,5', 'hai'])('refuses %j, quoting it', (typed) => {
    expect(errorOf({ dvkCount: typed })).toEqual([
      `Câu «${DVK_COUNT}»: «${typed}» không phải là số nguyên không âm.`,
    ]);
  });

  it('is required', () => {
    expect(errorOf({ dvkCount: '' })).toEqual([`Câu «${DVK_COUNT}»: chưa được trả lời.`]);
  });

  it('may be 0, with no names', () => {
    expect(accepted({ dvkCount: '0', dvkNames: '' })).toMatchObject({ dvkCount: 0, dvkNames: [] });
  });
});

describe('Tên các mô hình, điển hình “Dân vận khéo”', () => {
  it('is required when the count is above 0', () => {
    expect(errorOf({ dvkNames: '  \n ' })).toEqual([
      `Câu «${DVK_NAMES}»: chưa được trả lời, nhưng câu «${DVK_COUNT}» ghi 2; cần ghi 2 dòng.`,
    ]);
  });

  it('has as many non-empty lines as the count', () => {
    expect(errorOf({ dvkNames: 'Một\nHai\nBa' })).toEqual([
      `Câu «${DVK_NAMES}»: có 3 dòng, nhưng câu «${DVK_COUNT}» ghi 2; hai số này phải bằng nhau.`,
    ]);
    expect(errorOf({ dvkCount: '0', dvkNames: 'Một' })).toEqual([
      `Câu «${DVK_NAMES}»: có 1 dòng, nhưng câu «${DVK_COUNT}» ghi 0; hai số này phải bằng nhau.`,
    ]);
    expect(accepted({ dvkNames: '\r\n Một \r\n\r\n Hai\r\n' }).dvkNames).toEqual(['Một', 'Hai']);
  });

  it('is not compared with a count that is wrong itself', () => {
    expect(errorOf({ dvkCount: 'x', dvkNames: '' })).toEqual([
      `Câu «${DVK_COUNT}»: «x» không phải là số nguyên không âm.`,
    ]);
  });
});

describe('Ngày triển khai đến Hội đồng sư phạm', () => {
  it('is optional', () => {
    expect(accepted({ councilDate: '' }).councilDate).toBeNull();
  });

  it('is not before Ngày ban hành', () => {
    expect(errorOf({ councilDate: '15/03/2023' })).toEqual([
      'Câu «Ngày triển khai đến Hội đồng sư phạm»: «15/03/2023» sớm hơn ngày ở câu «Ngày ban hành» (20/03/2023).',
    ]);
    expect(accepted({ councilDate: '20/03/2023' }).councilDate).toBe('2023-03-20');
  });

  it('is a real date', () => {
    expect(errorOf({ councilDate: 'sắp tới' })).toEqual([
      'Câu «Ngày triển khai đến Hội đồng sư phạm»: «sắp tới» không phải là ngày hợp lệ (dd/MM/yyyy).',
    ]);
  });
});

describe('a plan with many problems', () => {
  it('gets every error at once, in the order of the form, and keeps what did read', () => {
    const result = check(PLAN_FORM, {
      councilDate: '01/01/2023',
      phone: 'không có',
      position: '',
      dvkNames: 'Một',
      docNumber: 'số 15',
    });
    expect(result.ok).toBe(false);
    expect(result.answers).toBeNull();
    expect(result.errors.map((problem) => problem.questionKey)).toEqual([
      'position',
      'phone',
      'dvkNames',
      'councilDate',
    ]);
    expect(result.errors[1]).toEqual({
      questionKey: 'phone',
      questionTitle: 'Số điện thoại liên hệ',
      typed: 'không có',
      message:
        'Câu «Số điện thoại liên hệ»: «không có» không phải là số điện thoại hợp lệ (bắt đầu bằng 0 hoặc +84, tiếp theo là 9–10 chữ số).',
    });
    expect(result.warnings.map((problem) => problem.questionKey)).toEqual(['docNumber']);
    expect(result.parsed.unit?.code).toBe('MNHM');
    expect(result.parsed.dvkCount).toBe(2);
    expect(result.parsed.phone).toBeUndefined();
  });

  it('quotes a long answer cut short and on one line', () => {
    const typed = `${'dòng một\n'.repeat(30)}`;
    const [message] = errorOf({ docLink: typed });
    expect(message).toBe(
      `Câu «Đường dẫn tệp văn bản»: «${'dòng một '.repeat(11)}…» không phải là đường dẫn bắt đầu bằng http:// hoặc https://.`,
    );
  });
});
