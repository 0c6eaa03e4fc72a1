import { ApplicationFailure } from '@temporalio/activity';
import { paymentAdjustmentXml } from './adjustment-feed.ts';
import { accountKey, type RefundContext, releaseUnlessInFlight } from './refund-context.ts';
import type { RefundIntentRecord } from './refund-intent-record.ts';
import { reconcileSubmitting } from './refund-recovery.ts';
import { overRefundProblems } from './refundable-amounts.ts';
import { provesNotCarriedOut } from './sp-api-failures.ts';

const SETTLED = new Set(['submitted', 'done', 'failed', 'needs-review']);

/** prepared → submitting → submitted: the money step, under the account's submission lock. */
export async function submitPrepared(
  context: RefundContext,
  intent: RefundIntentRecord,
): Promise<RefundIntentRecord> {
  const { account } = context.adapter;
  if (intent.account !== accountKey(account)) {
    // The worker was reconfigured for another seller: never send this refund from there.
    throw ApplicationFailure.nonRetryable(
      `Refund ${intent._id} belongs to ${intent.account}, not ${accountKey(account)}`,
      'RefundAccountMismatch',
    );
  }
  await acquireSubmissionLock(context, intent);
  try {
    await assertRefundable(context, intent);
    const xml = paymentAdjustmentXml({ ...intent, sellerId: account.sellerId });
    const feedDocumentId = await context.adapter.uploadAdjustmentDocument(xml);
    // Persisted before createFeed: from here on, a retry must look before it submits again.
    const sending = await context.intents.move(
      intent._id,
      'prepared',
      'submitting',
      'sending createFeed',
      {
        set: { feedDocumentId, submittingAt: new Date() },
      },
    );
    if (sending) {
      const feedId = await createFeed(context, intent, feedDocumentId);
      await context.intents.recordFeed(intent._id, feedId, `Amazon accepted feed ${feedId}`);
    }
    return await context.intents.get(intent._id);
  } finally {
    await releaseUnlessInFlight(context, intent);
  }
}

async function createFeed(context: RefundContext, intent: RefundIntentRecord, documentId: string) {
  try {
    return await context.adapter.submitAdjustmentFeed(documentId);
  } catch (error) {
    // 429 and 4xx prove Amazon did nothing; only then may we go back to "prepared".
    if (provesNotCarriedOut(error)) {
      await context.intents.move(
        intent._id,
        'submitting',
        'prepared',
        `createFeed refused: ${(error as Error).message}`,
        { unset: ['submittingAt'] },
      );
    }
    throw error;
  }
}

/** Refunded + pending + this refund ≤ paid, checked under the lock right before sending. */
async function assertRefundable(context: RefundContext, intent: RefundIntentRecord): Promise<void> {
  const { adapter, intents, settings } = context;
  const [order, events, others] = await Promise.all([
    adapter.getOrder(intent.orderId),
    adapter.listFinancialEvents(intent.orderId),
    intents.othersOnOrder(intent.orderId, intent._id),
  ]);
  const problems = overRefundProblems(order, events, others, intent.lines, settings.clockSkewMs);
  if (problems.length > 0) {
    throw ApplicationFailure.nonRetryable(
      `Refund ${intent._id} refused: ${problems.join('; ')}`,
      'RefundExceedsPaid',
      { refundId: intent._id, problems },
    );
  }
}

async function acquireSubmissionLock(context: RefundContext, intent: RefundIntentRecord) {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const lock = await context.locks.tryAcquire(intent.account, intent._id);
    if (lock.acquired) return;
    await clearAbandonedLock(context, intent.account, lock.holder, lock.since);
  }
  throw ApplicationFailure.create({
    message: `Another refund is being submitted for ${intent.account}`,
    type: 'RefundSubmissionBusy',
    nextRetryDelay: 1_000,
  });
}

/**
 * The holder may be a refund whose worker died. A settled holder just forgot to let go; one in
 * "submitting" is reconciled here exactly as its own retry would; a "prepared" holder keeps
 * the lock until its lease runs out.
 */
async function clearAbandonedLock(
  context: RefundContext,
  account: string,
  holderId: string,
  since?: Date,
): Promise<void> {
  const holder = await context.intents.find(holderId);
  if (holder?.state === 'submitting') {
    await reconcileSubmitting(context, holder);
    return;
  }
  const leaseOver = !since || Date.now() - since.getTime() > context.settings.leaseMs;
  if (!holder || SETTLED.has(holder.state) || leaseOver) {
    await context.locks.release(account, holderId);
    return;
  }
  throw ApplicationFailure.create({
    message: `Refund ${holderId} is being submitted for ${account}`,
    type: 'RefundSubmissionBusy',
    nextRetryDelay: 1_000,
  });
}
