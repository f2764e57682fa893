// MailApp as the send job meets it: a daily quota counted in recipients that decreases with each
// message, the real exception past it, and the real refusal of a bad address or a subject with a
// line break. `nextDay()` plays the quota reset.
import type { MailAppService } from '../../src/gas/mailapp-mailer';

export interface FakeSentMail {
  readonly to: readonly string[];
  readonly subject: string;
  readonly body: string;
  readonly htmlBody: string;
  readonly name: string | undefined;
  readonly replyTo: string | undefined;
}

export const MAILAPP_QUOTA_ERROR = 'Service invoked too many times for one day: email.';

const ADDRESS = /^[^\s@,<>]+@[^\s@,<>]+\.[^\s@,<>]+$/;

function addressesOf(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

export class FakeMailApp implements MailAppService {
  readonly sent: FakeSentMail[] = [];
  private usedToday = 0;
  /** Recipients that other scripts of the account used today, unseen by getRemainingDailyQuota until they are. */
  private usedElsewhereUnseen = 0;

  /** Runs after each message is accepted, with the number accepted so far (to interleave another execution). */
  private afterSendHooks: ((sentCount: number) => void)[] = [];

  constructor(private readonly dailyQuota = 100) {}

  /** Test control (not Google's API): `hook` runs after each accepted message; returns its removal. */
  afterSend(hook: (sentCount: number) => void): () => void {
    this.afterSendHooks.push(hook);
    return () => {
      this.afterSendHooks = this.afterSendHooks.filter((other) => other !== hook);
    };
  }

  getRemainingDailyQuota(): number {
    return Math.max(0, this.dailyQuota - this.usedToday);
  }

  sendEmail(message: GoogleAppsScript.Mail.MailAdvancedParameters): void {
    const to = addressesOf(message.to);
    const all = [...to, ...addressesOf(message.cc), ...addressesOf(message.bcc)];
    if (all.length === 0) throw new Error('Failed to send email: no recipient');
    for (const address of all) if (!ADDRESS.test(address)) throw new Error(`Invalid email: ${address}`);
    const subject = message.subject ?? '';
    if (/[\r\n]/.test(subject)) throw new Error('Invalid argument: subject');
    if (message.replyTo !== undefined && !ADDRESS.test(message.replyTo))
      throw new Error(`Invalid email: ${message.replyTo}`);
    if (this.usedToday + this.usedElsewhereUnseen + all.length > this.dailyQuota) {
      this.usedToday += this.usedElsewhereUnseen;
      this.usedElsewhereUnseen = 0;
      throw new Error(MAILAPP_QUOTA_ERROR);
    }
    this.usedToday += all.length;
    this.sent.push({
      to,
      subject,
      body: message.body ?? '',
      htmlBody: message.htmlBody ?? '',
      name: message.name,
      replyTo: message.replyTo,
    });
    const count = this.sent.length;
    [...this.afterSendHooks].forEach((hook) => hook(count));
  }

  /** Another script of the same account sends mail; the quota report lags behind it, as it can. */
  useQuotaElsewhere(recipients: number): void {
    this.usedElsewhereUnseen += recipients;
  }

  /** Midnight Pacific time: the quota is whole again. */
  nextDay(): void {
    this.usedToday = 0;
    this.usedElsewhereUnseen = 0;
  }
}
