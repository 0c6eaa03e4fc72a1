import { ACCOUNT } from './chart-of-accounts.ts';
import { credit, debit, type JournalEntryDraft, UnbalancedEntry } from './journal-entry.ts';

/** A goodwill coupon, every amount in minor units of `currency`. */
export interface CompensationCoupon {
  caseId: string;
  orderId: string;
  currency: string;
  value: number;
  reason: string;
  issuedAt: Date;
}

/** Derived from the case, so a retried or repeated issue names the same coupon. */
export const couponCode = (caseId: string) => `COMP-${caseId}`;

/** The coupon is goodwill spent now and owed to the buyer until redeemed. */
export function couponEntry(coupon: CompensationCoupon): JournalEntryDraft {
  if (coupon.value <= 0) {
    throw new UnbalancedEntry(`coupon:${coupon.caseId}: a coupon needs a positive value`);
  }
  return {
    key: `coupon:${coupon.caseId}`,
    currency: coupon.currency,
    postedAt: coupon.issuedAt,
    description: `Compensation coupon for order ${coupon.orderId} (case ${coupon.caseId})`,
    lines: [
      debit(ACCOUNT.customerCompensation, coupon.value, coupon.reason),
      credit(ACCOUNT.couponsOutstanding, coupon.value, couponCode(coupon.caseId)),
    ],
    reference: {
      kind: 'coupon',
      caseId: coupon.caseId,
      orderId: coupon.orderId,
      couponCode: couponCode(coupon.caseId),
    },
  };
}
