import type { AdjustmentLine, ComponentType } from './adjustment-feed.ts';
import type { MarketplaceOrder, MoneyEvent, OrderLine } from './marketplace-adapter.ts';
import { centsText, toCents } from './money.ts';
import type { RefundIntentRecord } from './refund-intent-record.ts';

/** What the buyer paid for one order item, net of promotions, in cents. */
export function paidCents(line: OrderLine): number {
  return (
    toCents(line.itemPrice) -
    toCents(line.promotionDiscount) +
    toCents(line.itemTax) -
    toCents(line.promotionDiscountTax) +
    toCents(line.shippingPrice) -
    toCents(line.shippingDiscount) +
    toCents(line.shippingTax)
  );
}

/** The buyer-paid part of a refund line; deductions (restocking fee) are ignored to stay safe. */
export function grossCents(line: AdjustmentLine): number {
  const { Principal = 0, Shipping = 0, Tax = 0, ShippingTax = 0 } = line.components;
  return Principal + Shipping + Tax + ShippingTax;
}

/**
 * Financial events no refund of ours explains. Amazon's events do not carry our adjustment id,
 * so each of our lines explains at most one event with the same item and amount, posted after
 * we submitted (less the clock skew). Whatever is left, Amazon refunded on its own.
 */
export function unexplainedEvents(
  events: MoneyEvent[],
  ours: RefundIntentRecord[],
  clockSkewMs: number,
): MoneyEvent[] {
  const left = [...events];
  for (const intent of ours) {
    const since = (intent.submittingAt ?? intent.createdAt).getTime() - clockSkewMs;
    for (const line of intent.lines) {
      const index = left.findIndex(
        (event) =>
          event.orderItemId === line.orderItemId &&
          toCents(event.buyerRefund) === grossCents(line) &&
          Date.parse(event.postedDate) >= since,
      );
      if (index >= 0) left.splice(index, 1);
    }
  }
  return left;
}

/** Feed component → Finances ChargeType and the order line's part it gives back. */
const REFUNDED_AS: [ComponentType, string, (line: OrderLine) => number][] = [
  ['Principal', 'Principal', (l) => toCents(l.itemPrice) - toCents(l.promotionDiscount)],
  ['Tax', 'Tax', (l) => toCents(l.itemTax) - toCents(l.promotionDiscountTax)],
  ['Shipping', 'ShippingCharge', (l) => toCents(l.shippingPrice) - toCents(l.shippingDiscount)],
  ['ShippingTax', 'ShippingTax', (l) => toCents(l.shippingTax)],
];

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/**
 * Refunded (by Amazon or us) + pending (ours) + this refund must not exceed what was paid, per
 * order item and per component: the item's price cannot be refunded out of its shipping, nor
 * the reverse. Returns one sentence per item or component that would be over-refunded.
 */
export function overRefundProblems(
  order: MarketplaceOrder,
  events: MoneyEvent[],
  others: RefundIntentRecord[],
  mine: AdjustmentLine[],
  clockSkewMs: number,
): string[] {
  const outside = unexplainedEvents(events, others, clockSkewMs);
  const problems: string[] = [];
  for (const itemId of new Set(mine.map((line) => line.orderItemId))) {
    const item = order.items.find((candidate) => candidate.orderItemId === itemId);
    const amazonEvents = outside.filter((e) => e.orderItemId === itemId);
    const ourLines = others.flatMap((o) => o.lines).filter((l) => l.orderItemId === itemId);
    const myLines = mine.filter((l) => l.orderItemId === itemId);
    const byAmazon = sum(amazonEvents.map((e) => toCents(e.buyerRefund)));
    const byUs = sum(ourLines.map(grossCents));
    const requested = sum(myLines.map(grossCents));
    const paid = item ? paidCents(item) : 0;
    if (byAmazon + byUs + requested > paid) {
      problems.push(
        `Order item ${itemId}: refunding ${centsText(requested)} would exceed the ${centsText(paid)} paid ` +
          `(${centsText(byAmazon)} already refunded by Amazon, ${centsText(byUs)} by earlier refunds)`,
      );
      continue;
    }
    for (const [component, chargeType, paidOf] of REFUNDED_AS) {
      const given =
        sum(amazonEvents.map((e) => -toCents(e.charges?.[chargeType] ?? 0))) +
        sum(ourLines.map((l) => l.components[component] ?? 0));
      const asked = sum(myLines.map((l) => l.components[component] ?? 0));
      const componentPaid = item ? paidOf(item) : 0;
      if (asked > 0 && given + asked > componentPaid) {
        problems.push(
          `Order item ${itemId}: refunding ${centsText(asked)} of ${component} would exceed the ` +
            `${centsText(componentPaid)} paid for it (${centsText(given)} already refunded)`,
        );
      }
    }
  }
  return problems;
}
