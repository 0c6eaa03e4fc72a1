import { describe, expect, it } from 'vitest';
import {
  expectedSettlementAmount,
  type RefundPosting,
  refundAdministrationFee,
  refundEntry,
} from '../../../worker/activities/finance/index.ts';
import { assertPostable } from '../../../worker/activities/finance/journal-entry.ts';

const kettleRefund: RefundPosting = {
  caseId: 'case-a',
  orderId: '112-0000001-0000001',
  currency: 'USD',
  adjustmentItemIds: ['RR-case-a-1'],
  principal: 2999,
  tax: 240,
  shipping: 499,
  shippingTax: 0,
  referralFeeRefunded: 450,
  restockingFee: 0,
  postedAt: new Date('2026-11-05T10:00:00Z'),
};

const side = (entry: ReturnType<typeof refundEntry>, account: string) =>
  entry.lines
    .filter((line) => line.account === account)
    .reduce((total, line) => total + line.debit - line.credit, 0);

describe('refund administration fee', () => {
  it('is 20 % of the referral fee refunded, rounded half up to the cent', () => {
    expect(refundAdministrationFee(450, 'USD')).toBe(90);
    expect(refundAdministrationFee(13, 'USD')).toBe(3);
    expect(refundAdministrationFee(12, 'USD')).toBe(2);
    expect(refundAdministrationFee(0, 'USD')).toBe(0);
  });

  it('never exceeds 5.00 in the marketplace currency', () => {
    expect(refundAdministrationFee(2_500, 'USD')).toBe(500);
    expect(refundAdministrationFee(10_000, 'EUR')).toBe(500);
    expect(refundAdministrationFee(9_000, 'JPY')).toBe(500);
  });

  it('refuses a currency whose cap it does not know', () => {
    expect(() => refundAdministrationFee(100, 'XYZ')).toThrow(/XYZ/);
  });
});

describe('refund entry', () => {
  it('reverses revenue, shipping and tax and books the fees, balanced', () => {
    const entry = refundEntry(kettleRefund);
    expect(() => assertPostable(entry)).not.toThrow();
    expect(side(entry, '4000')).toBe(2999);
    expect(side(entry, '4100')).toBe(499);
    expect(side(entry, '2100')).toBe(240);
    expect(side(entry, '5000')).toBe(-450);
    expect(side(entry, '5100')).toBe(90);
    expect(side(entry, '1200')).toBe(-(2999 + 240 + 499) + (450 - 90));
    expect(entry.key).toBe('refund:RR-case-a');
  });

  it('keeps a restocking fee out of what the buyer gets back', () => {
    const entry = refundEntry({ ...kettleRefund, restockingFee: 300 });
    expect(() => assertPostable(entry)).not.toThrow();
    expect(side(entry, '4200')).toBe(-300);
    expect(side(entry, '1200')).toBe(-(2999 + 240 + 499 - 300) + (450 - 90));
  });

  it('expects the settlement to show the same net amount as the clearing account', () => {
    expect(expectedSettlementAmount(kettleRefund)).toBe(-3378);
    expect(expectedSettlementAmount(kettleRefund)).toBe(side(refundEntry(kettleRefund), '1200'));
  });

  it('is refused when the restocking fee exceeds the refund', () => {
    const greedy = { ...kettleRefund, principal: 100, tax: 0, shipping: 0, restockingFee: 500 };
    expect(() => refundEntry(greedy)).toThrow(/restocking fee exceeds the refund/);
  });
});
