// Plans and sends the e-mail due at a moment (src/domain/mail-plan.ts), within the day's
// allowance, and records every message in `Nhật ký thư` by its key (src/app/mail-batch.ts). One
// failed message never stops the job: it is logged `Lỗi` and retried by the next run; a quota
// refusal stops sending and queues the rest.
//
// Under the script lock, two overlapping runs cannot both see a message as unsent. A long batch
// (the day's mail, the menu's, a continuation's) would hold the lock for minutes, so it is sent
// outside it (`outsideLock`): planned and claimed under the lock, sent without it, logged under it
// again; another execution leaves the claimed keys to it (src/domain/mail-claim.ts).
import { deliverMailBatch, throwIfFailed } from './deliver-mail';
import {
  canClaim,
  claimMailBatch,
  logMailBatch,
  planMailBatch,
  releaseClaims,
  type MailBatch,
} from './mail-batch';
import type { SendMailOptions, SendMailPorts, SendMailSummary } from './mail-summary';

export { prefilledLinkOf } from './mail-batch';
export {
  MailQuotaExceededError,
  MailRefusedError,
  throwIfMailRefused,
  type MailReport,
  type SendMailOptions,
  type SendMailPorts,
  type SendMailSummary,
} from './mail-summary';

function realNow(options: SendMailOptions): Date {
  return options.clock?.now() ?? options.asOf;
}

/** Plans, sends and logs the mail due at `options.asOf`. Throws only if the workbook cannot be read or written. */
export function sendMail(ports: SendMailPorts, options: SendMailOptions): SendMailSummary {
  const { journal } = ports;
  const claiming =
    options.outsideLock === true && options.dryRun !== true && canClaim(journal) ? journal : null;
  const first = ports.lock.withLock((): SendMailSummary | MailBatch => {
    const planned = planMailBatch(ports, options);
    if (!claiming || planned.items.length === 0 || planned.refused !== undefined) {
      const delivery = deliverMailBatch(planned, ports, options);
      const summary = logMailBatch(ports, planned, delivery, { fresh: false, now: realNow(options) });
      // Written straight to the workbook (not a batch of the caller's): stale claims can go.
      if (claiming) releaseClaims(claiming, realNow(options), null);
      throwIfFailed(delivery);
      return summary;
    }
    return claimMailBatch(claiming, planned, realNow(options));
  });
  if (!('claimId' in first)) return first;
  const delivery = deliverMailBatch(first, ports, options);
  const summary = ports.lock.withLock(() =>
    logMailBatch(ports, first, delivery, { fresh: true, now: realNow(options) }),
  );
  throwIfFailed(delivery);
  return summary;
}
