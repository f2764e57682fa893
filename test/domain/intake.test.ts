import {
  makePeriod,
  type Campaign,
  type CampaignConfig,
  type IdentityCheck,
} from '../../src/domain/campaign';
import type { RawAnswer } from '../../src/domain/forms';
import {
  HIDDEN_CHARACTERS_NOTE,
  IDENTITY_HELD_MESSAGE,
  MAX_CELL_CHARACTERS,
  identityHeldMessage,
  isBlankResponse,
  planPeriodAt,
  registerVersion,
  type IncomingResponse,
  type IntakeContext,
} from '../../src/domain/intake';
import { submissionOf, type RegisterEntry } from '../../src/domain/register';
import { computeStatusBoard, statusOf } from '../../src/domain/status';
import { vietnamInstant } from '../../src/domain/time';
import { UnitRegistry } from '../../src/domain/units';
import { FIXTURE_UNITS, makeUnit, periods2023 } from '../fakes/campaign-fixture';
import { GOOD_PLAN, GOOD_REPORT } from './forms/form-fixture';

const CONFIG: CampaignConfig = {
  agencyName: 'Phòng Giáo dục và Đào tạo thành phố Thủ Đức',
  planName: 'thực hiện công tác dân vận của chính quyền năm 2023',
  year: 2023,
  contactName: 'Nguyễn Văn Phụ Trách',
  contactEmail: 'phutrach@pgd.example.edu.vn',
  contactPhone: '028 0000 0000',
  digestEmails: [],
  dailyMailHour: 7,
  mailQuotaReserve: 5,
  identityCheck: 'email_or_code',
  requireSignIn: false,
};

const UNITS = new UnitRegistry([
  ...FIXTURE_UNITS,
  makeUnit({ code: 'THKM', name: 'Tiểu học Không Mã', confirmationCode: '', rowNumber: 6 }),
]);

function contextWith(
  identityCheck: IdentityCheck = 'email_or_code',
  campaign?: Partial<Campaign>,
): IntakeContext {
  return {
    campaign: { config: { ...CONFIG, identityCheck }, periods: periods2023(), ...campaign },
    units: UNITS,
  };
}

/** Numbers versions as the intake job does: the next after the highest of the unit for the period. */
function versionCounter(): (unitCode: string, periodId: string) => number {
  const highest = new Map<string, number>();
  return (unitCode, periodId) => {
    const key = `${unitCode}|${periodId}`;
    const next = (highest.get(key) ?? 0) + 1;
    highest.set(key, next);
    return next;
  };
}

const MNHM_EMAIL = 'mnhm@truong.example.edu.vn';
const STRANGER = 'ai.do@mail.example.com';

function incoming(fields: {
  readonly id?: string;
  readonly form?: 'plan' | 'report';
  readonly at: Date;
  readonly email?: string;
  readonly answers?: Readonly<Record<string, RawAnswer>>;
}): IncomingResponse {
  const form = fields.form ?? 'plan';
  return {
    responseId: fields.id ?? 'R1',
    form,
    timestamp: fields.at,
    respondentEmail: fields.email ?? MNHM_EMAIL,
    response: { answers: fields.answers ?? (form === 'plan' ? GOOD_PLAN : GOOD_REPORT), missingColumns: [] },
    editLink: `https://docs.example.com/forms/d/e/edit?r=${fields.id ?? 'R1'}`,
  };
}

const PLAN_AT = vietnamInstant('2023-03-28', 9, 30);

function register(
  response: IncomingResponse,
  previous?: RegisterEntry,
  context = contextWith(),
  nextVersion = versionCounter(),
): RegisterEntry {
  return registerVersion(response, previous, context, nextVersion);
}

describe('registerVersion: the outcome', () => {
  it('accepts a valid plan from a registered address and records it fully', () => {
    const entry = register(incoming({ at: PLAN_AT, email: '  MNHM@Truong.Example.edu.vn ' }));
    expect(entry).toMatchObject({
      responseId: 'R1',
      submittedAt: PLAN_AT,
      lastVersionAt: PLAN_AT,
      periodId: 'KH-2023',
      unitCode: 'MNHM',
      unitName: 'Mầm non Hoa Mai',
      submitterEmail: MNHM_EMAIL,
      version: 1,
      outcome: 'accepted',
      problems: [],
      timeliness: 'on_time',
      editLink: 'https://docs.example.com/forms/d/e/edit?r=R1',
      acceptedAt: PLAN_AT,
      systemNote: '',
      reviewText: '',
      reviewNote: '',
      extra: {},
    });
    expect(JSON.parse(entry.acceptedAnswers)).toMatchObject({
      unit: 'MNHM',
      code: 'MNHM-7K2Q',
      phone: '0901234567',
      dvkCount: 2,
      dvkNames: ['Mô hình “Cổng trường an toàn”', 'Điển hình “Cô giáo tận tụy”'],
      docDate: '2023-03-20',
    });
  });

  it('accepts with warnings, each prefixed «Lưu ý: »', () => {
    const entry = register(incoming({ at: PLAN_AT, answers: { ...GOOD_PLAN, docNumber: 'số 15' } }));
    expect(entry.outcome).toBe('accepted');
    expect(entry.problems).toEqual([
      'Lưu ý: Câu «Số, ký hiệu văn bản»: «số 15» chưa đúng dạng thường dùng (ví dụ «15/KH-MNHM»); đề nghị kiểm tra lại.',
    ]);
  });

  it('rejects an invalid response, errors in the order of the form and then the warnings', () => {
    const entry = register(
      incoming({
        at: PLAN_AT,
        answers: { ...GOOD_PLAN, docLink: 'drive/abc', phone: '12345', docNumber: 'số 15', position: '' },
      }),
    );
    expect(entry).toMatchObject({
      outcome: 'rejected',
      unitCode: 'MNHM',
      periodId: 'KH-2023',
      version: 1,
      acceptedAt: null,
      acceptedAnswers: '',
      timeliness: null,
    });
    expect(entry.problems).toEqual([
      'Câu «Chức vụ»: chưa được trả lời.',
      'Câu «Số điện thoại liên hệ»: «12345» không phải là số điện thoại hợp lệ (bắt đầu bằng 0 hoặc +84, tiếp theo là 9–10 chữ số).',
      'Câu «Đường dẫn tệp văn bản»: «drive/abc» không phải là đường dẫn bắt đầu bằng http:// hoặc https://.',
      'Lưu ý: Câu «Số, ký hiệu văn bản»: «số 15» chưa đúng dạng thường dùng (ví dụ «15/KH-MNHM»); đề nghị kiểm tra lại.',
    ]);
  });

  it('rejects a response that names no valid unit, with an empty unit code', () => {
    const entry = register(
      incoming({ at: PLAN_AT, answers: { ...GOOD_PLAN, unit: 'XYZ - Trường Không Có' } }),
    );
    expect(entry).toMatchObject({ outcome: 'rejected', unitCode: '', unitName: '', periodId: 'KH-2023' });
    expect(entry.problems).toContain(
      'Câu «Đơn vị»: «XYZ - Trường Không Có» không có trong danh sách đơn vị.',
    );
  });

  it('rejects a response for a unit that is no longer active', () => {
    const entry = register(incoming({ at: PLAN_AT, answers: { ...GOOD_PLAN, unit: 'MNCU - Mầm non Cũ' } }));
    expect(entry).toMatchObject({ outcome: 'rejected', unitCode: '' });
    expect(entry.problems).toContain('Câu «Đơn vị»: «MNCU - Mầm non Cũ» là đơn vị đã ngừng hoạt động.');
  });

  it('finds the unit whatever the accents, case, spacing and normal form of the answer', () => {
    const answer = '  mnhm   -  MẦM NON hoa mai '.normalize('NFD');
    expect(register(incoming({ at: PLAN_AT, answers: { ...GOOD_PLAN, unit: answer } })).unitCode).toBe(
      'MNHM',
    );
  });
});

describe('registerVersion: who sent it (Kiểm tra người nộp)', () => {
  const cases: [IdentityCheck, string, string, 'accepted' | 'held'][] = [
    ['email_or_code', MNHM_EMAIL, '', 'accepted'],
    ['email_or_code', STRANGER, '  mnhm-7k2q ', 'accepted'],
    ['email_or_code', STRANGER, 'MNHM-0000', 'held'],
    ['email_or_code', STRANGER, '', 'held'],
    ['email', ` ${MNHM_EMAIL.toUpperCase()} `, '', 'accepted'],
    ['email', STRANGER, 'MNHM-7K2Q', 'held'],
    ['code', STRANGER, ' m n h m - 7 k 2 q ', 'accepted'],
    ['code', STRANGER, 'mnhm-7k2q', 'accepted'],
    ['code', MNHM_EMAIL, '', 'held'],
    ['code', MNHM_EMAIL, 'MNHM-7K2X', 'held'],
    ['off', STRANGER, '', 'accepted'],
    ['off', STRANGER, 'sai mã', 'accepted'],
  ];

  const HELD_MESSAGE: Record<IdentityCheck, string> = {
    email_or_code:
      'Chưa xác minh được người nộp: địa chỉ email không có trong danh sách của đơn vị và mã xác nhận không đúng.',
    email: 'Chưa xác minh được người nộp: địa chỉ email không có trong danh sách của đơn vị.',
    code: 'Chưa xác minh được người nộp: mã xác nhận không đúng.',
    off: '',
  };

  it('says why a response is held in the words of each rule', () => {
    expect(HELD_MESSAGE.email_or_code).toBe(IDENTITY_HELD_MESSAGE);
    for (const rule of ['email_or_code', 'email', 'code'] as const) {
      expect(identityHeldMessage(rule)).toBe(HELD_MESSAGE[rule]);
    }
  });

  it.each(cases)('rule %s, sent from «%s» with code «%s»: %s', (rule, email, code, outcome) => {
    const entry = register(
      incoming({ at: PLAN_AT, email, answers: { ...GOOD_PLAN, code } }),
      undefined,
      contextWith(rule),
    );
    expect(entry.outcome).toBe(outcome);
    expect(entry.unitCode).toBe('MNHM');
    if (outcome === 'held') {
      expect(entry.problems).toEqual([HELD_MESSAGE[rule]]);
      expect(entry).toMatchObject({ acceptedAt: null, acceptedAnswers: '', timeliness: null });
    } else {
      expect(entry.problems).toEqual([]);
    }
  });

  it('never takes an empty code for the code of a unit that has none', () => {
    const answers = { ...GOOD_PLAN, unit: 'THKM - Tiểu học Không Mã', docNumber: '15/KH-THKM', code: '' };
    const entry = register(
      incoming({ at: PLAN_AT, email: STRANGER, answers }),
      undefined,
      contextWith('code'),
    );
    expect(entry.outcome).toBe('held');
  });

  it('puts the hold first and keeps the warnings after it', () => {
    const answers = { ...GOOD_PLAN, code: '', docNumber: 'số 15' };
    const entry = register(incoming({ at: PLAN_AT, email: STRANGER, answers }));
    expect(entry.problems).toEqual([
      IDENTITY_HELD_MESSAGE,
      'Lưu ý: Câu «Số, ký hiệu văn bản»: «số 15» chưa đúng dạng thường dùng (ví dụ «15/KH-MNHM»); đề nghị kiểm tra lại.',
    ]);
  });

  it('judges identity before validity: an invalid response from a stranger is held, its problems kept for Bài nộp', () => {
    const entry = register(
      incoming({ at: PLAN_AT, email: STRANGER, answers: { ...GOOD_PLAN, code: '', phone: '1' } }),
    );
    expect(entry).toMatchObject({ outcome: 'held', acceptedAt: null, acceptedAnswers: '', timeliness: null });
    expect(entry.problems[0]).toBe(IDENTITY_HELD_MESSAGE);
    expect(entry.problems).toContain(
      'Câu «Số điện thoại liên hệ»: «1» không phải là số điện thoại hợp lệ (bắt đầu bằng 0 hoặc +84, tiếp theo là 9–10 chữ số).',
    );
  });

  it('leaves the unit as it was: pending until the due moment, then overdue, with no issue of the stranger’s', () => {
    const entry = register(
      incoming({ at: PLAN_AT, email: STRANGER, answers: { ...GOOD_PLAN, code: '', phone: '1' } }),
    );
    const periods = periods2023();
    const before = computeStatusBoard(
      UNITS.all,
      periods,
      [submissionOf(entry)],
      vietnamInstant('2023-03-29'),
    );
    expect(statusOf(before, 'MNHM', 'KH-2023')).toMatchObject({
      status: 'pending',
      timeliness: null,
      versions: 0,
      issues: [],
    });
    const after = computeStatusBoard(UNITS.all, periods, [submissionOf(entry)], vietnamInstant('2023-03-31'));
    expect(statusOf(after, 'MNHM', 'KH-2023')).toMatchObject({ status: 'overdue', issues: [] });
  });
});

describe('registerVersion: invisible characters', () => {
  it('drops bidi overrides and zero-width characters from what it keeps, and notes it in Bài nộp', () => {
    const answers = { ...GOOD_PLAN, reporter: 'Nguy\u202eễn Văn\u200b An', notes: 'Ghi \u2066chú\u2069' };
    const entry = register(incoming({ at: PLAN_AT, answers }));
    expect(entry.outcome).toBe('accepted');
    expect(entry.problems).toEqual([`Lưu ý: ${HIDDEN_CHARACTERS_NOTE}`]);
    expect(entry.acceptedAnswers).toContain('"reporter":"Nguyễn Văn An"');
    expect(entry.acceptedAnswers).toContain('"notes":"Ghi chú"');
    expect(entry.acceptedAnswers).not.toMatch(/[\u202e\u200b\u2066\u2069]/);
    expect(register(incoming({ at: PLAN_AT })).problems).toEqual([]);
  });
});

describe('registerVersion: versions of a unit for a period', () => {
  it('numbers a new response and an edit with the next number, and keeps the number of the same version', () => {
    const nextVersion = versionCounter();
    const context = contextWith();
    const first = register(incoming({ id: 'A', at: PLAN_AT }), undefined, context, nextVersion);
    const second = register(
      incoming({ id: 'B', at: vietnamInstant('2023-03-28', 15) }),
      undefined,
      context,
      nextVersion,
    );
    const otherUnit = register(
      incoming({
        id: 'C',
        at: vietnamInstant('2023-03-28', 16),
        email: 'thdd@truong.example.edu.vn',
        answers: { ...GOOD_PLAN, unit: 'THDD - Tiểu học Đặng Đức', code: '', docNumber: '1/KH-THDD' },
      }),
      undefined,
      context,
      nextVersion,
    );
    const report = register(
      incoming({
        id: 'D',
        form: 'report',
        at: vietnamInstant('2023-04-25', 14),
        answers: { ...GOOD_REPORT, unit: 'MNHM - Mầm non Hoa Mai', code: 'MNHM-7K2Q' },
      }),
      undefined,
      context,
      nextVersion,
    );
    const edit = register(
      incoming({ id: 'A', at: vietnamInstant('2023-03-29', 10) }),
      first,
      context,
      nextVersion,
    );
    const again = register(
      incoming({ id: 'A', at: vietnamInstant('2023-03-29', 10) }),
      edit,
      context,
      nextVersion,
    );
    expect([first.version, second.version, otherUnit.version, report.version]).toEqual([1, 2, 1, 1]);
    expect(report.periodId).toBe('BC6T-2023');
    expect(edit.version).toBe(3);
    expect(again.version).toBe(3);
    // The same version again took no number: the next response of the unit is 4.
    expect(
      register(incoming({ id: 'E', at: vietnamInstant('2023-03-30', 8) }), undefined, context, nextVersion)
        .version,
    ).toBe(4);
  });

  it('keeps the first-seen time across an edit, which Forms stamps with a new time', () => {
    const first = register(incoming({ at: PLAN_AT }));
    const editedAt = vietnamInstant('2023-04-02', 8, 15);
    const edit = register(incoming({ at: editedAt }), first);
    expect(edit.submittedAt).toEqual(PLAN_AT);
    expect(edit.lastVersionAt).toEqual(editedAt);
    // Accepted before the due moment: the edit after it does not make the unit late.
    expect(edit.acceptedAt).toEqual(PLAN_AT);
    expect(edit.timeliness).toBe('on_time');
  });

  it('keeps the accepted version standing when a later edit is rejected: the unit stays submitted', () => {
    const nextVersion = versionCounter();
    const first = register(incoming({ at: PLAN_AT }), undefined, contextWith(), nextVersion);
    const editedAt = vietnamInstant('2023-03-29', 11);
    const answers = { ...GOOD_PLAN, phone: 'không có' };
    const edit = register(incoming({ at: editedAt, answers }), first, contextWith(), nextVersion);
    expect(edit).toMatchObject({
      outcome: 'rejected',
      acceptedAt: PLAN_AT,
      acceptedAnswers: first.acceptedAnswers,
      timeliness: 'on_time',
      version: 2,
    });
    const board = computeStatusBoard(
      UNITS.all,
      periods2023(),
      [submissionOf(edit)],
      vietnamInstant('2023-04-05'),
    );
    expect(statusOf(board, 'MNHM', 'KH-2023')).toMatchObject({
      status: 'submitted',
      timeliness: 'on_time',
      submittedAt: PLAN_AT,
      issues: [
        'Câu «Số điện thoại liên hệ»: «không có» không phải là số điện thoại hợp lệ (bắt đầu bằng 0 hoặc +84, tiếp theo là 9–10 chữ số).',
      ],
    });
  });

  it('does not carry an acceptance over to another unit when an edit is rejected and names another unit', () => {
    const first = register(incoming({ at: PLAN_AT }));
    const answers = { ...GOOD_PLAN, unit: 'THDD - Tiểu học Đặng Đức', phone: 'x' };
    const edit = register(incoming({ at: vietnamInstant('2023-03-29', 11), answers }), first);
    // MNHM's address does not speak for THDD: the edit is held, and carries nothing over.
    expect(edit).toMatchObject({
      unitCode: 'THDD',
      outcome: 'held',
      acceptedAt: null,
      acceptedAnswers: '',
    });
  });

  it('judges timeliness on the time of acceptance, not of the first rejected version', () => {
    const rejected = register(
      incoming({ at: vietnamInstant('2023-03-30', 20), answers: { ...GOOD_PLAN, phone: '1' } }),
    );
    expect(rejected.timeliness).toBeNull();
    const fixedAt = vietnamInstant('2023-03-31', 8);
    const fixed = register(incoming({ at: fixedAt }), rejected);
    expect(fixed).toMatchObject({
      outcome: 'accepted',
      submittedAt: vietnamInstant('2023-03-30', 20),
      acceptedAt: fixedAt,
      timeliness: 'late',
    });
  });

  it('counts the last second of the day before 31/03/2023 as on time and the next one as late', () => {
    expect(register(incoming({ at: vietnamInstant('2023-03-30', 23, 59, 59) })).timeliness).toBe('on_time');
    expect(register(incoming({ at: vietnamInstant('2023-03-31', 0, 0, 0) })).timeliness).toBe('late');
  });
});

describe('registerVersion: the department’s review across versions', () => {
  const first = register(incoming({ at: PLAN_AT }));

  it('resets a review made on an earlier version, saying so in the system note', () => {
    const reviewed = { ...first, reviewText: 'Đạt', reviewNote: 'Tốt.' };
    const edit = register(incoming({ at: vietnamInstant('2023-03-29', 10) }), reviewed);
    expect(edit.reviewText).toBe('');
    expect(edit.reviewNote).toBe('Tốt.');
    expect(edit.systemNote).toBe('Đánh giá «Đạt» là của lần nộp 1; đơn vị đã nộp lại lúc 29/03/2023 10:00.');
  });

  it('resets a request for correction when the unit answers it with a new version', () => {
    const returned = { ...first, version: 4, reviewText: 'Yêu cầu bổ sung' };
    const edit = register(incoming({ at: vietnamInstant('2023-04-03', 7, 5) }), returned);
    expect(edit.systemNote).toBe(
      'Đánh giá «Yêu cầu bổ sung» là của lần nộp 4; đơn vị đã nộp lại lúc 03/04/2023 07:05.',
    );
  });

  it('has nothing to reset when the review is pending, whatever its case', () => {
    for (const reviewText of ['', 'Chờ duyệt', 'chờ duyệt']) {
      const edit = register(incoming({ at: vietnamInstant('2023-03-29', 10) }), { ...first, reviewText });
      expect({ reviewText: edit.reviewText, systemNote: edit.systemNote }).toEqual({
        reviewText,
        systemNote: '',
      });
    }
  });

  it('keeps the review, its note and the system note when the same version is registered again', () => {
    const reviewed = {
      ...first,
      reviewText: 'Đạt',
      reviewNote: 'Đã xem.',
      systemNote: 'Đánh giá «Yêu cầu bổ sung» là của lần nộp 1; đơn vị đã nộp lại lúc 28/03/2023 09:30.',
      extra: { 'Người kiểm tra': 'Cô Hạnh' },
    };
    const again = register(incoming({ at: PLAN_AT }), reviewed);
    expect(again).toMatchObject({
      reviewText: 'Đạt',
      reviewNote: 'Đã xem.',
      systemNote: reviewed.systemNote,
      extra: { 'Người kiểm tra': 'Cô Hạnh' },
      version: 1,
    });
  });
});

describe('registerVersion: the period', () => {
  const plan2024 = makePeriod({
    id: 'KH-2024',
    name: 'Kế hoạch năm 2024',
    form: 'plan',
    opensOn: '2024-03-01',
    writtenDueDate: '2024-03-31',
    deadlineRule: 'before',
    graceDays: 0,
    remindBeforeDays: [],
    remindAfterDays: [],
  });
  const periods = [...periods2023(), plan2024];

  it('takes for a plan the latest plan period open at its time, else the first', () => {
    expect(planPeriodAt(periods, vietnamInstant('2024-03-10'))?.id).toBe('KH-2024');
    expect(planPeriodAt(periods, vietnamInstant('2024-02-29', 23, 59))?.id).toBe('KH-2023');
    expect(planPeriodAt(periods, vietnamInstant('2023-01-01'))?.id).toBe('KH-2023');
    expect(
      planPeriodAt(
        periods2023().filter((period) => period.form === 'report'),
        PLAN_AT,
      ),
    ).toBeUndefined();
    const context = contextWith('email_or_code', { periods });
    const answers = { ...GOOD_PLAN, docDate: '01/03/2024', councilDate: '' };
    const entry = register(incoming({ at: vietnamInstant('2024-03-10', 9) }), undefined, context);
    expect(
      register(incoming({ at: vietnamInstant('2024-03-10', 9), answers }), undefined, context),
    ).toMatchObject({
      periodId: 'KH-2024',
      outcome: 'accepted',
    });
    expect(entry.periodId).toBe('KH-2024');
  });

  it('takes for a report the period the school chose, by name or by code', () => {
    const at = vietnamInstant('2023-10-20', 14);
    const answers = { ...GOOD_REPORT, docDate: '15/10/2023', period: 'báo cáo năm 2023' };
    expect(
      register(incoming({ form: 'report', at, answers, email: 'thdd@truong.example.edu.vn' })),
    ).toMatchObject({
      periodId: 'BCN-2023',
      unitCode: 'THDD',
      outcome: 'accepted',
    });
    const byCode = { ...answers, period: 'bc6t-2023' };
    expect(
      register(incoming({ form: 'report', at, answers: byCode, email: 'thdd@truong.example.edu.vn' }))
        .periodId,
    ).toBe('BC6T-2023');
  });

  it('rejects a report naming no configured period, with an empty period code', () => {
    const answers = { ...GOOD_REPORT, period: 'Báo cáo quý 3' };
    const entry = register(
      incoming({
        form: 'report',
        at: vietnamInstant('2023-04-25', 14),
        answers,
        email: 'thdd@truong.example.edu.vn',
      }),
    );
    expect(entry).toMatchObject({ outcome: 'rejected', periodId: '', unitCode: 'THDD' });
    expect(entry.problems).toContain(
      'Câu «Kỳ báo cáo»: «Báo cáo quý 3» không phải là kỳ báo cáo đang nhận; chọn «Báo cáo 6 tháng đầu năm 2023» hoặc «Báo cáo năm 2023».',
    );
  });
});

describe('registerVersion: what is kept of the answers', () => {
  it('keeps the figures of a report and cuts long texts so the JSON fits in one cell', () => {
    const long = 'Kết quả nổi bật của đơn vị trong kỳ. '.repeat(1200);
    const answers = {
      ...GOOD_REPORT,
      highlights: long,
      shortcomings: long,
      nextSteps: long,
      proposals: `"=HYPERLINK(\\"x\\")"\n${'\u0001'.repeat(6000)}`,
    };
    const entry = register(
      incoming({
        form: 'report',
        at: vietnamInstant('2023-04-25', 14),
        answers,
        email: 'thdd@truong.example.edu.vn',
      }),
    );
    expect(entry.outcome).toBe('accepted');
    expect(entry.acceptedAnswers.length).toBeLessThanOrEqual(MAX_CELL_CHARACTERS);
    const stored = JSON.parse(entry.acceptedAnswers) as Record<string, unknown>;
    expect(stored).toMatchObject({
      unit: 'THDD',
      period: 'BC6T-2023',
      propagandaAttendees: 1234,
      eDocPercent: 85.5,
      staffConference: 'Có',
    });
    expect(String(stored.highlights).startsWith('Kết quả nổi bật của đơn vị')).toBe(true);
    expect(String(stored.highlights).endsWith('…')).toBe(true);
  });

  it('keeps short answers whole', () => {
    const entry = register(incoming({ at: PLAN_AT }));
    expect(JSON.parse(entry.acceptedAnswers)).toEqual({
      unit: 'MNHM',
      code: 'MNHM-7K2Q',
      reporter: 'Nguyễn Thị Lan',
      position: 'Hiệu trưởng',
      phone: '0901234567',
      docNumber: '15/KH-MNHM',
      docDate: '2023-03-20',
      docLink: 'https://drive.google.com/file/d/abc123/view',
      focusAreas: [
        'Quán triệt chủ trương, chính sách, pháp luật về công tác dân vận của chính quyền',
        'Phong trào thi đua “Dân vận khéo”, gắn với 5 nội dung “không”',
        'Văn hóa công vụ, đạo đức nhà giáo, quy tắc ứng xử',
        'Thực hiện dân chủ, tiếp công dân, giải quyết khiếu nại, tố cáo',
        'Cải cách hành chính, văn bản điện tử, ISO 9001',
      ],
      dvkCount: 2,
      dvkNames: ['Mô hình “Cổng trường an toàn”', 'Điển hình “Cô giáo tận tụy”'],
      councilDate: '2023-03-25',
      notes: '',
    });
  });
});

describe('isBlankResponse', () => {
  it('is blank when no question has an answer, and not as soon as one has', () => {
    const blank = (answers: Readonly<Record<string, RawAnswer>>) =>
      isBlankResponse(incoming({ at: PLAN_AT, answers }));
    expect(blank({})).toBe(true);
    expect(blank({ unit: '', code: '  ', focusAreas: [], notes: null, phone: undefined })).toBe(true);
    expect(blank({ unit: '', notes: 'x' })).toBe(false);
    expect(blank({ dvkCount: 0 })).toBe(false);
    expect(blank({ focusAreas: ['Cải cách hành chính, văn bản điện tử, ISO 9001'] })).toBe(false);
  });
});
