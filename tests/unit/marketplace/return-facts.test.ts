import { describe, expect, it } from 'vitest';
import type {
  MarketplaceOrder,
  MoneyEvent,
  OrderLine,
} from '../../../worker/activities/marketplace/marketplace-adapter.ts';
import {
  calendarDaysBetween,
  returnFacts,
  UnknownOrderItem,
} from '../../../worker/activities/marketplace/return-facts.ts';

const line = (orderItemId: string, overrides: Partial<OrderLine> = {}): OrderLine => ({
  orderItemId,
  asin: `ASIN-${orderItemId}`,
  quantityOrdered: 2,
  quantityShipped: 2,
  itemPrice: 59.98,
  itemTax: 4.8,
  shippingPrice: 0,
  shippingTax: 0,
  promotionDiscount: 10,
  promotionDiscountTax: 0.8,
  shippingDiscount: 0,
  promotionIds: ['BLACKFRIDAY-DEAL'],
  ...overrides,
});

const order = (overrides: Partial<MarketplaceOrder> = {}): MarketplaceOrder => ({
  orderId: '113-0000000-0000001',
  status: 'Shipped',
  fulfillmentChannel: 'MFN',
  purchaseDate: '2026-11-26T18:00:00Z',
  latestDeliveryDate: '2026-11-28T18:00:00Z',
  marketplaceId: 'ATVPDKIKX0DER',
  currency: 'USD',
  orderTotal: 100,
  isPrime: false,
  items: [line('kettle'), line('mug', { quantityOrdered: 1, itemPrice: 12, itemTax: 1 })],
  ...overrides,
});

const refundOf = (orderItemId: string, buyerRefund: number, kind = 'refund'): MoneyEvent =>
  ({ kind, postedDate: '2026-12-01T00:00:00Z', orderItemId, buyerRefund }) as MoneyEvent;

const NOW = new Date('2026-12-06T12:00:00Z');

describe('the facts of a return, from Amazon', () => {
  it("counts days since delivery in the marketplace's calendar, not UTC's", () => {
    // 23:30 on 30 Nov in Los Angeles is already 1 Dec in UTC; 01:00 on 2 Dec there is 2 Dec.
    const delivered = new Date('2026-12-01T07:30:00Z');
    const now = new Date('2026-12-02T09:00:00Z');
    expect(calendarDaysBetween(delivered, now, 'America/Los_Angeles')).toBe(2);
    expect(calendarDaysBetween(delivered, now, 'UTC')).toBe(1);
    expect(calendarDaysBetween(delivered, now, 'Asia/Tokyo')).toBe(1);
  });

  it('takes a shipped order as delivered once its promised window ended', () => {
    const facts = returnFacts(order(), [], { orderId: 'o', orderItemId: 'kettle' }, NOW);
    expect(facts).toMatchObject({
      shipped: true,
      delivered: true,
      deliveredAt: '2026-11-28T18:00:00.000Z',
      daysSinceDelivery: 8,
      timeZone: 'America/Los_Angeles',
    });
  });

  it('has no day count for an order not delivered or not shipped', () => {
    const inTransit = order({ latestDeliveryDate: '2026-12-08T18:00:00Z' });
    expect(returnFacts(inTransit, [], { orderId: 'o', orderItemId: 'kettle' }, NOW)).toMatchObject({
      shipped: true,
      delivered: false,
      daysSinceDelivery: null,
    });
    const unshipped = order({
      status: 'Unshipped',
      items: [line('kettle', { quantityShipped: 0 })],
    });
    expect(returnFacts(unshipped, [], { orderId: 'o', orderItemId: 'kettle' }, NOW)).toMatchObject({
      shipped: false,
      delivered: false,
      daysSinceDelivery: null,
    });
  });

  it('prices the returned units from what was paid, net of promotions', () => {
    const one = returnFacts(order(), [], { orderId: 'o', orderItemId: 'kettle', quantity: 1 }, NOW);
    expect(one).toMatchObject({ quantityReturned: 1, principalCents: 2499, taxCents: 200 });
    const all = returnFacts(order(), [], { orderId: 'o', orderItemId: 'kettle' }, NOW);
    expect(all).toMatchObject({ quantityReturned: 2, principalCents: 4998, taxCents: 400 });
    expect(all.promotionIds).toEqual(['BLACKFRIDAY-DEAL']);
  });

  it('tells refunds apart per item: another item refunded leaves this one refundable', () => {
    const events = [refundOf('mug', 13)];
    expect(
      returnFacts(order(), events, { orderId: 'o', orderItemId: 'kettle' }, NOW),
    ).toMatchObject({ refundedCents: 0, alreadyRefunded: false });
    expect(returnFacts(order(), events, { orderId: 'o', orderItemId: 'mug' }, NOW)).toMatchObject({
      refundedCents: 1300,
      alreadyRefunded: true,
    });
    const claimed = [refundOf('kettle', 54.78, 'guaranteeClaim')];
    expect(
      returnFacts(order(), claimed, { orderId: 'o', orderItemId: 'kettle' }, NOW),
    ).toMatchObject({ guaranteeClaim: true, alreadyRefunded: true });
  });

  it('refuses an item the order does not have', () => {
    expect(() => returnFacts(order(), [], { orderId: 'o', orderItemId: 'toaster' }, NOW)).toThrow(
      UnknownOrderItem,
    );
  });
});
