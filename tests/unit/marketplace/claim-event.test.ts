import type { ShipmentEvent } from '@sp-api-sdk/finances-api-v0';
import { describe, expect, it } from 'vitest';
import { ClaimNotFound, readClaim } from '../../../worker/activities/marketplace/claim-event.ts';
import { toMoneyEvents } from '../../../worker/activities/marketplace/sp-api-mapping.ts';

const ORDER = '250-0000000-0000001';

/** One financial event as Finances v0 lists it: each item with its charges (buyer side). */
function event(
  postedDate: string,
  currency: string,
  items: { itemId: string; adjustmentId?: string; principal: number; tax?: number }[],
): ShipmentEvent {
  const money = (amount: number) => ({ CurrencyCode: currency, CurrencyAmount: -amount });
  return {
    AmazonOrderId: ORDER,
    PostedDate: postedDate,
    ShipmentItemAdjustmentList: items.map((item) => ({
      OrderItemId: item.itemId,
      ...(item.adjustmentId && { OrderAdjustmentItemId: item.adjustmentId }),
      ItemChargeAdjustmentList: [
        { ChargeType: 'Principal', ChargeAmount: money(item.principal) },
        { ChargeType: 'Tax', ChargeAmount: money(item.tax ?? 0) },
      ],
      ItemFeeAdjustmentList: [
        { FeeType: 'Commission', FeeAmount: { CurrencyCode: currency, CurrencyAmount: 1 } },
      ],
    })),
  };
}

describe('reading the one claim a case is about', () => {
  // Two chargebacks on one order, and an A-to-Z claim and a refund beside them.
  const events = toMoneyEvents({
    ChargebackEventList: [
      event('2026-11-02T10:00:00Z', 'USD', [
        { itemId: 'item-1', adjustmentId: 'adj-1', principal: 24.99, tax: 2.06 },
      ]),
      event('2026-11-20T08:30:00Z', 'USD', [
        { itemId: 'item-2', adjustmentId: 'adj-2', principal: 10.1 },
        { itemId: 'item-3', adjustmentId: 'adj-3', principal: 5, tax: 0.41 },
      ]),
    ],
    GuaranteeClaimEventList: [
      event('2026-11-05T00:00:00Z', 'USD', [
        { itemId: 'item-1', adjustmentId: 'adj-9', principal: 99 },
      ]),
    ],
    RefundEventList: [
      event('2026-11-01T00:00:00Z', 'USD', [
        { itemId: 'item-1', adjustmentId: 'adj-0', principal: 24.99 },
      ]),
    ],
  });

  it('answers each chargeback of an order with its own items and amount, in cents', () => {
    expect(
      readClaim(events, { orderId: ORDER, kind: 'chargeback', adjustmentId: 'adj-1' }),
    ).toEqual({
      orderId: ORDER,
      kind: 'chargeback',
      orderItemIds: ['item-1'],
      adjustmentIds: ['adj-1'],
      amount: 2499 + 206,
      currency: 'USD',
      postedDate: '2026-11-02T10:00:00Z',
    });
    // The second chargeback names its event by its first item; its other item belongs to it too.
    expect(
      readClaim(events, { orderId: ORDER, kind: 'chargeback', adjustmentId: 'adj-2' }),
    ).toMatchObject({
      orderItemIds: ['item-2', 'item-3'],
      adjustmentIds: ['adj-2', 'adj-3'],
      amount: 1010 + 500 + 41,
    });
  });

  it('does not take an event of another kind with that adjustment id', () => {
    expect(() =>
      readClaim(events, { orderId: ORDER, kind: 'chargeback', adjustmentId: 'adj-9' }),
    ).toThrow(ClaimNotFound);
    expect(
      readClaim(events, { orderId: ORDER, kind: 'guaranteeClaim', adjustmentId: 'adj-9' }).amount,
    ).toBe(9900);
  });

  it('counts yen whole: JPY has no minor unit', () => {
    const yen = toMoneyEvents({
      ChargebackEventList: [
        event('2026-11-02T10:00:00Z', 'JPY', [
          { itemId: 'jp-1', adjustmentId: 'j-1', principal: 1500, tax: 150 },
        ]),
        event('2026-11-03T10:00:00Z', 'JPY', [
          { itemId: 'jp-1', adjustmentId: 'j-2', principal: 980 },
        ]),
      ],
    });
    const first = readClaim(yen, { orderId: ORDER, kind: 'chargeback', adjustmentId: 'j-1' });
    const second = readClaim(yen, { orderId: ORDER, kind: 'chargeback', adjustmentId: 'j-2' });
    expect([first.amount, first.currency]).toEqual([1650, 'JPY']);
    expect([second.amount, second.currency]).toEqual([980, 'JPY']);
  });

  it('names an event without adjustment ids by the instant it was posted', () => {
    const unnamed = toMoneyEvents({
      ChargebackEventList: [
        event('2026-11-02T10:00:00Z', 'USD', [{ itemId: 'item-1', principal: 7 }]),
        event('2026-11-03T10:00:00Z', 'USD', [{ itemId: 'item-1', principal: 8 }]),
      ],
    });
    const request = { orderId: ORDER, kind: 'chargeback' as const };
    expect(readClaim(unnamed, { ...request, postedDate: '2026-11-03T10:00:00.000Z' }).amount).toBe(
      800,
    );
    expect(() => readClaim(unnamed, { ...request, postedDate: '2026-11-04T10:00:00Z' })).toThrow(
      /No chargeback event posted 2026-11-04T10:00:00Z among the financial events of order/,
    );
  });
});
