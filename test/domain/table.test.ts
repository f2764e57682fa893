import { InputError, describeProblem, valueOrThrow } from '../../src/domain/problems';
import { cellDate, cellInstant, cellText, encodeRows, readRecords } from '../../src/domain/table';
import { vietnamInstant } from '../../src/domain/time';
import { makeTable, recordsOf, tableFromRecords } from '../fakes/tables';

function inputErrorOf(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('readRecords', () => {
  const table = makeTable(
    'Kỳ nộp',
    ['Ghi chú', 'Hạn nộp', 'Mã kỳ'],
    [
      ['', '31/03/2023', 'KH-2023'],
      [null, '', '  '],
      ['lần 2', '01/05/2023', 'BC6T-2023'],
    ],
  );

  it('finds columns by title whatever their position, and numbers rows as the sheet does', () => {
    const records = readRecords(table, 'Kỳ nộp', { required: ['Mã kỳ', 'Hạn nộp'] });
    expect(records.map((record) => [record.rowNumber, record.get('Mã kỳ'), record.get('Hạn nộp')])).toEqual([
      [2, 'KH-2023', '31/03/2023'],
      [4, 'BC6T-2023', '01/05/2023'],
    ]);
    expect(records[0]?.sheet).toBe('Kỳ nộp');
  });

  it('matches headers after NFC, case and spacing', () => {
    const typed = makeTable('Đơn vị', ['  MÃ  ĐƠN VỊ '.normalize('NFD')], [['MN01']]);
    const [record] = readRecords(typed, 'Đơn vị', { required: ['Mã đơn vị'] });
    expect(record?.get('Mã đơn vị')).toBe('MN01');
    expect(record?.has('mã đơn vị')).toBe(true);
  });

  it('reads an absent optional column as blank', () => {
    const [record] = readRecords(table, 'Kỳ nộp', { required: ['Mã kỳ'], optional: ['Từ ngày'] });
    expect(record?.has('Từ ngày')).toBe(false);
    expect(record?.get('Từ ngày')).toBeNull();
  });

  it('reads a short row as blank cells', () => {
    const [record] = recordsOf(makeTable('Đơn vị', ['Mã đơn vị', 'Email'], [['MN01']]));
    expect(record?.get('Email')).toBeNull();
  });

  it('uses the first of two columns with the same title', () => {
    const [record] = recordsOf(
      makeTable('Đơn vị', ['Email', 'email'], [['a@x.example.com', 'b@x.example.com']]),
    );
    expect(record?.get('Email')).toBe('a@x.example.com');
  });

  it('names the sheet when it is missing', () => {
    const error = inputErrorOf(() => readRecords(undefined, 'Kỳ nộp', { required: ['Mã kỳ'] }));
    expect(error.problems).toEqual([
      { where: 'Kỳ nộp', message: 'không có trang «Kỳ nộp» trong bảng tính.' },
    ]);
    expect(error.message).toBe('«Kỳ nộp»: không có trang «Kỳ nộp» trong bảng tính.');
  });

  it('names every missing header at once', () => {
    const error = inputErrorOf(() =>
      readRecords(table, 'Kỳ nộp', {
        required: ['Mã kỳ', 'Tên kỳ', 'Biểu mẫu'],
        optional: ['Ân hạn (ngày)'],
      }),
    );
    expect(error.problems).toEqual([
      { where: 'Kỳ nộp', row: 1, column: 'Tên kỳ', message: 'thiếu cột «Tên kỳ» ở dòng tiêu đề.' },
      { where: 'Kỳ nộp', row: 1, column: 'Biểu mẫu', message: 'thiếu cột «Biểu mẫu» ở dòng tiêu đề.' },
    ]);
    expect(error.message).toBe(
      '«Kỳ nộp», dòng 1, cột «Tên kỳ»: thiếu cột «Tên kỳ» ở dòng tiêu đề.\n' +
        '«Kỳ nộp», dòng 1, cột «Biểu mẫu»: thiếu cột «Biểu mẫu» ở dòng tiêu đề.',
    );
    expect(error.name).toBe('InputError');
  });
});

describe('problems', () => {
  it('describes a problem with the places that are known', () => {
    expect(describeProblem({ where: 'Cấu hình', column: 'Khóa', message: 'thiếu khóa «Năm».' })).toBe(
      '«Cấu hình», cột «Khóa»: thiếu khóa «Năm».',
    );
    expect(describeProblem({ where: 'Đơn vị', row: 7, message: 'x.' })).toBe('«Đơn vị», dòng 7: x.');
  });

  it('valueOrThrow returns the value or throws every problem', () => {
    expect(valueOrThrow({ ok: true, value: 3 })).toBe(3);
    const problems = [{ where: 'Đơn vị', row: 2, column: 'Email', message: 'thiếu địa chỉ email.' }];
    expect(inputErrorOf(() => valueOrThrow({ ok: false, problems })).problems).toEqual(problems);
  });
});

describe('cellText', () => {
  it('gives text as NFC, trimmed', () => {
    expect(cellText('  Hòa Bình '.normalize('NFD'))).toBe('Hòa Bình');
    expect(cellText(null)).toBe('');
  });

  it('writes numbers without a trailing .0, and booleans as written', () => {
    expect(cellText(7)).toBe('7');
    expect(cellText(7.0)).toBe('7');
    expect(cellText(1.5)).toBe('1.5');
    expect(cellText(true)).toBe('true');
  });

  it('writes a date cell as its Vietnamese day, dd/MM/yyyy', () => {
    // Google Sheets (zone Asia/Ho_Chi_Minh) hands midnight in Vietnam; exceljs hands midnight UTC.
    expect(cellText(vietnamInstant('2023-03-31'))).toBe('31/03/2023');
    expect(cellText(new Date(Date.UTC(2023, 2, 31)))).toBe('31/03/2023');
  });
});

describe('cellDate', () => {
  it('reads date cells, dd/MM/yyyy and ISO text', () => {
    expect(cellDate(vietnamInstant('2023-03-31'))).toBe('2023-03-31');
    expect(cellDate(new Date(Date.UTC(2023, 2, 31)))).toBe('2023-03-31');
    expect(cellDate('31/03/2023')).toBe('2023-03-31');
    expect(cellDate('2023-03-31')).toBe('2023-03-31');
  });

  it('refuses impossible days, invalid dates and non-dates', () => {
    expect(cellDate('31/02/2023')).toBeNull();
    expect(cellDate(new Date(Number.NaN))).toBeNull();
    expect(cellDate(45016)).toBeNull();
    expect(cellDate(null)).toBeNull();
    expect(cellDate('')).toBeNull();
  });
});

describe('cellInstant', () => {
  it('keeps a date-time cell as it is', () => {
    const instant = new Date(Date.UTC(2023, 2, 30, 16, 59, 59));
    expect(cellInstant(instant)).toBe(instant);
    expect(cellInstant(new Date(Number.NaN))).toBeNull();
  });

  it('reads ISO text without offset as Vietnam wall-clock time, whatever the machine zone', () => {
    expect(cellInstant('2023-03-30T23:59:59')?.toISOString()).toBe('2023-03-30T16:59:59.000Z');
    expect(cellInstant(' 2023-03-31T00:00:00 ')?.toISOString()).toBe('2023-03-30T17:00:00.000Z');
  });

  it('honours an offset, and reads back formatIsoVietnam text', () => {
    expect(cellInstant('2023-03-30T16:59:59Z')?.toISOString()).toBe('2023-03-30T16:59:59.000Z');
    expect(cellInstant('2023-03-30T23:59:59.999+07:00')?.toISOString()).toBe('2023-03-30T16:59:59.999Z');
  });

  it('refuses blanks and text that is not a moment', () => {
    expect(cellInstant('')).toBeNull();
    expect(cellInstant('hôm qua')).toBeNull();
    expect(cellInstant(45016.5)).toBeNull();
    expect(cellInstant(null)).toBeNull();
  });
});

describe('encodeRows and the test table builder', () => {
  it('puts record fields in header order, blanks where absent', () => {
    expect(
      encodeRows(['Mã kỳ', 'Tên kỳ', 'Ân hạn (ngày)'], [{ 'Tên kỳ': 'Kế hoạch', 'Mã kỳ': 'KH' }]),
    ).toEqual([['KH', 'Kế hoạch', null]]);
  });

  it('round-trips through readRecords', () => {
    const table = tableFromRecords(
      'Kỳ nộp',
      ['Mã kỳ', 'Ân hạn (ngày)'],
      [{ 'Mã kỳ': 'KH', 'Ân hạn (ngày)': 2 }],
    );
    const [record] = recordsOf(table);
    expect([record?.get('Mã kỳ'), record?.get('Ân hạn (ngày)'), record?.rowNumber]).toEqual(['KH', 2, 2]);
  });
});
