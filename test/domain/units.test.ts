import { SHEET, UNIT_COLUMNS, columnsOf } from '../../src/domain/layout';
import type { CellValue } from '../../src/domain/table';
import { vietnamInstant } from '../../src/domain/time';
import {
  UnitRegistry,
  isValidEmail,
  parseActiveFlag,
  parseUnits,
  splitEmails,
  unitChoiceLabel,
  type Unit,
} from '../../src/domain/units';
import { recordsOf, tableFromRecords } from '../fakes/tables';

const C = UNIT_COLUMNS;
type UnitRow = Partial<Record<(typeof C)[keyof typeof C], CellValue>>;

const OPTIONAL_COLUMNS = [C.activeFrom, C.confirmationCode];
const REQUIRED_COLUMNS = columnsOf(C).filter((column) => !OPTIONAL_COLUMNS.includes(column as never));

let nextCode = 1;
function row(fields: UnitRow): UnitRow {
  const number = nextCode++;
  return {
    [C.code]: `U${String(number).padStart(2, '0')}`,
    [C.name]: `Trường số ${number}`,
    [C.emails]: `u${number}@school.example.edu.vn`,
    ...fields,
  };
}

function parse(rows: readonly UnitRow[]) {
  const table = tableFromRecords(SHEET.units, columnsOf(C), rows);
  return parseUnits(recordsOf(table, { required: REQUIRED_COLUMNS, optional: OPTIONAL_COLUMNS }));
}

function registryOf(rows: readonly UnitRow[]): UnitRegistry {
  const checked = parse(rows);
  if (!checked.ok) throw new Error(checked.problems.map((problem) => problem.message).join('\n'));
  return checked.value;
}

function problemsOf(rows: readonly UnitRow[]) {
  const checked = parse(rows);
  if (checked.ok) throw new Error('expected problems');
  return checked.problems;
}

describe('parseUnits: a well-formed row', () => {
  it('reads every column, cleaned', () => {
    const registry = registryOf([
      {
        [C.code]: ' MN01 ',
        [C.name]: '  Trường Mầm non   Hoa Sen '.normalize('NFD'),
        [C.level]: 'Mầm non',
        [C.ownership]: 'Công lập',
        [C.ward]: 'Phường Linh Xuân',
        [C.emails]: 'HieuTruong@MN01.example.edu.vn; vanthu@mn01.example.edu.vn,  ketoan@mn01.example.edu.vn',
        [C.head]: 'Nguyễn Thị A',
        [C.phone]: '0901 234 567',
        [C.isActive]: 'Có',
        [C.confirmationCode]: 'K7Q2M9',
        [C.activeFrom]: '01/04/2023',
      },
    ]);
    const unit = registry.all[0] as Unit;
    expect(unit).toEqual({
      code: 'MN01',
      name: 'Trường Mầm non Hoa Sen',
      level: 'Mầm non',
      ownership: 'Công lập',
      ward: 'Phường Linh Xuân',
      emails: ['hieutruong@mn01.example.edu.vn', 'vanthu@mn01.example.edu.vn', 'ketoan@mn01.example.edu.vn'],
      head: 'Nguyễn Thị A',
      phone: '0901 234 567',
      isActive: true,
      confirmationCode: 'K7Q2M9',
      activeFrom: '2023-04-01',
      rowNumber: 2,
    });
    expect(unit.name).toBe(unit.name.normalize('NFC'));
  });

  it('leaves optional fields blank and has no activeFrom when Từ ngày is empty', () => {
    const unit = registryOf([
      { [C.code]: 'TH01', [C.name]: 'Trường Tiểu học An Phú', [C.emails]: 'a@th01.example.com' },
    ]).all[0] as Unit;
    expect(unit.level).toBe('');
    expect(unit.confirmationCode).toBe('');
    expect(unit.isActive).toBe(true);
    expect('activeFrom' in unit).toBe(false);
  });

  it('reads Từ ngày from a date cell too', () => {
    const unit = registryOf([row({ [C.activeFrom]: vietnamInstant('2023-04-01') })]).all[0] as Unit;
    expect(unit.activeFrom).toBe('2023-04-01');
  });

  it('reads Từ ngày only when the column exists', () => {
    const table = tableFromRecords(SHEET.units, REQUIRED_COLUMNS, [row({})]);
    const checked = parseUnits(recordsOf(table, { required: REQUIRED_COLUMNS, optional: OPTIONAL_COLUMNS }));
    expect(checked.ok && checked.value.all[0]?.activeFrom).toBeUndefined();
  });
});

describe('parseUnits: problems a person can cause', () => {
  it('reports a missing code, name or e-mail', () => {
    expect(problemsOf([{ [C.code]: '', [C.name]: '', [C.emails]: '', [C.head]: 'Nguyễn Văn B' }])).toEqual([
      { where: 'Đơn vị', row: 2, column: 'Mã đơn vị', message: 'thiếu mã đơn vị.' },
      { where: 'Đơn vị', row: 2, column: 'Tên đơn vị', message: 'thiếu tên đơn vị.' },
      { where: 'Đơn vị', row: 2, column: 'Email', message: 'thiếu địa chỉ email.' },
    ]);
  });

  it('reports a code that contains the choice separator', () => {
    expect(problemsOf([row({ [C.code]: 'MN 01 - A' })])).toEqual([
      {
        where: 'Đơn vị',
        row: 2,
        column: 'Mã đơn vị',
        message: 'mã đơn vị «MN 01 - A» không được chứa « - ».',
      },
    ]);
  });

  it('reports each invalid e-mail address', () => {
    expect(problemsOf([row({ [C.emails]: 'ok@mn.example.com; mn01.example.edu.vn, x@y' })])).toEqual([
      {
        where: 'Đơn vị',
        row: 2,
        column: 'Email',
        message: '«mn01.example.edu.vn» không phải là địa chỉ email hợp lệ.',
      },
      { where: 'Đơn vị', row: 2, column: 'Email', message: '«x@y» không phải là địa chỉ email hợp lệ.' },
    ]);
  });

  it('reports a duplicate code, also one that differs only by case or accents, naming the first row', () => {
    const problems = problemsOf([
      row({ [C.code]: 'MN01' }),
      row({ [C.code]: 'MN-ĐÔNG' }),
      row({ [C.code]: 'mn01' }),
      row({ [C.code]: 'mn-dong' }),
      row({ [C.code]: ' MN01 ' }),
    ]);
    expect(problems).toEqual([
      { where: 'Đơn vị', row: 4, column: 'Mã đơn vị', message: 'mã đơn vị «mn01» bị trùng với dòng 2.' },
      { where: 'Đơn vị', row: 5, column: 'Mã đơn vị', message: 'mã đơn vị «mn-dong» bị trùng với dòng 3.' },
      { where: 'Đơn vị', row: 6, column: 'Mã đơn vị', message: 'mã đơn vị «MN01» bị trùng với dòng 2.' },
    ]);
  });

  it('reports an unreadable Đang hoạt động, quoting it', () => {
    expect(problemsOf([row({ [C.isActive]: 'Tạm dừng' })])).toEqual([
      {
        where: 'Đơn vị',
        row: 2,
        column: 'Đang hoạt động',
        message: '«Tạm dừng» không hợp lệ; ghi «Có» hoặc «Không».',
      },
    ]);
  });

  it('reports an impossible Từ ngày', () => {
    expect(problemsOf([row({ [C.activeFrom]: '31/04/2023' })])).toEqual([
      {
        where: 'Đơn vị',
        row: 2,
        column: 'Từ ngày',
        message: '«31/04/2023» không phải là ngày hợp lệ (dd/MM/yyyy).',
      },
    ]);
  });

  it('reports every problem of every row at once, skipping blank rows in the numbering', () => {
    const table = tableFromRecords(SHEET.units, columnsOf(C), [
      row({ [C.emails]: '' }),
      {},
      row({ [C.isActive]: '?' }),
    ]);
    const checked = parseUnits(recordsOf(table, { required: REQUIRED_COLUMNS, optional: OPTIONAL_COLUMNS }));
    expect(checked.ok ? [] : checked.problems.map((problem) => [problem.row, problem.column])).toEqual([
      [2, 'Email'],
      [4, 'Đang hoạt động'],
    ]);
  });
});

describe('the active flag', () => {
  it.each<[CellValue, boolean | null]>([
    ['Có', true],
    ['có', true],
    ['CÓ', true],
    ['co', true],
    ['x', true],
    ['X', true],
    ['TRUE', true],
    [true, true],
    [1, true],
    ['', true],
    ['   ', true],
    [null, true],
    ['Đang hoạt động', true],
    ['Không', false],
    ['KHÔNG', false],
    ['khong', false],
    ['FALSE', false],
    [false, false],
    [0, false],
    ['Ngừng hoạt động', false],
    ['Tạm dừng', null],
    ['có lẽ', null],
    [2, null],
  ])('%p → %p', (value, expected) => {
    expect(parseActiveFlag(value)).toBe(expected);
  });

  it('keeps inactive units in the registry but not among the active ones', () => {
    const registry = registryOf([row({ [C.code]: 'A1', [C.isActive]: 'Không' }), row({ [C.code]: 'A2' })]);
    expect(registry.all.map((unit) => unit.code)).toEqual(['A1', 'A2']);
    expect(registry.active.map((unit) => unit.code)).toEqual(['A2']);
  });
});

describe('e-mail lists', () => {
  it('splits on ; , and whitespace, lower-cased', () => {
    expect(splitEmails(' A@x.example.com;b@x.example.com , c@x.example.com\nd@x.example.com;; ')).toEqual([
      'a@x.example.com',
      'b@x.example.com',
      'c@x.example.com',
      'd@x.example.com',
    ]);
    expect(splitEmails('')).toEqual([]);
  });

  it('tells a plausible address from a wrong one', () => {
    expect(isValidEmail('hieutruong@mn01.example.edu.vn')).toBe(true);
    expect(isValidEmail('a.b+c@example.com')).toBe(true);
    for (const wrong of [
      'mn01.example.edu.vn',
      'a@b',
      '@example.com',
      'a@@example.com',
      'a b@example.com',
      '<a@x.com>',
    ]) {
      expect(isValidEmail(wrong)).toBe(false);
    }
  });
});

describe('UnitRegistry', () => {
  const registry = registryOf([
    row({ [C.code]: 'MN01', [C.name]: 'Trường Mầm non Hoa Sen', [C.ward]: 'An Phú' }),
    row({ [C.code]: 'MN02', [C.name]: 'Trường Mầm non Hoa Sen', [C.ward]: 'Bình Thọ' }),
    row({ [C.code]: 'TH-ĐBB', [C.name]: 'Trường Tiểu học Đặng Văn Bất' }),
    row({ [C.code]: 'TH05', [C.name]: 'Trường Tiểu học A - Cơ sở 2' }),
    row({ [C.code]: 'THCS01', [C.name]: 'Trường THCS Linh Đông' }),
  ]);
  const codeOf = (answer: string) => registry.findByAnswer(answer)?.code;

  it('finds a unit by its choice label `Mã - Tên`', () => {
    expect(codeOf('MN02 - Trường Mầm non Hoa Sen')).toBe('MN02');
    expect(codeOf(unitChoiceLabel({ code: 'TH-ĐBB', name: 'Trường Tiểu học Đặng Văn Bất' }))).toBe('TH-ĐBB');
  });

  it('lets the code before the first separator decide', () => {
    expect(codeOf('TH05 - Trường Tiểu học A - Cơ sở 2')).toBe('TH05');
    expect(codeOf('MN01 - Trường Tiểu học Đặng Văn Bất')).toBe('MN01');
  });

  it('tolerates accents, case, spacing, NFD and an en or em dash', () => {
    expect(codeOf('th-dbb - truong tieu hoc dang van bat')).toBe('TH-ĐBB');
    expect(codeOf('TH-ĐBB - Trường Tiểu học Đặng Văn Bất'.normalize('NFD'))).toBe('TH-ĐBB');
    expect(codeOf('  mn02   -   TRƯỜNG MẦM NON HOA SEN ')).toBe('MN02');
    expect(codeOf('MN02 – Trường Mầm non Hoa Sen')).toBe('MN02');
    expect(codeOf('MN02 — Trường Mầm non Hoa Sen')).toBe('MN02');
  });

  it('finds a unit by its bare code', () => {
    expect(codeOf('thcs01')).toBe('THCS01');
    expect(codeOf(' TH-DBB ')).toBe('TH-ĐBB');
  });

  it('finds a unit by a name only one unit has', () => {
    expect(codeOf('truong thcs linh dong')).toBe('THCS01');
  });

  it('finds nothing for an unknown unit or a name two units share', () => {
    expect(codeOf('XX99 - Trường THCS Linh Đông')).toBeUndefined();
    expect(codeOf('Trường Mầm non Hoa Sen')).toBeUndefined();
    expect(codeOf('Trường không có')).toBeUndefined();
    expect(codeOf('')).toBeUndefined();
    expect(codeOf('   ')).toBeUndefined();
  });

  it('finds by code without regard to accents or case', () => {
    expect(registry.byCode('th-dbb')?.name).toBe('Trường Tiểu học Đặng Văn Bất');
    expect(registry.byCode('TH06')).toBeUndefined();
  });

  it('sorts units by name in Vietnamese order, then by code', () => {
    const sorted = registryOf([
      row({ [C.code]: 'B2', [C.name]: 'Trường Đông' }),
      row({ [C.code]: 'B1', [C.name]: 'Trường Dương' }),
      row({ [C.code]: 'A3', [C.name]: 'Trường Ân' }),
      row({ [C.code]: 'A2', [C.name]: 'Trường Ăn' }),
      row({ [C.code]: 'A1b', [C.name]: 'Trường An' }),
      row({ [C.code]: 'A1a', [C.name]: 'Trường An' }),
      row({ [C.code]: 'C1', [C.name]: 'Trường Uyên' }),
      row({ [C.code]: 'C2', [C.name]: 'Trường Ưng' }),
    ]);
    expect(sorted.all.map((unit) => unit.code)).toEqual(['A1a', 'A1b', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2']);
  });
});
