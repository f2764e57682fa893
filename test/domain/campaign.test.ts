import {
  describeDeadline,
  makePeriod,
  parseConfig,
  parseDayList,
  parsePeriods,
  type Period,
} from '../../src/domain/campaign';
import { DEFAULT_CONFIG_ROWS, DEFAULT_PERIOD_ROWS } from '../../src/domain/defaults';
import { CONFIG_COLUMNS, CONFIG_KEY, PERIOD_COLUMNS, SHEET, columnsOf } from '../../src/domain/layout';
import type { CellValue } from '../../src/domain/table';
import { formatIsoVietnam, vietnamInstant } from '../../src/domain/time';
import { makeTable, recordsOf, tableFromRecords } from '../fakes/tables';

const P = PERIOD_COLUMNS;
type PeriodRow = Readonly<Record<string, CellValue>>;

const KH_2023 = DEFAULT_PERIOD_ROWS[0] as PeriodRow;

function periodsChecked(rows: readonly PeriodRow[]) {
  return parsePeriods(recordsOf(tableFromRecords(SHEET.periods, columnsOf(P), rows)));
}

function periodsOf(rows: readonly PeriodRow[]): Period[] {
  const checked = periodsChecked(rows);
  if (!checked.ok) throw new Error(checked.problems.map((problem) => problem.message).join('\n'));
  return checked.value;
}

function periodProblems(rows: readonly PeriodRow[]) {
  const checked = periodsChecked(rows);
  if (checked.ok) throw new Error('expected problems');
  return checked.problems;
}

/** The one period of a single-row sheet built from the plan's default row. */
function onePeriod(fields: PeriodRow): Period {
  return periodsOf([{ ...KH_2023, ...fields }])[0] as Period;
}

const iso = formatIsoVietnam;

describe('the 2023 defaults (docs/forms.md)', () => {
  const periods = periodsOf(DEFAULT_PERIOD_ROWS);

  it('give three periods in due order', () => {
    expect(periods.map((period) => [period.id, period.name, period.form])).toEqual([
      ['KH-2023', 'Kế hoạch năm 2023', 'plan'],
      ['BC6T-2023', 'Báo cáo 6 tháng đầu năm 2023', 'report'],
      ['BCN-2023', 'Báo cáo năm 2023', 'report'],
    ]);
  });

  it('read `trước ngày` as the end of the day before', () => {
    expect(periods.map((period) => [period.writtenDueDate, period.deadlineRule, period.lastDueDate])).toEqual(
      [
        ['2023-03-31', 'before', '2023-03-30'],
        ['2023-05-01', 'before', '2023-04-30'],
        ['2023-11-01', 'before', '2023-10-31'],
      ],
    );
    expect(periods.map((period) => iso(period.dueAt))).toEqual([
      '2023-03-30T23:59:59.999+07:00',
      '2023-04-30T23:59:59.999+07:00',
      '2023-10-31T23:59:59.999+07:00',
    ]);
  });

  it('have no grace days, so the last on-time moment is the due moment', () => {
    for (const period of periods) {
      expect(period.graceDays).toBe(0);
      expect(period.timelyUntil.getTime()).toBe(period.dueAt.getTime());
    }
  });

  it('open at the first moment of Mở nhận', () => {
    expect(periods.map((period) => [period.opensOn, iso(period.opensAt)])).toEqual([
      ['2023-03-14', '2023-03-14T00:00:00+07:00'],
      ['2023-04-01', '2023-04-01T00:00:00+07:00'],
      ['2023-10-01', '2023-10-01T00:00:00+07:00'],
    ]);
  });

  it('remind 7, 3 and 1 days before and 1, 3, 7 and 14 days after', () => {
    for (const period of periods) {
      expect(period.remindBeforeDays).toEqual([7, 3, 1]);
      expect(period.remindAfterDays).toEqual([1, 3, 7, 14]);
    }
  });

  it('describe the due moment and the plan wording', () => {
    expect(periods.map(describeDeadline)).toEqual([
      { dueMoment: 'hết ngày 30/03/2023', asWritten: 'trước ngày 31/03/2023' },
      { dueMoment: 'hết ngày 30/04/2023', asWritten: 'trước ngày 01/05/2023' },
      { dueMoment: 'hết ngày 31/10/2023', asWritten: 'trước ngày 01/11/2023' },
    ]);
  });
});

describe('the deadline rule and grace days', () => {
  it('reads `đến hết ngày` as the end of that day', () => {
    const period = onePeriod({ [P.deadlineRule]: 'đến hết ngày' });
    expect(period.deadlineRule).toBe('through');
    expect(period.lastDueDate).toBe('2023-03-31');
    expect(iso(period.dueAt)).toBe('2023-03-31T23:59:59.999+07:00');
    expect(describeDeadline(period)).toEqual({
      dueMoment: 'hết ngày 31/03/2023',
      asWritten: 'đến hết ngày 31/03/2023',
    });
  });

  it('reads the rule without regard to case or accents, and blank as `trước ngày`', () => {
    expect(onePeriod({ [P.deadlineRule]: 'DEN HET NGAY' }).deadlineRule).toBe('through');
    expect(onePeriod({ [P.deadlineRule]: ' Trước  Ngày ' }).deadlineRule).toBe('before');
    expect(onePeriod({ [P.deadlineRule]: '' }).lastDueDate).toBe('2023-03-30');
  });

  it('moves only the last on-time moment by the grace days', () => {
    const period = onePeriod({ [P.graceDays]: 2 });
    expect(period.graceDays).toBe(2);
    expect(iso(period.dueAt)).toBe('2023-03-30T23:59:59.999+07:00');
    expect(iso(period.timelyUntil)).toBe('2023-04-01T23:59:59.999+07:00');
    expect(iso(onePeriod({ [P.graceDays]: '1' }).timelyUntil)).toBe('2023-03-31T23:59:59.999+07:00');
    expect(onePeriod({ [P.graceDays]: '' }).graceDays).toBe(0);
  });

  it('crosses a year end', () => {
    const period = makePeriod({
      id: 'BCN-2024',
      name: 'Báo cáo năm 2024',
      form: 'report',
      opensOn: '2024-12-01',
      writtenDueDate: '2025-01-01',
      deadlineRule: 'before',
      graceDays: 3,
      remindBeforeDays: [],
      remindAfterDays: [],
    });
    expect(iso(period.dueAt)).toBe('2024-12-31T23:59:59.999+07:00');
    expect(iso(period.timelyUntil)).toBe('2025-01-03T23:59:59.999+07:00');
  });
});

describe('cells of Kỳ nộp', () => {
  it('take date cells as well as dd/MM/yyyy text', () => {
    const period = onePeriod({
      [P.opensOn]: vietnamInstant('2023-03-14'),
      [P.writtenDueDate]: new Date(Date.UTC(2023, 2, 31)),
    });
    expect([period.opensOn, period.writtenDueDate, iso(period.dueAt)]).toEqual([
      '2023-03-14',
      '2023-03-31',
      '2023-03-30T23:59:59.999+07:00',
    ]);
  });

  it('read the form without regard to case or accents', () => {
    expect(onePeriod({ [P.form]: 'bao cao' }).form).toBe('report');
    expect(onePeriod({ [P.form]: 'KẾ HOẠCH' }).form).toBe('plan');
  });

  it('read reminder lists separated by commas, semicolons or spaces, without repeats', () => {
    const period = onePeriod({ [P.remindBeforeDays]: '3; 1 ;7, 3', [P.remindAfterDays]: '14 1  7' });
    expect(period.remindBeforeDays).toEqual([7, 3, 1]);
    expect(period.remindAfterDays).toEqual([1, 7, 14]);
    expect(onePeriod({ [P.remindBeforeDays]: 3, [P.remindAfterDays]: '' }).remindBeforeDays).toEqual([3]);
    expect(onePeriod({ [P.remindAfterDays]: '' }).remindAfterDays).toEqual([]);
  });

  it('parseDayList refuses anything but whole numbers', () => {
    expect(parseDayList('7, 3, 1')).toEqual([7, 3, 1]);
    expect(parseDayList('0')).toEqual([0]);
    expect(parseDayList('  ')).toEqual([]);
    for (const wrong of ['7, 3, một', '1.5', '-1', '7 ngày', '1000']) expect(parseDayList(wrong)).toBeNull();
  });
});

describe('problems in Kỳ nộp', () => {
  const at = (column: string, message: string, row = 2) => ({ where: 'Kỳ nộp', row, column, message });

  it('names the row and column of an impossible date', () => {
    expect(periodProblems([{ ...KH_2023, [P.writtenDueDate]: '31/02/2023' }])).toEqual([
      at('Hạn nộp', '«31/02/2023» không phải là ngày hợp lệ (dd/MM/yyyy).'),
    ]);
  });

  it('reports a missing date', () => {
    expect(periodProblems([{ ...KH_2023, [P.opensOn]: '' }])).toEqual([
      at('Mở nhận', 'thiếu ngày (dd/MM/yyyy).'),
    ]);
  });

  it('reports a missing id and name', () => {
    expect(periodProblems([{ ...KH_2023, [P.id]: '', [P.name]: ' ' }])).toEqual([
      at('Mã kỳ', 'thiếu mã kỳ.'),
      at('Tên kỳ', 'thiếu tên kỳ.'),
    ]);
  });

  it('reports an unknown deadline rule', () => {
    expect(periodProblems([{ ...KH_2023, [P.deadlineRule]: 'sau ngày' }])).toEqual([
      at('Cách tính hạn', '«sau ngày» không hợp lệ; ghi «trước ngày» hoặc «đến hết ngày».'),
    ]);
  });

  it('reports an unknown or missing form', () => {
    expect(periodProblems([{ ...KH_2023, [P.form]: 'Tờ trình' }])).toEqual([
      at('Biểu mẫu', '«Tờ trình» không hợp lệ; ghi «Kế hoạch» hoặc «Báo cáo».'),
    ]);
    expect(periodProblems([{ ...KH_2023, [P.form]: '' }])).toEqual([
      at('Biểu mẫu', 'thiếu biểu mẫu; ghi «Kế hoạch» hoặc «Báo cáo».'),
    ]);
  });

  it.each(['-1', '1,5', 'hai', 1.5])('reports grace days %p', (grace) => {
    expect(periodProblems([{ ...KH_2023, [P.graceDays]: grace }])).toEqual([
      at('Ân hạn (ngày)', `«${String(grace)}» không phải là số ngày (số nguyên ≥ 0).`),
    ]);
  });

  it('reports reminder lists that are not day numbers, with an example', () => {
    expect(
      periodProblems([{ ...KH_2023, [P.remindBeforeDays]: '7, 3, một', [P.remindAfterDays]: '1; -3' }]),
    ).toEqual([
      at('Nhắc trước hạn (ngày)', '«7, 3, một» phải là các số ngày cách nhau bởi dấu phẩy, ví dụ «7, 3, 1».'),
      at('Nhắc sau hạn (ngày)', '«1; -3» phải là các số ngày cách nhau bởi dấu phẩy, ví dụ «1, 3, 7, 14».'),
    ]);
  });

  it('reports a duplicate id, also one differing only by case or accents, naming the first row', () => {
    expect(
      periodProblems([
        KH_2023,
        { ...KH_2023, [P.id]: 'kh-2023' },
        { ...KH_2023, [P.id]: 'KỲ-1' },
        { ...KH_2023, [P.id]: 'ky-1' },
      ]),
    ).toEqual([
      at('Mã kỳ', 'mã kỳ «kh-2023» bị trùng với dòng 2.', 3),
      at('Mã kỳ', 'mã kỳ «ky-1» bị trùng với dòng 4.', 5),
    ]);
  });

  it('reports an opening on or after the written date for `trước ngày`', () => {
    const message = (day: string) => at('Mở nhận', `ngày mở nhận ${day} phải trước hạn nộp.`);
    expect(periodProblems([{ ...KH_2023, [P.opensOn]: '02/04/2023' }])).toEqual([message('02/04/2023')]);
    expect(periodProblems([{ ...KH_2023, [P.opensOn]: '31/03/2023' }])).toEqual([message('31/03/2023')]);
    expect(
      periodProblems([{ ...KH_2023, [P.opensOn]: '01/04/2023', [P.deadlineRule]: 'đến hết ngày' }]),
    ).toEqual([message('01/04/2023')]);
  });

  it('accepts a one-day window', () => {
    expect(onePeriod({ [P.opensOn]: '30/03/2023' }).lastDueDate).toBe('2023-03-30');
    expect(onePeriod({ [P.opensOn]: '31/03/2023', [P.deadlineRule]: 'đến hết ngày' }).lastDueDate).toBe(
      '2023-03-31',
    );
  });

  it('reports an empty sheet', () => {
    expect(periodProblems([])).toEqual([{ where: 'Kỳ nộp', message: 'chưa có kỳ nộp nào.' }]);
  });

  it('reports the problems of every row at once', () => {
    const problems = periodProblems([
      { ...KH_2023, [P.graceDays]: 'x' },
      DEFAULT_PERIOD_ROWS[1] as PeriodRow,
      { ...KH_2023, [P.id]: 'Z', [P.form]: '' },
    ]);
    expect(problems.map((problem) => [problem.row, problem.column])).toEqual([
      [2, 'Ân hạn (ngày)'],
      [4, 'Biểu mẫu'],
    ]);
  });
});

describe('Cấu hình', () => {
  const DEFAULTS: ReadonlyMap<string, string | number> = new Map(
    DEFAULT_CONFIG_ROWS.map((row) => [row.key, row.value]),
  );
  const rowOf = (key: string) => DEFAULT_CONFIG_ROWS.findIndex((row) => row.key === key) + 2;

  /** The default sheet with some values changed; `undefined` removes the key's row. */
  function config(changes: Readonly<Record<string, CellValue | undefined>> = {}) {
    const rows = DEFAULT_CONFIG_ROWS.filter(
      (row) => !(row.key in changes) || changes[row.key] !== undefined,
    ).map((row): CellValue[] => [
      row.key,
      row.key in changes ? (changes[row.key] as CellValue) : row.value,
      row.note,
    ]);
    const table = makeTable(
      SHEET.config,
      [CONFIG_COLUMNS.key, CONFIG_COLUMNS.value, CONFIG_COLUMNS.note],
      rows,
    );
    return parseConfig(recordsOf(table, { required: [CONFIG_COLUMNS.key, CONFIG_COLUMNS.value] }));
  }

  function problemsOf(changes: Readonly<Record<string, CellValue | undefined>>) {
    const checked = config(changes);
    if (checked.ok) throw new Error('expected problems');
    return checked.problems;
  }

  const valueProblem = (key: string, message: string) => ({
    where: 'Cấu hình',
    row: rowOf(key),
    column: 'Giá trị',
    message,
  });

  it('reads the 2023 defaults', () => {
    expect(config()).toEqual({
      ok: true,
      value: {
        agencyName: 'Phòng Giáo dục và Đào tạo thành phố Thủ Đức',
        planName: 'thực hiện công tác dân vận của chính quyền năm 2023',
        year: 2023,
        contactName: 'Nguyễn Văn Phụ Trách',
        contactEmail: 'phutrach@pgd.example.edu.vn',
        contactPhone: '028 0000 0000',
        digestEmails: ['phutrach@pgd.example.edu.vn'],
        dailyMailHour: 7,
        mailQuotaReserve: 5,
        identityCheck: 'email_or_code',
        requireSignIn: false,
      },
    });
    expect(DEFAULTS.get(CONFIG_KEY.identityCheck)).toBe('Email hoặc mã xác nhận');
  });

  it('finds keys without regard to case, accents or spacing', () => {
    const table = makeTable(
      SHEET.config,
      [CONFIG_COLUMNS.key, CONFIG_COLUMNS.value],
      DEFAULT_CONFIG_ROWS.map((row) => [`  ${row.key.toUpperCase()} `.normalize('NFD'), row.value]),
    );
    const checked = parseConfig(recordsOf(table));
    expect(checked.ok && checked.value.agencyName).toBe('Phòng Giáo dục và Đào tạo thành phố Thủ Đức');
  });

  it('reports every missing required key', () => {
    expect(problemsOf({ [CONFIG_KEY.agencyName]: undefined, [CONFIG_KEY.contactEmail]: undefined })).toEqual([
      { where: 'Cấu hình', column: 'Khóa', message: 'thiếu khóa «Tên cơ quan».' },
      { where: 'Cấu hình', column: 'Khóa', message: 'thiếu khóa «Email người phụ trách».' },
    ]);
  });

  it('reports a required key left blank', () => {
    expect(problemsOf({ [CONFIG_KEY.planName]: ' ', [CONFIG_KEY.year]: '' })).toEqual([
      valueProblem(CONFIG_KEY.planName, 'khóa «Tên kế hoạch» chưa có giá trị.'),
      valueProblem(CONFIG_KEY.year, 'khóa «Năm» chưa có giá trị.'),
    ]);
  });

  it('reports a year that is not four digits', () => {
    expect(problemsOf({ [CONFIG_KEY.year]: '23' })).toEqual([
      valueProblem(CONFIG_KEY.year, '«Năm»: «23» không phải là năm (4 chữ số).'),
    ]);
  });

  it('reports bad e-mail addresses', () => {
    expect(
      problemsOf({
        [CONFIG_KEY.contactEmail]: 'phutrach@',
        [CONFIG_KEY.digestEmails]: 'a@pgd.example.edu.vn; lanh dao',
      }),
    ).toEqual([
      valueProblem(
        CONFIG_KEY.contactEmail,
        '«Email người phụ trách»: «phutrach@» không phải là địa chỉ email hợp lệ.',
      ),
      valueProblem(
        CONFIG_KEY.digestEmails,
        '«Email nhận thư tổng hợp»: «lanh» không phải là địa chỉ email hợp lệ.',
      ),
      valueProblem(
        CONFIG_KEY.digestEmails,
        '«Email nhận thư tổng hợp»: «dao» không phải là địa chỉ email hợp lệ.',
      ),
    ]);
  });

  it.each(['24', '7h', '-1', '6.5'])('reports the mail hour %p', (hour) => {
    expect(problemsOf({ [CONFIG_KEY.dailyMailHour]: hour })).toEqual([
      valueProblem(CONFIG_KEY.dailyMailHour, `«Giờ gửi thư hằng ngày»: «${hour}» phải là giờ từ 0 đến 23.`),
    ]);
  });

  it('reports a quota reserve that is not a whole number', () => {
    expect(problemsOf({ [CONFIG_KEY.mailQuotaReserve]: 'năm' })).toEqual([
      valueProblem(CONFIG_KEY.mailQuotaReserve, '«Dự trữ hạn mức thư»: «năm» phải là số nguyên ≥ 0.'),
    ]);
  });

  it('reads «Yêu cầu đăng nhập Google» as có/không, without diacritics too, and refuses anything else', () => {
    const read = (value: string) => {
      const checked = config({ [CONFIG_KEY.requireSignIn]: value });
      return checked.ok ? checked.value.requireSignIn : null;
    };
    expect([read('có'), read('Co'), read('không'), read('KHONG'), read('')]).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(problemsOf({ [CONFIG_KEY.requireSignIn]: 'bắt buộc' })).toEqual([
      valueProblem(
        CONFIG_KEY.requireSignIn,
        '«Yêu cầu đăng nhập Google»: «bắt buộc» không hợp lệ; ghi «có» hoặc «không».',
      ),
    ]);
  });

  it('reports an unknown identity check, listing the choices', () => {
    expect(problemsOf({ [CONFIG_KEY.identityCheck]: 'Có' })).toEqual([
      valueProblem(
        CONFIG_KEY.identityCheck,
        '«Kiểm tra người nộp»: «Có» không hợp lệ; ghi một trong: «Email hoặc mã xác nhận», «Email», «Mã xác nhận», «Tắt».',
      ),
    ]);
  });

  it.each([
    ['email', 'email'],
    ['MA XAC NHAN', 'code'],
    ['Tắt', 'off'],
    ['email hoac ma xac nhan', 'email_or_code'],
  ])('reads the identity check %p', (text, expected) => {
    const checked = config({ [CONFIG_KEY.identityCheck]: text });
    expect(checked.ok && checked.value.identityCheck).toBe(expected);
  });

  it('takes defaults for optional keys left blank', () => {
    const optional = {
      [CONFIG_KEY.contactName]: '',
      [CONFIG_KEY.contactPhone]: '',
      [CONFIG_KEY.digestEmails]: '',
      [CONFIG_KEY.dailyMailHour]: '',
      [CONFIG_KEY.mailQuotaReserve]: '',
      [CONFIG_KEY.identityCheck]: '',
    };
    const expected = {
      contactName: '',
      contactPhone: '',
      digestEmails: [],
      dailyMailHour: 7,
      mailQuotaReserve: 0,
      identityCheck: 'email_or_code',
      requireSignIn: false,
    };
    expect(config(optional)).toEqual({ ok: true, value: expect.objectContaining(expected) });
    const absent = Object.fromEntries(Object.keys(optional).map((key) => [key, undefined]));
    expect(config(absent)).toEqual({ ok: true, value: expect.objectContaining(expected) });
  });

  it('reads hours and counts from number cells, and 0 as an hour', () => {
    const checked = config({ [CONFIG_KEY.dailyMailHour]: 0, [CONFIG_KEY.mailQuotaReserve]: 12 });
    expect(checked.ok && [checked.value.dailyMailHour, checked.value.mailQuotaReserve]).toEqual([0, 12]);
  });
});
