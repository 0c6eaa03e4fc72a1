import { z } from 'zod';
import type { MoneyEvent } from './marketplace-adapter.ts';
import { toMinorUnits } from './money.ts';

export const CLAIM_KINDS = ['guaranteeClaim', 'chargeback'] as const;

/**
 * Which claim event a case is about. Finances v0 events have no id: intake names one by its
 * first item's adjustment id, or by its posting time when its items carry none.
 */
export const ClaimRequestSchema = z
  .object({
    orderId: z.string().min(1),
    kind: z.enum(CLAIM_KINDS),
    adjustmentId: z.string().optional(),
    postedDate: z.string().optional(),
  })
  .refine((request) => request.adjustmentId || request.postedDate, {
    message: 'Name the event: adjustmentId, or postedDate when its items carry no adjustment id',
  });
export type ClaimRequest = z.infer<typeof ClaimRequestSchema>;

/** One A-to-Z claim or chargeback as Amazon settled it, amounts in the currency's minor unit. */
export interface ClaimFacts {
  orderId: string;
  kind: ClaimRequest['kind'];
  orderItemIds: string[];
  adjustmentIds: string[];
  /** What went back to the buyer; negative when the event gives money back to the seller. */
  amount: number;
  currency: string;
  postedDate: string;
}

/** The event is not (or no longer) among the order's financial events: retrying won't help. */
export class ClaimNotFound extends Error {
  override name = 'ClaimNotFound';
}

/**
 * The items of the one event the request names, never the order's other claims: an order with
 * two chargebacks is two cases, each booking its own amount.
 */
export function readClaim(events: MoneyEvent[], request: ClaimRequest): ClaimFacts {
  const items = events.filter((event) => event.kind === request.kind && isTheEvent(event, request));
  const [first] = items;
  const currency = items.find((item) => item.currency)?.currency;
  if (!first || !currency) {
    const name = request.adjustmentId
      ? `with adjustment id ${request.adjustmentId}`
      : `posted ${request.postedDate}`;
    throw new ClaimNotFound(
      `No ${request.kind} event ${name} among the financial events of order ${request.orderId}`,
    );
  }
  return {
    orderId: request.orderId,
    kind: request.kind,
    orderItemIds: [...new Set(items.map((item) => item.orderItemId))],
    adjustmentIds: items.flatMap((item) => (item.adjustmentId ? [item.adjustmentId] : [])),
    amount: items.reduce((sum, item) => sum + toMinorUnits(item.buyerRefund, currency), 0),
    currency,
    postedDate: first.postedDate,
  };
}

function isTheEvent(event: MoneyEvent, request: ClaimRequest): boolean {
  if (request.adjustmentId) return event.eventAdjustmentId === request.adjustmentId;
  // Compared as instants: Amazon and the case may write the same time differently.
  return (
    event.eventAdjustmentId === undefined &&
    Date.parse(event.postedDate) === Date.parse(request.postedDate ?? '')
  );
}
