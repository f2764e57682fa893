// Units left untold: a due notice (reminder, overdue, needs_fix) or an opening notice that has
// waited in `Nhật ký thư` (`Chờ gửi` or `Lỗi`) for more than a day, because the quota ran out or
// the send failed. The department's digest names them, so a short quota never skips a unit silently.
import { MAIL_KIND_LABEL, type MailKind } from './mail';
import type { PlannedMail } from './planned-mail';
import { addDays, daysBetween, formatVietnameseDate, vietnamDateOf, type IsoDate } from './time';
import type { Unit } from './units';

/** A notice waiting this many days or fewer is still on time: the next run sends it first. */
export const UNTOLD_AFTER_DAYS = 1;

const UNTOLD_KINDS: readonly MailKind[] = ['reminder', 'overdue', 'needs_fix', 'opening'];

export interface UntoldUnit {
  readonly unit: Unit;
  readonly kind: MailKind;
  /** The Vietnamese day its mail was first queued. */
  readonly waitingSinceDay: IsoDate;
  readonly daysWaited: number;
}

/** The units whose notice has waited more than UNTOLD_AFTER_DAYS, longest wait first, then in plan order. */
export function untoldUnits(mails: readonly PlannedMail[], today: IsoDate): UntoldUnit[] {
  const untold: UntoldUnit[] = [];
  for (const mail of mails) {
    if (!UNTOLD_KINDS.includes(mail.kind) || mail.waitingSince === null) continue;
    if (mail.kind === 'digest' || mail.unit === null) continue;
    const waitingSinceDay = vietnamDateOf(mail.waitingSince);
    const daysWaited = daysBetween(waitingSinceDay, today);
    if (daysWaited > UNTOLD_AFTER_DAYS)
      untold.push({ unit: mail.unit, kind: mail.kind, waitingSinceDay, daysWaited });
  }
  return untold.sort((a, b) => b.daysWaited - a.daysWaited);
}

/** The day a waiting notice counts as untold. */
export function untoldSince(untold: UntoldUnit): IsoDate {
  return addDays(untold.waitingSinceDay, UNTOLD_AFTER_DAYS + 1);
}

/** The digest's sentence for one untold unit. */
export function untoldLine(untold: UntoldUnit): string {
  return `${untold.unit.name} (${untold.unit.code}): thư «${MAIL_KIND_LABEL[untold.kind]}» chờ gửi từ ${formatVietnameseDate(
    untold.waitingSinceDay,
  )}, đã ${untold.daysWaited} ngày.`;
}

/**
 * Sending order with a digest that names untold units first: waiting mail goes oldest first and
 * the quota stops at the first mail that does not fit, so behind the backlog it would wait as long
 * as the units it names. One message to the department, who can call the units, is worth its place.
 */
export function untoldDigestFirst(mails: readonly PlannedMail[]): PlannedMail[] {
  const isUrgent = (mail: PlannedMail) => mail.kind === 'digest' && (mail.untold?.length ?? 0) > 0;
  return [...mails.filter(isUrgent), ...mails.filter((mail) => !isUrgent(mail))];
}
