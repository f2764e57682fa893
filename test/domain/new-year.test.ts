// Next year in one step, as data: what is shifted, renamed and reported, and what is refused.
import { initialSheets } from '../../src/app/initialize-workbook';
import { responseSheetHeaders } from '../../src/domain/forms';
import { CONFIG_COLUMNS, HOLIDAY_COLUMNS, PERIOD_COLUMNS, SHEET } from '../../src/domain/layout';
import {
  archiveName,
  describeNewYear,
  NewYearError,
  parseTargetYear,
  planNewYear,
  shiftDate,
  withYear,
} from '../../src/domain/new-year';
import { InputError } from '../../src/domain/problems';
import { readRecords, type Table } from '../../src/domain/table';
import { demoUnits } from '../../src/demo/units';
import { MemoryWorkbook } from '../fakes/memory-workbook';
import { makeTable } from '../fakes/tables';

function tables(extra: readonly Table[] = []): ReadonlyMap<string, Table> {
  const workbook = new MemoryWorkbook();
  workbook.write(initialSheets({ units: demoUnits(), responseHeaders: responseSheetHeaders() }));
  for (const table of extra)
    workbook.write([{ kind: 'replace', sheet: table.name, headers: table.headers, rows: table.rows }]);
  return workbook.read([...Object.values(SHEET)]);
}

const HOLIDAYS = makeTable(
  SHEET.holidays,
  [HOLIDAY_COLUMNS.date, HOLIDAY_COLUMNS.reason],
  [['30/04/2024', 'Ngày Giải phóng miền Nam']],
);

function periodsOf(table: Table) {
  return readRecords(table, SHEET.periods, { required: Object.values(PERIOD_COLUMNS) }).map((record) => ({
    id: record.get(PERIOD_COLUMNS.id),
    name: record.get(PERIOD_COLUMNS.name),
    opensOn: record.get(PERIOD_COLUMNS.opensOn),
    due: record.get(PERIOD_COLUMNS.writtenDueDate),
    rule: record.get(PERIOD_COLUMNS.deadlineRule),
    remind: record.get(PERIOD_COLUMNS.remindBeforeDays),
  }));
}

describe('planNewYear', () => {
  it('shifts every period to the same day and month of the new year, renames it, keeps its rules', () => {
    const plan = planNewYear(tables([HOLIDAYS]), { year: '2024' });
    expect(plan.fromYear).toBe(2023);
    expect(plan.toYear).toBe(2024);
    expect(periodsOf(plan.periods)).toEqual([
      {
        id: 'KH-2024',
        name: 'Kế hoạch năm 2024',
        opensOn: '14/03/2024',
        due: '31/03/2024',
        rule: 'trước ngày',
        remind: '7, 3, 1',
      },
      {
        id: 'BC6T-2024',
        name: 'Báo cáo 6 tháng đầu năm 2024',
        opensOn: '01/04/2024',
        due: '01/05/2024',
        rule: 'trước ngày',
        remind: '7, 3, 1',
      },
      {
        id: 'BCN-2024',
        name: 'Báo cáo năm 2024',
        opensOn: '01/10/2024',
        due: '01/11/2024',
        rule: 'trước ngày',
        remind: '7, 3, 1',
      },
    ]);
    expect(plan.renamed.map((period) => `${period.from}→${period.to}`)).toEqual([
      'KH-2023→KH-2024',
      'BC6T-2023→BC6T-2024',
      'BCN-2023→BCN-2024',
    ]);
    expect(plan.planName).toBe('thực hiện công tác dân vận của chính quyền năm 2024');
    const config = new Map(plan.config.rows.map((row) => [row[0], row[1]]));
    expect(config.get('Năm')).toBe(2024);
    expect(config.get('Tên kế hoạch')).toBe('thực hiện công tác dân vận của chính quyền năm 2024');
    expect(config.get('Tên cơ quan')).toBe('Phòng Giáo dục và Đào tạo thành phố Thủ Đức');
  });

  it('reports, and does not move, a last day on time that falls on a weekend or a `Ngày nghỉ` day', () => {
    const plan = planNewYear(tables([HOLIDAYS]), { year: '2024' });
    expect(plan.dueDayNotes).toEqual([
      { periodId: 'KH-2024', lastDueDate: '2024-03-30', reasons: ['Thứ Bảy'] },
      { periodId: 'BC6T-2024', lastDueDate: '2024-04-30', reasons: ['ngày nghỉ «Ngày Giải phóng miền Nam»'] },
    ]);
    const text = describeNewYear(plan, 'dot-2023.xlsx');
    expect(text).toContain(
      'Lưu ý: kỳ «KH-2024» có ngày cuối còn đúng hạn 30/03/2024 rơi vào Thứ Bảy; hạn vẫn giữ như kế hoạch, xem lại nếu cần.',
    );
    expect(text).toContain('  BC6T-2023 → BC6T-2024 (Báo cáo 6 tháng đầu năm 2024)');
  });

  it('takes a new agency name, and lists what is archived and what starts empty', () => {
    const plan = planNewYear(tables(), {
      year: '2025',
      agencyName: '  Phòng Văn hóa - Xã hội phường Linh Xuân ',
    });
    expect(plan.agencyName).toBe('Phòng Văn hóa - Xã hội phường Linh Xuân');
    expect(new Map(plan.config.rows.map((row) => [row[0], row[1]])).get('Tên cơ quan')).toBe(
      'Phòng Văn hóa - Xã hội phường Linh Xuân',
    );
    expect(plan.archived).toEqual(
      expect.arrayContaining([SHEET.submissions, SHEET.mailLog, SHEET.config, SHEET.units]),
    );
    expect(plan.emptied).toEqual(
      expect.arrayContaining([SHEET.submissions, SHEET.mailLog, SHEET.planResponses]),
    );
    expect(plan.emptied).not.toContain(SHEET.units);
    expect(plan.emptied).not.toContain(SHEET.config);
    expect(periodsOf(plan.periods)[0]?.id).toBe('KH-2025');
  });

  it('with a new agency, empties the old superior body and place, which then follow from the new name', () => {
    const config = tables().get(SHEET.config)!;
    const rows = [
      ...config.rows,
      ['Cơ quan chủ quản', 'Ủy ban nhân dân thành phố Thủ Đức', ''],
      ['Địa danh', 'Thủ Đức', ''],
      ['Ký hiệu cơ quan', 'GDĐT', ''],
    ];
    const withKeys = makeTable(SHEET.config, config.headers, rows);
    const kept = planNewYear(tables([withKeys]), { year: '2024' });
    expect(kept.clearedKeys).toEqual([]);
    expect(kept.superiorAgency).toBe('Ủy ban nhân dân thành phố Thủ Đức');
    const plan = planNewYear(tables([withKeys]), {
      year: '2025',
      agencyName: 'Phòng Văn hóa - Xã hội phường Linh Xuân',
    });
    expect(plan.clearedKeys).toEqual(['Cơ quan chủ quản', 'Địa danh']);
    const values = new Map(plan.config.rows.map((row) => [row[0], row[1]]));
    expect(values.get('Cơ quan chủ quản')).toBeNull();
    expect(values.get('Ký hiệu cơ quan')).toBe('GDĐT');
    const text = describeNewYear(plan, 'dot-2023.xlsx');
    expect(text).toContain(
      'Báo cáo gửi Thành phố ghi cơ quan chủ quản «Ủy ban nhân dân phường Linh Xuân», địa danh «Linh Xuân».\n' +
        'Đã xóa giá trị «Cơ quan chủ quản», «Địa danh» của cơ quan cũ trong «Cấu hình»; ghi lại nếu khác với giá trị trên.\n',
    );
  });

  it('names an id without the old year after the new one, and moves 29/02 to the 28th, saying so', () => {
    const periods = tables().get(SHEET.periods)!;
    const rows = periods.rows.map((row) => [...row]);
    const id = periods.headers.indexOf(PERIOD_COLUMNS.id);
    const due = periods.headers.indexOf(PERIOD_COLUMNS.writtenDueDate);
    rows[0]![id] = 'KH';
    rows[0]![due] = '29/02/2024';
    const plan = planNewYear(tables([makeTable(SHEET.periods, periods.headers, rows)]), { year: '2024' });
    // 2023 → 2024 first: 29/02/2024 shifted by one year is 28/02/2025.
    expect(plan.renamed[0]).toMatchObject({ from: 'KH', to: 'KH-2024' });
    expect(plan.movedDates).toEqual([
      { periodId: 'KH-2024', column: PERIOD_COLUMNS.writtenDueDate, from: '2024-02-29', to: '2025-02-28' },
    ]);
    expect(describeNewYear(plan, 'a-2023.xlsx')).toContain(
      'Kỳ «KH-2024», cột «Hạn nộp»: năm 2024 không có ngày 29/02; đã ghi 28/02/2025.',
    );
  });

  it('refuses a workbook whose `Cấu hình` or `Kỳ nộp` is wrong, with every problem', () => {
    const config = tables().get(SHEET.config)!;
    const rows = config.rows.map((row) => (row[0] === 'Năm' ? ['Năm', 'hai nghìn', ''] : [...row]));
    expect(() =>
      planNewYear(
        tables([
          makeTable(SHEET.config, [CONFIG_COLUMNS.key, CONFIG_COLUMNS.value, CONFIG_COLUMNS.note], rows),
        ]),
        {
          year: '2024',
        },
      ),
    ).toThrow(
      new InputError([
        {
          where: SHEET.config,
          row: 4,
          column: 'Giá trị',
          message: '«Năm»: «hai nghìn» không phải là năm (4 chữ số).',
        },
      ]),
    );
  });
});

describe('the year asked for', () => {
  it.each([
    ['2O24', '«2O24» không phải là năm (4 chữ số, ví dụ 2024).'],
    ['24', '«24» không phải là năm (4 chữ số, ví dụ 2024).'],
    ['', '«» không phải là năm (4 chữ số, ví dụ 2024).'],
    ['2023', 'Bảng tính đã là năm 2023 («Năm» trong «Cấu hình»); không có gì để chuyển.'],
    ['2022', 'Năm mới (2022) phải sau năm của bảng tính (2023).'],
  ])('refuses «%s»', (year, message) => {
    expect(() => parseTargetYear(year, 2023)).toThrow(new NewYearError(message));
    expect(() => planNewYear(tables(), { year })).toThrow(message);
  });

  it('refuses an empty agency name', () => {
    expect(() => planNewYear(tables(), { year: '2024', agencyName: ' ' })).toThrow(
      new NewYearError('Tên cơ quan mới (--agency) không được để trống.'),
    );
  });
});

describe('helpers', () => {
  it('replaces the year only as a whole number', () => {
    expect(withYear('KH-2023, năm 2023, mã 120235', 2023, 2024)).toBe('KH-2024, năm 2024, mã 120235');
  });
  it('keeps January of the next year in the next year', () => {
    expect(shiftDate('2024-01-15', 1)).toEqual({ date: '2025-01-15', moved: false });
  });
  it('names the archive beside the workbook', () => {
    expect(archiveName('data/dot.xlsx', 2023)).toBe('data/dot-2023.xlsx');
    expect(archiveName('Đợt thu PGD', 2023)).toBe('Đợt thu PGD-2023');
  });
});
