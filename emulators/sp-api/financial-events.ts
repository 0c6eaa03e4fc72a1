import type { FinancialEvents, ShipmentEvent, ShipmentItem } from '@sp-api-sdk/finances-api-v0';
import type { EmulatedOrder, EmulatorStore } from './state.ts';

export type EventListName = 'RefundEventList' | 'GuaranteeClaimEventList' | 'ChargebackEventList';
const REFUND_LISTS: EventListName[] = [
  'RefundEventList',
  'GuaranteeClaimEventList',
  'ChargebackEventList',
];

// Feed component types → Finances ChargeType; the amounts flip sign (a refund is a debit).
const CHARGE_TYPES: Record<string, string> = {
  Principal: 'Principal',
  Shipping: 'ShippingCharge',
  Tax: 'Tax',
  ShippingTax: 'ShippingTax',
  RestockingFee: 'RestockingFee',
  ReturnShipping: 'ReturnShipping',
  Goodwill: 'Goodwill',
};
const BUYER_PAID_CHARGES = new Set(['Principal', 'ShippingCharge', 'Tax', 'ShippingTax']);
const COMMISSION_RATE = 0.15;

export const cents = (amount: number | string | undefined) => Math.round(Number(amount ?? 0) * 100);
const usd = (amountCents: number) => ({ CurrencyCode: 'USD', CurrencyAmount: amountCents / 100 });

/** What the buyer paid for one item (price, tax, shipping, less promotions), in cents. */
export function paidCents(order: EmulatedOrder, orderItemId: string): number {
  const item = order.items.find((candidate) => candidate.OrderItemId === orderItemId);
  if (!item) return 0;
  const paid = [item.ItemPrice, item.ItemTax, item.ShippingPrice, item.ShippingTax];
  const discounts = [item.PromotionDiscount, item.ShippingDiscount];
  return (
    paid.reduce((sum, money) => sum + cents(money?.Amount), 0) -
    discounts.reduce((sum, money) => sum + cents(money?.Amount), 0)
  );
}

/** Buyer-paid amounts already returned for an item, by any route (refund, A-to-Z, chargeback). */
export function refundedCents(store: EmulatorStore, orderId: string, orderItemId: string): number {
  const events = store.data.financialEvents[orderId] ?? {};
  const items = REFUND_LISTS.flatMap((list) => events[list] ?? []).flatMap(
    (event) => event.ShipmentItemAdjustmentList ?? [],
  );
  return items
    .filter((item) => item.OrderItemId === orderItemId)
    .flatMap((item) => item.ItemChargeAdjustmentList ?? [])
    .filter((charge) => BUYER_PAID_CHARGES.has(charge.ChargeType ?? ''))
    .reduce((sum, charge) => sum - cents(charge.ChargeAmount?.CurrencyAmount), 0);
}

export interface EventItem {
  orderItemId: string;
  components: { type: string; amount: number }[];
}

/** Posts a refund-like event the way Amazon's Finances API reports it. */
export function postShipmentEvent(
  store: EmulatorStore,
  order: EmulatedOrder,
  list: EventListName,
  items: EventItem[],
  postedDate = new Date(),
): ShipmentItem[] {
  const adjusted = items.map((entry) => shipmentItem(store, order, entry));
  const event: ShipmentEvent = {
    AmazonOrderId: order.order.AmazonOrderId,
    MarketplaceName: 'Amazon.com',
    PostedDate: postedDate.toISOString(),
    ShipmentItemAdjustmentList: adjusted,
  };
  const orderId = order.order.AmazonOrderId;
  const events: FinancialEvents = store.data.financialEvents[orderId] ?? {};
  events[list] = [...(events[list] ?? []), event];
  store.data.financialEvents[orderId] = events;
  return adjusted;
}

function shipmentItem(store: EmulatorStore, order: EmulatedOrder, entry: EventItem): ShipmentItem {
  const item = order.items.find((candidate) => candidate.OrderItemId === entry.orderItemId);
  const principal = entry.components.find((c) => c.type === 'Principal');
  const commission = Math.round(cents(principal?.amount) * COMMISSION_RATE);
  // Amazon returns the referral fee but keeps a refund administration fee: min($5, 20 %).
  const administrationFee = Math.min(500, Math.round(commission * 0.2));
  return {
    SellerSKU: item?.SellerSKU,
    OrderItemId: entry.orderItemId,
    OrderAdjustmentItemId: store.nextId(),
    QuantityShipped: item?.QuantityOrdered ?? 1,
    ItemChargeAdjustmentList: entry.components.map((component) => ({
      ChargeType: CHARGE_TYPES[component.type] ?? component.type,
      ChargeAmount: usd(-cents(component.amount)),
    })),
    ItemFeeAdjustmentList: [
      { FeeType: 'Commission', FeeAmount: usd(commission) },
      { FeeType: 'RefundCommission', FeeAmount: usd(-administrationFee) },
    ],
  };
}
