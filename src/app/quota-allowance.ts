// How much of the day's mail quota a run may still spend, asked of the Mailer port as rarely as
// Google counts it: MailApp.getRemainingDailyQuota is a service call like any other.
import type { MailKind } from '../domain/mail';
import type { Mailer } from '../ports';

/**
 * The daily quota as one run spends it: asked of the mailer once, when the first mail that must
 * respect the reserve comes, then counted down by each send (one call a run, not one a message). A
 * receipt goes whatever the reserve (the unit must know its submission arrived), so a run of
 * receipts asks nothing: past the quota the mailer refuses, and the refusal stops the run the same way.
 */
export class QuotaAllowance {
  private left: number | null = null;

  constructor(
    private readonly mailer: Pick<Mailer, 'remainingDailyQuota'>,
    private readonly reserve: number,
  ) {}

  allows(mail: { readonly kind: MailKind; readonly to: readonly string[] }): boolean {
    if (mail.kind === 'receipt') return true;
    if (this.left === null) this.left = this.mailer.remainingDailyQuota();
    return this.left - this.reserve >= mail.to.length;
  }

  spend(recipients: number): void {
    if (this.left !== null) this.left -= recipients;
  }
}
