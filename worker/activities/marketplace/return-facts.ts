import { z } from 'zod';
import { minorUnitDigits } from '#flow-language';
import type { MarketplaceOrder, MoneyEvent, OrderLine } from './marketplace-adapter.ts';
import { toMinorUnits } from './money.ts';
import { type SaleEvent, saleEventOf, sellerSaleEvents } from './sale-events.ts';

const DAY_MS = 86_400_000;

/**
 * The time zone Amazon keeps each marketplace's calendar in (return windows, reports). Amazon's
 * timestamps are UTC; "days since delivery" counts the marketplace's calendar days.
 */
const MARKETPLACE_TIME_ZONES: Record<string, string> = {
  ATVPDKIKX0DER: 'America/Los_Angeles', // US
  A2EUQ1WTGCTBG2: 'America/Los_Angeles', // CA
  A1AM78C64UM0Y8: 'America/Mexico_City', // MX
  A1F83G8C2ARO7P: 'Europe/London', // UK
  A1PA6795UKMFR9: 'Europe/Berlin', // DE
  A13V1IB3VIYZZH: 'Europe/Paris', // FR
  APJ6JRA9NG5V4: 'Europe/Rome', // IT
  A1RKKUPIHCS9HS: 'Europe/Madrid', // ES
  A1VC38T7YXB528: 'Asia/Tokyo', // JP
};

export const marketplaceTimeZone = (marketplaceId: string | undefined) =>
  (marketplaceId && MARKETPLACE_TIME_ZONES[marketplaceId]) || 'UTC';

/** The country each marketplace's buyers live in (ISO 3166-1 alpha-2): where returns go. */
const MARKETPLACE_COUNTRIES: Record<string, string> = {
  ATVPDKIKX0DER: 'US',
  A2EUQ1WTGCTBG2: 'CA',
  A1AM78C64UM0Y8: 'MX',
  A1F83G8C2ARO7P: 'GB',
  A1PA6795UKMFR9: 'DE',
  A13V1IB3VIYZZH: 'FR',
  APJ6JRA9NG5V4: 'IT',
  A1RKKUPIHCS9HS: 'ES',
  A1VC38T7YXB528: 'JP',
};

export const marketplaceCountry = (marketplaceId: string | undefined) =>
  (marketplaceId && MARKETPLACE_COUNTRIES[marketplaceId]) || 'US';

export const ReturnFactsRequestSchema = z.strictObject({
  orderId: z.string().min(1),
  orderItemId: z.string().min(1),
  /** Units returned; defaults to every unit ordered. */
  quantity: z.number().int().positive().optional(),
});
export type ReturnFactsRequest = z.infer<typeof ReturnFactsRequestSchema>;

/** What a buyer pays for an order item, component by component, as refunds give it back. */
export const COMPONENTS = [
  'principal',
  'tax',
  'shipping',
  'shippingTax',
  'giftWrap',
  'giftWrapTax',
] as const;
export type Component = (typeof COMPONENTS)[number];
export type ComponentCents = Record<Component, number>;

/** The Finances API ChargeType each component is refunded under. */
const CHARGE_TYPES: Record<Component, string> = {
  principal: 'Principal',
  tax: 'Tax',
  shipping: 'ShippingCharge',
  shippingTax: 'ShippingTax',
  giftWrap: 'GiftWrap',
  giftWrapTax: 'GiftWrapTax',
};

/** What Amazon's own records say about one returned item: the facts a refund policy decides on. */
export interface ReturnFacts {
  orderId: string;
  orderItemId: string;
  orderStatus: string;
  fulfillmentChannel: string;
  currency: string;
  /** Minor units in one unit of the currency (100 for USD, 1 for JPY): turns …Cents into amounts. */
  minorUnitsPerUnit: number;
  timeZone: string;
  /** The marketplace's country: the buyer's postcode is read there and a store there takes it. */
  country: string;
  /** Amazon shipped the item (or the whole order). */
  shipped: boolean;
  /** The promised delivery window has ended: the item is taken as delivered. */
  delivered: boolean;
  deliveredAt: string | null;
  /** Whole calendar days in the marketplace's time zone; null while not delivered. */
  daysSinceDelivery: number | null;
  quantityReturned: number;
  /**
   * Still refundable for the returned units, per component, in minor units: their share of what
   * was paid (net of promotions, so coupons are already out), capped by what is left unrefunded.
   */
  principalCents: number;
  taxCents: number;
  shippingCents: number;
  shippingTaxCents: number;
  giftWrapCents: number;
  giftWrapTaxCents: number;
  promotionIds: string[];
  /** Bought in a sale event of the seller's calendar (by promotion id or purchase day). */
  saleEvent: boolean;
  saleEventName: string | null;
  /** Free gift items given with the returned units under the same promotion, at list price. */
  giftCents: number;
  /** Already given back on this item, by Amazon or by us, in minor units. */
  refundedCents: number;
  guaranteeClaim: boolean;
  chargeback: boolean;
  /**
   * The item's price was refunded in full already, or Amazon paid a claim or chargeback on it:
   * refunding it again would pay twice. A refund of its shipping or gift wrap alone does not count.
   */
  alreadyRefunded: boolean;
}

export class UnknownOrderItem extends Error {
  override name = 'UnknownOrderItem';
}

export function returnFacts(
  order: MarketplaceOrder,
  events: MoneyEvent[],
  request: ReturnFactsRequest,
  now: Date,
  saleEvents: SaleEvent[] = sellerSaleEvents(),
): ReturnFacts {
  const line = order.items.find((item) => item.orderItemId === request.orderItemId);
  if (!line) {
    throw new UnknownOrderItem(`Order ${order.orderId} has no item ${request.orderItemId}`);
  }
  const quantity = Math.min(request.quantity ?? line.quantityOrdered, line.quantityOrdered);
  const share = (cents: number) => Math.round((cents * quantity) / line.quantityOrdered);
  const timeZone = marketplaceTimeZone(order.marketplaceId);
  const shipped = line.quantityShipped > 0 || order.status === 'Shipped';
  const deliveredAt = shipped ? deliveryOf(order, now) : null;
  const onItem = events.filter((event) => event.orderItemId === line.orderItemId);
  const paid = paidComponents(line, order.currency);
  const refunded = refundedComponents(onItem, order.currency);
  const refundable = (component: Component) =>
    Math.max(0, Math.min(share(paid[component]), paid[component] - refunded[component]));
  const guaranteeClaim = onItem.some((event) => event.kind === 'guaranteeClaim');
  const chargeback = onItem.some((event) => event.kind === 'chargeback');
  const purchaseDay = localDay(new Date(order.purchaseDate), timeZone);
  const sale = saleEventOf(saleEvents, order.marketplaceId, line.promotionIds, purchaseDay);
  return {
    orderId: order.orderId,
    orderItemId: line.orderItemId,
    orderStatus: order.status,
    fulfillmentChannel: order.fulfillmentChannel,
    currency: order.currency,
    minorUnitsPerUnit: 10 ** minorUnitDigits(order.currency),
    timeZone,
    country: marketplaceCountry(order.marketplaceId),
    shipped,
    delivered: deliveredAt !== null,
    deliveredAt: deliveredAt?.toISOString() ?? null,
    daysSinceDelivery: deliveredAt ? calendarDaysBetween(deliveredAt, now, timeZone) : null,
    quantityReturned: quantity,
    principalCents: refundable('principal'),
    taxCents: refundable('tax'),
    shippingCents: refundable('shipping'),
    shippingTaxCents: refundable('shippingTax'),
    giftWrapCents: refundable('giftWrap'),
    giftWrapTaxCents: refundable('giftWrapTax'),
    promotionIds: line.promotionIds,
    saleEvent: sale !== undefined,
    saleEventName: sale?.name ?? null,
    giftCents: share(giftsWith(order, line)),
    refundedCents: onItem.reduce(
      (sum, event) => sum + toMinorUnits(event.buyerRefund, order.currency),
      0,
    ),
    guaranteeClaim,
    chargeback,
    alreadyRefunded:
      guaranteeClaim || chargeback || (refunded.principal > 0 && refundable('principal') === 0),
  };
}

/** What the buyer paid for the whole order line, per component, net of promotions. */
export function paidComponents(line: OrderLine, currency: string): ComponentCents {
  const minor = (amount: number) => toMinorUnits(amount, currency);
  return {
    principal: minor(line.itemPrice) - minor(line.promotionDiscount),
    tax: minor(line.itemTax) - minor(line.promotionDiscountTax),
    shipping: minor(line.shippingPrice) - minor(line.shippingDiscount),
    shippingTax: minor(line.shippingTax),
    giftWrap: minor(line.giftWrapPrice ?? 0),
    giftWrapTax: minor(line.giftWrapTax ?? 0),
  };
}

/** Given back per component by refunds, claims and chargebacks (Amazon signs them negative). */
export function refundedComponents(events: MoneyEvent[], currency: string): ComponentCents {
  const total = (component: Component) =>
    events.reduce(
      (sum, event) => sum - toMinorUnits(event.charges?.[CHARGE_TYPES[component]] ?? 0, currency),
      0,
    );
  return Object.fromEntries(COMPONENTS.map((c) => [c, total(c)])) as ComponentCents;
}

/**
 * A gift is another line of the order given free (its promotion discount covers its price)
 * under a promotion of the returned line: the buyer keeps it, so a sale event deducts it.
 */
function giftsWith(order: MarketplaceOrder, line: OrderLine): number {
  return order.items
    .filter((other) => other.orderItemId !== line.orderItemId)
    .filter((other) => other.itemPrice > 0 && other.promotionDiscount >= other.itemPrice)
    .filter((other) => other.promotionIds.some((id) => line.promotionIds.includes(id)))
    .reduce((sum, gift) => sum + toMinorUnits(gift.itemPrice, order.currency), 0);
}

/** Taken as delivered once the promised window has ended (the Orders API gives no proof). */
function deliveryOf(order: MarketplaceOrder, now: Date): Date | null {
  if (!order.latestDeliveryDate) return null;
  const promised = new Date(order.latestDeliveryDate);
  return promised.getTime() <= now.getTime() ? promised : null;
}

/** Calendar days from one instant to another as a clock in `timeZone` shows them. */
export function calendarDaysBetween(from: Date, to: Date, timeZone: string): number {
  return Math.round((localMidnight(to, timeZone) - localMidnight(from, timeZone)) / DAY_MS);
}

function localMidnight(instant: Date, timeZone: string): number {
  return Date.parse(`${localDay(instant, timeZone)}T00:00:00Z`);
}

/** The calendar day (YYYY-MM-DD) a clock in `timeZone` shows at `instant`. */
export function localDay(instant: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}
