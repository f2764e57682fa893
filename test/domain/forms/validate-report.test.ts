import { validateResponse } from '../../../src/domain/forms/validate';
import { FIXTURE_UNITS, periods2023 } from '../../fakes/campaign-fixture';
import { GOOD_REPORT, REPORT_FORM, check, formContext, messagesOf, response } from './form-fixture';

const DVK_ACTIVE = 'Số mô hình, điển hình “Dân vận khéo” đang thực hiện';
const DVK_RECOGNIZED = 'Số mô hình, điển hình “Dân vận khéo” được công nhận';
const STAFF_CONFERENCE = 'Đã tổ chức Hội nghị cán bộ, công chức, viên chức';

function errorOf(changes: Parameters<typeof check>[1]): string[] {
  const result = check(REPORT_FORM, changes);
  expect(result.ok).toBe(false);
  return messagesOf(result.errors);
}

function accepted(changes: Parameters<typeof check>[1]) {
  const result = check(REPORT_FORM, changes);
  expect(result.errors).toEqual([]);
  if (!result.ok) throw new Error('rejected');
  return result.answers;
}

const WHOLE_NUMBERS: readonly [string, string][] = [
  ['propagandaSessions', 'Số buổi tuyên truyền, quán triệt'],
  ['propagandaAttendees', 'Số lượt người tham dự tuyên truyền, quán triệt'],
  ['dvkActive', DVK_ACTIVE],
  ['dvkRecognized', DVK_RECOGNIZED],
  ['receptionSessions', 'Số buổi tiếp công dân'],
  ['petitionsReceived', 'Số đơn thư khiếu nại, tố cáo, phản ánh nhận được'],
  ['petitionsResolved', 'Số đơn thư đã giải quyết'],
  ['dialogues', 'Số buổi đối thoại với cán bộ, giáo viên, nhân viên, cha mẹ học sinh'],
  ['commendations', 'Số tập thể, cá nhân được khen thưởng'],
  ['violations', 'Số trường hợp vi phạm bị nhắc nhở, xử lý'],
];

describe('a good report', () => {
  it('is accepted with typed answers and no warning', () => {
    const result = validateResponse(REPORT_FORM, response(GOOD_REPORT), formContext('report'));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.answers).toEqual({
      unit: FIXTURE_UNITS[1],
      code: '',
      reporter: 'Trần Văn Minh',
      position: 'Phó Hiệu trưởng',
      phone: '+84912345678',
      docNumber: '27/BC-THDD',
      docDate: '2023-04-20',
      docLink: 'http://example.edu.vn/van-ban/27-bc.pdf',
      period: periods2023()[1],
      propagandaSessions: 4,
      propagandaAttendees: 1234,
      dvkActive: 3,
      dvkRecognized: 2,
      receptionSessions: 6,
      petitionsReceived: 5,
      petitionsResolved: 5,
      dialogues: 2,
      staffConference: 'Có',
      eDocPercent: 85.5,
      commendations: 12,
      violations: 0,
      highlights: 'Tổ chức tốt Hội nghị cán bộ, viên chức; 100% giáo viên ký cam kết.',
      shortcomings: 'Một số hồ sơ còn chậm.',
      nextSteps: 'Tiếp tục đẩy mạnh cải cách hành chính.',
      proposals: '',
    });
  });

  it('keeps the lines of its paragraphs', () => {
    expect(accepted({ proposals: ' Một.\r\n Hai. ' }).proposals).toBe('Một.\nHai.');
  });
});

describe('Số, ký hiệu văn bản of a report', () => {
  it('is expected to look like 15/BC-MNHM', () => {
    expect(check(REPORT_FORM, { docNumber: '15/BC-MNHM' }).warnings).toEqual([]);
    expect(messagesOf(check(REPORT_FORM, { docNumber: '15/KH-MNHM' }).warnings)).toEqual([
      'Câu «Số, ký hiệu văn bản»: «15/KH-MNHM» chưa đúng dạng thường dùng (ví dụ «15/BC-MNHM»); đề nghị kiểm tra lại.',
    ]);
  });
});

describe('Kỳ báo cáo', () => {
  it.each([
    ['Báo cáo năm 2023', 'BCN-2023'],
    ['bao cao 6 thang dau nam 2023', 'BC6T-2023'],
    ['Báo cáo 6 tháng đầu năm 2023'.normalize('NFD'), 'BC6T-2023'],
    ['  BÁO CÁO   NĂM 2023 ', 'BCN-2023'],
    ['bcn-2023', 'BCN-2023'],
  ])('is found from %j', (typed, id) => {
    expect(accepted({ period: typed }).period.id).toBe(id);
  });

  it('must be a report period', () => {
    expect(errorOf({ period: 'Kế hoạch năm 2023' })).toEqual([
      'Câu «Kỳ báo cáo»: «Kế hoạch năm 2023» không phải là kỳ báo cáo đang nhận; chọn «Báo cáo 6 tháng đầu năm 2023» hoặc «Báo cáo năm 2023».',
    ]);
    const noPeriods = formContext('report', { reportPeriods: [] });
    expect(messagesOf(check(REPORT_FORM, {}, noPeriods).errors)).toEqual([
      'Câu «Kỳ báo cáo»: «Báo cáo 6 tháng đầu năm 2023» không phải là kỳ báo cáo đang nhận.',
    ]);
  });

  it('is required', () => {
    expect(errorOf({ period: '' })).toEqual(['Câu «Kỳ báo cáo»: chưa được trả lời.']);
  });
});

describe.each(WHOLE_NUMBERS)('%s', (key, title) => {
  it.each(['12a', '-3', '1,5', '1.23', '3 con'])('refuses %j, quoting it', (typed) => {
    expect(errorOf({ [key]: typed })).toEqual([
      `Câu «${title}»: «${typed}» không phải là số nguyên không âm.`,
    ]);
  });

  it('is required', () => {
    expect(errorOf({ [key]: '' })).toEqual([`Câu «${title}»: chưa được trả lời.`]);
  });
});

describe('whole numbers', () => {
  it('give the exact message of the brief', () => {
    expect(errorOf({ receptionSessions: '12a' })).toEqual([
      'Câu «Số buổi tiếp công dân»: «12a» không phải là số nguyên không âm.',
    ]);
  });

  it('are read grouped in threes, and from number cells', () => {
    const answers = accepted({ propagandaAttendees: '1 234 567', commendations: 7, violations: '0' });
    expect(answers).toMatchObject({ propagandaAttendees: 1234567, commendations: 7, violations: 0 });
  });

  it('quote a number cell that is no whole number', () => {
    expect(errorOf({ dialogues: 1.5 })).toEqual([
      'Câu «Số buổi đối thoại với cán bộ, giáo viên, nhân viên, cha mẹ học sinh»: «1.5» không phải là số nguyên không âm.',
    ]);
  });

  it('refuse a number too large to count', () => {
    expect(errorOf({ violations: '99999999999999999999' })).toEqual([
      'Câu «Số trường hợp vi phạm bị nhắc nhở, xử lý»: «99999999999999999999» quá lớn.',
    ]);
  });
});

describe('numbers that depend on another', () => {
  it('Số mô hình được công nhận is at most the number being carried out', () => {
    expect(errorOf({ dvkActive: '3', dvkRecognized: '5' })).toEqual([
      `Câu «${DVK_RECOGNIZED}»: «5» lớn hơn số ở câu «${DVK_ACTIVE}» (3).`,
    ]);
    expect(accepted({ dvkActive: '3', dvkRecognized: '3' }).dvkRecognized).toBe(3);
  });

  it('Số đơn thư đã giải quyết is at most the number received', () => {
    expect(errorOf({ petitionsReceived: '1.000', petitionsResolved: '1.001' })).toEqual([
      'Câu «Số đơn thư đã giải quyết»: «1.001» lớn hơn số ở câu «Số đơn thư khiếu nại, tố cáo, phản ánh nhận được» (1000).',
    ]);
  });

  it('are not compared when one of them is wrong itself', () => {
    expect(errorOf({ petitionsReceived: 'năm', petitionsResolved: '7' })).toEqual([
      'Câu «Số đơn thư khiếu nại, tố cáo, phản ánh nhận được»: «năm» không phải là số nguyên không âm.',
    ]);
  });
});

describe(STAFF_CONFERENCE, () => {
  it.each([
    ['Có', 'Có'],
    ['co', 'Có'],
    ['KHÔNG', 'Không'],
    [' khong ', 'Không'],
    ['Có'.normalize('NFD'), 'Có'],
  ])('reads %j as %j', (typed, choice) => {
    expect(accepted({ staffConference: typed }).staffConference).toBe(choice);
  });

  it('is Có or Không', () => {
    expect(errorOf({ staffConference: 'Chưa' })).toEqual([
      `Câu «${STAFF_CONFERENCE}»: «Chưa» không hợp lệ; chọn «Có» hoặc «Không».`,
    ]);
  });

  it('is required', () => {
    expect(errorOf({ staffConference: '' })).toEqual([`Câu «${STAFF_CONFERENCE}»: chưa được trả lời.`]);
  });
});

describe('Tỷ lệ văn bản điện tử (%)', () => {
  it.each([
    ['85,5', 85.5],
    ['85.5', 85.5],
    ['0', 0],
    ['100', 100],
    ['90%', 90],
  ])('reads %j as %d', (typed, value) => {
    expect(accepted({ eDocPercent: typed }).eDocPercent).toBe(value);
  });

  it('is from 0 to 100', () => {
    expect(errorOf({ eDocPercent: '120' })).toEqual([
      'Câu «Tỷ lệ văn bản điện tử (%)»: «120» phải nằm trong khoảng từ 0 đến 100.',
    ]);
    expect(errorOf({ eDocPercent: '-5' })).toEqual([
      'Câu «Tỷ lệ văn bản điện tử (%)»: «-5» phải nằm trong khoảng từ 0 đến 100.',
    ]);
    expect(errorOf({ eDocPercent: '100,01' })).toEqual([
      'Câu «Tỷ lệ văn bản điện tử (%)»: «100,01» phải nằm trong khoảng từ 0 đến 100.',
    ]);
  });

  it('is a number', () => {
    expect(errorOf({ eDocPercent: 'gần hết' })).toEqual([
      'Câu «Tỷ lệ văn bản điện tử (%)»: «gần hết» không phải là số.',
    ]);
  });

  it('is required', () => {
    expect(errorOf({ eDocPercent: '' })).toEqual(['Câu «Tỷ lệ văn bản điện tử (%)»: chưa được trả lời.']);
  });
});

describe('the paragraphs', () => {
  it('Kết quả nổi bật has at least 20 characters', () => {
    expect(errorOf({ highlights: 'Tốt' })).toEqual([
      'Câu «Kết quả nổi bật»: «Tốt» phải có ít nhất 20 ký tự (hiện có 3).',
    ]);
    expect(errorOf({ highlights: 'Hoàn thành tốt.'.normalize('NFD') })).toEqual([
      'Câu «Kết quả nổi bật»: «Hoàn thành tốt.» phải có ít nhất 20 ký tự (hiện có 15).',
    ]);
    expect(accepted({ highlights: 'Hoàn thành tốt kế hoạch' }).highlights).toBe('Hoàn thành tốt kế hoạch');
  });

  it.each([
    ['highlights', 'Kết quả nổi bật'],
    ['shortcomings', 'Hạn chế, nguyên nhân'],
    ['nextSteps', 'Phương hướng, nhiệm vụ thời gian tới'],
  ])('%s is required', (key, title) => {
    expect(errorOf({ [key]: '\n  \n' })).toEqual([`Câu «${title}»: chưa được trả lời.`]);
  });

  it('Kiến nghị, đề xuất is optional', () => {
    expect(accepted({ proposals: undefined }).proposals).toBe('');
  });
});

describe('a rejected report', () => {
  it('still tells which unit and period it was for', () => {
    const result = check(REPORT_FORM, { highlights: '', eDocPercent: '200' });
    expect(result.ok).toBe(false);
    expect(messagesOf(result.errors)).toEqual([
      'Câu «Tỷ lệ văn bản điện tử (%)»: «200» phải nằm trong khoảng từ 0 đến 100.',
      'Câu «Kết quả nổi bật»: chưa được trả lời.',
    ]);
    expect(result.parsed.unit?.code).toBe('THDD');
    expect(result.parsed.period?.id).toBe('BC6T-2023');
  });
});
