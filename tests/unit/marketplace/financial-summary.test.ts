import { describe, expect, it } from 'vitest';
import { summariseEvents } from '../../../worker/activities/marketplace/financial-summary.ts';
import type { MoneyEvent } from '../../../worker/activities/marketplace/marketplace-adapter.ts';
import { toMoneyEvents } from '../../../worker/activities/marketplace/sp-api-mapping.ts';

const claim = (currency: string, amount: number) =>
  toMoneyEvents({
    GuaranteeClaimEventList: [
      {
        AmazonOrderId: '250-0000000-0000001',
        PostedDate: '2026-12-01T00:00:00Z',
        ShipmentItemAdjustmentList: [
          {
            OrderItemId: 'item-1',
            OrderAdjustmentItemId: 'adj-1',
            ItemChargeAdjustmentList: [
              {
                ChargeType: 'Principal',
                ChargeAmount: { CurrencyCode: currency, CurrencyAmount: -amount },
              },
            ],
          },
        ],
      },
    ],
  }) as MoneyEvent[];

describe("an order's claims, as the ledger books them", () => {
  it("gives what Amazon paid in the currency's own minor unit: yen whole, dollars in cents", () => {
    expect(claim('JPY', 1500)[0]).toMatchObject({ currency: 'JPY', buyerRefund: 1500 });
    expect(summariseEvents('o', claim('JPY', 1500)).guaranteeClaimedCents).toBe(1500);
    expect(summariseEvents('o', claim('USD', 24.99)).guaranteeClaimedCents).toBe(2499);
  });
});
