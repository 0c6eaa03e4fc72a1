import { describe, expect, it } from 'vitest';
import type {
  MarketplaceOrder,
  MoneyEvent,
} from '../../../worker/activities/marketplace/marketplace-adapter.ts';
import type { RefundIntentRecord } from '../../../worker/activities/marketplace/refund-intent-record.ts';
import {
  parseRefundRequest,
  refundFingerprint,
  refundLines,
} from '../../../worker/activities/marketplace/refund-request.ts';
import {
  overRefundProblems,
  unexplainedEvents,
} from '../../../worker/activities/marketplace/refundable-amounts.ts';

const order: MarketplaceOrder = {
  orderId: '111-9402275-1186630',
  status: 'Shipped',
  fulfillmentChannel: 'MFN',
  purchaseDate: '2025-05-01T10:00:00Z',
  currency: 'USD',
  orderTotal: 47.9,
  isPrime: false,
  items: [
    {
      orderItemId: 'skillet',
      asin: 'B08KQ2LZ7D',
      quantityOrdered: 1,
      quantityShipped: 1,
      itemPrice: 39.95,
      itemTax: 3.3,
      shippingPrice: 7.99,
      shippingTax: 0.66,
      promotionDiscount: 4,
      promotionDiscountTax: 0,
      shippingDiscount: 0,
      promotionIds: [],
    },
  ],
};

const request = (extra: Record<string, unknown> = {}) =>
  parseRefundRequest({
    caseId: 'case-1',
    orderId: order.orderId,
    reason: 'CustomerReturn',
    ...extra,
  });

const earlier = (principalCents: number, submittingAt: Date): RefundIntentRecord => ({
  _id: 'RR-earlier',
  caseId: 'earlier',
  orderId: order.orderId,
  account: 'A1:ATVPDKIKX0DER',
  currency: 'USD',
  reason: 'CustomerReturn',
  lines: [
    {
      adjustmentItemId: 'RR-earlier-1',
      orderItemId: 'skillet',
      components: { Principal: principalCents },
    },
  ],
  fingerprint: 'x',
  state: 'done',
  submittingAt,
  createdAt: submittingAt,
  updatedAt: submittingAt,
  history: [],
});

const refundEvent = (
  buyerRefund: number,
  postedDate: string,
  kind: MoneyEvent['kind'] = 'refund',
): MoneyEvent => ({
  kind,
  postedDate,
  orderItemId: 'skillet',
  buyerRefund,
  charges: { Principal: -buyerRefund },
  fees: {},
});

describe('refund requests', () => {
  it('turns amounts into signed cents per component with stable adjustment ids', () => {
    const lines = refundLines(
      request({
        items: [{ orderItemId: 'skillet', principal: 10.1, tax: 0.83, restockingFee: 2 }],
      }),
      order,
    );
    expect(lines).toEqual([
      {
        adjustmentItemId: 'RR-case-1-1',
        orderItemId: 'skillet',
        components: { Principal: 1010, Tax: 83, RestockingFee: -200 },
      },
    ]);
  });

  it('refunds every item in full, net of promotions, when no items are given', () => {
    const [line] = refundLines(request({ items: null, refundId: '' }), order);
    expect(line?.components).toEqual({ Principal: 3595, Tax: 330, Shipping: 799, ShippingTax: 66 });
  });

  it('refuses unknown items, fractions of a cent and empty lines without retrying', () => {
    const unknown = () =>
      refundLines(request({ items: [{ orderItemId: 'x', principal: 1 }] }), order);
    expect(unknown).toThrow(
      expect.objectContaining({ type: 'UnknownOrderItem', nonRetryable: true }),
    );
    expect(() => request({ items: [{ orderItemId: 'skillet', principal: 1.001 }] })).toThrow(
      /2 decimals/,
    );
    const empty = () => refundLines(request({ items: [{ orderItemId: 'skillet' }] }), order);
    expect(empty).toThrow(/refunds nothing/);
  });

  it('fingerprints the request, not the moment', () => {
    expect(refundFingerprint(request())).toBe(refundFingerprint(request()));
    expect(refundFingerprint(request())).not.toBe(refundFingerprint(request({ reason: 'Other' })));
  });
});

describe('refunded + pending ≤ paid', () => {
  const mine = refundLines(request({ items: [{ orderItemId: 'skillet', principal: 30 }] }), order);

  it('lets a refund through when earlier refunds leave room', () => {
    const at = new Date('2025-05-10T10:00:00Z');
    const events = [refundEvent(5, '2025-05-10T12:00:00Z')];
    expect(overRefundProblems(order, events, [earlier(500, at)], mine, 0)).toEqual([]);
  });

  it("refuses more of the item's price than was paid, though its shipping leaves room", () => {
    // 10.00 + 30.00 of a 35.95 price: the item's 47.90 in total would hide it.
    const at = new Date('2025-05-10T10:00:00Z');
    const events = [refundEvent(10, '2025-05-10T12:00:00Z')];
    expect(overRefundProblems(order, events, [earlier(1000, at)], mine, 0)).toEqual([
      'Order item skillet: refunding 30.00 of Principal would exceed the 35.95 paid for it (10.00 already refunded)',
    ]);
  });

  it("lets the item's price through after its shipping alone was refunded", () => {
    const shippingBack: MoneyEvent = {
      ...refundEvent(8.65, '2025-05-09T12:00:00Z'),
      charges: { ShippingCharge: -7.99, ShippingTax: -0.66 },
    };
    expect(overRefundProblems(order, [shippingBack], [], mine, 0)).toEqual([]);
    const shippingAgain = refundLines(
      request({ items: [{ orderItemId: 'skillet', shipping: 7.99 }] }),
      order,
    );
    expect(overRefundProblems(order, [shippingBack], [], shippingAgain, 0)).toHaveLength(1);
  });

  it('counts an earlier refund once, whether or not Amazon has posted it yet', () => {
    const at = new Date('2025-05-10T10:00:00Z');
    const posted = [refundEvent(20, '2025-05-10T12:00:00Z')];
    expect(overRefundProblems(order, posted, [earlier(2000, at)], mine, 0)).toHaveLength(1);
    expect(overRefundProblems(order, [], [earlier(2000, at)], mine, 0)).toHaveLength(1);
  });

  it('counts what Amazon refunded on its own (A-to-Z) against the paid amount', () => {
    const claim = [refundEvent(30, '2025-05-11T00:00:00Z', 'guaranteeClaim')];
    const [problem] = overRefundProblems(order, claim, [], mine, 0);
    expect(problem).toMatch(
      /refunding 30.00 would exceed the 47.90 paid \(30.00 already refunded by Amazon/,
    );
  });

  it('explains an event by one of our refunds only if posted after we submitted', () => {
    const at = new Date('2025-05-10T10:00:00Z');
    const before = refundEvent(10, '2025-05-09T10:00:00Z');
    expect(unexplainedEvents([before], [earlier(1000, at)], 0)).toEqual([before]);
    expect(unexplainedEvents([before], [earlier(1000, at)], 2 * 86_400_000)).toEqual([]);
  });
});
