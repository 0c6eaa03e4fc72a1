import { describe, expect, it } from 'vitest';
import { guaranteeClaimEntry } from '../../../worker/activities/finance/guarantee-claim.ts';
import { UnbalancedEntry } from '../../../worker/activities/finance/journal-entry.ts';

const claim = {
  caseId: 'case-1',
  claimId: 'AZ-42',
  orderId: '113-0000000-0000042',
  currency: 'EUR',
  amount: 3_589,
  postedAt: new Date('2026-12-06T00:00:00Z'),
};

describe('an A-to-Z claim Amazon paid', () => {
  it('is a claims expense against marketplace clearing, one entry per claim id', () => {
    const entry = guaranteeClaimEntry(claim);
    expect(entry.key).toBe('claim:AZ-42');
    expect(entry.currency).toBe('EUR');
    expect(entry.lines).toEqual([
      expect.objectContaining({ account: '5300', debit: 3_589, credit: 0 }),
      expect.objectContaining({ account: '1200', debit: 0, credit: 3_589 }),
    ]);
    expect(entry.reference).toMatchObject({ kind: 'guarantee-claim', caseId: 'case-1' });
  });

  it('refuses an amount that is not a positive whole number of minor units', () => {
    for (const amount of [0, -100, 35.89]) {
      expect(() => guaranteeClaimEntry({ ...claim, amount })).toThrow(UnbalancedEntry);
    }
  });
});
