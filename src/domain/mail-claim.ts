// Claims: how a run sends outside the script lock without another execution sending the same
// message. Under the lock a run plans its mail and notes, in one durable write, "this execution
// will send these keys" (a claim); it releases the lock, sends, notes each send in the journal as
// before (src/domain/mail-journal.ts), then takes the lock briefly to write `Nhật ký thư` and
// release the claim. Another execution planning meanwhile leaves every key of a live claim to its
// owner. A claim outlives its execution only if that execution died: Google ends every execution
// within EXECUTION_LIMIT_MS, so a claim older than that (plus a margin) is stale, and its keys
// without a journaled send are free again. The message in flight when an execution is killed
// between the send and its note is the same send-to-record window the journal already has.
import { EXECUTION_LIMIT_MS } from './job-budget';

/** Past Google's limit of an execution, so that no live execution's claim is ever taken stale. */
export const CLAIM_MARGIN_MS = 60_000;

/** How long a claim holds its keys: the longest possible execution, and a margin. */
export const CLAIM_LIFETIME_MS = EXECUTION_LIMIT_MS + CLAIM_MARGIN_MS;

/**
 * The most messages one claim takes. A run sends about 265 within its 4-minute budget (issue 15),
 * so this is not what stops it; it keeps a claim (about 130 bytes a message) well inside Script
 * Properties' 500 KB. The rest of the plan is left to the continuation, as mail left for time is.
 */
export const MAX_CLAIMED_MESSAGES = 500;

export interface MailClaim {
  /** Unique to the claiming execution; begins with the moment of the claim (claimIdOf). */
  readonly id: string;
  readonly claimedAt: Date;
  /** The keys (`Khóa thư`) the claiming execution will send. */
  readonly keys: readonly string[];
}

/** An id that carries its moment, so that even a claim found half-released can be judged stale. */
export function claimIdOf(claimedAt: Date, suffix: string): string {
  return `${claimedAt.getTime()}-${suffix}`;
}

/** The moment in a claim's id; null for an id no claim made. */
export function claimedAtOfId(id: string): Date | null {
  const match = /^(\d+)-[A-Za-z0-9]+$/.exec(id);
  return match ? new Date(Number(match[1])) : null;
}

/** Whether the claiming execution may still be running at `now`, so that it alone sends the keys. */
export function isLiveClaim(claim: Pick<MailClaim, 'claimedAt'>, now: Date): boolean {
  return now.getTime() < claim.claimedAt.getTime() + CLAIM_LIFETIME_MS;
}

/** Keys a live claim of another execution holds: this execution neither sends nor logs them. */
export function keysClaimedElsewhere(
  claims: readonly MailClaim[],
  now: Date,
  ownId: string | null,
): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const claim of claims) {
    if (claim.id === ownId || !isLiveClaim(claim, now)) continue;
    for (const key of claim.keys) keys.add(key);
  }
  return keys;
}

/**
 * The claims to release once `Nhật ký thư` holds what their journal says was sent: this
 * execution's own, and every stale one (its execution is over: nothing more will be sent under it).
 */
export function releasableClaims(claims: readonly MailClaim[], now: Date, ownId: string | null): string[] {
  return claims.filter((claim) => claim.id === ownId || !isLiveClaim(claim, now)).map((claim) => claim.id);
}

/** The plan split into what one claim takes, in order, and what is left for the next execution. */
export function claimShare<T>(mails: readonly T[]): { readonly claimed: T[]; readonly left: T[] } {
  return { claimed: mails.slice(0, MAX_CLAIMED_MESSAGES), left: mails.slice(MAX_CLAIMED_MESSAGES) };
}
