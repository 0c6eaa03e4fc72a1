import type { MoneyEvent } from './marketplace-adapter.ts';
import { fromCents, toCents, toMinorUnits } from './money.ts';

/** What `marketplace.listFinancialEvents` answers: an order's refunds, claims and chargebacks. */
export function summariseEvents(orderId: string, events: MoneyEvent[]) {
  const of = (kind: MoneyEvent['kind']) => events.filter((event) => event.kind === kind);
  const refundedCents = events.reduce((sum, event) => sum + toCents(event.buyerRefund), 0);
  // The ledger books claims in the currency's own minor unit (¥ have none), as refunds are.
  const claimedCents = of('guaranteeClaim').reduce(
    (sum, event) => sum + toMinorUnits(event.buyerRefund, event.currency ?? 'USD'),
    0,
  );
  return {
    orderId,
    refunds: of('refund'),
    guaranteeClaims: of('guaranteeClaim'),
    chargebacks: of('chargeback'),
    refundedTotal: fromCents(refundedCents),
    hasGuaranteeClaim: of('guaranteeClaim').length > 0,
    guaranteeClaimedCents: claimedCents,
    hasChargeback: of('chargeback').length > 0,
  };
}
