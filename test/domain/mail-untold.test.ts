import { planMail, type DigestMail, type MailLogEntry } from '../../src/domain/mail-plan';
import { renderMail } from '../../src/domain/mail-content';
import { computeStatusBoard } from '../../src/domain/status';
import { UnitRegistry } from '../../src/domain/units';
import { makeUnit, periods2023 } from '../fakes/campaign-fixture';
import { at, logEntry, MAIL_CONFIG } from '../fakes/mail-fixture';

const PERIODS = periods2023();
const HOA_MAI = makeUnit({ code: 'MNHM', name: 'Trường Mầm non Hoa Mai' });
const DANG_DUC = makeUnit({ code: 'THDD', name: 'Trường Tiểu học Đặng Đức' });
const DIGEST = ['tonghop@pgd.example.edu.vn'];

function plan(asOf: string, log: readonly MailLogEntry[]) {
  const moment = at(asOf);
  const units = new UnitRegistry([HOA_MAI, DANG_DUC]).all;
  return planMail({
    asOf: moment,
    periods: PERIODS,
    units,
    board: computeStatusBoard(units, PERIODS, [], moment),
    submissions: [],
    details: [],
    log,
    digestEmails: DIGEST,
  });
}

function digestOf(asOf: string, log: readonly MailLogEntry[]): DigestMail | null {
  const mail = plan(asOf, log).mails.find((candidate) => candidate.kind === 'digest');
  return mail?.kind === 'digest' ? mail : null;
}

// 31/03 07:00: the overdue notices and the digest were due; the quota let only Đặng Đức's and the
// digest out, Hoa Mai's notice stays `Chờ gửi`.
const LOG = [
  logEntry('unit:MNHM:2023-03-31', at('2023-03-31T07:00'), {
    unitCode: 'MNHM',
    periodIds: ['KH-2023'],
    kind: 'overdue',
    state: 'queued',
  }),
  logEntry('unit:THDD:2023-03-31', at('2023-03-31T07:00'), {
    unitCode: 'THDD',
    periodIds: ['KH-2023'],
    kind: 'overdue',
  }),
  logEntry('digest:2023-03-31', at('2023-03-31T07:01'), { kind: 'digest' }),
];

describe('the digest names every unit left untold for more than a day', () => {
  it('sends a digest naming the unit, its mail and the days waited', () => {
    const digest = digestOf('2023-04-02T07:00', LOG);
    // Ahead of the waiting notice itself: behind the backlog it would wait as long.
    expect(plan('2023-04-02T07:00', LOG).mails.map((mail) => mail.key)).toEqual([
      'digest:2023-04-02',
      'unit:MNHM:2023-03-31',
      'unit:THDD:2023-04-02',
    ]);
    expect(digest?.key).toBe('digest:2023-04-02');
    expect(
      (digest?.untold ?? []).map((untold) => [untold.unit.code, untold.kind, untold.daysWaited]),
    ).toEqual([['MNHM', 'overdue', 2]]);
    const content = renderMail(digest as DigestMail, {
      config: MAIL_CONFIG,
      asOf: at('2023-04-02T07:00'),
      prefilledLink: () => null,
    });
    expect(content.textBody).toContain(
      [
        'ĐƠN VỊ CHƯA NHẬN ĐƯỢC THƯ BÁO',
        '',
        'Thư báo cho 1 đơn vị đã chờ gửi quá 1 ngày (hết hạn mức gửi thư trong ngày hoặc gửi lỗi); hệ thống tiếp tục gửi các thư này trước các thư khác khi còn hạn mức. Đề nghị liên hệ trực tiếp các đơn vị:',
        '',
        '- Trường Mầm non Hoa Mai (MNHM): thư «Quá hạn» chờ gửi từ 31/03/2023, đã 2 ngày.',
      ].join('\n'),
    );
    expect(content.htmlBody).toContain(
      'Trường Mầm non Hoa Mai (MNHM): thư «Quá hạn» chờ gửi từ 31/03/2023, đã 2 ngày.',
    );
  });

  it('says nothing of a notice that waited one day only: the next run sends it first', () => {
    expect(digestOf('2023-04-01T07:00', LOG)).toBeNull();
    const withDigest = digestOf('2023-04-01T07:00', LOG.slice(0, 2));
    expect(withDigest?.untold ?? []).toEqual([]);
    const content = renderMail(withDigest as DigestMail, {
      config: MAIL_CONFIG,
      asOf: at('2023-04-01T07:00'),
      prefilledLink: () => null,
    });
    expect(content.textBody).not.toContain('CHƯA NHẬN ĐƯỢC THƯ BÁO');
  });

  it('fires a digest once for a newly untold unit, not every day it waits', () => {
    const named = [...LOG, logEntry('digest:2023-04-03', at('2023-04-03T07:00'), { kind: 'digest' })];
    expect(digestOf('2023-04-05T07:00', named)).toBeNull();
  });

  it('names nobody once the notice is sent, and lists the longest wait first', () => {
    const sent = LOG.map((entry) =>
      entry.key === 'unit:MNHM:2023-03-31' ? { ...entry, state: 'sent' as const } : entry,
    );
    expect(digestOf('2023-04-03T07:00', sent)?.untold ?? []).toEqual([]);
    const twoWaiting: MailLogEntry[] = [
      ...LOG,
      logEntry('unit:THDD:2023-04-02', at('2023-04-02T07:00'), {
        unitCode: 'THDD',
        periodIds: ['KH-2023'],
        kind: 'overdue',
        state: 'queued',
      }),
    ];
    expect(
      (digestOf('2023-04-05T07:00', twoWaiting)?.untold ?? []).map(
        (untold) => `${untold.unit.code} ${untold.daysWaited}`,
      ),
    ).toEqual(['MNHM 5', 'THDD 3']);
  });
});
