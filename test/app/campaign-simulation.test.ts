// The 2023 campaign replayed day by day: 40 units in eight behaviours, the daily run at 07:00
// (and once more right after it, as a doubled trigger would), from 20/03/2023 to 20/11/2023.
// Every message each unit gets is written out by hand per behaviour and compared exactly.
import { sendMail, type MailReport } from '../../src/app/send-mail';
import { DEFAULT_PERIOD_ROWS } from '../../src/domain/defaults';
import { MAIL_LOG_COLUMNS, SHEET } from '../../src/domain/layout';
import type { MailKind } from '../../src/domain/mail';
import { cellText } from '../../src/domain/table';
import { addDays, dayOfWeek, vietnamInstant, type IsoDate } from '../../src/domain/time';
import type { Unit } from '../../src/domain/units';
import { MailAppMailer } from '../../src/gas/mailapp-mailer';
import { makeUnit } from '../fakes/campaign-fixture';
import { FakeMailApp } from '../fakes/mail-app';
import {
  at,
  campaignTables,
  configTable,
  FILLED_MAIL_CONFIG,
  MAIL_CONFIG,
  periodsTable,
  registerTable,
  unitsTable,
  type SubmissionFields,
} from '../fakes/mail-fixture';
import { MemoryLock } from '../fakes/memory-lock';
import { MemoryWorkbook } from '../fakes/memory-workbook';
import { RecordingMailer } from '../fakes/recording-mailer';
import { recordsOf } from '../fakes/tables';

type Behaviour = 'early' | 'lastMinute' | 'late' | 'never' | 'fixed' | 'returned' | 'held' | 'skipsReport';
const BEHAVIOURS: readonly Behaviour[] = [
  'early',
  'lastMinute',
  'late',
  'never',
  'fixed',
  'returned',
  'held',
  'skipsReport',
];

interface SimUnit {
  readonly unit: Unit;
  readonly behaviour: Behaviour;
}

const SIM_UNITS: readonly SimUnit[] = Array.from({ length: 40 }, (_, index) => {
  const number = String(index + 1).padStart(2, '0');
  const behaviour = BEHAVIOURS[Math.floor(index / 5)] as Behaviour;
  const emails =
    behaviour === 'skipsReport'
      ? [`hieutruong${number}@truong.example.edu.vn`, `vanthu${number}@truong.example.edu.vn`]
      : [`hieutruong${number}@truong.example.edu.vn`];
  return {
    unit: makeUnit({ code: `U${number}`, name: `Trường Số ${number}`, emails, rowNumber: index + 2 }),
    behaviour,
  };
});

/** One state of a register row, from the moment it holds (`SubmissionFields.lastVersionAt` or a review). */
interface RowState {
  readonly from: Date;
  readonly row: SubmissionFields;
}

function accepted(
  unit: Unit,
  periodId: string,
  when: string,
  responseId = `${unit.code}-${periodId}`,
): RowState {
  return {
    from: at(when),
    row: {
      responseId,
      unitCode: unit.code,
      periodId,
      submittedAt: at(when),
      submitterEmail: unit.emails[0] as string,
    },
  };
}

/** Every state the unit's register rows go through in the campaign. */
function history({ unit, behaviour }: SimUnit): RowState[] {
  const onTimeReports = [
    accepted(unit, 'BC6T-2023', '2023-04-20T09:00'),
    accepted(unit, 'BCN-2023', '2023-10-20T09:00'),
  ];
  switch (behaviour) {
    case 'early':
      return [accepted(unit, 'KH-2023', '2023-03-21T09:00'), ...onTimeReports];
    case 'lastMinute':
      return [
        accepted(unit, 'KH-2023', '2023-03-30T10:00'),
        accepted(unit, 'BC6T-2023', '2023-04-30T10:00'),
        accepted(unit, 'BCN-2023', '2023-10-31T10:00'),
      ];
    case 'late':
      return [accepted(unit, 'KH-2023', '2023-04-04T15:00'), ...onTimeReports];
    case 'never':
      return [];
    case 'fixed': {
      const first = accepted(unit, 'KH-2023', '2023-03-22T10:00');
      const rejected = {
        ...first.row,
        outcome: 'rejected' as const,
        problems: ['«Số điện thoại liên hệ»: «12345» không hợp lệ.'],
      };
      const fixedAt = at('2023-03-28T10:00');
      return [
        { from: first.from, row: rejected },
        {
          from: fixedAt,
          row: {
            ...rejected,
            outcome: 'accepted',
            problems: [],
            version: 2,
            acceptedAt: fixedAt,
            lastVersionAt: fixedAt,
          },
        },
        ...onTimeReports,
      ];
    }
    case 'returned': {
      const first = accepted(unit, 'KH-2023', '2023-03-24T09:00');
      const second = accepted(unit, 'KH-2023', '2023-04-08T10:00', `${unit.code}-KH-2023-b`);
      return [
        first,
        {
          from: at('2023-04-01T16:00'),
          row: { ...first.row, review: 'returned', reviewNote: 'Thiếu chữ ký của Thủ trưởng.' },
        },
        { from: second.from, row: { ...second.row, version: 2 } },
        ...onTimeReports,
      ];
    }
    case 'held': {
      const first = accepted(unit, 'KH-2023', '2023-03-25T09:00');
      const held = { ...first.row, outcome: 'held' as const, submitterEmail: 'nguoi.la@mail.example.com' };
      return [
        { from: first.from, row: held },
        { from: at('2023-03-30T14:00'), row: { ...held, review: 'approved' } },
        ...onTimeReports,
      ];
    }
    case 'skipsReport':
      return [accepted(unit, 'KH-2023', '2023-03-21T09:00'), accepted(unit, 'BCN-2023', '2023-10-20T09:00')];
  }
}

const REMINDERS = {
  'KH-2023': ['03-23', '03-27', '03-29'],
  'BC6T-2023': ['04-23', '04-27', '04-29'],
  'BCN-2023': ['10-24', '10-28', '10-30'],
};
const OVERDUES = {
  'KH-2023': ['03-31', '04-02', '04-06', '04-13'],
  'BC6T-2023': ['05-01', '05-03', '05-07', '05-14'],
  'BCN-2023': ['11-01', '11-03', '11-07', '11-14'],
};
type PeriodId = keyof typeof REMINDERS;
const all = (kind: MailKind, days: readonly string[], period: PeriodId) =>
  days.map((day) => `${day} ${kind} ${period}`);
const reportReceipts = ['04-21 receipt BC6T-2023', '10-21 receipt BCN-2023'];

/** The report periods open on 01/04 and 01/10; the plan opened before the simulation starts. */
const OPENINGS = ['04-01 opening BC6T-2023', '10-01 opening BCN-2023'];

/** What each behaviour must receive, `MM-DD kind periods`, by hand from the schedule of docs/forms.md (openings aside). */
const EXPECTED: Record<Behaviour, readonly string[]> = {
  early: ['03-22 receipt KH-2023', ...reportReceipts],
  lastMinute: [
    ...all('reminder', REMINDERS['KH-2023'], 'KH-2023'),
    '03-31 receipt KH-2023',
    ...all('reminder', REMINDERS['BC6T-2023'], 'BC6T-2023'),
    '05-01 receipt BC6T-2023',
    ...all('reminder', REMINDERS['BCN-2023'], 'BCN-2023'),
    '11-01 receipt BCN-2023',
  ],
  late: [
    ...all('reminder', REMINDERS['KH-2023'], 'KH-2023'),
    '03-31 overdue KH-2023',
    '04-02 overdue KH-2023',
    '04-05 receipt KH-2023',
    ...reportReceipts,
  ],
  never: (['KH-2023', 'BC6T-2023', 'BCN-2023'] as const).flatMap((period) => [
    ...all('reminder', REMINDERS[period], period),
    ...all('overdue', OVERDUES[period], period),
  ]),
  // The rejected version's receipt answers the reminder day it arrives on.
  fixed: ['03-23 receipt KH-2023', '03-27 needs_fix KH-2023', '03-29 receipt KH-2023', ...reportReceipts],
  // On time, then returned: no overdue notice ever, the return stands in for 02/04's notice.
  returned: [
    '03-23 reminder KH-2023',
    '03-25 receipt KH-2023',
    '04-02 returned KH-2023',
    '04-06 needs_fix KH-2023',
    '04-09 receipt KH-2023',
    ...reportReceipts,
  ],
  // Held until the department vouches for it on 30/03: reminded meanwhile, never overdue. The
  // receipt of the held response goes to its sender, not to the unit.
  held: ['03-23 reminder KH-2023', '03-27 reminder KH-2023', '03-29 reminder KH-2023', ...reportReceipts],
  skipsReport: [
    '03-22 receipt KH-2023',
    ...all('reminder', REMINDERS['BC6T-2023'], 'BC6T-2023'),
    ...all('overdue', OVERDUES['BC6T-2023'], 'BC6T-2023'),
    '10-21 receipt BCN-2023',
  ],
};

/** The register as the daily job would have rebuilt it by `asOf`. */
function registerAt(histories: readonly RowState[], asOf: Date): SubmissionFields[] {
  const latest = new Map<string, SubmissionFields>();
  for (const state of histories)
    if (state.from.getTime() <= asOf.getTime()) latest.set(state.row.responseId, state.row);
  return [...latest.values()];
}

function days(from: IsoDate, to: IsoDate): IsoDate[] {
  const result: IsoDate[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) result.push(day);
  return result;
}

interface Delivered extends MailReport {
  readonly day: IsoDate;
}

describe('a campaign of 40 units, day by day from 20/03/2023 to 20/11/2023', () => {
  const histories = SIM_UNITS.flatMap(history);
  const workbook = new MemoryWorkbook(
    campaignTables(
      SIM_UNITS.map((sim) => sim.unit),
      [],
    ),
  );
  const lock = new MemoryLock();
  const mailer = new RecordingMailer();
  const delivered: Delivered[] = [];
  const repeated: MailReport[] = [];

  beforeAll(() => {
    for (const day of days('2023-03-20', '2023-11-20')) {
      const asOf = vietnamInstant(day, 7);
      workbook.setTable(registerTable(registerAt(histories, asOf)));
      const summary = sendMail({ workbook, lock, mailer }, { asOf, quotaReserve: 0 });
      delivered.push(...summary.mail.map((mail) => ({ ...mail, day })));
      // A doubled trigger, a minute later.
      repeated.push(
        ...sendMail({ workbook, lock, mailer }, { asOf: vietnamInstant(day, 7, 1), quotaReserve: 0 }).mail,
      );
    }
  });

  it('sends every planned message, and the repeated run of each day sends nothing', () => {
    expect(delivered.every((mail) => mail.status === 'sent')).toBe(true);
    expect(repeated).toEqual([]);
    expect(mailer.sent).toHaveLength(delivered.length);
  });

  it('sends each unit exactly the messages its behaviour calls for', () => {
    for (const sim of SIM_UNITS) {
      const received = delivered
        .filter((mail) => mail.unit === sim.unit.code)
        .map((mail) => `${mail.day.slice(5)} ${mail.kind} ${mail.periods.join('+')}`);
      expect({ unit: sim.unit.code, behaviour: sim.behaviour, received: [...received].sort() }).toEqual({
        unit: sim.unit.code,
        behaviour: sim.behaviour,
        // Every unit hears once of each period opening, whatever it does afterwards.
        received: [...EXPECTED[sim.behaviour], ...OPENINGS].sort(),
      });
    }
  });

  it('counts per kind what the behaviours add up to', () => {
    const counts: Record<string, number> = {};
    for (const mail of delivered) counts[mail.kind] = (counts[mail.kind] ?? 0) + 1;
    // Per five units: reminders 9+3+9+1+3+3, overdue 2+12+4, needs_fix 1+1, receipts 3+3+3+4+4+3+2, one return.
    expect(counts).toEqual({
      reminder: 140,
      overdue: 90,
      needs_fix: 10,
      receipt: 110,
      returned: 5,
      digest: 36,
      opening: 80,
    });
  });

  it('never sends a unit two e-mails on one day', () => {
    const perUnitDay = new Map<string, number>();
    for (const mail of delivered) {
      if (!mail.unit) continue;
      const key = `${mail.unit} ${mail.day}`;
      perUnitDay.set(key, (perUnitDay.get(key) ?? 0) + 1);
    }
    expect([...perUnitDay.entries()].filter(([, count]) => count > 1)).toEqual([]);
  });

  it('never sends an overdue notice to a unit that submitted on time', () => {
    const onTime = SIM_UNITS.filter((sim) =>
      ['early', 'lastMinute', 'fixed', 'returned', 'held'].includes(sim.behaviour),
    );
    const overdue = delivered.filter(
      (mail) => mail.kind === 'overdue' && onTime.some((sim) => sim.unit.code === mail.unit),
    );
    expect(overdue).toEqual([]);
  });

  it('sends the digest the day after each due moment and every Monday while a unit is overdue', () => {
    const digestDays = delivered.filter((mail) => mail.kind === 'digest').map((mail) => mail.day);
    const mondays = days('2023-03-31', '2023-11-20').filter((day) => dayOfWeek(day) === 1);
    const expected = [...new Set(['2023-03-31', '2023-05-01', '2023-11-01', ...mondays])].sort();
    expect(digestDays).toEqual(expected);
    expect(delivered.find((mail) => mail.kind === 'digest')?.to).toEqual(['tonghop@pgd.example.edu.vn']);
  });

  it('writes the held receipt only to its unproven sender, and reminders to every registered address', () => {
    const heldReceipts = delivered.filter((mail) => mail.kind === 'receipt' && mail.unit === undefined);
    expect(heldReceipts.length).toBe(SIM_UNITS.filter((sim) => sim.behaviour === 'held').length);
    expect(new Set(heldReceipts.map((mail) => `${mail.day} ${mail.to.join(',')}`))).toEqual(
      new Set(['2023-03-26 nguoi.la@mail.example.com']),
    );
    const twoAddresses = delivered.find((mail) => mail.unit === 'U36' && mail.kind === 'reminder');
    expect(twoAddresses?.to).toEqual([
      'hieutruong36@truong.example.edu.vn',
      'vanthu36@truong.example.edu.vn',
    ]);
  });

  it('logs every message once, as sent', () => {
    const table = workbook.table(SHEET.mailLog);
    const results = recordsOf(table ?? { name: '', headers: [], rows: [] }, { required: [] }).map((record) =>
      cellText(record.get(MAIL_LOG_COLUMNS.result)),
    );
    expect(results).toHaveLength(delivered.length);
    expect(new Set(results)).toEqual(new Set(['Đã gửi']));
  });
});

describe('40 overdue units and an allowance of 3 recipients a day', () => {
  it('tells every unit within 15 days, in priority order, and the queue drains to zero', () => {
    const units = Array.from({ length: 40 }, (_, index) =>
      makeUnit({
        code: `Q${String(index + 1).padStart(2, '0')}`,
        name: `Trường Số ${String(index + 1).padStart(2, '0')}`,
      }),
    );
    const workbook = new MemoryWorkbook([
      configTable(FILLED_MAIL_CONFIG),
      unitsTable(units),
      periodsTable([DEFAULT_PERIOD_ROWS[0] as (typeof DEFAULT_PERIOD_ROWS)[number]]),
    ]);
    const lock = new MemoryLock();
    // MailApp with `Dự trữ hạn mức thư` on top of the 3 the job may use.
    const mailApp = new FakeMailApp(3 + MAIL_CONFIG.mailQuotaReserve);
    const mailer = new MailAppMailer(mailApp);
    const sentOrder: { day: IsoDate; key: string; kind: MailKind }[] = [];
    const queuedAtEndOfDay: number[] = [];
    let drainedOn: IsoDate | null = null;

    for (const day of days('2023-03-31', '2023-05-31')) {
      mailApp.nextDay();
      const summary = sendMail({ workbook, lock, mailer }, { asOf: vietnamInstant(day, 7) });
      for (const mail of summary.mail)
        if (mail.status === 'sent') sentOrder.push({ day, key: mail.key, kind: mail.kind });
      expect(summary.mail.filter((mail) => mail.status === 'failed')).toEqual([]);
      const queued = summary.mail.filter((mail) => mail.status === 'queued').length;
      queuedAtEndOfDay.push(queued);
      if (queued === 0 && drainedOn === null) drainedOn = day;
      if (queued > 0) expect(summary.sent).toBe(3);
    }

    // The first 40 notices are the first notice of each unit, in name order, three a day but for
    // the digests that name the units waiting more than a day, which go ahead of them.
    const first = sentOrder.filter((sent) => sent.kind !== 'digest').slice(0, 40);
    expect(first.map((sent) => sent.key)).toEqual(units.map((unit) => `unit:${unit.code}:2023-03-31`));
    expect(first.every((sent) => sent.kind === 'overdue')).toBe(true);
    expect(first[first.length - 1]?.day).toBe('2023-04-14');
    // Then the rest, waiting mail first, until nothing waits.
    expect(drainedOn).not.toBeNull();
    expect(drainedOn as IsoDate | null).toBe('2023-04-27');
    expect(queuedAtEndOfDay.slice(-7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    const log = recordsOf(workbook.table(SHEET.mailLog) ?? { name: '', headers: [], rows: [] }, {
      required: [],
    });
    const results = log.map((record) => cellText(record.get(MAIL_LOG_COLUMNS.result)));
    expect(results.filter((result) => result !== 'Đã gửi')).toEqual([]);
    // Nothing dropped: every unit got a notice at the first run after each of its overdue days,
    // or one mail for several when it waited; and no unit got two in a day.
    const perUnitDay = new Set<string>();
    for (const sent of sentOrder) {
      const unitDay = `${sent.key.split(':')[1]} ${sent.day}`;
      expect(perUnitDay.has(unitDay) && !sent.key.startsWith('digest')).toBe(false);
      perUnitDay.add(unitDay);
    }
    expect(sentOrder.filter((sent) => sent.kind === 'digest').length).toBeGreaterThan(0);
  });
});
