// The mails a run plans, as data: what each kind carries for its rendering and its log row.
import type { Period } from './campaign';
import { type ExtensionMail } from './extension-mail';
import { type MailKind } from './mail';
import { type PeriodRates, type StatusBoard, type UnitPeriodStatus } from './status';
import { type Submission, type SubmissionOutcome } from './submissions';
import { type IsoDate } from './time';
import { type Unit } from './units';
import type { MailLogEntry } from './mail-log';
import type { UntoldUnit } from './mail-untold';
import type { Specialist } from './specialists';

export type NoticeKind = Extract<MailKind, 'reminder' | 'overdue' | 'needs_fix'>;

export interface RegisterDetails {
  readonly responseId: string;
  readonly unitName: string;
  readonly submitterEmail: string;
  /** Forms' edit link of the response; '' when unknown. */
  readonly editLink: string;
  /** When the newest version arrived (Forms overwrites its timestamp on edit). */
  readonly lastVersionAt: Date;
  /** Errors, then warnings prefixed `Lưu ý: `. */
  readonly problems: readonly string[];
  /** `Thay đổi so với lần trước`: what this version changed, one answer a line. */
  readonly changes?: readonly string[];
}

export interface NoticeItem {
  readonly kind: NoticeKind;
  readonly period: Period;
  readonly status: UnitPeriodStatus;
  /** The schedule day this notice answers. */
  readonly scheduleDay: IsoDate;
  /** Where the unit edits its newest response, when it must fix one; null when unknown. */
  readonly editLink: string | null;
}

interface PlannedBase {
  readonly key: string;
  readonly to: readonly string[];
  readonly periods: readonly Period[];
  /** In the log as `Chờ gửi` or `Lỗi` since this moment; null for mail first planned in this run. */
  readonly waitingSince: Date | null;
}

export interface UnitNoticeMail extends PlannedBase {
  /** The most urgent kind among the items. */
  readonly kind: NoticeKind;
  readonly unit: Unit;
  readonly items: readonly NoticeItem[];
}

export interface ReceiptMail extends PlannedBase {
  readonly kind: 'receipt';
  /** Held and then vouched for by the department reads as accepted. */
  readonly outcome: SubmissionOutcome;
  /** Null when the response names no registered unit. */
  readonly unit: Unit | null;
  readonly submission: Submission;
  readonly details: RegisterDetails;
  readonly period: Period | null;
  /** Where the unit stands for the period now (timeliness is judged on its first accepted version). */
  readonly status: UnitPeriodStatus | null;
}

export interface ReturnedMail extends PlannedBase {
  readonly kind: 'returned';
  readonly unit: Unit;
  readonly submission: Submission;
  readonly details: RegisterDetails;
  readonly period: Period | null;
}

export interface LateUnit {
  readonly unit: Unit;
  readonly status: UnitPeriodStatus;
  /** Overdue longer than `Báo cấp trên sau (ngày)`: named in red in a specialist's digest. */
  readonly escalated?: boolean;
}

export interface DigestSection {
  readonly period: Period;
  readonly rates: PeriodRates;
  /** Overdue units, and units still without an accepted version that must fix one; in name order. */
  readonly lateUnits: readonly LateUnit[];
}

export interface DigestMail extends PlannedBase {
  readonly kind: 'digest';
  readonly day: IsoDate;
  /** Periods whose last day of grace is over, by due moment. */
  readonly sections: readonly DigestSection[];
  /** A specialist's digest (`Phụ trách`): only their units; absent for the whole picture. */
  readonly specialist?: Specialist;
  /** `Báo cấp trên sau (ngày)`, for the legend of a specialist's digest. */
  readonly escalateAfterDays?: number;
  /** The whole picture's units whose notice has waited in the log more than a day, longest first. */
  readonly untold?: readonly UntoldUnit[];
}

/** A period has opened: the unit's deliverable, deadline, own link and code. */
export interface OpeningMail extends PlannedBase {
  readonly kind: 'opening';
  readonly unit: Unit;
  readonly period: Period;
}

export type PlannedMail =
  UnitNoticeMail | ReceiptMail | ReturnedMail | DigestMail | ExtensionMail | OpeningMail;

/** A key that is closed as `Không cần gửi`: a waiting row nothing calls for, or a receipt a return replaces. */
export interface ClosedMail {
  readonly key: string;
  readonly kind: MailKind | null;
  readonly unitCode: string;
  readonly periodIds: readonly string[];
}

export interface MailPlanInput {
  readonly asOf: Date;
  readonly periods: readonly Period[];
  /** Units in name order (the registry's `all`). */
  readonly units: readonly Unit[];
  readonly board: StatusBoard;
  readonly submissions: readonly Submission[];
  readonly details: readonly RegisterDetails[];
  readonly log: readonly MailLogEntry[];
  readonly digestEmails: readonly string[];
  /** `Phụ trách`: each gets a digest of their own units on the digest days. */
  readonly specialists?: readonly Specialist[];
  /** `Báo cấp trên sau (ngày)`. */
  readonly escalateAfterDays?: number;
}

export interface MailPlan {
  /** In sending order: waiting mail first (oldest first), then by priority. */
  readonly mails: readonly PlannedMail[];
  readonly closed: readonly ClosedMail[];
}
