import { ACCOUNT } from './chart-of-accounts.ts';
import {
  credit,
  debit,
  type JournalEntryDraft,
  type JournalLine,
  UnbalancedEntry,
} from './journal-entry.ts';

/** A refund as the ledger sees it: every amount in minor units of `currency`. */
export interface RefundPosting {
  caseId: string;
  /** The marketplace refund this books; a case that refunds twice books two entries. */
  refundId?: string;
  orderId: string;
  /** The order items refunded; absent: the whole order. A claim on one of them reverses it. */
  orderItemIds?: string[];
  currency: string;
  /** MerchantAdjustmentItemIDs sent to Amazon; the settlement report quotes them back. */
  adjustmentItemIds: string[];
  principal: number;
  tax: number;
  shipping: number;
  shippingTax: number;
  /** The referral fee Amazon gives back on the refunded items, before its administration fee. */
  referralFeeRefunded: number;
  /** Charged to the buyer where the policy says so; kept out of the refund. */
  restockingFee: number;
  postedAt: Date;
  /** The account and marketplace refunded through (issueRefund answers them). */
  account?: string;
  marketplace?: string;
}

/**
 * Amazon keeps a refund administration fee: the lesser of 5.00 in the marketplace currency
 * (500 minor units; for JPY ¥500, which has no minor unit) or 20 % of the referral fee refunded,
 * rounded half up to the minor unit.
 */
export const REFUND_ADMINISTRATION_FEE_CAP: Record<string, number> = {
  USD: 500,
  CAD: 500,
  MXN: 500,
  EUR: 500,
  GBP: 500,
  JPY: 500,
};

export function refundAdministrationFee(referralFeeRefunded: number, currency: string): number {
  const cap = REFUND_ADMINISTRATION_FEE_CAP[currency];
  if (cap === undefined) throw new Error(`No refund administration fee cap for ${currency}`);
  return Math.min(cap, Math.round(referralFeeRefunded * 0.2));
}

/** What the settlement report should show for this refund, net, from the seller's side. */
export function expectedSettlementAmount(refund: RefundPosting): number {
  const fee = refundAdministrationFee(refund.referralFeeRefunded, refund.currency);
  return -buyerRefund(refund) + refund.restockingFee + refund.referralFeeRefunded - fee;
}

function buyerRefund(refund: RefundPosting): number {
  return refund.principal + refund.tax + refund.shipping + refund.shippingTax;
}

/**
 * Revenue, shipping and tax are reversed; what the buyer gets back (less any restocking fee)
 * leaves through the marketplace clearing account; the referral fee comes back less Amazon's
 * administration fee, which is an expense of its own.
 */
export function refundEntry(refund: RefundPosting): JournalEntryDraft {
  const key = `refund:${refundIdOf(refund)}`;
  if (refund.restockingFee > buyerRefund(refund)) {
    throw new UnbalancedEntry(`${key}: the restocking fee exceeds the refund`);
  }
  const fee = refundAdministrationFee(refund.referralFeeRefunded, refund.currency);
  const lines: JournalLine[] = [
    debit(ACCOUNT.salesRevenue, refund.principal, 'principal refunded'),
    debit(ACCOUNT.shippingRevenue, refund.shipping, 'shipping refunded'),
    debit(ACCOUNT.salesTaxPayable, refund.tax + refund.shippingTax, 'tax refunded'),
    credit(ACCOUNT.restockingFeeIncome, refund.restockingFee, 'restocking fee'),
    credit(
      ACCOUNT.marketplaceClearing,
      buyerRefund(refund) - refund.restockingFee,
      'paid to buyer',
    ),
    debit(ACCOUNT.marketplaceClearing, refund.referralFeeRefunded - fee, 'referral fee returned'),
    debit(ACCOUNT.refundAdministrationFees, fee, 'refund administration fee'),
    credit(ACCOUNT.referralFees, refund.referralFeeRefunded, 'referral fee reversed'),
  ];
  return {
    key,
    currency: refund.currency,
    postedAt: refund.postedAt,
    description: `Refund ${refundIdOf(refund)} for order ${refund.orderId} (case ${refund.caseId})`,
    lines: lines.filter((line) => line.debit !== 0 || line.credit !== 0),
    ...(refund.account ? { account: refund.account } : {}),
    ...(refund.marketplace ? { marketplace: refund.marketplace } : {}),
    reference: {
      kind: 'refund',
      caseId: refund.caseId,
      refundId: refundIdOf(refund),
      orderId: refund.orderId,
      ...(refund.orderItemIds?.length ? { orderItemIds: refund.orderItemIds } : {}),
      adjustmentItemIds: refund.adjustmentItemIds,
      expectedSettlementAmount: expectedSettlementAmount(refund),
    },
  };
}

/** The marketplace adapter's default refund id: one refund per case unless the flow names more. */
export const refundIdOf = (refund: Pick<RefundPosting, 'caseId' | 'refundId'>) =>
  refund.refundId ?? `RR-${refund.caseId}`;
