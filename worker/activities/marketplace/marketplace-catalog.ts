import type { ActivityDescriptor } from '#flow-language';
import { CLAIM_KINDS } from './claim-event.ts';
import { ACKNOWLEDGEMENT_CODES, REJECTION_REASONS } from './marketplace-adapter.ts';
import { CANCEL_REASONS } from './order-cancellation.ts';
import { ADJUSTMENT_REASONS } from './refund-request.ts';

const minor = (description: string) => ({ type: 'integer' as const, required: true, description });
const optionalMinor = (description: string) => ({ ...minor(description), required: false });

/** Every marketplace activity takes the case's account; absent, the default account. */
const ACCOUNT_INPUTS = {
  account: {
    type: 'string' as const,
    required: false,
    description: 'The marketplace account (usually case.account); absent: the default account',
  },
  marketplace: {
    type: 'string' as const,
    required: false,
    description: "The account's marketplace (usually case.marketplace); absent: its first",
  },
};

const REFUND_STATES = [
  'none',
  'prepared',
  'submitting',
  'submitted',
  'done',
  'failed',
  'needs-review',
];

export const getOrderDescriptor: ActivityDescriptor = {
  name: 'marketplace.getOrder',
  system: 'marketplace',
  title: 'Get order',
  description: 'Reads an Amazon order and its items (prices, tax, shipping) from the Orders API.',
  inputs: {
    orderId: { type: 'string', required: true, description: 'Amazon order id' },
    ...ACCOUNT_INPUTS,
  },
  output: {
    orderId: { type: 'string', required: true },
    status: { type: 'string', required: true },
    fulfillmentChannel: { type: 'string', required: true, enum: ['MFN', 'AFN'] },
    purchaseDate: { type: 'date', required: true },
    marketplaceId: { type: 'string', required: false },
    currency: { type: 'string', required: true },
    orderTotal: { type: 'number', required: true },
    isPrime: { type: 'boolean', required: true },
    items: { type: 'array', required: true, description: 'orderItemId, sku, itemPrice, itemTax…' },
  },
  sideEffects: false,
};

export const issueRefundDescriptor: ActivityDescriptor = {
  name: 'marketplace.issueRefund',
  system: 'marketplace',
  title: 'Issue refund',
  description:
    'Refunds an order through a payment-adjustment feed and waits for Amazon’s processing ' +
    'report. Issued at most once per refund id, however often it is retried.',
  inputs: {
    caseId: { type: 'string', required: true, description: 'Usually case.id' },
    orderId: { type: 'string', required: true },
    reason: { type: 'string', required: true, enum: [...ADJUSTMENT_REASONS] },
    items: {
      type: 'array',
      required: false,
      description:
        'Per item: orderItemId, principal, shipping, tax, shippingTax, restockingFee, ' +
        'returnShipping (positive amounts; fees are deducted). Omitted: full refund.',
    },
    refundId: {
      type: 'string',
      required: false,
      description: 'Defaults to RR-{caseId}; set it only for a second refund in one case',
    },
    orderItemId: {
      type: 'string',
      required: false,
      description: 'One-line refund instead of items: the order item',
    },
    principal: { type: 'number', required: false, description: 'One-line refund: item price' },
    tax: { type: 'number', required: false, description: 'One-line refund: item tax' },
    shipping: { type: 'number', required: false, description: 'One-line refund: shipping' },
    shippingTax: { type: 'number', required: false, description: 'One-line refund: shipping tax' },
    ...ACCOUNT_INPUTS,
  },
  output: {
    refundId: { type: 'string', required: true },
    orderId: { type: 'string', required: true },
    status: { type: 'string', required: true, enum: ['done'] },
    feedId: { type: 'string', required: true },
    currency: { type: 'string', required: true },
    amount: { type: 'number', required: true },
    adjustmentItemIds: { type: 'array', required: true },
    account: { type: 'string', required: false, description: 'The account refunded through' },
    marketplaceId: { type: 'string', required: false, description: 'Amazon marketplace id' },
  },
  sideEffects: true,
};

export const getRefundStatusDescriptor: ActivityDescriptor = {
  name: 'marketplace.getRefundStatus',
  system: 'marketplace',
  title: 'Get refund status',
  description: 'Where a refund stands: stored state, and Amazon’s feed status while processing.',
  inputs: {
    caseId: { type: 'string', required: true },
    refundId: { type: 'string', required: false },
    ...ACCOUNT_INPUTS,
  },
  output: {
    refundId: { type: 'string', required: true },
    status: { type: 'string', required: true, enum: REFUND_STATES },
    feedId: { type: 'string', required: false },
    feedStatus: { type: 'string', required: false },
    amount: { type: 'number', required: false },
    outcome: { type: 'string', required: false },
  },
  sideEffects: false,
};

export const listFinancialEventsDescriptor: ActivityDescriptor = {
  name: 'marketplace.listFinancialEvents',
  system: 'marketplace',
  title: 'List financial events',
  description:
    'Refunds, A-to-Z guarantee claims and chargebacks posted for an order (may lag ~48 h).',
  inputs: { orderId: { type: 'string', required: true }, ...ACCOUNT_INPUTS },
  output: {
    orderId: { type: 'string', required: true },
    refunds: { type: 'array', required: true },
    guaranteeClaims: { type: 'array', required: true },
    chargebacks: { type: 'array', required: true },
    refundedTotal: { type: 'number', required: true },
    hasGuaranteeClaim: { type: 'boolean', required: true },
    guaranteeClaimedCents: minor('What Amazon paid buyers through A-to-Z claims on the order'),
    hasChargeback: { type: 'boolean', required: true },
  },
  sideEffects: false,
};

export const readReturnFactsDescriptor: ActivityDescriptor = {
  name: 'marketplace.readReturnFacts',
  system: 'marketplace',
  title: 'Read the facts of a return from Amazon',
  description:
    'Reads the order and its financial events and answers, for one item: shipped, delivered ' +
    "(the promised window has ended) and whole days since, in the marketplace's time zone; what " +
    'the buyer paid for the returned units; and whether Amazon or we refunded or claimed it ' +
    "already. A policy decides on these, never on the caller's word.",
  inputs: {
    orderId: { type: 'string', required: true, description: 'Amazon order id' },
    orderItemId: { type: 'string', required: true, description: 'The returned order item' },
    quantity: { type: 'integer', required: false, description: 'Units returned (default: all)' },
    ...ACCOUNT_INPUTS,
  },
  output: {
    orderId: { type: 'string', required: true },
    orderItemId: { type: 'string', required: true },
    orderStatus: { type: 'string', required: true },
    fulfillmentChannel: { type: 'string', required: true, enum: ['MFN', 'AFN'] },
    currency: { type: 'string', required: true },
    // Optional: facts recorded before it was read must still replay in backtests.
    minorUnitsPerUnit: {
      type: 'integer',
      required: false,
      description: 'Minor units in one unit of the currency (100 for USD, 1 for JPY)',
    },
    timeZone: { type: 'string', required: true },
    country: {
      type: 'string',
      required: false,
      description: "The marketplace's country (ISO 3166-1 alpha-2), where the return goes",
    },
    shipped: { type: 'boolean', required: true },
    delivered: { type: 'boolean', required: true },
    deliveredAt: { type: 'date', required: false },
    daysSinceDelivery: {
      type: 'integer',
      required: false,
      description: "Whole days in the marketplace's time zone; absent while not delivered",
    },
    quantityReturned: { type: 'integer', required: true },
    principalCents: minor('Item price still refundable for the returned units, net of promotions'),
    taxCents: minor('Item tax still refundable for the returned units'),
    // Optional: facts recorded before these were read must still replay in backtests.
    shippingCents: optionalMinor('Shipping still refundable for the returned units'),
    shippingTaxCents: optionalMinor('Shipping tax still refundable for the returned units'),
    giftWrapCents: optionalMinor('Gift wrap still refundable for the returned units'),
    giftWrapTaxCents: optionalMinor('Gift wrap tax still refundable for the returned units'),
    promotionIds: { type: 'array', required: true },
    saleEvent: {
      type: 'boolean',
      required: false,
      description: "Bought in a sale event of the seller's calendar (promotion id or day)",
    },
    saleEventName: { type: 'string', required: false },
    giftCents: optionalMinor('Free gifts given with the returned units under the same promotion'),
    refundedCents: minor('Already refunded on this item'),
    guaranteeClaim: { type: 'boolean', required: true },
    chargeback: { type: 'boolean', required: true },
    alreadyRefunded: { type: 'boolean', required: true },
    account: { type: 'string', required: false, description: 'The account the facts came from' },
  },
  sideEffects: false,
};

export const readClaimDescriptor: ActivityDescriptor = {
  name: 'marketplace.readClaim',
  system: 'marketplace',
  title: 'Read one A-to-Z claim or chargeback from Amazon',
  description:
    "Reads the order's financial events and answers the one A-to-Z claim or chargeback the " +
    'case names (by its adjustment id, or its posting time when it has none): the items it ' +
    "covers and what Amazon took from the seller for it, in the currency's minor unit. The " +
    "order's other claims are not counted. Fails without retrying when Amazon lists no such event.",
  inputs: {
    orderId: { type: 'string', required: true, description: 'Amazon order id' },
    kind: {
      type: 'string',
      required: true,
      enum: [...CLAIM_KINDS],
      description: 'guaranteeClaim (A-to-Z) or chargeback',
    },
    adjustmentId: {
      type: 'string',
      required: false,
      description: "The event's first OrderAdjustmentItemId, as intake passes it",
    },
    postedDate: {
      type: 'date',
      required: false,
      description: 'When Amazon posted the event; names it when it has no adjustment id',
    },
    ...ACCOUNT_INPUTS,
  },
  output: {
    orderId: { type: 'string', required: true },
    kind: { type: 'string', required: true, enum: [...CLAIM_KINDS] },
    orderItemIds: { type: 'array', required: true, description: 'The order items it covers' },
    adjustmentIds: { type: 'array', required: true, description: "Amazon's adjustment item ids" },
    amount: minor('What went back to the buyer; negative when Amazon reversed it to the seller'),
    currency: { type: 'string', required: true },
    postedDate: { type: 'date', required: true },
  },
  sideEffects: false,
};

export const cancelOrderDescriptor: ActivityDescriptor = {
  name: 'marketplace.cancelOrder',
  system: 'marketplace',
  title: 'Cancel an unshipped order',
  description:
    'Cancels an unshipped merchant-fulfilled order through an order acknowledgement feed ' +
    '(StatusCode Failure) and waits for Amazon to process it; Amazon refunds the buyer. An ' +
    'order already cancelled sends nothing; a shipped or FBA order fails the step.',
  inputs: {
    orderId: { type: 'string', required: true, description: 'Amazon order id' },
    reason: {
      type: 'string',
      required: false,
      enum: [...CANCEL_REASONS],
      description: 'Cancel reason sent to Amazon (default BuyerCanceled)',
    },
    ...ACCOUNT_INPUTS,
  },
  output: {
    orderId: { type: 'string', required: true },
    status: { type: 'string', required: true, enum: ['cancelled'] },
    feedId: { type: 'string', required: false, description: 'Absent when already cancelled' },
  },
  sideEffects: true,
};

export const acknowledgePurchaseOrderDescriptor: ActivityDescriptor = {
  name: 'marketplace.acknowledgePurchaseOrder',
  system: 'marketplace',
  title: 'Acknowledge vendor purchase order',
  description:
    'Answers an Amazon retail purchase order (Vendor Orders submitAcknowledgement): every ' +
    'line accepted, backordered or rejected. Amazon processes it asynchronously.',
  inputs: {
    purchaseOrderNumber: { type: 'string', required: true },
    sellingPartyId: { type: 'string', required: true, description: 'The vendor code' },
    code: { type: 'string', required: true, enum: [...ACKNOWLEDGEMENT_CODES] },
    items: {
      type: 'array',
      required: true,
      description: 'Per line: itemSequenceNumber, vendorProductIdentifier?, orderedQuantity',
    },
    rejectionReason: { type: 'string', required: false, enum: [...REJECTION_REASONS] },
    ...ACCOUNT_INPUTS,
  },
  output: {
    transactionId: { type: 'string', required: true },
    purchaseOrderNumber: { type: 'string', required: true },
    code: { type: 'string', required: true, enum: [...ACKNOWLEDGEMENT_CODES] },
  },
  sideEffects: true,
};

export const marketplaceCatalog: ActivityDescriptor[] = [
  getOrderDescriptor,
  issueRefundDescriptor,
  getRefundStatusDescriptor,
  listFinancialEventsDescriptor,
  readReturnFactsDescriptor,
  readClaimDescriptor,
  cancelOrderDescriptor,
  acknowledgePurchaseOrderDescriptor,
];
