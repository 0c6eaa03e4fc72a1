/**
 * In-memory stand-ins for the marketplace, finance and notify activities the shipped refund
 * policy calls on its unattended routes. The engine benchmarks measure orchestration
 * (Temporal, the interpreter, the case trail in MongoDB), so both variants call these same
 * functions and no emulator or ledger time is mixed into the figures.
 */
type StandIn = (input: Record<string, unknown>) => Promise<Record<string, unknown>>;

export interface BenchOrder {
  orderId: string;
  fulfillmentChannel: 'AFN' | 'MFN';
  amazonRefundedCents: number;
  principalCents: number;
  taxCents: number;
  daysSinceDelivery: number;
}

export function standInSystems(orders: Map<string, BenchOrder>): Record<string, StandIn> {
  const orderOf = (input: Record<string, unknown>) => {
    const order = orders.get(String(input.orderId));
    if (!order) throw new Error(`no bench order ${String(input.orderId)}`);
    return order;
  };
  return {
    'marketplace.getOrder': async (input) => ({
      orderId: orderOf(input).orderId,
      status: 'Shipped',
      fulfillmentChannel: orderOf(input).fulfillmentChannel,
      marketplaceId: 'ATVPDKIKX0DER',
      currency: 'USD',
    }),
    'marketplace.readReturnFacts': async (input) => {
      const order = orderOf(input);
      return {
        orderId: order.orderId,
        orderItemId: input.orderItemId,
        orderStatus: 'Shipped',
        fulfillmentChannel: order.fulfillmentChannel,
        currency: 'USD',
        timeZone: 'America/Los_Angeles',
        shipped: true,
        delivered: true,
        daysSinceDelivery: order.daysSinceDelivery,
        quantityReturned: 1,
        principalCents: order.principalCents,
        taxCents: order.taxCents,
        promotionIds: [],
        refundedCents: order.amazonRefundedCents,
        guaranteeClaim: order.amazonRefundedCents > 0,
        chargeback: false,
        alreadyRefunded: order.amazonRefundedCents > 0,
      };
    },
    'marketplace.listFinancialEvents': async (input) => ({
      orderId: orderOf(input).orderId,
      refunds: [],
      guaranteeClaims: [],
      chargebacks: [],
      refundedTotal: orderOf(input).amazonRefundedCents / 100,
      hasGuaranteeClaim: orderOf(input).amazonRefundedCents > 0,
      hasChargeback: false,
    }),
    'marketplace.issueRefund': async (input) => ({
      refundId: `RR-${String(input.caseId)}`,
      orderId: input.orderId,
      status: 'done',
      currency: 'USD',
      amount: Number(input.principal) + Number(input.tax),
      adjustmentItemIds: [`RR-${String(input.caseId)}-1`],
      account: 'default',
      marketplaceId: String(input.marketplace ?? 'ATVPDKIKX0DER'),
    }),
    'finance.postRefund': async (input) => ({
      entryKey: `refund:${String(input.refundId ?? `RR-${String(input.caseId)}`)}`,
      created: true,
      administrationFee: 0,
    }),
    'finance.issueCompensationCoupon': async (input) => ({
      couponCode: `SORRY-${String(input.caseId).slice(-6)}`,
      value: input.value,
      currency: input.currency,
      created: true,
    }),
    'notify.sendEmail': async () => ({ messageId: 'bench', status: 'sent', delivered: true }),
  };
}
