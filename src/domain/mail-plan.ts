// Which e-mails are due at a moment. Mail is a projection, like every derived sheet: each run
// derives what must go out now from the status board, the register (`Bài nộp`) and the mail log
// (`Nhật ký thư`), so a rerun, a doubled trigger or an outage can neither repeat nor lose a message.
//
// Notices to a unit (reminder, overdue, needs_fix) follow each period's schedule: the days
// `Nhắc trước hạn` before the last day on time (reminder days) and the days `Nhắc sau hạn` after
// the last day of grace (overdue days); schedule days before the form opens are dropped. On a run,
// an item (unit, period) is due when its status still calls for mail and the latest schedule day
// reached has not been answered yet, answered meaning that a mail naming that unit and period (a
// notice, a receipt or a return) was sent on or after that day. So each schedule day fires on the
// day it falls on, or on the first run after it — and after an outage only the most recent missed
// day fires, once: the older ones are answered by the same mail. The kind follows the status at
// the run (pending → reminder, overdue → overdue, needs_fix → needs_fix), not the schedule day.
// All items due for a unit go out in one mail, and a unit gets at most one notice a day: if it was
// sent a mail today, or gets a receipt or a return in this run, its notices wait for the next run.
//
// The digest to `Email nhận thư tổng hợp` has its own schedule: the day after the last day of
// grace of each period, and every Monday while a unit is overdue; it follows the same rule (one
// day older than a week is not fired).
//
// A mail that did not go out (quota, a failed send) stays in the log as `Chờ gửi` or `Lỗi`:
// "waiting". The next run sends waiting mail first, rendered afresh; a unit's next notice reuses
// its waiting row (a unit never has two), and a waiting row that nothing calls for any more (the
// unit submitted meanwhile) is closed as `Không cần gửi`.
import type { Period } from './campaign';
import { periodForUnit } from './extensions';
import { planExtensionMails } from './extension-mail';
import { mailPriority } from './mail-priority';
import { untoldDigestFirst, untoldSince, untoldUnits, type UntoldUnit } from './mail-untold';
import { periodRates, statusKey, statusOf, type StatusKey } from './status';
import { awaitsAcceptance, type Submission, type SubmissionOutcome } from './submissions';
import type { Specialist } from './specialists';
import { addDays, dayOfWeek, vietnamDateOf, type IsoDate } from './time';
import { isValidEmail, splitEmails } from './units';
import { specialistSections } from './specialist-digest';
import {
  digestAudienceOf,
  digestKey,
  specialistDigestKey,
  openingKey,
  receiptKey,
  returnedKey,
  unitNoticeKey,
  type MailLogEntry,
} from './mail-log';
import type {
  ClosedMail,
  DigestMail,
  DigestSection,
  LateUnit,
  MailPlan,
  MailPlanInput,
  NoticeItem,
  NoticeKind,
  PlannedMail,
  ReceiptMail,
  RegisterDetails,
} from './planned-mail';

export * from './mail-log';
export type * from './planned-mail';

/** A receipt is not sent for a version that arrived longer ago than this (a first run on old data). */
export const RECEIPT_WINDOW_DAYS = 7;
/** An opening notice not sent this many days after the period opened is left to the reminders. */
export const OPENING_WINDOW_DAYS = 3;
/** A digest day older than this is not fired any more: the next Monday's digest replaces it. */
const DIGEST_WINDOW_DAYS = 6;

/** The unit's unanswered items: pending → reminder, overdue → overdue, needs_fix → needs_fix. */
function noticeKindOf(status: StatusKey): NoticeKind | null {
  if (status === 'pending') return 'reminder';
  if (status === 'overdue') return 'overdue';
  if (status === 'needs_fix') return 'needs_fix';
  return null;
}

/** The last day of grace: on time until its end. */
export function lastTimelyDate(period: Period): IsoDate {
  return addDays(period.lastDueDate, period.graceDays);
}

/** Every schedule day of a period's notices, ascending, none before the form opens. */
export function noticeSchedule(period: Period): IsoDate[] {
  const before = period.remindBeforeDays.map((days) => addDays(period.lastDueDate, -days));
  const after = period.remindAfterDays.map((days) => addDays(lastTimelyDate(period), days));
  return [...new Set([...before, ...after])].filter((day) => day >= period.opensOn).sort();
}

function latestOnOrBefore(days: readonly IsoDate[], today: IsoDate): IsoDate | null {
  let latest: IsoDate | null = null;
  for (const day of days) if (day <= today && (latest === null || day > latest)) latest = day;
  return latest;
}

/** The latest Monday on or before `day`. */
function mondayOf(day: IsoDate): IsoDate {
  return addDays(day, -((dayOfWeek(day) + 6) % 7));
}

/** Lower sends first, in MAIL_PRIORITY's order: receipts, what asks a unit to act, reminders, the digest. */
export function mailRank(mail: PlannedMail): number {
  return mailPriority(mail.kind);
}

const KIND_URGENCY: readonly NoticeKind[] = ['overdue', 'needs_fix', 'reminder'];

function recipients(...lists: readonly (readonly string[])[]): string[] {
  const result: string[] = [];
  for (const list of lists) {
    for (const address of list) {
      const normalized = address.trim().toLowerCase();
      if (isValidEmail(normalized) && !result.includes(normalized)) result.push(normalized);
    }
  }
  return result;
}

type KeyFamily = 'unit' | 'receipt' | 'returned' | 'digest' | 'extension' | 'opening';
const KEY_FAMILIES: readonly string[] = ['unit', 'receipt', 'returned', 'digest', 'extension', 'opening'];

function keyFamily(key: string): KeyFamily | null {
  const prefix = key.slice(0, key.indexOf(':'));
  return KEY_FAMILIES.includes(prefix) ? (prefix as KeyFamily) : null;
}

function isWaiting(entry: MailLogEntry): boolean {
  return entry.state === 'queued' || entry.state === 'failed';
}

/** The Vietnamese day a sent row answers: when it was sent, else the day in its key. */
function sentDayOf(entry: MailLogEntry): IsoDate | null {
  if (entry.at) return vietnamDateOf(entry.at);
  const day = entry.key.slice(-10);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : null;
}

function byWaitingSince(a: MailLogEntry, b: MailLogEntry): number {
  return (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** What the mail log says, indexed for planning. */
class LogIndex {
  /** Keys sent or closed: never planned again. */
  readonly done = new Set<string>();
  readonly waitingByKey = new Map<string, MailLogEntry>();
  /** The latest day a mail naming (unit, period) was sent. */
  private readonly answeredDay = new Map<string, IsoDate>();
  /** Units sent a mail on the day of the run. */
  readonly mailedToday = new Set<string>();
  /** The latest day a digest was sent, by audience ('' for the whole picture, else an address). */
  private readonly lastDigestDays = new Map<string, IsoDate>();

  constructor(log: readonly MailLogEntry[], today: IsoDate) {
    for (const entry of log) {
      const family = keyFamily(entry.key);
      if (entry.state === 'sent' || entry.state === 'superseded') {
        this.done.add(entry.key);
        this.waitingByKey.delete(entry.key);
      } else if (isWaiting(entry) && !this.done.has(entry.key)) {
        this.waitingByKey.set(entry.key, entry);
      }
      if (entry.state !== 'sent' || family === null) continue;
      const day = sentDayOf(entry);
      if (day === null) continue;
      if (family === 'digest') {
        const audience = digestAudienceOf(entry.key);
        const known = this.lastDigestDays.get(audience);
        if (known === undefined || day > known) this.lastDigestDays.set(audience, day);
        continue;
      }
      if (!entry.unitCode) continue;
      if (day === today) this.mailedToday.add(entry.unitCode);
      for (const periodId of entry.periodIds) {
        const pair = statusKey(entry.unitCode, periodId);
        const known = this.answeredDay.get(pair);
        if (known === undefined || day > known) this.answeredDay.set(pair, day);
      }
    }
  }

  answeredOnOrAfter(unitCode: string, periodId: string, day: IsoDate): boolean {
    const answered = this.answeredDay.get(statusKey(unitCode, periodId));
    return answered !== undefined && answered >= day;
  }

  lastDigestDay(audience: string): IsoDate | null {
    return this.lastDigestDays.get(audience) ?? null;
  }

  waiting(family: KeyFamily): MailLogEntry[] {
    return [...this.waitingByKey.values()]
      .filter((entry) => keyFamily(entry.key) === family)
      .sort(byWaitingSince);
  }
}

function closedOf(entry: MailLogEntry): ClosedMail {
  return { key: entry.key, kind: entry.kind, unitCode: entry.unitCode, periodIds: entry.periodIds };
}

/** The mail due at `asOf`, in sending order, and the log rows to close. */
export function planMail(input: MailPlanInput): MailPlan {
  const { asOf, board } = input;
  const today = vietnamDateOf(asOf);
  const log = new LogIndex(input.log, today);
  const unitByCode = new Map(input.units.map((unit) => [unit.code, unit]));
  const unitOrder = new Map(input.units.map((unit, index) => [unit.code, index]));
  const periodById = new Map(input.periods.map((period) => [period.id, period]));
  const detailsById = new Map(input.details.map((details) => [details.responseId, details]));
  const mails: PlannedMail[] = [];
  const closed: ClosedMail[] = [];
  const planned = new Set<string>();
  const waitingSinceOf = (key: string): Date | null => {
    const entry = log.waitingByKey.get(key);
    return entry ? (entry.at ?? asOf) : null;
  };

  // Receipts and returns: one per new version of a response, and one per return of a version.
  const answeredThisRun = new Set<string>();
  const freshUnitMail = new Set<string>();
  const receiptWindowStart = addDays(today, -RECEIPT_WINDOW_DAYS);
  // A run that catches up on several responses of one unit for one period answers only the newest:
  // a receipt for a version the school has already replaced would contradict the one that counts.
  const arrivedAt = (submission: Submission): number =>
    (detailsById.get(submission.responseId)?.lastVersionAt ?? submission.submittedAt).getTime();
  const newestArrival = new Map<string, number>();
  for (const submission of input.submissions) {
    const arrival = arrivedAt(submission);
    if (arrival > asOf.getTime()) continue;
    const key = statusKey(submission.unitCode, submission.periodId);
    newestArrival.set(key, Math.max(newestArrival.get(key) ?? arrival, arrival));
  }
  for (const submission of input.submissions) {
    const details: RegisterDetails = detailsById.get(submission.responseId) ?? {
      responseId: submission.responseId,
      unitName: '',
      submitterEmail: '',
      editLink: '',
      lastVersionAt: submission.submittedAt,
      problems: submission.problems,
    };
    // The register shows a version that had not arrived at `asOf`: its mail is for a later run.
    if (submission.submittedAt.getTime() > asOf.getTime() || details.lastVersionAt.getTime() > asOf.getTime())
      continue;
    const unit = unitByCode.get(submission.unitCode) ?? null;
    // The unit's own due moment (an extension moves it): the receipt's timeliness line names it.
    const ownPeriod = periodById.get(submission.periodId);
    const period = ownPeriod ? periodForUnit(ownPeriod, submission.unitCode, input.board.extensions) : null;
    const periods = period ? [period] : [];
    // A held response's receipt goes to its unproven sender: it answers nothing the unit was owed.
    const noteMail = (mail: PlannedMail, isForUnit = true) => {
      mails.push(mail);
      planned.add(mail.key);
      if (!isForUnit || !unit || !period) return;
      answeredThisRun.add(statusKey(unit.code, period.id));
      if (mail.waitingSince === null) freshUnitMail.add(unit.code);
    };
    let freshReceipt: ReceiptMail | null = null;
    const receipt = receiptKey(submission.responseId, submission.version);
    const isRecent = vietnamDateOf(details.lastVersionAt) >= receiptWindowStart;
    const isSuperseded =
      unit !== null &&
      period !== null &&
      (newestArrival.get(statusKey(unit.code, period.id)) ?? 0) > arrivedAt(submission);
    if (!log.done.has(receipt) && !isSuperseded && (log.waitingByKey.has(receipt) || isRecent)) {
      const outcome: SubmissionOutcome =
        awaitsAcceptance(submission.outcome) && submission.review === 'approved'
          ? 'accepted'
          : submission.outcome;
      // The person who filled the form gets the receipt. A held response's sender is unproven: only
      // they hear (how to prove who they are), never the unit, which did not ask for the mail.
      const submitter = recipients(splitEmails(details.submitterEmail)).slice(0, 1);
      const registered = recipients(unit?.emails ?? []);
      const to = outcome === 'held' ? submitter : submitter.length === 0 ? registered : submitter;
      if (to.length > 0) {
        const status = unit && period ? board.byUnitPeriod.get(statusKey(unit.code, period.id)) : undefined;
        const mail: ReceiptMail = {
          kind: 'receipt',
          key: receipt,
          to,
          periods,
          waitingSince: waitingSinceOf(receipt),
          outcome,
          unit,
          submission,
          details,
          period,
          status: status ?? null,
        };
        noteMail(mail, outcome !== 'held');
        if (mail.waitingSince === null) freshReceipt = mail;
      }
    }
    const returned = returnedKey(submission.responseId, submission.version);
    if (unit && submission.review === 'returned' && !log.done.has(returned)) {
      const to = recipients(unit.emails, splitEmails(details.submitterEmail).slice(0, 1));
      noteMail({
        kind: 'returned',
        key: returned,
        to,
        periods,
        waitingSince: waitingSinceOf(returned),
        unit,
        submission,
        details,
        period,
      });
      // A return seen with its version says all a receipt would: one mail, not two.
      if (freshReceipt) {
        mails.splice(mails.indexOf(freshReceipt), 1);
        planned.delete(freshReceipt.key);
        closed.push({
          key: freshReceipt.key,
          kind: 'receipt',
          unitCode: submission.unitCode,
          periodIds: [submission.periodId],
        });
      }
    }
  }
  // Extensions granted in `Gia hạn`: each unit hears of its new due day once.
  for (const mail of planExtensionMails(
    input.units,
    input.periods,
    board.extensions,
    log.done,
    waitingSinceOf,
  )) {
    mails.push(mail);
    planned.add(mail.key);
    if (mail.waitingSince === null) freshUnitMail.add(mail.unit.code);
  }
  for (const entry of [...log.waiting('receipt'), ...log.waiting('returned'), ...log.waiting('extension')]) {
    if (!planned.has(entry.key)) closed.push(closedOf(entry));
  }

  // Notices: per unit, every item whose latest schedule day is unanswered, in one mail.
  const schedules = new Map(input.periods.map((period) => [period.id, noticeSchedule(period)]));
  const waitingNotices = new Map<string, MailLogEntry[]>();
  for (const entry of log.waiting('unit')) {
    const list = waitingNotices.get(entry.unitCode) ?? [];
    list.push(entry);
    waitingNotices.set(entry.unitCode, list);
  }
  for (const unit of input.units) {
    const items: NoticeItem[] = [];
    for (const ownPeriod of input.periods) {
      const status = statusOf(board, unit.code, ownPeriod.id);
      const kind = noticeKindOf(status.status);
      if (!status.isExpected || kind === null) continue;
      // An extension moves the schedule: reminders count from the new day, overdue from its end.
      const period = periodForUnit(ownPeriod, unit.code, board.extensions);
      const schedule = period === ownPeriod ? schedules.get(period.id) : noticeSchedule(period);
      const scheduleDay = latestOnOrBefore(schedule ?? [], today);
      if (scheduleDay === null || log.answeredOnOrAfter(unit.code, period.id, scheduleDay)) continue;
      if (answeredThisRun.has(statusKey(unit.code, period.id))) continue;
      const editLink = status.latestResponseId
        ? detailsById.get(status.latestResponseId)?.editLink || null
        : null;
      items.push({ kind, period, status, scheduleDay, editLink: kind === 'needs_fix' ? editLink : null });
    }
    const waiting = waitingNotices.get(unit.code) ?? [];
    waitingNotices.delete(unit.code);
    const key = waiting[0]?.key ?? unitNoticeKey(unit.code, today);
    const deferred = log.mailedToday.has(unit.code) || freshUnitMail.has(unit.code) || log.done.has(key);
    if (items.length > 0 && deferred) continue;
    closed.push(...waiting.slice(items.length > 0 ? 1 : 0).map(closedOf));
    if (items.length === 0) continue;
    items.sort((a, b) => a.period.dueAt.getTime() - b.period.dueAt.getTime());
    const kind = KIND_URGENCY.find((candidate) =>
      items.some((item) => item.kind === candidate),
    ) as NoticeKind;
    mails.push({
      kind,
      key,
      to: recipients(unit.emails),
      periods: items.map((item) => item.period),
      waitingSince: waitingSinceOf(key),
      unit,
      items,
    });
  }
  // Waiting notices of units no longer in the registry.
  for (const entries of waitingNotices.values()) closed.push(...entries.map(closedOf));
  closed.push(...planOpenings(input, today, log, waitingSinceOf, mails, planned));

  const digest = planDigest(input, today, log, waitingSinceOf, untoldUnits(mails, today));
  mails.push(...digest.mails);
  closed.push(...digest.closed);

  mails.sort((a, b) => compareMail(a, b, unitOrder));
  return { mails: untoldDigestFirst(mails), closed };
}

/**
 * Opening notices: in the first days a period is open (`OPENING_WINDOW_DAYS`, so a run missed on
 * the opening day still sends them), to each unit expected for it that has sent nothing yet,
 * once (`opening:{unit}:{period}`). Later the reminders carry the same link. A unit that gets
 * another mail in this run, or got one today, hears of the opening on the next run: one mail a day.
 */
function planOpenings(
  input: MailPlanInput,
  today: IsoDate,
  log: LogIndex,
  waitingSinceOf: (key: string) => Date | null,
  mails: PlannedMail[],
  planned: Set<string>,
): ClosedMail[] {
  const mailedNow = new Set(
    mails.flatMap((mail) => (mail.kind !== 'digest' && mail.unit ? [mail.unit.code] : [])),
  );
  for (const period of input.periods) {
    const isOpening = period.opensOn <= today && today <= addDays(period.opensOn, OPENING_WINDOW_DAYS);
    if (!isOpening || lastTimelyDate(period) < today) continue;
    for (const unit of input.units) {
      const status = statusOf(input.board, unit.code, period.id);
      const key = openingKey(unit.code, period.id);
      if (!status.isExpected || status.status !== 'pending' || log.done.has(key)) continue;
      const waitingSince = waitingSinceOf(key);
      if (waitingSince === null && (mailedNow.has(unit.code) || log.mailedToday.has(unit.code))) continue;
      const to = recipients(unit.emails);
      if (to.length === 0) continue;
      mails.push({ kind: 'opening', key, to, periods: [period], waitingSince, unit, period });
      planned.add(key);
      mailedNow.add(unit.code);
    }
  }
  return log
    .waiting('opening')
    .filter((entry) => !planned.has(entry.key))
    .map(closedOf);
}

/** The digest day this run answers, if any: after each period's grace, and Mondays while a unit is overdue. */
function digestScheduleDay(input: MailPlanInput, today: IsoDate): IsoDate | null {
  const anyOverdue = [...input.board.byUnitPeriod.values()].some(
    (status) => status.isExpected && status.status === 'overdue',
  );
  const windowStart = addDays(today, -DIGEST_WINDOW_DAYS);
  const days = input.periods
    .map((period) => addDays(lastTimelyDate(period), 1))
    .filter((day) => day >= windowStart && day <= today);
  if (anyOverdue) days.push(mondayOf(today));
  return latestOnOrBefore(days, today);
}

/**
 * The whole picture to `Email nhận thư tổng hợp`, and one digest per specialist of `Phụ trách` with
 * their own units, each with its own key and its own last day sent: one mail per audience a day.
 */
function planDigest(
  input: MailPlanInput,
  today: IsoDate,
  log: LogIndex,
  waitingSinceOf: (key: string) => Date | null,
  untold: readonly UntoldUnit[],
): { mails: DigestMail[]; closed: ClosedMail[] } {
  const waiting = log.waiting('digest');
  const waitingOf = (audience: string) => waiting.filter((entry) => digestAudienceOf(entry.key) === audience);
  const scheduleDay = digestScheduleDay(input, today);
  const statuses = [...input.board.byUnitPeriod.values()];
  const sections: DigestSection[] = input.periods
    .filter((period) => input.asOf.getTime() > period.timelyUntil.getTime())
    .map((period) => {
      const periodStatuses = statuses.filter((status) => status.periodId === period.id);
      const lateUnits: LateUnit[] = [];
      for (const unit of input.units) {
        const status = statusOf(input.board, unit.code, period.id);
        const isLate =
          status.status === 'overdue' || (status.status === 'needs_fix' && status.timeliness === null);
        if (status.isExpected && isLate) lateUnits.push({ unit, status });
      }
      return { period, rates: periodRates(periodStatuses, period.id), lateUnits };
    });
  const mails: DigestMail[] = [];
  const closed: ClosedMail[] = [];
  const audiences: {
    audience: string;
    to: string[];
    key: string;
    sections: () => DigestSection[];
    specialist?: Specialist;
  }[] = [
    {
      audience: '',
      to: recipients(input.digestEmails),
      key: digestKey(today),
      sections: () => sections,
    },
    ...(input.specialists ?? []).map((specialist) => ({
      audience: specialist.email,
      to: recipients([specialist.email]),
      key: specialistDigestKey(specialist.email, today),
      sections: () =>
        specialistSections({
          sections,
          specialist,
          units: input.units,
          board: input.board,
          today,
          ...(input.escalateAfterDays !== undefined ? { escalateAfterDays: input.escalateAfterDays } : {}),
        }),
      specialist,
    })),
  ];
  const known = new Set(audiences.map(({ audience }) => audience));
  closed.push(...waiting.filter((entry) => !known.has(digestAudienceOf(entry.key))).map(closedOf));
  for (const { audience, to, key: freshKey, sections: sectionsOf, specialist } of audiences) {
    const own = waitingOf(audience);
    const key = own[0]?.key ?? freshKey;
    const lastDay = log.lastDigestDay(audience);
    // The whole picture names the units untold for more than a day; one newly untold since its
    // last digest makes today its digest day (once, not every day of a backlog).
    const ownUntold = specialist ? [] : untold;
    const ownDay = ownUntold.some((unit) => untoldSince(unit) > (lastDay ?? '')) ? today : scheduleDay;
    const isDue =
      to.length > 0 && ownDay !== null && (lastDay === null || lastDay < ownDay) && !log.done.has(key);
    const mailSections = isDue ? sectionsOf() : [];
    // A specialist none of whose units is expected in these periods has nothing to read.
    if (!isDue || (specialist && mailSections.length === 0)) {
      closed.push(...own.map(closedOf));
      continue;
    }
    mails.push({
      kind: 'digest',
      key,
      to,
      periods: mailSections.map((section) => section.period),
      waitingSince: waitingSinceOf(key),
      day: today,
      sections: mailSections,
      ...(specialist ? { specialist } : {}),
      ...(specialist && input.escalateAfterDays !== undefined
        ? { escalateAfterDays: input.escalateAfterDays }
        : {}),
      ...(ownUntold.length > 0 ? { untold: ownUntold } : {}),
    });
    closed.push(...own.slice(1).map(closedOf));
  }
  return { mails, closed };
}

function earliestDue(mail: PlannedMail): number {
  return Math.min(...mail.periods.map((period) => period.dueAt.getTime()), Number.MAX_SAFE_INTEGER);
}

function unitCodeOf(mail: PlannedMail): string | null {
  if (mail.kind === 'digest') return null;
  return mail.unit?.code ?? null;
}

function compareMail(a: PlannedMail, b: PlannedMail, unitOrder: ReadonlyMap<string, number>): number {
  const waitingA = a.waitingSince?.getTime() ?? Number.MAX_SAFE_INTEGER;
  const waitingB = b.waitingSince?.getTime() ?? Number.MAX_SAFE_INTEGER;
  const orderOf = (mail: PlannedMail) => {
    const code = unitCodeOf(mail);
    return code === null ? Number.MAX_SAFE_INTEGER : (unitOrder.get(code) ?? Number.MAX_SAFE_INTEGER);
  };
  return (
    waitingA - waitingB ||
    mailRank(a) - mailRank(b) ||
    earliestDue(a) - earliestDue(b) ||
    orderOf(a) - orderOf(b) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}
