import type { FinancialEvents, ShipmentEvent, ShipmentItem } from '@sp-api-sdk/finances-api-v0';
import type { Money, Order, OrderItem } from '@sp-api-sdk/orders-api-v0';
import type {
  MarketplaceOrder,
  MoneyEvent,
  MoneyEventKind,
  OrderLine,
} from './marketplace-adapter.ts';
import { fromCents, toCents } from './money.ts';

const amount = (money?: Money) => Number(money?.Amount ?? 0);

export function toMarketplaceOrder(order: Order, items: OrderItem[]): MarketplaceOrder {
  return {
    orderId: order.AmazonOrderId,
    status: order.OrderStatus,
    fulfillmentChannel: order.FulfillmentChannel ?? 'MFN',
    purchaseDate: order.PurchaseDate,
    ...(order.LatestDeliveryDate ? { latestDeliveryDate: order.LatestDeliveryDate } : {}),
    ...(order.MarketplaceId ? { marketplaceId: order.MarketplaceId } : {}),
    currency: order.OrderTotal?.CurrencyCode ?? items[0]?.ItemPrice?.CurrencyCode ?? 'USD',
    orderTotal: amount(order.OrderTotal),
    isPrime: order.IsPrime ?? false,
    items: items.map(toOrderLine),
  };
}

function toOrderLine(item: OrderItem): OrderLine {
  return {
    orderItemId: item.OrderItemId,
    ...(item.SellerSKU ? { sku: item.SellerSKU } : {}),
    asin: item.ASIN,
    ...(item.Title ? { title: item.Title } : {}),
    quantityOrdered: item.QuantityOrdered,
    quantityShipped: item.QuantityShipped ?? 0,
    itemPrice: amount(item.ItemPrice),
    itemTax: amount(item.ItemTax),
    shippingPrice: amount(item.ShippingPrice),
    shippingTax: amount(item.ShippingTax),
    promotionDiscount: amount(item.PromotionDiscount),
    promotionDiscountTax: amount(item.PromotionDiscountTax),
    shippingDiscount: amount(item.ShippingDiscount),
    promotionIds: item.PromotionIds ?? [],
    giftWrapPrice: amount(item.BuyerInfo?.GiftWrapPrice),
    giftWrapTax: amount(item.BuyerInfo?.GiftWrapTax),
  };
}

const EVENT_LISTS: [keyof FinancialEvents, MoneyEventKind][] = [
  ['RefundEventList', 'refund'],
  ['GuaranteeClaimEventList', 'guaranteeClaim'],
  ['ChargebackEventList', 'chargeback'],
];
// The charges a buyer paid and gets back; fees and deductions are the seller's side.
const BUYER_CHARGES = new Set(['Principal', 'ShippingCharge', 'Tax', 'ShippingTax']);

/** Refunds, A-to-Z guarantee claims and chargebacks, one entry per adjusted order item. */
export function toMoneyEvents(events: FinancialEvents): MoneyEvent[] {
  return EVENT_LISTS.flatMap(([list, kind]) =>
    ((events[list] as ShipmentEvent[] | undefined) ?? []).flatMap((event) =>
      (event.ShipmentItemAdjustmentList ?? []).map((item) => toMoneyEvent(kind, event, item)),
    ),
  );
}

function toMoneyEvent(kind: MoneyEventKind, event: ShipmentEvent, item: ShipmentItem): MoneyEvent {
  const charges = sumBy(
    (item.ItemChargeAdjustmentList ?? []).map((c) => [
      c.ChargeType,
      c.ChargeAmount?.CurrencyAmount,
    ]),
  );
  const fees = sumBy(
    (item.ItemFeeAdjustmentList ?? []).map((f) => [f.FeeType, f.FeeAmount?.CurrencyAmount]),
  );
  const currency = (item.ItemChargeAdjustmentList ?? []).find(
    (charge) => charge.ChargeAmount?.CurrencyCode,
  )?.ChargeAmount?.CurrencyCode;
  const eventAdjustmentId = event.ShipmentItemAdjustmentList?.[0]?.OrderAdjustmentItemId;
  const buyerCents = Object.entries(charges)
    .filter(([type]) => BUYER_CHARGES.has(type))
    .reduce((sum, [, value]) => sum - toCents(value), 0);
  return {
    kind,
    postedDate: event.PostedDate ?? '',
    orderItemId: item.OrderItemId ?? '',
    ...(item.SellerSKU ? { sku: item.SellerSKU } : {}),
    ...(item.OrderAdjustmentItemId ? { adjustmentId: item.OrderAdjustmentItemId } : {}),
    ...(eventAdjustmentId ? { eventAdjustmentId } : {}),
    buyerRefund: fromCents(buyerCents),
    ...(currency && { currency }),
    charges,
    fees,
  };
}

function sumBy(entries: [string | undefined, number | undefined][]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const [key, value] of entries) {
    if (!key) continue;
    totals[key] = fromCents(toCents(totals[key] ?? 0) + toCents(value ?? 0));
  }
  return totals;
}
