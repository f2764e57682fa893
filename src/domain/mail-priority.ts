// The order mail goes out in when the daily quota is short: data, so a new kind of mail takes its
// place by being listed here.
import type { MailKind } from './mail';

/**
 * Which mail goes first when the quota is short, most important first: a receipt always (the unit
 * must know its submission arrived), then what asks a unit to act now (a return, an overdue notice,
 * a period that opened), then reminders, then the
 * digest. Kinds not listed go after the listed ones, in the order they are met.
 */
export const MAIL_PRIORITY: readonly MailKind[] = [
  'receipt',
  'returned',
  'overdue',
  'opening',
  'needs_fix',
  'extension',
  'reminder',
  'digest',
];

/** The place of a kind in MAIL_PRIORITY; an unlisted kind comes last. */
export function mailPriority(kind: MailKind): number {
  const index = MAIL_PRIORITY.indexOf(kind);
  return index < 0 ? MAIL_PRIORITY.length : index;
}
