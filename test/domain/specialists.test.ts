import { parseConfig } from '../../src/domain/campaign';
import { CONFIG_COLUMNS, CONFIG_KEY, SHEET, SPECIALIST_COLUMNS, columnsOf } from '../../src/domain/layout';
import { renderMail } from '../../src/domain/mail-content';
import { planMail, type DigestMail, type MailLogEntry, type MailPlan } from '../../src/domain/mail-plan';
import { parseSpecialists, type Specialist } from '../../src/domain/specialists';
import { computeStatusBoard } from '../../src/domain/status';
import type { Submission } from '../../src/domain/submissions';
import type { CellValue } from '../../src/domain/table';
import { FIXTURE_UNITS, periods2023 } from '../fakes/campaign-fixture';
import { MAIL_CONFIG, at, configTable, logEntry, submissionOf } from '../fakes/mail-fixture';
import { makeTable, recordsOf, tableFromRecords } from '../fakes/tables';

const PERIODS = periods2023();
const UNITS = FIXTURE_UNITS;
const DIGEST = ['tonghop@pgd.example.edu.vn'];

function parse(rows: readonly Record<string, CellValue>[], columns = columnsOf(SPECIALIST_COLUMNS)) {
  const table = tableFromRecords(SHEET.specialists, columns, rows);
  return parseSpecialists(recordsOf(table, { required: [] }), UNITS);
}

const MAM_NON: Specialist = {
  name: 'Lê Thị Mầm',
  email: 'mamnon@pgd.example.edu.vn',
  scopes: [{ level: 'Mầm non', ownership: '' }],
};
const PHO_THONG: Specialist = {
  name: 'Trần Văn Phổ',
  email: 'phothong@pgd.example.edu.vn',
  scopes: [
    { level: 'Tiểu học', ownership: '' },
    { level: 'THCS', ownership: '' },
  ],
};

describe('Phụ trách: reading the sheet', () => {
  it('reads each person with every level of their rows, matching levels as people type them', () => {
    const parsed = parse([
      { 'Cấp học': 'mầm non', 'Họ tên': 'Lê Thị Mầm', Email: 'MamNon@pgd.example.edu.vn' },
      { 'Cấp học': 'Tiểu học', 'Họ tên': 'Trần Văn Phổ', Email: 'phothong@pgd.example.edu.vn' },
      { 'Cấp học': 'THCS', 'Họ tên': 'Trần Văn Phổ', Email: 'phothong@pgd.example.edu.vn' },
    ]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.specialists).toEqual([
      { ...MAM_NON, scopes: [{ level: 'mầm non', ownership: '' }] },
      PHO_THONG,
    ]);
  });

  it('reads a sheet by ownership alone', () => {
    const parsed = parse(
      [{ 'Loại hình': 'Tư thục', 'Họ tên': 'Phạm Tư', Email: 'tuthuc@pgd.example.edu.vn' }],
      [SPECIALIST_COLUMNS.ownership, SPECIALIST_COLUMNS.name, SPECIALIST_COLUMNS.email],
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.specialists[0]?.scopes).toEqual([{ level: '', ownership: 'Tư thục' }]);
    // The levels whose units nobody follows are told, as a warning.
    expect(parsed.warnings.map((warning) => warning.message)).toEqual([
      'cấp học «Mầm non» (1 đơn vị) chưa có ai phụ trách; các đơn vị này chỉ có trong thư tổng hợp gửi «Email nhận thư tổng hợp».',
      'cấp học «Tiểu học» (1 đơn vị) chưa có ai phụ trách; các đơn vị này chỉ có trong thư tổng hợp gửi «Email nhận thư tổng hợp».',
    ]);
  });

  it('names an unknown level, a bad or missing address, a row without scope, exactly', () => {
    const parsed = parse([
      { 'Cấp học': 'THPT', 'Họ tên': 'Võ Ba', Email: 'thpt@pgd.example.edu.vn' },
      { 'Cấp học': 'Mầm non', 'Họ tên': 'Lê Thị Mầm', Email: 'mamnon@pgd' },
      { 'Cấp học': 'Tiểu học', 'Họ tên': 'Trần Văn Phổ', Email: '' },
      { 'Họ tên': 'Ai Đó', Email: 'aido@pgd.example.edu.vn' },
      { 'Loại hình': 'Quốc tế', 'Họ tên': 'Ngô Tư', Email: 'a@pgd.example.edu.vn; b@pgd.example.edu.vn' },
    ]);
    expect(parsed.problems).toEqual([
      {
        where: 'Phụ trách',
        row: 2,
        column: 'Cấp học',
        message: 'không có đơn vị nào thuộc cấp học «THPT» trong trang «Đơn vị».',
      },
      {
        where: 'Phụ trách',
        row: 3,
        column: 'Email',
        message: '«mamnon@pgd» không phải là địa chỉ email hợp lệ.',
      },
      { where: 'Phụ trách', row: 4, column: 'Email', message: 'thiếu địa chỉ email.' },
      {
        where: 'Phụ trách',
        row: 5,
        column: 'Cấp học',
        message: 'thiếu cấp học hoặc loại hình mà người này phụ trách.',
      },
      {
        where: 'Phụ trách',
        row: 6,
        column: 'Loại hình',
        message: 'không có đơn vị nào thuộc loại hình «Quốc tế» trong trang «Đơn vị».',
      },
      {
        where: 'Phụ trách',
        row: 6,
        column: 'Email',
        message:
          '«a@pgd.example.edu.vn; b@pgd.example.edu.vn»: mỗi dòng một địa chỉ email; mỗi người một dòng.',
      },
    ]);
    expect(parsed.specialists).toEqual([]);
  });

  it('an empty sheet routes nothing and warns of nothing', () => {
    expect(parse([])).toEqual({ specialists: [], problems: [], warnings: [] });
  });
});

describe('Cấu hình: Báo cấp trên sau (ngày)', () => {
  function withKey(value: CellValue) {
    const base = configTable(MAIL_CONFIG);
    const table = makeTable(SHEET.config, columnsOf(CONFIG_COLUMNS), [
      ...base.rows,
      [CONFIG_KEY.escalateAfterDays, value, ''],
    ]);
    return parseConfig(recordsOf(table, { required: [CONFIG_COLUMNS.key, CONFIG_COLUMNS.value] }));
  }

  it('is optional, and read as whole days', () => {
    const absent = parseConfig(recordsOf(configTable(MAIL_CONFIG)));
    expect(absent.ok && absent.value.escalateAfterDays).toBeUndefined();
    const given = withKey('10');
    expect(given.ok && given.value.escalateAfterDays).toBe(10);
  });

  it('refuses a value that is not a number of days, exactly', () => {
    expect(withKey('mười')).toEqual({
      ok: false,
      problems: [
        {
          where: 'Cấu hình',
          row: 12,
          column: 'Giá trị',
          message: '«Báo cấp trên sau (ngày)»: «mười» không phải là số ngày (số nguyên ≥ 0).',
        },
      ],
    });
  });
});

describe('the digest per specialist', () => {
  // THDD sent on time; MNHM (Mầm non) and THCSLQD (THCS) are overdue for KH-2023 (due 30/03).
  const register: Submission[] = [
    submissionOf({
      responseId: 'R1',
      unitCode: 'THDD',
      periodId: 'KH-2023',
      submittedAt: at('2023-03-29T09:00'),
    }),
  ];

  function plan(asOf: string, log: readonly MailLogEntry[] = [], escalateAfterDays?: number): MailPlan {
    const moment = at(asOf);
    return planMail({
      asOf: moment,
      periods: PERIODS,
      units: UNITS,
      board: computeStatusBoard(UNITS, PERIODS, register, moment),
      submissions: register,
      details: [],
      log,
      digestEmails: DIGEST,
      specialists: [MAM_NON, PHO_THONG],
      ...(escalateAfterDays !== undefined ? { escalateAfterDays } : {}),
    });
  }

  const digests = (result: MailPlan) =>
    result.mails.filter((mail): mail is DigestMail => mail.kind === 'digest');
  const sentAll = (result: MailPlan, when: string, log: readonly MailLogEntry[] = []) => [
    ...log,
    ...digests(result).map((mail) => logEntry(mail.key, at(when), { kind: 'digest' })),
  ];

  it('each specialist gets their own units; the whole picture still has every unit', () => {
    const mails = digests(plan('2023-03-31T07:00'));
    expect(
      mails.map((mail) => [
        mail.key,
        mail.to.join(','),
        mail.sections.flatMap((section) => section.lateUnits.map((late) => late.unit.code)).join(','),
      ]),
    ).toEqual([
      ['digest:2023-03-31', 'tonghop@pgd.example.edu.vn', 'MNHM,THCSLQD'],
      ['digest:mamnon@pgd.example.edu.vn:2023-03-31', 'mamnon@pgd.example.edu.vn', 'MNHM'],
      ['digest:phothong@pgd.example.edu.vn:2023-03-31', 'phothong@pgd.example.edu.vn', 'THCSLQD'],
    ]);
    expect(mails[2]?.sections[0]?.rates).toMatchObject({ expected: 2, submitted: 1, overdue: 1 });
  });

  it('goes once per specialist per digest day, whatever the reruns', () => {
    const first = plan('2023-03-31T07:00');
    const log = sentAll(first, '2023-03-31T07:00');
    expect(digests(plan('2023-03-31T15:00', log))).toEqual([]);
    expect(digests(plan('2023-04-01T07:00', log))).toEqual([]);
    // The next Monday: each audience again, once.
    const monday = plan('2023-04-03T07:00', log);
    expect(digests(monday).map((mail) => mail.key)).toEqual([
      'digest:2023-04-03',
      'digest:mamnon@pgd.example.edu.vn:2023-04-03',
      'digest:phothong@pgd.example.edu.vn:2023-04-03',
    ]);
    // A specialist's digest sent does not stand for the whole picture's, nor the reverse.
    const onlyMamNon = [
      ...log,
      logEntry('digest:mamnon@pgd.example.edu.vn:2023-04-03', at('2023-04-03T07:00'), { kind: 'digest' }),
    ];
    expect(digests(plan('2023-04-03T08:00', onlyMamNon)).map((mail) => mail.key)).toEqual([
      'digest:2023-04-03',
      'digest:phothong@pgd.example.edu.vn:2023-04-03',
    ]);
  });

  it('names in red a unit overdue longer than «Báo cấp trên sau (ngày)», in its specialist’s digest only', () => {
    // 10/04: KH-2023 was due 30/03, so both late units are 11 days late; the key says 10.
    const result = plan('2023-04-10T07:00', [], 10);
    const [whole, mamNon] = digests(result);
    expect(mamNon?.sections[0]?.lateUnits).toMatchObject([{ unit: { code: 'MNHM' }, escalated: true }]);
    expect(whole?.sections[0]?.lateUnits.some((late) => late.escalated)).toBe(false);
    const context = { config: MAIL_CONFIG, asOf: at('2023-04-10T07:00'), prefilledLink: () => null };
    const content = renderMail(mamNon as DigestMail, context);
    expect(content.subject).toBe(
      'Tổng hợp tình hình nộp ngày 10/04/2023 (Mầm non): 1 đơn vị chưa nộp đúng yêu cầu',
    );
    expect(content.htmlBody).toContain('Kính gửi Lê Thị Mầm,');
    expect(content.htmlBody).toContain('color:#c00000;font-weight:bold">MNHM</td>');
    expect(content.textBody).toContain('Cần báo cấp trên: 1 đơn vị quá hạn hơn 10 ngày');
    expect(content.textBody).toContain('(!) MNHM | Mầm non Hoa Mai | Quá hạn | 11 |');
    // Not yet past the key's days: listed, not in red.
    const earlier = digests(plan('2023-04-03T07:00', [], 10))[1];
    expect(earlier?.sections[0]?.lateUnits).toMatchObject([{ unit: { code: 'MNHM' } }]);
    expect(renderMail(earlier as DigestMail, context).htmlBody).not.toContain('#c00000');
  });

  it('stops naming a unit once it submits', () => {
    register.push(
      submissionOf({
        responseId: 'R2',
        unitCode: 'MNHM',
        periodId: 'KH-2023',
        submittedAt: at('2023-04-12T09:00'),
      }),
    );
    try {
      const mamNon = digests(plan('2023-04-17T07:00', [], 10))[1];
      expect(mamNon?.sections[0]?.lateUnits).toEqual([]);
    } finally {
      register.pop();
    }
  });
});
