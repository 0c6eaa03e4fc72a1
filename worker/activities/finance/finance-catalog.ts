import type { ActivityDescriptor, FieldSpec } from '#flow-language';

const field = (type: FieldSpec['type'], description: string, required = true): FieldSpec => ({
  type,
  required,
  description,
});
const minor = (description: string, required = true) =>
  field('integer', `${description}, in minor units (cents)`, required);

export const postRefundDescriptor: ActivityDescriptor = {
  name: 'finance.postRefund',
  system: 'finance',
  title: 'Post refund to the ledger',
  description:
    'Reverses revenue, shipping and tax, books what the buyer got back through marketplace ' +
    'clearing and the referral fee Amazon returns less its refund administration fee. ' +
    'Posted once per refund, however often the step is retried; a case that refunds twice ' +
    'books two entries.',
  inputs: {
    caseId: field('string', 'The case the refund belongs to'),
    refundId: field(
      'string',
      'The refund booked (issueRefund answers it); default RR-{caseId}',
      false,
    ),
    orderId: field('string', 'Amazon order id'),
    orderItemIds: field(
      'array',
      'The order items refunded (a claim Amazon pays on one reverses this entry); absent: all',
      false,
    ),
    currency: field('string', 'ISO currency code'),
    adjustmentItemIds: field('array', 'MerchantAdjustmentItemIDs sent with the refund feed'),
    principal: minor('Item price refunded'),
    tax: minor('Item tax refunded'),
    shipping: minor('Shipping refunded'),
    shippingTax: minor('Shipping tax refunded'),
    referralFeeRefunded: minor('Referral fee Amazon returns on the refunded items'),
    restockingFee: minor('Restocking fee kept from the buyer'),
    account: field('string', 'The account refunded through (refund.account)', false),
    marketplace: field('string', 'Amazon marketplace id (refund.marketplaceId)', false),
  },
  output: {
    entryKey: field('string', 'Journal entry key'),
    created: field('boolean', 'False when the refund was already posted'),
    administrationFee: minor('Amazon refund administration fee'),
  },
  sideEffects: true,
};

export const reconcileSettlementDescriptor: ActivityDescriptor = {
  name: 'finance.reconcileSettlement',
  system: 'finance',
  title: 'Reconcile settlement report',
  description:
    'Imports an Amazon V2 flat-file settlement report (once per settlement id) and matches ' +
    'its refund lines to the ledger: matched, missing on either side, or amount mismatch.',
  inputs: { reportText: field('string', 'The tab-separated settlement report') },
  output: {
    settlementId: field('string', 'Settlement id'),
    matched: field('array', 'Refunds that agree'),
    missingInLedger: field('array', 'Settled refunds the ledger does not know'),
    missingInSettlement: field('array', 'Posted refunds the settlement does not show'),
    amountMismatch: field('array', 'Refunds whose amounts differ, with the difference'),
  },
  sideEffects: true,
};

export const issueCompensationCouponDescriptor: ActivityDescriptor = {
  name: 'finance.issueCompensationCoupon',
  system: 'finance',
  title: 'Issue compensation coupon',
  description:
    'Issues the buyer a coupon with no minimum spend (say, when a late refund request is ' +
    'declined) and books it as goodwill owed. One coupon per case, however often retried.',
  inputs: {
    caseId: field('string', 'The case the coupon compensates'),
    orderId: field('string', 'Amazon order id'),
    currency: field('string', 'ISO currency code'),
    value: minor('Coupon value'),
    reason: field('string', 'Why the buyer is compensated'),
  },
  output: {
    couponCode: field('string', 'The code to send to the buyer'),
    value: minor('Coupon value'),
    currency: field('string', 'ISO currency code'),
    created: field('boolean', 'False when the case already had its coupon'),
  },
  sideEffects: true,
};

const claimOutput = {
  entryKey: field('string', 'Journal entry key'),
  created: field('boolean', 'False when it was already booked'),
  reversedRefunds: field('array', 'Refund entries reversed: the settlement carries the claim'),
};

const claimItems = field(
  'array',
  'The order items it covers (its financial event); absent: the whole order',
  false,
);

export const postGuaranteeClaimDescriptor: ActivityDescriptor = {
  name: 'finance.postGuaranteeClaim',
  system: 'finance',
  title: 'Book an A-to-Z claim Amazon paid',
  description:
    'Books a guarantee claim Amazon paid the buyer and charged to the seller: a claims ' +
    'expense against marketplace clearing, and reverses any refund already booked for the ' +
    'items it covers, so the ledger matches the settlement. Once per claim id, however often ' +
    'retried.',
  inputs: {
    caseId: field('string', 'The case the claim belongs to'),
    claimId: field('string', "Amazon's claim id"),
    orderId: field('string', 'Amazon order id'),
    orderItemIds: claimItems,
    currency: field('string', 'ISO currency code'),
    amount: minor('What Amazon paid the buyer'),
  },
  output: claimOutput,
  sideEffects: true,
};

export const postChargebackDescriptor: ActivityDescriptor = {
  name: 'finance.postChargeback',
  system: 'finance',
  title: 'Book a chargeback',
  description:
    "Books a chargeback the buyer's bank won and Amazon charged to the seller, as a claim: " +
    'an expense against marketplace clearing, and reverses any refund already booked for the ' +
    'items it covers. Once per chargeback id, however often retried.',
  inputs: {
    caseId: field('string', 'The case the chargeback belongs to'),
    chargebackId: field('string', "Amazon's id for the chargeback (its financial event)"),
    orderId: field('string', 'Amazon order id'),
    orderItemIds: claimItems,
    currency: field('string', 'ISO currency code'),
    amount: minor('What the buyer got back'),
  },
  output: claimOutput,
  sideEffects: true,
};

export const financeCatalog: ActivityDescriptor[] = [
  postRefundDescriptor,
  reconcileSettlementDescriptor,
  issueCompensationCouponDescriptor,
  postGuaranteeClaimDescriptor,
  postChargebackDescriptor,
];
