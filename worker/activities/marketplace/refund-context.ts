import type { MarketplaceAdapter, SellerAccount } from './marketplace-adapter.ts';
import type { RefundSettings } from './marketplace-config.ts';
import type { RefundIntentRecord } from './refund-intent-record.ts';
import type { RefundIntents } from './refund-intents.ts';
import type { SubmissionLocks } from './submission-lock.ts';

/** What the refund steps need from the activity: liveness, cancellable waits, a time budget. */
export interface RefundRuntime {
  heartbeat(details?: unknown): void;
  sleep(ms: number): Promise<void>;
  /** Epoch ms by which this attempt must hand control back to Temporal. */
  deadline: number;
  workflowId?: string;
  activityId?: string;
}

export interface RefundContext {
  adapter: MarketplaceAdapter;
  intents: RefundIntents;
  locks: SubmissionLocks;
  settings: RefundSettings;
  runtime: RefundRuntime;
  /** The configured account refunds go through; absent: the default account. */
  accountId?: string;
}

export const accountKey = (account: SellerAccount) =>
  `${account.sellerId}:${account.marketplaceId}`;

/** Lets the next submitter in, unless our createFeed may still be in flight. */
export async function releaseUnlessInFlight(
  context: RefundContext,
  intent: RefundIntentRecord,
): Promise<void> {
  const current = await context.intents.find(intent._id);
  if (current?.state === 'submitting') return;
  await context.locks.release(intent.account, intent._id);
}
