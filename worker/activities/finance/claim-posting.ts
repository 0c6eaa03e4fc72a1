import { type GuaranteeClaim, guaranteeClaimEntry, refundsCoveredBy } from './guarantee-claim.ts';
import type { Ledger } from './ledger.ts';

export interface ClaimPostingResult {
  entryKey: string;
  created: boolean;
  /** The refund entries reversed because the claim, not the refund, settled those items. */
  reversedRefunds: string[];
}

/**
 * Books the claim, then reverses every refund booked for the items it covers. Each step is a
 * unique-key insert (`claim:…`, `reversal:refund:…`), so a retry after a crash between them
 * finishes the work and books nothing twice.
 */
export async function postClaim(
  ledger: Ledger,
  claim: GuaranteeClaim,
): Promise<ClaimPostingResult> {
  const { entry, created } = await ledger.post(guaranteeClaimEntry(claim));
  const refunds = refundsCoveredBy(claim, await ledger.entries({ orderId: claim.orderId }));
  const reason = `${entry.key} paid the buyer instead; the settlement carries the claim`;
  for (const refund of refunds) await ledger.reverse(refund.key, reason, claim.postedAt);
  return { entryKey: entry.key, created, reversedRefunds: refunds.map((refund) => refund.key) };
}
