import { describe, expect, it } from 'vitest';
import { couponCode, couponEntry } from '../../../worker/activities/finance/compensation-coupon.ts';
import {
  assertPostable,
  UnbalancedEntry,
} from '../../../worker/activities/finance/journal-entry.ts';

const coupon = {
  caseId: 'case-42',
  orderId: '113-4827361-0192837',
  currency: 'USD',
  value: 1000,
  reason: 'Refund requested after the 15-day window',
  issuedAt: new Date('2026-11-20T09:00:00Z'),
};

describe('compensation coupons in the ledger', () => {
  it('books goodwill against coupons outstanding, balanced, keyed by case', () => {
    const entry = couponEntry(coupon);
    expect(() => assertPostable(entry)).not.toThrow();
    expect(entry.key).toBe('coupon:case-42');
    expect(entry.lines).toEqual([
      expect.objectContaining({ account: '5200', debit: 1000, credit: 0 }),
      expect.objectContaining({ account: '2200', debit: 0, credit: 1000 }),
    ]);
    expect(entry.reference).toMatchObject({ couponCode: couponCode('case-42') });
  });

  it('refuses a coupon worth nothing', () => {
    expect(() => couponEntry({ ...coupon, value: 0 })).toThrow(UnbalancedEntry);
  });
});
