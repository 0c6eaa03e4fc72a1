import { z } from 'zod';
import type { MarketplaceOrder, MoneyEvent } from './marketplace-adapter.ts';
import { toCents } from './money.ts';

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

export const ReturnFactsRequestSchema = z.strictObject({
  orderId: z.string().min(1),
  orderItemId: z.string().min(1),
  /** Units returned; defaults to every unit ordered. */
  quantity: z.number().int().positive().optional(),
});
export type ReturnFactsRequest = z.infer<typeof ReturnFactsRequestSchema>;

/** What Amazon's own records say about one returned item: the facts a refund policy decides on. */
export interface ReturnFacts {
  orderId: string;
  orderItemId: string;
  orderStatus: string;
  fulfillmentChannel: string;
  currency: string;
  timeZone: string;
  /** Amazon shipped the item (or the whole order). */
  shipped: boolean;
  /** The promised delivery window has ended: the item is taken as delivered. */
  delivered: boolean;
  deliveredAt: string | null;
  /** Whole calendar days in the marketplace's time zone; null while not delivered. */
  daysSinceDelivery: number | null;
  quantityReturned: number;
  /** What the buyer paid for the returned units, net of promotions, in minor units. */
  principalCents: number;
  taxCents: number;
  promotionIds: string[];
  /** Already given back on this item, by Amazon or by us, in minor units. */
  refundedCents: number;
  guaranteeClaim: boolean;
  chargeback: boolean;
  /** This item was refunded or claimed already: refunding it again would pay twice. */
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
): ReturnFacts {
  const line = order.items.find((item) => item.orderItemId === request.orderItemId);
  if (!line) {
    throw new UnknownOrderItem(`Order ${order.orderId} has no item ${request.orderItemId}`);
  }
  const quantity = Math.min(request.quantity ?? line.quantityOrdered, line.quantityOrdered);
  const share = (total: number) => Math.round((toCents(total) * quantity) / line.quantityOrdered);
  const timeZone = marketplaceTimeZone(order.marketplaceId);
  const shipped = line.quantityShipped > 0 || order.status === 'Shipped';
  const deliveredAt = shipped ? deliveryOf(order, now) : null;
  const onItem = events.filter((event) => event.orderItemId === line.orderItemId);
  const refundedCents = onItem.reduce((sum, event) => sum + toCents(event.buyerRefund), 0);
  const guaranteeClaim = onItem.some((event) => event.kind === 'guaranteeClaim');
  const chargeback = onItem.some((event) => event.kind === 'chargeback');
  return {
    orderId: order.orderId,
    orderItemId: line.orderItemId,
    orderStatus: order.status,
    fulfillmentChannel: order.fulfillmentChannel,
    currency: order.currency,
    timeZone,
    shipped,
    delivered: deliveredAt !== null,
    deliveredAt: deliveredAt?.toISOString() ?? null,
    daysSinceDelivery: deliveredAt ? calendarDaysBetween(deliveredAt, now, timeZone) : null,
    quantityReturned: quantity,
    principalCents: share(line.itemPrice - line.promotionDiscount),
    taxCents: share(line.itemTax - line.promotionDiscountTax),
    promotionIds: line.promotionIds,
    refundedCents,
    guaranteeClaim,
    chargeback,
    alreadyRefunded: refundedCents > 0 || guaranteeClaim || chargeback,
  };
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
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'));
}
