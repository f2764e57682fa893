import { unitRow } from '../../src/app/initialize-workbook';
import {
  checkConfig,
  describeConfigCheck,
  type ConfigProblem,
  type FormFacts,
} from '../../src/domain/config-check';
import { DEFAULT_CONFIG_ROWS, DEFAULT_PERIOD_ROWS } from '../../src/domain/defaults';
import { FILLED_CONFIG_ROWS } from '../fakes/config-rows';
import { DEFAULT_HOLIDAY_ROWS } from '../../src/domain/holidays';
import {
  CONFIG_COLUMNS,
  CONFIG_KEY,
  EXTENSION_COLUMNS,
  HOLIDAY_COLUMNS,
  PERIOD_COLUMNS,
  SHEET,
  SPECIALIST_COLUMNS,
  UNIT_COLUMNS,
  columnsOf,
} from '../../src/domain/layout';
import type { CellValue, Table } from '../../src/domain/table';
import { makeUnit } from '../fakes/campaign-fixture';
import { makeTable, tableFromRecords } from '../fakes/tables';

type Row = Readonly<Record<string, CellValue>>;
const [KH, BC6T, BCN] = DEFAULT_PERIOD_ROWS as [Row, Row, Row];
const ALL_GOOD_FORMS: FormFacts = {
  plan: { linked: true, acceptingResponses: true },
  report: { linked: true, acceptingResponses: true },
};

function configTable(rows = FILLED_CONFIG_ROWS): Table {
  return makeTable(
    SHEET.config,
    columnsOf(CONFIG_COLUMNS),
    rows.map((row) => [row.key, row.value, row.note]),
  );
}

function unitsTable(rows: readonly Row[]): Table {
  return tableFromRecords(SHEET.units, columnsOf(UNIT_COLUMNS), rows);
}

const GOOD_UNITS = [
  unitRow(makeUnit({ code: 'MNHM', name: 'Mầm non Hoa Mai' })),
  unitRow(makeUnit({ code: 'THDD', name: 'Tiểu học Đặng Đức', emails: ['a@x.edu.vn', 'b@x.edu.vn'] })),
];

function periodsTable(rows: readonly Row[]): Table {
  return tableFromRecords(SHEET.periods, columnsOf(PERIOD_COLUMNS), rows);
}

// The 6-month report due "đến hết ngày" Friday 28/04/2023: no period ends on a weekend or a day off.
const GOOD_PERIODS = [
  KH,
  { ...BC6T, [PERIOD_COLUMNS.writtenDueDate]: '28/04/2023', [PERIOD_COLUMNS.deadlineRule]: 'đến hết ngày' },
  BCN,
];

function holidaysTable(rows: readonly (readonly CellValue[])[]): Table {
  return makeTable(SHEET.holidays, columnsOf(HOLIDAY_COLUMNS), rows);
}

function tables(...list: Table[]): Map<string, Table> {
  return new Map(list.map((table) => [table.name, table]));
}

function goodTables(): Map<string, Table> {
  return tables(configTable(), unitsTable(GOOD_UNITS), periodsTable(GOOD_PERIODS));
}

describe('checkConfig', () => {
  it('finds nothing in a correct configuration, with the holidays of 2023 and both forms ready', () => {
    const input = goodTables();
    input.set(SHEET.holidays, holidaysTable(DEFAULT_HOLIDAY_ROWS.map((row) => [row.date, row.reason])));
    const problems = checkConfig({ tables: input, forms: ALL_GOOD_FORMS });
    expect(problems).toEqual([]);
    expect(describeConfigCheck(problems)).toBe('Không phát hiện vấn đề nào.');
  });

  it('warns about an address that mixes scripts (a Cyrillic «а» in a Latin address), not about a plain one', () => {
    const lookAlike = 'hieutruong@mnho\u0430mai.edu.vn';
    const input = tables(
      configTable(),
      unitsTable([
        unitRow(
          makeUnit({ code: 'MNHM', name: 'Mầm non Hoa Mai', emails: [lookAlike, 'vanthu@mnhoamai.edu.vn'] }),
        ),
        GOOD_UNITS[1] as Row,
      ]),
      periodsTable(GOOD_PERIODS),
    );
    input.set(SHEET.holidays, holidaysTable(DEFAULT_HOLIDAY_ROWS.map((row) => [row.date, row.reason])));
    expect(checkConfig({ tables: input, forms: ALL_GOOD_FORMS })).toEqual([
      {
        severity: 'warning',
        where: 'Đơn vị',
        row: 2,
        column: 'Email',
        message: `«${lookAlike}» trộn chữ của nhiều bảng chữ cái (ví dụ chữ «а» Kirin giữa các chữ Latinh), trông giống một địa chỉ khác; đề nghị gõ lại địa chỉ này.`,
      },
    ]);
  });

  it('warns that the 2023 defaults end the 6-month report on a Sunday that is a public holiday', () => {
    const input = tables(configTable(), unitsTable(GOOD_UNITS), periodsTable(DEFAULT_PERIOD_ROWS));
    expect(checkConfig({ tables: input })).toEqual([
      {
        severity: 'warning',
        where: 'Kỳ nộp',
        row: 3,
        column: 'Hạn nộp',
        message:
          'kỳ «BC6T-2023»: ngày cuối còn đúng hạn 30/04/2023 (trước ngày 01/05/2023) rơi vào Chủ nhật; nên xem lại hạn nộp.',
      },
    ]);
    input.set(SHEET.holidays, holidaysTable(DEFAULT_HOLIDAY_ROWS.map((row) => [row.date, row.reason])));
    expect(checkConfig({ tables: input }).map((problem) => problem.message)).toEqual([
      'kỳ «BC6T-2023»: ngày cuối còn đúng hạn 30/04/2023 (trước ngày 01/05/2023) rơi vào Chủ nhật và ' +
        'ngày nghỉ «Ngày Giải phóng miền Nam, thống nhất đất nước»; nên xem lại hạn nộp.',
    ]);
  });

  it('lists every problem of every sheet and form at once, errors and warnings labelled', () => {
    const config = FILLED_CONFIG_ROWS.filter((row) => row.key !== CONFIG_KEY.year).map((row) =>
      row.key === CONFIG_KEY.dailyMailHour ? { ...row, value: 25 } : row,
    );
    config.push({ key: CONFIG_KEY.agencyName, value: 'Phòng GD&ĐT', note: '' });
    const units = [
      unitRow(makeUnit({ code: 'MNHM', name: 'Mầm non Hoa Mai', emails: ['hoamai@truong.edu.vn', 'abc@'] })),
      unitRow(makeUnit({ code: 'THDD', name: 'Tiểu học Đặng Đức', emails: [] })),
      unitRow(makeUnit({ code: 'mnhm', name: 'Mầm non Hoa Mai 2' })),
    ];
    const periods = [
      { ...KH, [PERIOD_COLUMNS.writtenDueDate]: '01/04/2023', [PERIOD_COLUMNS.deadlineRule]: 'đến hết ngày' },
      { ...BC6T, [PERIOD_COLUMNS.writtenDueDate]: '31/02/2023' },
      BCN,
    ];
    const forms: FormFacts = { plan: null, report: { linked: false, acceptingResponses: false } };
    const problems = checkConfig({
      tables: tables(
        configTable(config),
        unitsTable(units),
        periodsTable(periods),
        holidaysTable([
          ['31/10/2023', ''],
          ['ngày 5', 'Lễ'],
        ]),
      ),
      forms,
    });
    const expected: ConfigProblem[] = [
      { severity: 'error', where: 'Cấu hình', column: 'Khóa', message: 'thiếu khóa «Năm».' },
      {
        severity: 'error',
        where: 'Cấu hình',
        row: 8,
        column: 'Giá trị',
        message: '«Giờ gửi thư hằng ngày»: «25» phải là giờ từ 0 đến 23.',
      },
      {
        severity: 'warning',
        where: 'Cấu hình',
        row: 12,
        column: 'Khóa',
        message: 'khóa «Tên cơ quan» đã có ở dòng 2; hệ thống dùng giá trị ở dòng cuối cùng của khóa này.',
      },
      {
        severity: 'error',
        where: 'Đơn vị',
        row: 2,
        column: 'Email',
        message: '«abc@» không phải là địa chỉ email hợp lệ.',
      },
      { severity: 'error', where: 'Đơn vị', row: 3, column: 'Email', message: 'thiếu địa chỉ email.' },
      {
        severity: 'error',
        where: 'Đơn vị',
        row: 4,
        column: 'Mã đơn vị',
        message: 'mã đơn vị «mnhm» bị trùng với dòng 2.',
      },
      {
        severity: 'warning',
        where: 'Kỳ nộp',
        row: 2,
        column: 'Hạn nộp',
        message:
          'kỳ «KH-2023»: ngày cuối còn đúng hạn 01/04/2023 (đến hết ngày 01/04/2023) rơi vào Thứ Bảy; nên xem lại hạn nộp.',
      },
      {
        severity: 'error',
        where: 'Kỳ nộp',
        row: 3,
        column: 'Hạn nộp',
        message: '«31/02/2023» không phải là ngày hợp lệ (dd/MM/yyyy).',
      },
      {
        severity: 'warning',
        where: 'Kỳ nộp',
        row: 4,
        column: 'Hạn nộp',
        message:
          'kỳ «BCN-2023»: ngày cuối còn đúng hạn 31/10/2023 (trước ngày 01/11/2023) rơi vào một ngày nghỉ; nên xem lại hạn nộp.',
      },
      {
        severity: 'warning',
        where: 'Ngày nghỉ',
        row: 3,
        column: 'Ngày',
        message: '«ngày 5» không phải là ngày hợp lệ (dd/MM/yyyy).',
      },
      {
        severity: 'error',
        where: 'Biểu mẫu Kế hoạch',
        message:
          'chưa có biểu mẫu này hoặc không mở được biểu mẫu đã lưu; hãy chạy «Thiết lập ban đầu» trong trình đơn Hạn nộp.',
      },
      {
        severity: 'error',
        where: 'Biểu mẫu Báo cáo',
        message:
          'biểu mẫu chưa gửi câu trả lời về bảng tính này nên bài nộp sẽ không được ghi nhận; hãy chạy «Thiết lập ban đầu».',
      },
      {
        severity: 'error',
        where: 'Biểu mẫu Báo cáo',
        message:
          'biểu mẫu đang không nhận câu trả lời nên đơn vị không nộp được; hãy bật «Chấp nhận câu trả lời» trong Google Forms hoặc chạy «Thiết lập ban đầu».',
      },
    ];
    expect(problems).toEqual(expected);
  });

  it('names missing sheets and headers as errors, and goes on with the other sheets', () => {
    const periods = makeTable(
      SHEET.periods,
      columnsOf(PERIOD_COLUMNS).filter((column) => column !== PERIOD_COLUMNS.deadlineRule),
      [],
    );
    const problems = checkConfig({
      tables: tables(periods, holidaysTable([]), makeTable(SHEET.holidays, ['Lý do'], [['Tết']])),
    });
    expect(problems).toEqual([
      {
        severity: 'error',
        where: 'Cấu hình',
        message: 'không có trang «Cấu hình» trong bảng tính.',
      },
      { severity: 'error', where: 'Đơn vị', message: 'không có trang «Đơn vị» trong bảng tính.' },
      {
        severity: 'error',
        where: 'Kỳ nộp',
        row: 1,
        column: 'Cách tính hạn',
        message: 'thiếu cột «Cách tính hạn» ở dòng tiêu đề.',
      },
      {
        severity: 'warning',
        where: 'Ngày nghỉ',
        row: 1,
        column: 'Ngày',
        message: 'thiếu cột «Ngày» ở dòng tiêu đề.',
      },
    ]);
  });

  it('counts a sheet of units none of which is active as an error', () => {
    const input = goodTables();
    input.set(SHEET.units, unitsTable([unitRow(makeUnit({ code: 'VD', name: 'Ví dụ', isActive: false }))]));
    expect(checkConfig({ tables: input })).toEqual([
      {
        severity: 'error',
        where: 'Đơn vị',
        message: 'chưa có đơn vị nào đang hoạt động nên không đơn vị nào phải nộp.',
      },
    ]);
  });

  it('checks the forms only when their facts are given (not on the local workbook)', () => {
    expect(checkConfig({ tables: goodTables() })).toEqual([]);
    const closed: FormFacts = { ...ALL_GOOD_FORMS, plan: { linked: true, acceptingResponses: false } };
    expect(checkConfig({ tables: goodTables(), forms: closed }).map((problem) => problem.where)).toEqual([
      'Biểu mẫu Kế hoạch',
    ]);
  });
});

describe('describeConfigCheck', () => {
  it('shows errors first, then warnings, each with its place', () => {
    const problems: ConfigProblem[] = [
      { severity: 'warning', where: 'Kỳ nộp', row: 3, column: 'Hạn nộp', message: 'rơi vào Chủ nhật.' },
      { severity: 'error', where: 'Cấu hình', column: 'Khóa', message: 'thiếu khóa «Năm».' },
      { severity: 'error', where: 'Biểu mẫu Kế hoạch', message: 'chưa có biểu mẫu này.' },
    ];
    expect(describeConfigCheck(problems)).toBe(
      [
        'Phát hiện 2 lỗi và 1 cảnh báo.',
        '',
        'Lỗi (cần sửa để hệ thống chạy đúng):',
        '• «Cấu hình», cột «Khóa»: thiếu khóa «Năm».',
        '• «Biểu mẫu Kế hoạch»: chưa có biểu mẫu này.',
        '',
        'Cảnh báo (hệ thống vẫn chạy, nhưng nên xem lại):',
        '• «Kỳ nộp», dòng 3, cột «Hạn nộp»: rơi vào Chủ nhật.',
      ].join('\n'),
    );
    expect(describeConfigCheck([problems[0] as ConfigProblem]).split('\n')[0]).toBe('Phát hiện 1 cảnh báo.');
  });
});

describe('checkConfig: Gia hạn', () => {
  function extensionsTable(rows: readonly Row[]): Table {
    return tableFromRecords(SHEET.extensions, columnsOf(EXTENSION_COLUMNS), rows);
  }

  it('accepts a valid extension and names every bad row as an error', () => {
    const good = goodTables();
    good.set(
      SHEET.extensions,
      extensionsTable([
        { 'Mã đơn vị': 'MNHM', 'Mã kỳ': 'KH-2023', 'Hạn mới': '10/04/2023', 'Lý do': 'Sửa trường' },
      ]),
    );
    expect(checkConfig({ tables: good })).toEqual([]);
    const bad = goodTables();
    bad.set(
      SHEET.extensions,
      extensionsTable([
        { 'Mã đơn vị': 'XYZ', 'Mã kỳ': 'KH-2023', 'Hạn mới': '10/04/2023' },
        { 'Mã đơn vị': 'MNHM', 'Mã kỳ': 'BC-2099', 'Hạn mới': '10/04/2023' },
        { 'Mã đơn vị': 'THDD', 'Mã kỳ': 'KH-2023', 'Hạn mới': '01/03/2023' },
      ]),
    );
    expect(describeConfigCheck(checkConfig({ tables: bad }))).toBe(
      [
        'Phát hiện 3 lỗi.',
        '',
        'Lỗi (cần sửa để hệ thống chạy đúng):',
        '• «Gia hạn», dòng 2, cột «Mã đơn vị»: không có đơn vị mã «XYZ» trong trang «Đơn vị».',
        '• «Gia hạn», dòng 3, cột «Mã kỳ»: không có kỳ mã «BC-2099» trong trang «Kỳ nộp».',
        '• «Gia hạn», dòng 4, cột «Hạn mới»: hạn mới 01/03/2023 sớm hơn hạn của kỳ «KH-2023» (hết ngày 30/03/2023); gia hạn chỉ được lùi hạn về sau.',
      ].join('\n'),
    );
  });
});

describe('checkConfig: Phụ trách', () => {
  function specialistsTable(rows: readonly Row[]): Table {
    return tableFromRecords(SHEET.specialists, columnsOf(SPECIALIST_COLUMNS), rows);
  }

  it('names an unknown level or a bad address as an error, a level nobody follows as a warning', () => {
    const good = goodTables();
    good.set(
      SHEET.specialists,
      specialistsTable([
        { 'Cấp học': 'Mầm non', 'Họ tên': 'Lê Thị Mầm', Email: 'mamnon@pgd.example.edu.vn' },
      ]),
    );
    expect(checkConfig({ tables: good })).toEqual([]);
    const bad = goodTables();
    bad.set(
      SHEET.specialists,
      specialistsTable([
        { 'Cấp học': 'THPT', 'Họ tên': 'Võ Ba', Email: 'thpt@pgd.example.edu.vn' },
        { 'Cấp học': 'Mầm non', 'Họ tên': 'Lê Thị Mầm', Email: 'mamnon@' },
      ]),
    );
    expect(describeConfigCheck(checkConfig({ tables: bad }))).toBe(
      [
        'Phát hiện 2 lỗi và 1 cảnh báo.',
        '',
        'Lỗi (cần sửa để hệ thống chạy đúng):',
        '• «Phụ trách», dòng 2, cột «Cấp học»: không có đơn vị nào thuộc cấp học «THPT» trong trang «Đơn vị».',
        '• «Phụ trách», dòng 3, cột «Email»: «mamnon@» không phải là địa chỉ email hợp lệ.',
        '',
        'Cảnh báo (hệ thống vẫn chạy, nhưng nên xem lại):',
        '• «Phụ trách», cột «Cấp học»: cấp học «Mầm non» (2 đơn vị) chưa có ai phụ trách; các đơn vị này chỉ có trong thư tổng hợp gửi «Email nhận thư tổng hợp».',
      ].join('\n'),
    );
  });
});

describe('checkConfig: the example contact', () => {
  it('calls each example contact value of `Cấu hình` an error, naming the key, the row and the value', () => {
    const problems = checkConfig({
      tables: tables(configTable(DEFAULT_CONFIG_ROWS), unitsTable(GOOD_UNITS), periodsTable(GOOD_PERIODS)),
    }).filter((problem) => problem.where === SHEET.config);
    expect(problems.map((problem) => [problem.severity, problem.row, problem.message])).toEqual([
      [
        'error',
        5,
        '«Người phụ trách» vẫn là thông tin mẫu «Nguyễn Văn Phụ Trách»; thay bằng người phụ trách thật trước khi gửi thư.',
      ],
      [
        'error',
        6,
        '«Email người phụ trách» vẫn là thông tin mẫu «phutrach@pgd.example.edu.vn»; thay bằng người phụ trách thật trước khi gửi thư.',
      ],
      [
        'error',
        7,
        '«Điện thoại người phụ trách» vẫn là thông tin mẫu «028 0000 0000»; thay bằng người phụ trách thật trước khi gửi thư.',
      ],
      [
        'error',
        8,
        '«Email nhận thư tổng hợp» vẫn là thông tin mẫu «phutrach@pgd.example.edu.vn»; thay bằng người phụ trách thật trước khi gửi thư.',
      ],
    ]);
  });

  it('flags only what is still the example: a digest list that also names a real reader is still an error', () => {
    const rows = FILLED_CONFIG_ROWS.map((row) =>
      row.key === CONFIG_KEY.digestEmails
        ? { ...row, value: 'lanhdao@pgdthuduc.edu.vn; PhuTrach@pgd.example.edu.vn' }
        : row,
    );
    const problems = checkConfig({
      tables: tables(configTable(rows), unitsTable(GOOD_UNITS), periodsTable(GOOD_PERIODS)),
    }).filter((problem) => problem.where === SHEET.config);
    expect(problems.map((problem) => problem.row)).toEqual([8]);
  });
});
