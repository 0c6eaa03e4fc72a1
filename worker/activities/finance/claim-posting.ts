import {
  claimsCovering,
  type GuaranteeClaim,
  guaranteeClaimEntry,
  refundsCoveredBy,
} from './guarantee-claim.ts';
import type { JournalEntryDraft } from './journal-entry.ts';
import type { Ledger, PostResult } from './ledger.ts';

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

/**
 * Books a refund; if a claim or chargeback on its items was booked first (the claim's case ran
 * before the refund's), the refund is reversed at once, as the claim would have reversed it.
 */
export async function postRefundEntry(
  ledger: Ledger,
  draft: JournalEntryDraft,
): Promise<PostResult & { reversedBy?: string }> {
  const posted = await ledger.post(draft);
  const orderId = String(draft.reference?.orderId ?? '');
  const [claim] = claimsCovering(posted.entry, await ledger.entries({ orderId }));
  if (!claim) return posted;
  const reason = `${claim.key} paid the buyer instead; the settlement carries the claim`;
  await ledger.reverse(posted.entry.key, reason, draft.postedAt);
  return { ...posted, reversedBy: claim.key };
}
