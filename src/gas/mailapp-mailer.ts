// The Mailer port over Apps Script's MailApp. MailApp counts its daily quota in recipients and
// throws past it; that refusal becomes a MailQuotaExceededError, which the send job expects.
import { MailQuotaExceededError } from '../app/send-mail';
import type { Mailer, OutgoingMail } from '../ports';

/** What the adapter needs of MailApp, passed in rather than global so tests can hand it a fake. */
export interface MailAppService {
  getRemainingDailyQuota(): number;
  sendEmail(message: GoogleAppsScript.Mail.MailAdvancedParameters): void;
}

const QUOTA_MESSAGE = /too many times for one day: email/i;

export class MailAppMailer implements Mailer {
  readonly deliversRealMail = true;

  constructor(private readonly mailApp: MailAppService) {}

  remainingDailyQuota(): number {
    return this.mailApp.getRemainingDailyQuota();
  }

  send(mail: OutgoingMail): void {
    try {
      this.mailApp.sendEmail({
        to: mail.to.join(','),
        subject: mail.subject,
        htmlBody: mail.htmlBody,
        body: mail.textBody,
        name: mail.senderName,
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
      });
    } catch (error) {
      if (error instanceof Error && QUOTA_MESSAGE.test(error.message))
        throw new MailQuotaExceededError(error.message);
      throw error;
    }
  }
}
