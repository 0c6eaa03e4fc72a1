import { ACCOUNT } from './chart-of-accounts.ts';
import { credit, debit, type JournalEntryDraft, UnbalancedEntry } from './journal-entry.ts';
import type { PostedEntry } from './ledger.ts';

/** Money Amazon took back for a buyer: an A-to-Z guarantee claim or a card chargeback. */
export type ClaimKind = 'guarantee-claim' | 'chargeback';

/** A claim Amazon paid the buyer and charged to the seller, in minor units. */
export interface GuaranteeClaim {
  kind?: ClaimKind;
  caseId: string;
  claimId: string;
  orderId: string;
  /** The order items the claim covers (its financial event's items); absent: the whole order. */
  orderItemIds?: string[];
  currency: string;
  amount: number;
  postedAt: Date;
}

const KEY_PREFIX: Record<ClaimKind, string> = {
  'guarantee-claim': 'claim',
  chargeback: 'chargeback',
};
const WORDS: Record<ClaimKind, string> = {
  'guarantee-claim': 'A-to-Z claim',
  chargeback: 'Chargeback',
};

export const claimKey = (claim: Pick<GuaranteeClaim, 'kind' | 'claimId'>) =>
  `${KEY_PREFIX[claim.kind ?? 'guarantee-claim']}:${claim.claimId}`;

/**
 * Amazon takes the claim out of what it owes the seller, so the settlement shows it against
 * marketplace clearing; the seller's cost is a claims expense. One entry per claim id.
 */
export function guaranteeClaimEntry(claim: GuaranteeClaim): JournalEntryDraft {
  const kind = claim.kind ?? 'guarantee-claim';
  const key = claimKey(claim);
  if (!Number.isInteger(claim.amount) || claim.amount <= 0) {
    throw new UnbalancedEntry(`${key}: a paid claim needs a positive amount in minor units`);
  }
  return {
    key,
    currency: claim.currency,
    postedAt: claim.postedAt,
    description: `${WORDS[kind]} ${claim.claimId} paid by Amazon on order ${claim.orderId} (case ${claim.caseId})`,
    lines: [
      debit(ACCOUNT.guaranteeClaims, claim.amount, `${WORDS[kind]} ${claim.claimId}`),
      credit(ACCOUNT.marketplaceClearing, claim.amount, 'charged by Amazon'),
    ],
    reference: {
      kind,
      caseId: claim.caseId,
      claimId: claim.claimId,
      orderId: claim.orderId,
      ...(claim.orderItemIds ? { orderItemIds: claim.orderItemIds } : {}),
    },
  };
}

/**
 * The refunds booked for the items a claim covers. Amazon's settlement carries the claim, not
 * the refund, for money that went back to the buyer through the claim, so the ledger reverses
 * them. A refund booked without its items (a whole-order refund) or a claim without items
 * (a whole-order claim) covers every item of the order.
 */
export function refundsCoveredBy(claim: GuaranteeClaim, entries: PostedEntry[]): PostedEntry[] {
  return entries.filter(
    (entry) =>
      entry.reference?.kind === 'refund' &&
      entry.reference.orderId === claim.orderId &&
      !entry.reverses &&
      sameItems(claim.orderItemIds ?? [], itemsOf(entry)),
  );
}

/** The claims and chargebacks booked on an order that cover a refund's items, if any. */
export function claimsCovering(refund: PostedEntry, entries: PostedEntry[]): PostedEntry[] {
  return entries.filter(
    (entry) =>
      CLAIM_KINDS.includes(entry.reference?.kind as ClaimKind) &&
      entry.reference?.orderId === refund.reference?.orderId &&
      sameItems(itemsOf(entry), itemsOf(refund)),
  );
}

const CLAIM_KINDS: ClaimKind[] = ['guarantee-claim', 'chargeback'];

const itemsOf = (entry: PostedEntry): string[] =>
  Array.isArray(entry.reference?.orderItemIds) ? (entry.reference.orderItemIds as string[]) : [];

// No item list means the whole order.
const sameItems = (claimed: string[], refunded: string[]) =>
  claimed.length === 0 || refunded.length === 0 || refunded.some((id) => claimed.includes(id));
