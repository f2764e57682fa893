import {
  CLAIM_LIFETIME_MS,
  MAX_CLAIMED_MESSAGES,
  claimIdOf,
  claimShare,
  claimedAtOfId,
  isLiveClaim,
  keysClaimedElsewhere,
  releasableClaims,
  type MailClaim,
} from '../../src/domain/mail-claim';
import { EXECUTION_LIMIT_MS } from '../../src/domain/job-budget';

const claimedAt = new Date(Date.UTC(2023, 2, 14, 0, 0, 0));
const later = (milliseconds: number) => new Date(claimedAt.getTime() + milliseconds);
const claim = (id: string, keys: string[], at: Date = claimedAt): MailClaim => ({ id, claimedAt: at, keys });

describe('mail claims', () => {
  it('hold longer than any execution can run, and no longer', () => {
    expect(CLAIM_LIFETIME_MS).toBeGreaterThan(EXECUTION_LIMIT_MS);
    expect(isLiveClaim({ claimedAt }, later(EXECUTION_LIMIT_MS))).toBe(true);
    expect(isLiveClaim({ claimedAt }, later(CLAIM_LIFETIME_MS - 1))).toBe(true);
    expect(isLiveClaim({ claimedAt }, later(CLAIM_LIFETIME_MS))).toBe(false);
    // A claim stamped ahead of this execution's clock is live, not stale.
    expect(isLiveClaim({ claimedAt }, later(-60_000))).toBe(true);
  });

  it('keep another execution off the keys of a live claim only', () => {
    const claims = [claim('1-a', ['k1', 'k2']), claim('2-b', ['k3'], later(-CLAIM_LIFETIME_MS))];
    expect([...keysClaimedElsewhere(claims, later(1000), null)]).toEqual(['k1', 'k2']);
    // Its own claim does not keep an execution off its own keys.
    expect([...keysClaimedElsewhere(claims, later(1000), '1-a')]).toEqual([]);
  });

  it('are released by their own execution, or by any once stale', () => {
    const claims = [
      claim('1-a', ['k1']),
      claim('2-b', ['k2'], later(-CLAIM_LIFETIME_MS)),
      claim('3-c', ['k3']),
    ];
    expect(releasableClaims(claims, later(1000), '3-c')).toEqual(['2-b', '3-c']);
    expect(releasableClaims(claims, later(1000), null)).toEqual(['2-b']);
  });

  it('carry their moment in their id; an id no claim made has none', () => {
    const id = claimIdOf(claimedAt, 'x7k2');
    expect(claimedAtOfId(id)).toEqual(claimedAt);
    for (const bad of ['', 'abc', '123', '-x7k2', '12-', '12.5-x', 'hannop.journal.0'])
      expect(claimedAtOfId(bad)).toBeNull();
  });

  it('take at most one share of the plan, in order; the rest is left', () => {
    const mails = Array.from({ length: MAX_CLAIMED_MESSAGES + 3 }, (_, index) => index);
    const share = claimShare(mails);
    expect(share.claimed).toEqual(mails.slice(0, MAX_CLAIMED_MESSAGES));
    expect(share.left).toEqual([MAX_CLAIMED_MESSAGES, MAX_CLAIMED_MESSAGES + 1, MAX_CLAIMED_MESSAGES + 2]);
    expect(claimShare([1, 2])).toEqual({ claimed: [1, 2], left: [] });
  });
});
