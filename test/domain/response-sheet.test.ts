import { PLAN_FORM, REPORT_FORM, responseColumns } from '../../src/domain/forms';
import {
  parseFormsTimestamp,
  responsesFromSheet,
  sheetResponseId,
  timestampLocaleOf,
  timestampOfCell,
} from '../../src/domain/response-sheet';
import type { CellValue, Table } from '../../src/domain/table';
import { vietnamInstant } from '../../src/domain/time';
import { GOOD_PLAN } from './forms/form-fixture';

const AT = vietnamInstant('2023-03-30', 21, 15, 4);

describe('parseFormsTimestamp', () => {
  it('reads a Vietnamese-locale timestamp, day first, as Vietnam time', () => {
    expect(parseFormsTimestamp('30/03/2023 21:15:04', 'vi')).toEqual(AT);
    expect(parseFormsTimestamp('30/03/2023 21:15:04', 'vi')?.toISOString()).toBe('2023-03-30T14:15:04.000Z');
  });

  it('reads an English-locale timestamp, month first, as Vietnam time', () => {
    expect(parseFormsTimestamp('3/30/2023 21:15:04', 'en')).toEqual(AT);
    expect(parseFormsTimestamp('03/30/2023 21:15:04', 'en')).toEqual(AT);
  });

  it('takes what Sheets may also show: no leading zeros, no seconds, a comma, the date alone', () => {
    expect(parseFormsTimestamp('5/4/2023 7:05:09', 'vi')).toEqual(vietnamInstant('2023-04-05', 7, 5, 9));
    expect(parseFormsTimestamp('5/4/2023 7:05:09', 'en')).toEqual(vietnamInstant('2023-05-04', 7, 5, 9));
    expect(parseFormsTimestamp('30/03/2023 21:15', 'vi')).toEqual(vietnamInstant('2023-03-30', 21, 15));
    expect(parseFormsTimestamp('3/30/2023, 21:15:04', 'en')).toEqual(AT);
    expect(parseFormsTimestamp(' 30/03/2023 ', 'vi')).toEqual(vietnamInstant('2023-03-30'));
  });

  it.each([
    ['3/30/2023 21:15:04', 'vi'],
    ['30/03/2023 21:15:04', 'en'],
    ['31/02/2023 10:00:00', 'vi'],
    ['29/02/2023 10:00:00', 'vi'],
    ['30/03/2023 24:00:00', 'vi'],
    ['30/03/2023 21:60:00', 'vi'],
    ['30/03/2023 21:15:60', 'vi'],
    ['30/03/23 21:15:04', 'vi'],
    ['2023-03-30 21:15:04', 'vi'],
    ['30.03.2023 21:15:04', 'vi'],
    ['hôm qua', 'vi'],
    ['', 'vi'],
  ] as const)('refuses «%s» in the %s locale', (text, locale) => {
    expect(parseFormsTimestamp(text, locale)).toBeNull();
  });

  it('reads 29 February of a leap year', () => {
    expect(parseFormsTimestamp('29/02/2024 08:00:00', 'vi')).toEqual(vietnamInstant('2024-02-29', 8));
  });
});

describe('timestampOfCell and timestampLocaleOf', () => {
  it('takes a date cell as the instant it is, and refuses numbers and invalid dates', () => {
    expect(timestampOfCell(AT, 'en')).toEqual(AT);
    expect(timestampOfCell(new Date(Number.NaN), 'vi')).toBeNull();
    expect(timestampOfCell(45015.88, 'vi')).toBeNull();
    expect(timestampOfCell(null, 'vi')).toBeNull();
  });

  it('reads month-first dates only under English headers', () => {
    expect(timestampLocaleOf(['Timestamp', 'Email Address', 'Đơn vị'])).toBe('en');
    expect(timestampLocaleOf([' timestamp ', 'Email Address'])).toBe('en');
    expect(timestampLocaleOf(['Dấu thời gian', 'Địa chỉ email'])).toBe('vi');
  });
});

describe('sheetResponseId', () => {
  const id = sheetResponseId('plan', AT, 'mnhm@truong.example.edu.vn');

  it('is the same for the same form, time and address, whatever the case and spaces of the address', () => {
    expect(sheetResponseId('plan', new Date(AT.getTime()), ' MNHM@Truong.Example.edu.vn ')).toBe(id);
    expect(id).toMatch(/^KH-[0-9a-f]{16}$/);
  });

  it('differs by form, address and time (to the second)', () => {
    const others = [
      sheetResponseId('report', AT, 'mnhm@truong.example.edu.vn'),
      sheetResponseId('plan', AT, 'thdd@truong.example.edu.vn'),
      sheetResponseId('plan', AT, ''),
      sheetResponseId('plan', new Date(AT.getTime() + 1000), 'mnhm@truong.example.edu.vn'),
      sheetResponseId('plan', new Date(AT.getTime() - 1000), 'mnhm@truong.example.edu.vn'),
    ];
    expect(others[0]).toMatch(/^BC-[0-9a-f]{16}$/);
    expect(new Set([id, ...others]).size).toBe(others.length + 1);
  });

  it('does not collide over a campaign of responses', () => {
    const ids = new Set<string>();
    for (let minute = 0; minute < 3000; minute += 1) {
      const at = new Date(AT.getTime() + minute * 60000);
      ids.add(sheetResponseId('plan', at, `u${minute % 7}@truong.example.edu.vn`));
      ids.add(sheetResponseId('report', at, `u${minute % 7}@truong.example.edu.vn`));
    }
    expect(ids.size).toBe(6000);
  });
});

function planRow(timestamp: CellValue, email: string, answers = GOOD_PLAN): CellValue[] {
  return [
    timestamp,
    email,
    ...PLAN_FORM.questions.map((question) => (answers[question.key] ?? '') as CellValue),
  ];
}

describe('responsesFromSheet', () => {
  const curlyHeaders = responseColumns(PLAN_FORM);
  const straightHeaders = curlyHeaders.map((header) => header.replace(/[“”]/g, '"'));

  it('reads the answers by question title, curly and straight quotes alike', () => {
    expect(straightHeaders).toContain('Số mô hình, điển hình "Dân vận khéo" đăng ký');
    const row = planRow('30/03/2023 21:15:04', ' MNHM@Truong.Example.edu.vn ');
    const curly = responsesFromSheet(
      { name: 'Phản hồi Kế hoạch', headers: curlyHeaders, rows: [row] },
      'plan',
    );
    const straight = responsesFromSheet(
      { name: 'Phản hồi Kế hoạch', headers: straightHeaders, rows: [row] },
      'plan',
    );
    expect(straight).toEqual(curly);
    const [read] = curly;
    expect(read?.rowNumber).toBe(2);
    expect(read?.response).toEqual({
      responseId: sheetResponseId('plan', AT, 'mnhm@truong.example.edu.vn'),
      form: 'plan',
      timestamp: AT,
      respondentEmail: 'mnhm@truong.example.edu.vn',
      response: { answers: { ...GOOD_PLAN }, missingColumns: [], dateLocale: 'vi' },
      editLink: '',
    });
  });

  it('reads an English-locale sheet (Timestamp, Email Address, month first)', () => {
    const headers = ['Timestamp', 'Email Address', ...curlyHeaders.slice(2)];
    const [read] = responsesFromSheet(
      { name: 'export.csv', headers, rows: [planRow('3/30/2023 21:15:04', 'a@b.example.com')] },
      'plan',
    );
    expect(read?.response?.timestamp).toEqual(AT);
    expect(read?.response?.respondentEmail).toBe('a@b.example.com');
  });

  it('finds the columns wherever they are, and lists the questions that have none', () => {
    const headers = ['Ghi chú', 'Đơn vị', 'Địa chỉ email', 'Dấu thời gian', 'Cột của phòng'];
    const table: Table = {
      name: 'Phản hồi Kế hoạch',
      headers,
      rows: [['', 'MNHM', 'x@y.example.com', AT, 'z']],
    };
    const [read] = responsesFromSheet(table, 'plan');
    expect(read?.response?.response.answers).toEqual({ unit: 'MNHM', notes: '' });
    expect(read?.response?.response.missingColumns).toEqual(
      PLAN_FORM.questions.map((question) => question.key).filter((key) => key !== 'unit' && key !== 'notes'),
    );
  });

  it('reports a row without a valid timestamp, naming sheet, row and column, and still reads the others', () => {
    const table: Table = {
      name: 'Phản hồi Báo cáo',
      headers: responseColumns(REPORT_FORM),
      rows: [
        [AT, 'a@b.example.com', 'MNHM'],
        [null, null, null],
        ['', 'c@d.example.com', 'THDD'],
        ['31/02/2023 10:00:00', 'e@f.example.com', 'THCSLQD'],
        ['', '', ''],
        [vietnamInstant('2023-04-02', 8), 'g@h.example.com', 'MNCU'],
      ],
    };
    const rows = responsesFromSheet(table, 'report');
    expect(
      rows.map((row) => [row.rowNumber, row.response?.respondentEmail ?? null, row.problem ?? null]),
    ).toEqual([
      [2, 'a@b.example.com', null],
      [
        4,
        null,
        { where: 'Phản hồi Báo cáo', row: 4, column: 'Dấu thời gian', message: 'thiếu dấu thời gian.' },
      ],
      [
        5,
        null,
        {
          where: 'Phản hồi Báo cáo',
          row: 5,
          column: 'Dấu thời gian',
          message: '«31/02/2023 10:00:00» không phải là dấu thời gian hợp lệ (dd/MM/yyyy HH:mm:ss).',
        },
      ],
      [7, 'g@h.example.com', null],
    ]);
  });

  it('names the English format when an English-locale timestamp is wrong', () => {
    const table: Table = {
      name: 'x.csv',
      headers: ['Timestamp', 'Email Address'],
      rows: [['30/03/2023 21:15:04', 'a@b.example.com']],
    };
    expect(responsesFromSheet(table, 'plan')[0]?.problem).toEqual({
      where: 'x.csv',
      row: 2,
      column: 'Timestamp',
      message: '«30/03/2023 21:15:04» không phải là dấu thời gian hợp lệ (M/d/yyyy HH:mm:ss).',
    });
  });

  it('reports a sheet with rows but no timestamp column once, on its header row', () => {
    const table: Table = { name: 'x.csv', headers: ['Email', 'Đơn vị'], rows: [['a@b.example.com', 'MNHM']] };
    expect(responsesFromSheet(table, 'plan')).toEqual([
      {
        rowNumber: 1,
        response: null,
        problem: {
          where: 'x.csv',
          row: 1,
          column: 'Dấu thời gian',
          message: 'thiếu cột «Dấu thời gian» (hoặc «Timestamp») ở dòng tiêu đề.',
        },
      },
    ]);
    expect(responsesFromSheet({ ...table, rows: [] }, 'plan')).toEqual([]);
  });
});
