import type { FinancialEvents, ShipmentEvent } from '@sp-api-sdk/finances-api-v0';
import { type IntakeAccount, intakeCaseFields } from './intake-account.ts';
import type { IntakeSubmission } from './intake-case-start.ts';
import type { OrderRecord } from './order-lookup.ts';
import { intakeCaseId, intakeRequester } from './return-cases.ts';

export const A_TO_Z_CLAIM = 'a-to-z.claim-filed';
/** The shipped `chargeback` policy listens to it (policies/chargeback.flow.json). */
export const CHARGEBACK = 'chargeback.received';

export type ClaimKind = 'guaranteeClaim' | 'chargeback';

/** A claim Amazon settled against the seller, as a financial event lists it. */
export interface ClaimEvent {
  kind: ClaimKind;
  /** Our id for it: Finances v0 events have none, their adjusted items do. */
  eventId: string;
  orderId: string;
  /** The event's first OrderAdjustmentItemId, which names it; absent when its items carry none. */
  adjustmentId?: string;
  postedDate: string;
}

const LISTS: [ClaimKind, keyof FinancialEvents][] = [
  ['guaranteeClaim', 'GuaranteeClaimEventList'],
  ['chargeback', 'ChargebackEventList'],
];

/**
 * The A-to-Z and chargeback events of one page. Refund events are not cases: the flows read
 * every refund (ours and Amazon's) per item when they decide (marketplace.readReturnFacts).
 */
export function claimEvents(events: FinancialEvents): ClaimEvent[] {
  return LISTS.flatMap(([kind, list]) =>
    ((events[list] as ShipmentEvent[] | undefined) ?? []).flatMap((event) => {
      const orderId = event.AmazonOrderId;
      if (!orderId || !event.PostedDate) return [];
      // Amazon numbers each adjusted item once for good; the event itself carries no id.
      const adjustment = event.ShipmentItemAdjustmentList?.[0]?.OrderAdjustmentItemId;
      const eventId = `${orderId}-${adjustment ?? Date.parse(event.PostedDate)}`;
      return [
        {
          kind,
          eventId,
          orderId,
          ...(adjustment && { adjustmentId: adjustment }),
          postedDate: event.PostedDate,
        },
      ];
    }),
  );
}

export function claimCaseId(claim: ClaimEvent): string {
  return intakeCaseId(claim.kind === 'guaranteeClaim' ? 'a-to-z' : 'chargeback', claim.eventId);
}

/**
 * The case a claim event names. Amazon's financial event says the claim was paid, not why it
 * was filed: an A-to-Z case carries `item-not-received` as its reason (the README says so).
 * Both name their event (adjustment id, posting time), so the flow reads and books that claim
 * alone (marketplace.readClaim), not every claim of the order. An A-to-Z case only offers them:
 * A-to-Z versions published before they were declared refuse undeclared inputs. A chargeback
 * mails no buyer, so it carries no buyer e-mail.
 */
export function claimSubmission(
  account: IntakeAccount,
  claim: ClaimEvent,
  order: OrderRecord | undefined,
): IntakeSubmission {
  const caseId = claimCaseId(claim);
  const buyerEmail = order?.order.BuyerInfo?.BuyerEmail;
  const common = {
    caseId,
    requestedBy: intakeRequester(account),
    ...intakeCaseFields(account),
  };
  if (claim.kind === 'chargeback') {
    return {
      ...common,
      trigger: CHARGEBACK,
      input: {
        orderId: claim.orderId,
        chargebackId: caseId,
        ...(claim.adjustmentId && { adjustmentId: claim.adjustmentId }),
        postedDate: claim.postedDate,
      },
    };
  }
  return {
    ...common,
    trigger: A_TO_Z_CLAIM,
    input: {
      orderId: claim.orderId,
      claimId: caseId,
      claimReason: 'item-not-received',
      ...(buyerEmail && { buyerEmail }),
    },
    offered: {
      ...(claim.adjustmentId && { adjustmentId: claim.adjustmentId }),
      postedDate: claim.postedDate,
    },
  };
}
