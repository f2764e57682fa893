import { QuotaAllowance } from '../../src/app/quota-allowance';

function mailer(remaining: number) {
  const asked: number[] = [];
  return {
    asked,
    remainingDailyQuota: () => {
      asked.push(remaining);
      return remaining;
    },
  };
}

const receipt = { kind: 'receipt' as const, to: ['a@truong.edu.vn', 'b@truong.edu.vn'] };
const reminder = { kind: 'reminder' as const, to: ['a@truong.edu.vn', 'b@truong.edu.vn'] };

describe('QuotaAllowance', () => {
  it('lets receipts go without asking the quota: past it, the mailer refuses', () => {
    const quota = mailer(0);
    const allowance = new QuotaAllowance(quota, 5);
    expect(allowance.allows(receipt)).toBe(true);
    allowance.spend(2);
    expect(quota.asked).toEqual([]);
  });

  it('asks once a run and counts each send down, keeping the reserve', () => {
    const quota = mailer(9);
    const allowance = new QuotaAllowance(quota, 5);
    expect(allowance.allows(reminder)).toBe(true);
    allowance.spend(2);
    expect(allowance.allows(reminder)).toBe(true);
    allowance.spend(2);
    // 5 left, all of them the reserve.
    expect(allowance.allows(reminder)).toBe(false);
    expect(quota.asked).toEqual([9]);
  });

  it('refuses a message with more recipients than the quota left above the reserve', () => {
    const allowance = new QuotaAllowance(mailer(6), 5);
    expect(allowance.allows({ kind: 'opening', to: ['a@x.vn'] })).toBe(true);
    expect(allowance.allows(reminder)).toBe(false);
  });
});
