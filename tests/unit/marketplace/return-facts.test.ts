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
import type { SaleEvent } from '../../../worker/activities/marketplace/sale-events.ts';

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

/** A refund-like event as the Finances API mapping gives it: charges signed negative. */
const refundOf = (
  orderItemId: string,
  buyerRefund: number,
  kind: MoneyEvent['kind'] = 'refund',
  charges: Record<string, number> = { Principal: -buyerRefund },
): MoneyEvent => ({
  kind,
  postedDate: '2026-12-01T00:00:00Z',
  orderItemId,
  buyerRefund,
  charges,
  fees: {},
});

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

  it('refunds per component: a shipping refund leaves the price refundable, and the reverse', () => {
    const shipped = order({
      items: [line('kettle', { quantityOrdered: 1, shippingPrice: 5.99, shippingTax: 0.48 })],
    });
    const request = { orderId: 'o', orderItemId: 'kettle' };
    const shippingBack = [
      refundOf('kettle', 6.47, 'refund', { ShippingCharge: -5.99, ShippingTax: -0.48 }),
    ];
    expect(returnFacts(shipped, shippingBack, request, NOW, [])).toMatchObject({
      principalCents: 4998,
      taxCents: 400,
      shippingCents: 0,
      shippingTaxCents: 0,
      alreadyRefunded: false,
    });
    const priceBack = [refundOf('kettle', 53.98, 'refund', { Principal: -49.98, Tax: -4 })];
    expect(returnFacts(shipped, priceBack, request, NOW, [])).toMatchObject({
      principalCents: 0,
      taxCents: 0,
      shippingCents: 599,
      shippingTaxCents: 48,
      alreadyRefunded: true,
    });
  });

  it('leaves the second unit refundable after the first was refunded, never more', () => {
    const firstUnit = [refundOf('kettle', 26.99, 'refund', { Principal: -24.99, Tax: -2 })];
    const request = { orderId: 'o', orderItemId: 'kettle' };
    expect(returnFacts(order(), firstUnit, { ...request, quantity: 1 }, NOW, [])).toMatchObject({
      principalCents: 2499,
      taxCents: 200,
      alreadyRefunded: false,
    });
    expect(returnFacts(order(), firstUnit, request, NOW, [])).toMatchObject({
      principalCents: 2499,
      taxCents: 200,
    });
  });

  it('reads gift wrap paid as its own refundable component', () => {
    const wrapped = order({ items: [line('kettle', { giftWrapPrice: 3.99, giftWrapTax: 0.32 })] });
    const facts = returnFacts(wrapped, [], { orderId: 'o', orderItemId: 'kettle' }, NOW, []);
    expect(facts).toMatchObject({ giftWrapCents: 399, giftWrapTaxCents: 32, principalCents: 4998 });
  });
});

describe("a sale event is the seller's calendar applied to Amazon's order, never the caller's word", () => {
  const calendar: SaleEvent[] = [
    {
      name: 'Black Friday deals',
      marketplaceId: 'ATVPDKIKX0DER',
      promotionIds: ['BLACKFRIDAY-DEAL'],
    },
    {
      name: "Singles' Day",
      marketplaceId: 'A1VC38T7YXB528',
      promotionIds: [],
      from: '2026-11-11',
      to: '2026-11-11',
    },
  ];
  const request = { orderId: 'o', orderItemId: 'kettle' };

  it('knows the event by a promotion id of the returned item', () => {
    expect(returnFacts(order(), [], request, NOW, calendar)).toMatchObject({
      saleEvent: true,
      saleEventName: 'Black Friday deals',
    });
    const plain = order({ items: [line('kettle', { promotionIds: ['OTHER'] })] });
    expect(returnFacts(plain, [], request, NOW, calendar)).toMatchObject({
      saleEvent: false,
      saleEventName: null,
    });
  });

  it("knows the event by the purchase day in the marketplace's calendar", () => {
    const tokyo = (purchaseDate: string) =>
      order({
        marketplaceId: 'A1VC38T7YXB528',
        purchaseDate,
        items: [line('kettle', { promotionIds: [] })],
      });
    // 16:00 UTC on 10 Nov is already 11 Nov in Tokyo; 15:00 UTC on 11 Nov is 12 Nov there.
    expect(returnFacts(tokyo('2026-11-10T16:00:00Z'), [], request, NOW, calendar).saleEvent).toBe(
      true,
    );
    expect(returnFacts(tokyo('2026-11-11T15:00:00Z'), [], request, NOW, calendar).saleEvent).toBe(
      false,
    );
  });

  it('an event of another marketplace does not count', () => {
    const uk = order({ marketplaceId: 'A1F83G8C2ARO7P' });
    expect(returnFacts(uk, [], request, NOW, calendar).saleEvent).toBe(false);
  });

  it("names the marketplace's country, where the return is routed", () => {
    const inCountry = (marketplaceId: string) =>
      returnFacts(order({ marketplaceId }), [], request, NOW, calendar).country;
    expect(
      ['ATVPDKIKX0DER', 'A1F83G8C2ARO7P', 'A1PA6795UKMFR9', 'A1VC38T7YXB528'].map(inCountry),
    ).toEqual(['US', 'GB', 'DE', 'JP']);
  });

  it('values the free gifts given with the returned units under the same promotion', () => {
    const withGift = order({
      items: [
        line('kettle'),
        line('gift-mug', {
          quantityOrdered: 1,
          itemPrice: 15,
          itemTax: 0,
          promotionDiscount: 15,
          promotionDiscountTax: 0,
        }),
        line('paid-mug', { quantityOrdered: 1, itemPrice: 12, promotionDiscount: 0 }),
      ],
    });
    expect(returnFacts(withGift, [], request, NOW, calendar)).toMatchObject({ giftCents: 1500 });
    expect(returnFacts(withGift, [], { ...request, quantity: 1 }, NOW, calendar)).toMatchObject({
      giftCents: 750,
    });
    expect(returnFacts(order(), [], request, NOW, calendar)).toMatchObject({ giftCents: 0 });
  });

  it("gives amounts in the order currency's own minor unit: yen are whole, dollars hundredths", () => {
    const yenLine = line('kettle', {
      itemPrice: 12_000,
      itemTax: 1_200,
      promotionDiscount: 1_000,
      promotionDiscountTax: 100,
    });
    const tokyo = order({ marketplaceId: 'A1VC38T7YXB528', currency: 'JPY', items: [yenLine] });
    const facts = returnFacts(
      tokyo,
      [refundOf('kettle', 500, 'refund', { Tax: -500 })],
      { orderId: 'o', orderItemId: 'kettle', quantity: 1 },
      NOW,
    );
    expect(facts).toMatchObject({
      currency: 'JPY',
      minorUnitsPerUnit: 1,
      principalCents: 5_500,
      taxCents: 550,
      refundedCents: 500,
    });
    const dollars = returnFacts(order(), [], { orderId: 'o', orderItemId: 'mug' }, NOW);
    expect(dollars).toMatchObject({ minorUnitsPerUnit: 100, principalCents: 200, taxCents: 20 });
  });
});
