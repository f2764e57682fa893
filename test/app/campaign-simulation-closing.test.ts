// Issue 13's closing day through the whole daily run (intake, consolidation, mail), day by day from
// 20/03/2023 to 30/04/2023 at 07:00 and once more a minute later (a doubled trigger). `Kế hoạch`
// is due by the end of 30/03 and closes (`Khóa nhận`) at the end of 05/04. After it, U4 and U5 send
// their plans and are held as `Nộp sau khóa`; on 08/04 the department accepts U4's (`Đạt`) and
// refuses U5's (`Yêu cầu bổ sung`, with why). U1's extension reaches past the closing day, so its
// plan sent on 08/04 counts without a decision; U3's extension ends on 12/04, before its plan of
// 14/04, which is held and never decided. Every figure the department reads is checked each day.
import { runDaily } from '../../src/app/daily-run';
import type { MailReport } from '../../src/app/send-mail';
import type { ResponseSource } from '../../src/app/intake-responses';
import { DEFAULT_PERIOD_ROWS } from '../../src/domain/defaults';
import type { IncomingResponse } from '../../src/domain/intake';
import {
  EXTENSION_COLUMNS,
  PERIOD_COLUMNS,
  SHEET,
  SUBMISSION_COLUMNS,
  columnsOf,
} from '../../src/domain/layout';
import { REVIEW_LABEL } from '../../src/domain/submissions';
import { cellText, type CellValue, type Table } from '../../src/domain/table';
import { addDays, vietnamInstant, type IsoDate } from '../../src/domain/time';
import { unitChoiceLabel, type Unit } from '../../src/domain/units';
import { makeUnit } from '../fakes/campaign-fixture';
import { MAIL_CONFIG, at, configTable, periodsTable, unitsTable } from '../fakes/mail-fixture';
import { MemoryLock } from '../fakes/memory-lock';
import { MemoryWorkbook } from '../fakes/memory-workbook';
import { RecordingMailer } from '../fakes/recording-mailer';
import { recordsOf, tableFromRecords } from '../fakes/tables';
import { GOOD_PLAN } from '../domain/forms/form-fixture';

const unit = (number: number, level: string): Unit =>
  makeUnit({ code: `U${number}`, name: `Trường Số ${number}`, level, rowNumber: number + 1 });
const UNITS = [
  unit(1, 'Mầm non'), // extension to 10/04 (past the closing day); sends on 08/04: counts, on time
  unit(2, 'Mầm non'), // sends on 25/03: on time
  unit(3, 'Tiểu học'), // extension to 12/04; sends on 14/04, after it: held, never decided
  unit(4, 'THCS'), // sends on 07/04: held; accepted (`Đạt`) on 08/04: counts, late
  unit(5, 'THCS'), // sends on 07/04: held; refused (`Yêu cầu bổ sung`) on 08/04: never counts
  unit(6, 'Tiểu học'), // never sends
];
const FIGURE = 'Mô hình “Dân vận khéo” đăng ký';

/** A plan as Forms gives it, registering `models` «Dân vận khéo» models (a figure of `Số liệu`). */
function plan(code: string, when: string, models: number): IncomingResponse {
  const sender = UNITS.find((each) => each.code === code) as Unit;
  return {
    responseId: `${code}-KH`,
    form: 'plan',
    timestamp: at(when),
    respondentEmail: sender.emails[0] as string,
    response: {
      answers: {
        ...GOOD_PLAN,
        unit: unitChoiceLabel(sender),
        code: '',
        docNumber: `15/KH-${code}`,
        docDate: '20/03/2023',
        councilDate: '21/03/2023',
        dvkCount: String(models),
        dvkNames: Array.from({ length: models }, (_, index) => `Mô hình ${code}-${index + 1}`).join('\n'),
      },
      missingColumns: [],
    },
    editLink: `https://docs.example.com/forms/d/e/x/edit?r=${code}`,
  };
}

// Each unit's figure is a power of two, so every total says exactly which plans it counts.
const RESPONSES: readonly IncomingResponse[] = [
  plan('U2', '2023-03-25T08:00', 2),
  plan('U4', '2023-04-07T09:00', 4),
  plan('U5', '2023-04-07T10:00', 8),
  plan('U1', '2023-04-08T10:00', 1),
  plan('U3', '2023-04-14T09:00', 16),
];
const source: ResponseSource = { sheets: [], read: () => ({ responses: [...RESPONSES], problems: [] }) };

const REFUSAL_NOTE = 'Nộp sau ngày khóa nhận 05/04/2023; Phòng không chấp nhận.';
/** What the department types in `Bài nộp`, and from when (between two days' runs). */
const DECISIONS: readonly { from: string; responseId: string; review: string; note?: string }[] = [
  { from: '2023-04-08T15:00', responseId: 'U4-KH', review: REVIEW_LABEL.approved },
  { from: '2023-04-08T15:05', responseId: 'U5-KH', review: REVIEW_LABEL.returned, note: REFUSAL_NOTE },
];

function extension(code: string, newDueDate: string, reason: string): Record<string, CellValue> {
  return {
    [EXTENSION_COLUMNS.unitCode]: code,
    [EXTENSION_COLUMNS.periodId]: 'KH-2023',
    [EXTENSION_COLUMNS.newDueDate]: newDueDate,
    [EXTENSION_COLUMNS.reason]: reason,
    [EXTENSION_COLUMNS.approvedBy]: 'Trưởng phòng',
  };
}

function workbookOf(): MemoryWorkbook {
  const [kh] = DEFAULT_PERIOD_ROWS;
  return new MemoryWorkbook([
    configTable(MAIL_CONFIG),
    unitsTable(UNITS),
    periodsTable([{ ...kh, [PERIOD_COLUMNS.closesOn]: '05/04/2023' }]),
    tableFromRecords(SHEET.extensions, columnsOf(EXTENSION_COLUMNS), [
      extension('U1', '10/04/2023', 'Sửa phòng máy'),
      extension('U3', '12/04/2023', 'Đổi hiệu trưởng'),
    ]),
  ]);
}

/** Types the department's decisions due by `asOf` into `Đánh giá` (and `Ghi chú đánh giá`). */
function typeDecisions(workbook: MemoryWorkbook, asOf: Date): void {
  const register = workbook.table(SHEET.submissions);
  if (!register) return;
  const column = (name: string) => register.headers.indexOf(name);
  const rows = register.rows.map((row) => {
    const decision = DECISIONS.find(
      (each) =>
        at(each.from).getTime() <= asOf.getTime() &&
        cellText(row[column(SUBMISSION_COLUMNS.responseId)] ?? null) === each.responseId,
    );
    if (!decision) return row;
    const typed = [...row];
    typed[column(SUBMISSION_COLUMNS.review)] = decision.review;
    if (decision.note) typed[column(SUBMISSION_COLUMNS.reviewNote)] = decision.note;
    return typed;
  });
  workbook.setTable({ ...register, rows });
}

function days(from: IsoDate, to: IsoDate): IsoDate[] {
  const result: IsoDate[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) result.push(day);
  return result;
}

function sheet(workbook: MemoryWorkbook, name: string): Table {
  const table = workbook.table(name);
  if (!table) throw new Error(`no sheet ${name}`);
  return table;
}

/** What the department reads after a day's first run. */
interface DayFigures {
  /** `Tổng hợp`: each unit's `Tình trạng / Đúng hạn`. */
  readonly summary: Record<string, string>;
  /** `Thống kê`, all units: submitted, on time, late, reporting rate, on-time rate. */
  readonly statistics: string;
  /** `Số liệu`: the overall total of the figure, and how many units it counts. */
  readonly figures: string;
  /** `Bài nộp`: each response's `Kết quả kiểm tra / Đúng hạn`. */
  readonly register: Record<string, string>;
}

function figuresOf(workbook: MemoryWorkbook): DayFigures {
  const summary = recordsOf(sheet(workbook, SHEET.summary), { required: [] });
  const statistics = recordsOf(sheet(workbook, SHEET.statistics), { required: [] }).find(
    (record) => cellText(record.get('Nhóm theo')) === 'Tất cả',
  );
  const total = recordsOf(sheet(workbook, SHEET.figures), { required: [] }).find(
    (record) => cellText(record.get('Dòng')) === 'Tổng cộng',
  );
  const register = recordsOf(sheet(workbook, SHEET.submissions), { required: [] });
  const text = (record: { get(column: string): CellValue } | undefined, column: string) =>
    cellText(record?.get(column) ?? null);
  return {
    summary: Object.fromEntries(
      summary.map((record) => [
        text(record, 'Mã đơn vị'),
        `${text(record, 'KH-2023 – Tình trạng')} / ${text(record, 'KH-2023 – Đúng hạn')}`,
      ]),
    ),
    statistics: ['Đã nộp (gồm đã duyệt)', 'Đúng hạn', 'Trễ hạn', 'Tỷ lệ báo cáo (%)', 'Tỷ lệ đúng hạn (%)']
      .map((column) => text(statistics, column))
      .join(' '),
    figures: `${text(total, FIGURE)} (${text(total, 'Số đơn vị có số liệu')} đơn vị)`,
    register: Object.fromEntries(
      register.map((record) => [
        text(record, SUBMISSION_COLUMNS.responseId),
        `${text(record, SUBMISSION_COLUMNS.outcome)} / ${text(record, SUBMISSION_COLUMNS.timeliness)}`,
      ]),
    ),
  };
}

interface Delivered extends MailReport {
  readonly day: IsoDate;
}

describe('a closing day, day by day from 20/03/2023 to 30/04/2023 through the daily run', () => {
  const workbook = workbookOf();
  const lock = new MemoryLock();
  const mailer = new RecordingMailer();
  const delivered: Delivered[] = [];
  const repeated: MailReport[] = [];
  const byDay = new Map<IsoDate, DayFigures>();

  const run = (asOf: Date) =>
    runDaily({ workbook, lock, mailer, clock: { now: () => asOf } }, source, {
      asOf,
      sendUntil: new Date(asOf.getTime() + 4 * 60_000),
    }).mail.mail;

  beforeAll(() => {
    for (const day of days('2023-03-20', '2023-04-30')) {
      const asOf = vietnamInstant(day, 7);
      typeDecisions(workbook, asOf);
      delivered.push(...run(asOf).map((mail) => ({ ...mail, day })));
      byDay.set(day, figuresOf(workbook));
      repeated.push(...run(vietnamInstant(day, 7, 1)));
    }
  });

  const figuresOn = (day: IsoDate) => byDay.get(day) as DayFigures;
  const mailsOf = (code: string) =>
    delivered.filter((mail) => mail.unit === code).map((mail) => `${mail.day} ${mail.kind}`);

  it('sends every mail once: the second run of each day sends nothing, no key twice', () => {
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.every((mail) => mail.status === 'sent')).toBe(true);
    expect(repeated).toEqual([]);
    expect(new Set(delivered.map((mail) => mail.key)).size).toBe(delivered.length);
  });

  it('records the plans sent after the closing day as «Nộp sau khóa», except the extended unit’s', () => {
    expect(figuresOn('2023-04-08').register).toEqual({
      'U2-KH': 'Hợp lệ / Đúng hạn',
      'U4-KH': 'Nộp sau khóa / ',
      'U5-KH': 'Nộp sau khóa / ',
    });
    expect(figuresOn('2023-04-30').register).toEqual({
      'U2-KH': 'Hợp lệ / Đúng hạn',
      'U4-KH': 'Nộp sau khóa / ',
      'U5-KH': 'Nộp sau khóa / ',
      'U1-KH': 'Hợp lệ / Đúng hạn',
      'U3-KH': 'Nộp sau khóa / ',
    });
  });

  it('says in the held plans’ receipts that the period is closed and whom to call', () => {
    const receipts = delivered.filter((mail) => mail.kind === 'receipt');
    expect(receipts.map((mail) => `${mail.day} ${mail.unit}`)).toEqual([
      '2023-03-26 U2',
      '2023-04-08 U4',
      '2023-04-08 U5',
      '2023-04-09 U1',
      '2023-04-15 U3',
    ]);
    for (const { key, unit: code } of receipts) {
      const mail = mailer.sent.find((sent) => sent.key === key);
      if (code === 'U1' || code === 'U2') {
        expect(mail?.subject).not.toContain('khóa nhận');
        continue;
      }
      expect(mail?.subject).toBe(
        `Đã nhận sau khi khóa nhận: Kế hoạch năm 2023 – Trường Số ${code?.slice(1)}`,
      );
      expect(mail?.textBody).toContain('đã khóa nhận từ hết ngày 05/04/2023');
      expect(mail?.textBody).toContain(
        'Đề nghị đơn vị liên hệ Nguyễn Văn Phụ Trách, email phutrach@pgd.example.edu.vn, điện thoại 028 0000 0000 để được xem xét.',
      );
    }
  });

  it('counts neither held plan before the decision, the accepted one as late after it, the refused one never', () => {
    // From U2's plan to the decision only U2 counts: U4 and U5 are held from 08/04, not decided.
    for (const day of days('2023-03-26', '2023-04-08'))
      expect([day, figuresOn(day).statistics, figuresOn(day).figures]).toEqual([
        day,
        '1 1 0 16.67 16.67',
        '2 (1 đơn vị)',
      ]);
    // 08/04: U4 and U5 held: overdue like U6.
    expect(figuresOn('2023-04-08')).toMatchObject({
      summary: {
        U1: 'Chưa nộp / ',
        U2: 'Đã nộp / Đúng hạn',
        U3: 'Chưa nộp / ',
        U4: 'Quá hạn / ',
        U5: 'Quá hạn / ',
        U6: 'Quá hạn / ',
      },
      statistics: '1 1 0 16.67 16.67',
      figures: '2 (1 đơn vị)',
    });
    // 09/04: U4 accepted (late: it came after the due day), U5 refused, U1 in on its extension.
    const decided = {
      summary: {
        U1: 'Đã nộp / Đúng hạn',
        U2: 'Đã nộp / Đúng hạn',
        U3: 'Chưa nộp / ',
        U4: 'Đã duyệt / Trễ hạn',
        U5: 'Cần bổ sung / ',
        U6: 'Quá hạn / ',
      },
      statistics: '3 2 1 50 33.33',
      figures: '7 (3 đơn vị)',
    };
    // From 13/04 U3 is overdue on its own day; its plan of 14/04 came after its extension ended,
    // is held and never decided, so nothing changes to the end.
    for (const day of days('2023-04-09', '2023-04-30'))
      expect([day, figuresOn(day)]).toMatchObject([
        day,
        {
          ...decided,
          summary: { ...decided.summary, U3: day < '2023-04-13' ? 'Chưa nộp / ' : 'Quá hạn / ' },
        },
      ]);
    // Never, on any day, a figure of U5 (8) or U3 (16).
    for (const figures of byDay.values()) expect(Number(figures.figures.split(' ')[0]) & 24).toBe(0);
  });

  it('stops or goes on with each unit’s notices as the rules say', () => {
    // The period's overdue days are 31/03, 02/04, 06/04 and 13/04; an extension moves them.
    expect(mailsOf('U4')).toEqual([
      '2023-03-23 reminder',
      '2023-03-27 reminder',
      '2023-03-29 reminder',
      '2023-03-31 overdue',
      '2023-04-02 overdue',
      '2023-04-06 overdue',
      '2023-04-08 receipt',
    ]);
    expect(mailsOf('U5')).toEqual([
      '2023-03-23 reminder',
      '2023-03-27 reminder',
      '2023-03-29 reminder',
      '2023-03-31 overdue',
      '2023-04-02 overdue',
      '2023-04-06 overdue',
      '2023-04-08 receipt',
      '2023-04-09 returned',
      '2023-04-13 needs_fix',
    ]);
    expect(mailsOf('U6')).toEqual([
      '2023-03-23 reminder',
      '2023-03-27 reminder',
      '2023-03-29 reminder',
      '2023-03-31 overdue',
      '2023-04-02 overdue',
      '2023-04-06 overdue',
      '2023-04-13 overdue',
    ]);
    expect(mailsOf('U1')).toEqual([
      '2023-03-20 extension',
      '2023-04-03 reminder',
      '2023-04-07 reminder',
      '2023-04-09 receipt',
    ]);
    expect(mailsOf('U3')).toEqual([
      '2023-03-20 extension',
      '2023-04-05 reminder',
      '2023-04-09 reminder',
      '2023-04-11 reminder',
      '2023-04-13 overdue',
      '2023-04-15 receipt',
      '2023-04-19 overdue',
      '2023-04-26 overdue',
    ]);
  });
  it('names each unit’s own due day in its receipt and its days late in the digest', () => {
    const bodyOf = (key: string) => mailer.sent.find((sent) => sent.key === key)?.textBody ?? '';
    expect(bodyOf('receipt:U1-KH:v1')).toContain(
      'Đơn vị nộp đúng hạn (hạn nộp: hết ngày 10/04/2023, kế hoạch ghi “trước ngày 31/03/2023”).',
    );
    expect(bodyOf('returned:U5-KH:v1')).toContain(`> ${REFUSAL_NOTE}`);
    const lateRows = (key: string) =>
      bodyOf(key)
        .split('\n')
        .filter((line) => /^U\d \|/.test(line))
        .map((line) => line.split(' | ').slice(0, 4).join(' | '));
    const digests = delivered.filter((mail) => mail.kind === 'digest');
    expect(digests.map((mail) => mail.day)).toEqual([
      '2023-03-31',
      '2023-04-03',
      '2023-04-10',
      '2023-04-17',
      '2023-04-24',
    ]);
    expect(lateRows('digest:2023-04-10')).toEqual([
      'U5 | Trường Số 5 | Cần bổ sung | 11',
      'U6 | Trường Số 6 | Quá hạn | 11',
    ]);
    // U3's last day is 12/04 (`Gia hạn`): 5 days late on 17/04, where U6 is 18.
    expect(lateRows('digest:2023-04-17')).toEqual([
      'U3 | Trường Số 3 | Quá hạn | 5',
      'U5 | Trường Số 5 | Cần bổ sung | 18',
      'U6 | Trường Số 6 | Quá hạn | 18',
    ]);
  });
});
