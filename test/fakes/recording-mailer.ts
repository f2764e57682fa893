// A Mailer that keeps what it is given: a daily allowance in recipients (refusing past it as the
// real ones do), an optional failure per message, and a hook to act while a message is sent.
import { MailQuotaExceededError } from '../../src/app/send-mail';
import type { Mailer, OutgoingMail } from '../../src/ports';

export class RecordingMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];
  private usedToday = 0;
  /** Returns the error to throw for a message, or undefined to send it. */
  failWhen: ((mail: OutgoingMail) => Error | undefined) | undefined;
  /** Runs inside `send`, before the message goes: another run starting meanwhile, for instance. */
  duringSend: ((mail: OutgoingMail) => void) | undefined;

  constructor(private readonly dailyRecipients = Number.POSITIVE_INFINITY) {}

  remainingDailyQuota(): number {
    return Math.max(0, this.dailyRecipients - this.usedToday);
  }

  send(mail: OutgoingMail): void {
    this.duringSend?.(mail);
    const failure = this.failWhen?.(mail);
    if (failure) throw failure;
    if (mail.to.length > this.remainingDailyQuota())
      throw new MailQuotaExceededError(`${this.dailyRecipients} a day`);
    this.usedToday += mail.to.length;
    this.sent.push(mail);
  }

  nextDay(): void {
    this.usedToday = 0;
  }
}
