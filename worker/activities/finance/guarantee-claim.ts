import { ACCOUNT } from './chart-of-accounts.ts';
import { credit, debit, type JournalEntryDraft, UnbalancedEntry } from './journal-entry.ts';

/** An A-to-Z guarantee claim Amazon paid the buyer and charged to the seller, in minor units. */
export interface GuaranteeClaim {
  caseId: string;
  claimId: string;
  orderId: string;
  currency: string;
  amount: number;
  postedAt: Date;
}

/**
 * Amazon takes the claim out of what it owes the seller, so the settlement shows it against
 * marketplace clearing; the seller's cost is a claims expense. One entry per claim id.
 */
export function guaranteeClaimEntry(claim: GuaranteeClaim): JournalEntryDraft {
  const key = `claim:${claim.claimId}`;
  if (!Number.isInteger(claim.amount) || claim.amount <= 0) {
    throw new UnbalancedEntry(`${key}: a paid claim needs a positive amount in minor units`);
  }
  return {
    key,
    currency: claim.currency,
    postedAt: claim.postedAt,
    description: `A-to-Z claim ${claim.claimId} paid by Amazon on order ${claim.orderId} (case ${claim.caseId})`,
    lines: [
      debit(ACCOUNT.guaranteeClaims, claim.amount, `claim ${claim.claimId}`),
      credit(ACCOUNT.marketplaceClearing, claim.amount, 'charged by Amazon'),
    ],
    reference: {
      kind: 'guarantee-claim',
      caseId: claim.caseId,
      claimId: claim.claimId,
      orderId: claim.orderId,
    },
  };
}
