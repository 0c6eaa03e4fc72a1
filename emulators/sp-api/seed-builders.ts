import type { Money, Order, OrderItem } from '@sp-api-sdk/orders-api-v0';
import type { EmulatedOrder } from './state.ts';

export const US_MARKETPLACE_ID = 'ATVPDKIKX0DER';

const usd = (amount: number): Money => ({ CurrencyCode: 'USD', Amount: amount.toFixed(2) });
const DAY_MS = 86_400_000;
/** Days from purchase to the end of the promised delivery window (and its start). */
export const DELIVERY_DAYS = 2;
const DELIVERY_DAYS_MIN = 1;

export interface ItemSketch {
  id: string;
  sku: string;
  asin: string;
  title: string;
  quantity: number;
  price: number;
  tax: number;
  shipping?: number;
  shippingTax?: number;
  discount?: number;
  /** Amazon's ids of the promotions applied (a sale event's deal, a coupon). */
  promotionIds?: string[];
}

function item(sketch: ItemSketch, shipped: boolean): OrderItem {
  return {
    ASIN: sketch.asin,
    SellerSKU: sketch.sku,
    OrderItemId: sketch.id,
    Title: sketch.title,
    QuantityOrdered: sketch.quantity,
    QuantityShipped: shipped ? sketch.quantity : 0,
    ItemPrice: usd(sketch.price),
    ItemTax: usd(sketch.tax),
    ShippingPrice: usd(sketch.shipping ?? 0),
    ShippingTax: usd(sketch.shippingTax ?? 0),
    PromotionDiscount: usd(sketch.discount ?? 0),
    PromotionDiscountTax: usd(0),
    ShippingDiscount: usd(0),
    ...(sketch.promotionIds ? { PromotionIds: sketch.promotionIds } : {}),
    IsGift: 'false',
    ConditionId: 'New',
  };
}

/** An order as getOrder/getOrderItems return it, purchased `daysAgo` before `now`. */
export function order(
  id: string,
  daysAgo: number,
  channel: 'MFN' | 'AFN',
  status: 'Shipped' | 'Unshipped',
  sketches: ItemSketch[],
  now: Date,
): EmulatedOrder {
  const purchasedAt = now.getTime() - daysAgo * DAY_MS;
  const purchased = new Date(purchasedAt).toISOString();
  // Amazon promises a delivery window; a shipped order in the emulator arrives at its end.
  const deliveryWindow = {
    EarliestDeliveryDate: new Date(purchasedAt + DELIVERY_DAYS_MIN * DAY_MS).toISOString(),
    LatestDeliveryDate: new Date(purchasedAt + DELIVERY_DAYS * DAY_MS).toISOString(),
  };
  const items = sketches.map((sketch) => item(sketch, status === 'Shipped'));
  const total = sketches.reduce(
    (sum, s) =>
      sum + s.price + s.tax + (s.shipping ?? 0) + (s.shippingTax ?? 0) - (s.discount ?? 0),
    0,
  );
  const quantity = sketches.reduce((sum, s) => sum + s.quantity, 0);
  const header: Order = {
    AmazonOrderId: id,
    PurchaseDate: purchased,
    LastUpdateDate: purchased,
    OrderStatus: status,
    FulfillmentChannel: channel,
    SalesChannel: 'Amazon.com',
    ShipServiceLevel: channel === 'AFN' ? 'Expedited' : 'Std US D2D Dom',
    OrderTotal: usd(total),
    NumberOfItemsShipped: status === 'Shipped' ? quantity : 0,
    NumberOfItemsUnshipped: status === 'Shipped' ? 0 : quantity,
    PaymentMethod: 'Other',
    PaymentMethodDetails: ['Standard'],
    MarketplaceId: US_MARKETPLACE_ID,
    ShipmentServiceLevelCategory: channel === 'AFN' ? 'Expedited' : 'Standard',
    OrderType: 'StandardOrder',
    IsBusinessOrder: false,
    IsPrime: channel === 'AFN',
    IsPremiumOrder: false,
    IsGlobalExpressEnabled: false,
    IsReplacementOrder: false,
    IsSoldByAB: false,
    IsISPU: false,
    ...deliveryWindow,
  };
  return { order: header, items };
}
