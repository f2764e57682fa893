import { importResponses } from '../../src/app/import-responses';
import { initialSheets } from '../../src/app/initialize-workbook';
import { intakeResponses } from '../../src/app/intake-responses';
import { sendMail } from '../../src/app/send-mail';
import { RESPONSE_SHEET, sheetResponseSource } from '../../src/app/sheet-response-source';
import { PLAN_FORM, REPORT_FORM, responseColumns, responseSheetHeaders } from '../../src/domain/forms';
import { SHEET } from '../../src/domain/layout';
import { InputError } from '../../src/domain/problems';
import type { RawAnswer } from '../../src/domain/forms';
import type { FormSpec } from '../../src/domain/forms/spec';
import { vietnamInstant } from '../../src/domain/time';
import { csvTable, formatCsv } from '../../src/node/csv';
import { FIXTURE_UNITS } from '../fakes/campaign-fixture';
import { MemoryLock } from '../fakes/memory-lock';
import { MemoryWorkbook } from '../fakes/memory-workbook';
import { RecordingMailer } from '../fakes/recording-mailer';
import { GOOD_PLAN, GOOD_REPORT } from '../domain/forms/form-fixture';

function freshWorkbook(): MemoryWorkbook {
  const workbook = new MemoryWorkbook();
  workbook.write(initialSheets({ units: FIXTURE_UNITS, responseHeaders: responseSheetHeaders() }));
  workbook.writes.length = 0;
  workbook.reads.length = 0;
  return workbook;
}

function answerCells(spec: FormSpec, answers: Readonly<Record<string, RawAnswer>>): string[] {
  return spec.questions.map((question) => String(answers[question.key] ?? ''));
}

const THDD_PLAN = {
  ...GOOD_PLAN,
  unit: 'THDD - Tiểu học Đặng Đức',
  code: '',
  docNumber: '7/KH-THDD',
  phone: '12345',
};

/** A Google Forms export of a Vietnamese-locale sheet, with a column that is no question (quiz points). */
function vietnameseCsv(extraRows: readonly (readonly string[])[] = []): string {
  return formatCsv([
    [...responseColumns(PLAN_FORM), 'Điểm'],
    ['30/03/2023 21:15:04', 'MNHM@truong.example.edu.vn', ...answerCells(PLAN_FORM, GOOD_PLAN), ''],
    ['29/03/2023 08:00:00', 'thdd@truong.example.edu.vn', ...answerCells(PLAN_FORM, THDD_PLAN), ''],
    ...extraRows,
  ]);
}

/** GOOD_PLAN as an English-locale export writes it: its days month first. */
const GOOD_PLAN_EN = { ...GOOD_PLAN, docDate: '3/20/2023', councilDate: '3/25/2023' };

/** The same form exported from an English-locale sheet: straight quotes in the titles, month first. */
function englishCsv(rows: readonly (readonly string[])[]): string {
  const titles = PLAN_FORM.questions.map((question) => question.title.replace(/[“”]/g, '"'));
  return `\ufeff${formatCsv([['Timestamp', 'Email Address', ...titles], ...rows])}`;
}

function run(workbook: MemoryWorkbook, name: string, text: string, form: 'plan' | 'report' = 'plan') {
  return importResponses({ workbook, lock: new MemoryLock() }, form, csvTable(name, text));
}

/** The plan responses as a sheet reads them back: an empty cell is no value. */
function planSheet(workbook: MemoryWorkbook) {
  const table = workbook.table(RESPONSE_SHEET.plan);
  if (!table) throw new Error('no plan responses');
  return { ...table, rows: table.rows.map((row) => row.map((cell) => (cell === '' ? null : cell))) };
}

function stored(cells: readonly string[]): (string | null)[] {
  return cells.map((cell) => (cell === '' ? null : cell));
}

describe('importResponses', () => {
  it('appends the rows of a Vietnamese-locale export and reports the columns that are no question', () => {
    const workbook = freshWorkbook();
    const summary = run(workbook, 'ke-hoach.csv', vietnameseCsv());
    expect(summary).toEqual({ rowsInFile: 2, added: 2, alreadyThere: 0, ignoredColumns: ['Điểm'] });
    expect(workbook.writes).toHaveLength(1);
    expect(workbook.writes[0]?.map((write) => [write.kind, write.sheet])).toEqual([
      ['append', RESPONSE_SHEET.plan],
    ]);
    const table = planSheet(workbook);
    expect(table.headers).toEqual(responseColumns(PLAN_FORM));
    expect(table.rows).toEqual([
      [
        vietnamInstant('2023-03-30', 21, 15, 4),
        'mnhm@truong.example.edu.vn',
        ...stored(answerCells(PLAN_FORM, GOOD_PLAN)),
      ],
      [
        vietnamInstant('2023-03-29', 8),
        'thdd@truong.example.edu.vn',
        ...stored(answerCells(PLAN_FORM, THDD_PLAN)),
      ],
    ]);
    // A paragraph answer keeps its line break through the CSV.
    expect(table.rows[0]).toContain('Mô hình “Cổng trường an toàn”\nĐiển hình “Cô giáo tận tụy”');
  });

  it('adds nothing when the same file is imported again', () => {
    const workbook = freshWorkbook();
    run(workbook, 'ke-hoach.csv', vietnameseCsv());
    const before = planSheet(workbook);
    const again = run(workbook, 'ke-hoach.csv', vietnameseCsv());
    expect(again).toEqual({ rowsInFile: 2, added: 0, alreadyThere: 2, ignoredColumns: ['Điểm'] });
    expect(workbook.writes).toHaveLength(1);
    expect(planSheet(workbook)).toEqual(before);
  });

  it('imports an English-locale export (Timestamp, Email Address, month first, straight quotes)', () => {
    const workbook = freshWorkbook();
    const summary = run(
      workbook,
      'plan-en.csv',
      englishCsv([
        ['3/30/2023 21:15:04', 'mnhm@truong.example.edu.vn', ...answerCells(PLAN_FORM, GOOD_PLAN_EN)],
      ]),
    );
    expect(summary).toEqual({ rowsInFile: 1, added: 1, alreadyThere: 0, ignoredColumns: [] });
    const [row] = planSheet(workbook).rows;
    expect(row?.[0]).toEqual(vietnamInstant('2023-03-30', 21, 15, 4));
    // The Vietnamese sheet would read `3/20/2023` as no day: the days are stored as date cells.
    expect(row?.slice(2)).toEqual(
      stored(answerCells(PLAN_FORM, GOOD_PLAN)).map((cell) =>
        cell === '20/03/2023'
          ? vietnamInstant('2023-03-20')
          : cell === '25/03/2023'
            ? vietnamInstant('2023-03-25')
            : cell,
      ),
    );
  });

  it('knows a response exported in either locale as the same response', () => {
    const workbook = freshWorkbook();
    run(workbook, 'ke-hoach.csv', vietnameseCsv());
    const english = englishCsv([
      ['3/30/2023 21:15:04', 'mnhm@truong.example.edu.vn', ...answerCells(PLAN_FORM, GOOD_PLAN_EN)],
      ['3/31/2023 7:00:00', 'thcslqd@truong.example.edu.vn', ...answerCells(PLAN_FORM, GOOD_PLAN_EN)],
    ]);
    expect(run(workbook, 'plan-en.csv', english)).toMatchObject({ added: 1, alreadyThere: 1 });
    expect(planSheet(workbook).rows.map((row) => row[0])).toEqual([
      vietnamInstant('2023-03-30', 21, 15, 4),
      vietnamInstant('2023-03-29', 8),
      vietnamInstant('2023-03-31', 7),
    ]);
  });

  it('refuses a file with a row whose timestamp is wrong, naming file, row and column, and imports nothing', () => {
    const workbook = freshWorkbook();
    const text = vietnameseCsv([
      ['31/02/2023 10:00:00', 'a@b.example.com', ...answerCells(PLAN_FORM, GOOD_PLAN), ''],
    ]);
    const attempt = () => run(workbook, 'ke-hoach.csv', text);
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(
      '«ke-hoach.csv», dòng 4, cột «Dấu thời gian»: «31/02/2023 10:00:00» không phải là dấu thời gian hợp lệ (dd/MM/yyyy HH:mm:ss).',
    );
    // Only the refusal is written, in `Nhật ký`.
    expect(workbook.writes.flat().map((write) => write.sheet)).toEqual([SHEET.eventLog, SHEET.eventLog]);
    expect(planSheet(workbook).rows).toEqual([]);
  });

  it('lists every unreadable row at once, a Vietnamese date in an English export among them', () => {
    const text = englishCsv([
      ['30/03/2023 21:15:04', 'a@b.example.com', ...answerCells(PLAN_FORM, GOOD_PLAN)],
      ['3/30/2023 21:15:04', 'a@b.example.com', ...answerCells(PLAN_FORM, GOOD_PLAN)],
      ['', 'c@d.example.com', ...answerCells(PLAN_FORM, GOOD_PLAN)],
    ]);
    let caught: unknown;
    try {
      run(freshWorkbook(), 'plan-en.csv', text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).message).toBe(
      [
        '«plan-en.csv», dòng 2, cột «Timestamp»: «30/03/2023 21:15:04» không phải là dấu thời gian hợp lệ (M/d/yyyy HH:mm:ss).',
        '«plan-en.csv», dòng 4, cột «Timestamp»: thiếu dấu thời gian.',
      ].join('\n'),
    );
  });

  it('refuses a file without a timestamp column', () => {
    const text = formatCsv([
      ['Địa chỉ email', 'Đơn vị'],
      ['a@b.example.com', 'MNHM'],
    ]);
    expect(() => run(freshWorkbook(), 'khong-co-gio.csv', text)).toThrow(
      '«khong-co-gio.csv», dòng 1, cột «Dấu thời gian»: thiếu cột «Dấu thời gian» (hoặc «Timestamp») ở dòng tiêu đề.',
    );
  });

  it('creates the response sheet with the form’s columns when the workbook has none', () => {
    const workbook = new MemoryWorkbook();
    const text = formatCsv([
      [...responseColumns(REPORT_FORM)],
      ['25/04/2023 14:00:00', 'thdd@truong.example.edu.vn', ...answerCells(REPORT_FORM, GOOD_REPORT)],
    ]);
    expect(run(workbook, 'bao-cao.csv', text, 'report')).toMatchObject({ added: 1 });
    expect(workbook.table(RESPONSE_SHEET.report)?.headers).toEqual(responseColumns(REPORT_FORM));
  });

  it('fills the columns of the sheet by title, whatever their order, and leaves columns the CSV lacks blank', () => {
    const workbook = freshWorkbook();
    const plan = planSheet(workbook);
    const headers = ['Ghi chú của phòng', ...[...plan.headers].reverse()];
    workbook.setTable({ ...plan, headers });
    const text = formatCsv([
      ['Dấu thời gian', 'Địa chỉ email', 'Đơn vị', 'Ghi chú'],
      ['30/03/2023 21:15:04', 'a@b.example.com', 'MNHM', 'nhập từ tệp'],
    ]);
    run(workbook, 'mot-phan.csv', text);
    const [row] = planSheet(workbook).rows;
    const at = (header: string) => row?.[headers.indexOf(header)];
    expect(at('Đơn vị')).toBe('MNHM');
    expect(at('Ghi chú')).toBe('nhập từ tệp');
    expect(at('Dấu thời gian')).toEqual(vietnamInstant('2023-03-30', 21, 15, 4));
    expect(at('Chức vụ')).toBeNull();
    expect(at('Ghi chú của phòng')).toBeNull();
  });

  it('hands the imported responses to the intake job, which registers them', () => {
    const workbook = freshWorkbook();
    run(workbook, 'ke-hoach.csv', vietnameseCsv());
    const summary = intakeResponses(
      { workbook, lock: new MemoryLock(), now: () => vietnamInstant('2023-04-01') },
      sheetResponseSource,
      { asOf: vietnamInstant('2023-04-01') },
    );
    expect(summary.registered.map((entry) => [entry.unitCode, entry.outcome, entry.submittedAt])).toEqual([
      ['THDD', 'rejected', vietnamInstant('2023-03-29', 8)],
      ['MNHM', 'accepted', vietnamInstant('2023-03-30', 21, 15, 4)],
    ]);
    expect(workbook.table(SHEET.submissions)?.rows).toHaveLength(2);
  });

  it('holds a stranger’s invalid response for a school: the school stays overdue and hears nothing of it', () => {
    const workbook = freshWorkbook();
    const strangerPlan = { ...THDD_PLAN, docNumber: '7/KH-THDD', code: '' };
    run(
      workbook,
      'ke-hoach.csv',
      formatCsv([
        responseColumns(PLAN_FORM),
        ['29/03/2023 08:00:00', 'nguoi.la@mail.example.com', ...answerCells(PLAN_FORM, strangerPlan)],
      ]),
    );
    const asOf = vietnamInstant('2023-03-31', 7);
    const ports = { workbook, lock: new MemoryLock(), now: () => asOf };
    const summary = intakeResponses(ports, sheetResponseSource, { asOf });
    expect(summary.registered.map((entry) => [entry.unitCode, entry.outcome])).toEqual([['THDD', 'held']]);
    // The department sees the stranger's mistakes in Bài nộp.
    expect(summary.registered[0]?.problems).toEqual([
      'Chưa xác minh được người nộp: địa chỉ email không có trong danh sách của đơn vị và mã xác nhận không đúng.',
      'Câu «Số điện thoại liên hệ»: «12345» không phải là số điện thoại hợp lệ (bắt đầu bằng 0 hoặc +84, tiếp theo là 9–10 chữ số).',
    ]);
    const mailer = new RecordingMailer();
    const mail = sendMail({ ...ports, mailer }, { asOf, quotaReserve: 0 });
    const thdd = mail.mail.filter(
      (sent) => sent.unit === 'THDD' || sent.to.includes('thdd@truong.example.edu.vn'),
    );
    expect(thdd.map((sent) => [sent.kind, sent.to.join(',')])).toEqual([
      ['overdue', 'thdd@truong.example.edu.vn'],
    ]);
    const receipt = mail.mail.find((sent) => sent.kind === 'receipt');
    expect(receipt?.to).toEqual(['nguoi.la@mail.example.com']);
    expect(receipt?.subject).toBe('Cần xác minh người nộp: Kế hoạch năm 2023');
    const receiptBody = mailer.sent.find((sent) => sent.to.includes('nguoi.la@mail.example.com'));
    expect(receiptBody?.textBody).not.toContain('Đặng Đức');
    expect(receiptBody?.textBody).not.toContain('Số điện thoại');
  });

  it('keeps an English export’s days through the Vietnamese sheet: 3/1/2023 is 1 March, not 3 January', () => {
    const workbook = freshWorkbook();
    const plan = { ...GOOD_PLAN_EN, docDate: '3/1/2023', councilDate: '3/12/2023' };
    run(
      workbook,
      'plan-en.csv',
      englishCsv([['3/30/2023 21:15:04', 'mnhm@truong.example.edu.vn', ...answerCells(PLAN_FORM, plan)]]),
    );
    const asOf = vietnamInstant('2023-04-01');
    const summary = intakeResponses(
      { workbook, lock: new MemoryLock(), now: () => asOf },
      sheetResponseSource,
      { asOf },
    );
    expect(summary.registered.map((entry) => [entry.unitCode, entry.outcome, entry.problems])).toEqual([
      ['MNHM', 'accepted', []],
    ]);
    const answers = JSON.parse(summary.registered[0]?.acceptedAnswers ?? '{}') as Record<string, unknown>;
    expect([answers.docDate, answers.councilDate]).toEqual(['2023-03-01', '2023-03-12']);
  });

  it('refuses an English export whose day would read as another day in the Vietnamese sheet', () => {
    const workbook = freshWorkbook();
    const plan = { ...GOOD_PLAN_EN, docDate: '20/3/2023' };
    const attempt = () =>
      run(
        workbook,
        'plan-en.csv',
        englishCsv([['3/30/2023 21:15:04', 'mnhm@truong.example.edu.vn', ...answerCells(PLAN_FORM, plan)]]),
      );
    expect(attempt).toThrow(
      '«plan-en.csv», dòng 2, cột «Ngày ban hành»: «20/3/2023» không phải là ngày theo cách viết của tệp (M/d/yyyy, tháng trước ngày).',
    );
    expect(planSheet(workbook).rows).toEqual([]);
  });

  it('keeps a day no locale reads as typed, for Bài nộp to name with its question', () => {
    const workbook = freshWorkbook();
    const plan = { ...GOOD_PLAN_EN, docDate: '31/31/2023' };
    run(
      workbook,
      'plan-en.csv',
      englishCsv([['3/30/2023 21:15:04', 'mnhm@truong.example.edu.vn', ...answerCells(PLAN_FORM, plan)]]),
    );
    const asOf = vietnamInstant('2023-04-01');
    const summary = intakeResponses(
      { workbook, lock: new MemoryLock(), now: () => asOf },
      sheetResponseSource,
      { asOf },
    );
    expect(summary.registered[0]?.problems).toEqual([
      'Câu «Ngày ban hành»: «31/31/2023» không phải là ngày hợp lệ (dd/MM/yyyy).',
    ]);
  });
});
