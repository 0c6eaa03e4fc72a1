import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * A sale event (Prime Day, Black Friday, Singles' Day) as the seller configures it per
 * marketplace: the promotion ids of its deals, or the calendar days it ran (inclusive, in the
 * marketplace's calendar), or both. Amazon's orders name promotion ids, never the event: which
 * promotions make a sale event is the seller's policy, not the buyer's or the caller's word.
 */
const SaleEventSchema = z
  .strictObject({
    name: z.string().min(1),
    marketplaceId: z.string().min(1),
    promotionIds: z.array(z.string().min(1)).default([]),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
  })
  .refine((event) => event.promotionIds.length > 0 || (event.from && event.to), {
    message: 'A sale event needs promotion ids or a from/to date range',
  });
export type SaleEvent = z.infer<typeof SaleEventSchema>;

const SaleCalendarSchema = z.strictObject({ saleEvents: z.array(SaleEventSchema) });

const SHIPPED_CALENDAR = new URL('../../../policies/sale-events.json', import.meta.url);

/** `ACORN_SALE_EVENTS_FILE` names the seller's calendar; unset, the shipped demo calendar. */
export function loadSaleEvents(env: NodeJS.ProcessEnv = process.env): SaleEvent[] {
  const file = env.ACORN_SALE_EVENTS_FILE || SHIPPED_CALENDAR;
  const parsed = SaleCalendarSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`Invalid sale-event calendar ${String(file)}: ${parsed.error.message}`);
  }
  return parsed.data.saleEvents;
}

let loaded: SaleEvent[] | undefined;

/** The worker's calendar, read once: a changed file takes effect at the next worker start. */
export function sellerSaleEvents(): SaleEvent[] {
  loaded ??= loadSaleEvents();
  return loaded;
}

/**
 * The sale event an order item was bought in: one of its promotions is an event's deal, or it
 * was bought on one of the event's days (`purchaseDay` in the marketplace's calendar).
 */
export function saleEventOf(
  events: SaleEvent[],
  marketplaceId: string | undefined,
  promotionIds: string[],
  purchaseDay: string,
): SaleEvent | undefined {
  return events
    .filter((event) => event.marketplaceId === marketplaceId)
    .find(
      (event) =>
        event.promotionIds.some((id) => promotionIds.includes(id)) ||
        (event.from !== undefined &&
          event.to !== undefined &&
          event.from <= purchaseDay &&
          purchaseDay <= event.to),
    );
}
