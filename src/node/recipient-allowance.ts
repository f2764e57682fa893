// `--max-mail N`: the recipients a local mailer may still send to in this run, as MailApp's quota
// counts them in Apps Script. Both Node mailers keep one.
import { MailQuotaExceededError } from '../app/send-mail';

export class RecipientAllowance {
  private recipientsSent = 0;

  /** `maxRecipients` undefined: unlimited. */
  constructor(private readonly maxRecipients: number | undefined) {}

  remaining(): number {
    const max = this.maxRecipients;
    return max === undefined ? Number.POSITIVE_INFINITY : Math.max(0, max - this.recipientsSent);
  }

  /** Refuses, before anything is sent, a message to more recipients than are left. */
  check(recipients: number): void {
    if (recipients > this.remaining()) {
      throw new MailQuotaExceededError(
        `--max-mail ${this.maxRecipients} recipients already used in this run`,
      );
    }
  }

  /** Counts a message that went out. */
  spend(recipients: number): void {
    this.recipientsSent += recipients;
  }
}
