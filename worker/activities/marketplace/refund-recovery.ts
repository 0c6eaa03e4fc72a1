import { ApplicationFailure } from '@temporalio/activity';
import { type RefundContext, releaseUnlessInFlight } from './refund-context.ts';
import type { RefundIntentRecord } from './refund-intent-record.ts';
import { unexplainedEvents } from './refundable-amounts.ts';

/**
 * A refund stuck in "submitting": createFeed was sent but its answer never got recorded (lost
 * reply, timeout, worker killed). Amazon does not deduplicate, so we look before resubmitting:
 *  - exactly one payment-adjustment feed created since we sent, owned by no other refund →
 *    it is ours (we held the account's submission lock), adopt it;
 *  - several → we cannot tell which is ours: needs review, nothing is resubmitted;
 *  - none, once the settle time has passed → createFeed never took effect; unless financial
 *    events show an unexplained refund for our items, it is safe to submit again.
 */
export async function reconcileSubmitting(
  context: RefundContext,
  intent: RefundIntentRecord,
): Promise<RefundIntentRecord> {
  const { adapter, intents, settings } = context;
  const submittingAt = intent.submittingAt ?? intent.updatedAt;
  const since = new Date(submittingAt.getTime() - settings.clockSkewMs);
  const feeds = await adapter.findSubmittedAdjustments(since);
  const claimed = await intents.claimedFeedIds(
    feeds.map((feed) => feed.feedId),
    intent._id,
  );
  const unclaimed = feeds.filter((feed) => !claimed.has(feed.feedId));
  const [only] = unclaimed;
  if (only && unclaimed.length === 1) {
    await intents.recordFeed(
      intent._id,
      only.feedId,
      `adopted feed ${only.feedId} found by getFeeds`,
    );
  } else if (unclaimed.length > 1) {
    const candidateFeedIds = unclaimed.map((feed) => feed.feedId);
    await intents.move(
      intent._id,
      'submitting',
      'needs-review',
      `createFeed answer lost and ${unclaimed.length} unattributed feeds exist: ${candidateFeedIds.join(', ')}`,
      { set: { candidateFeedIds } },
    );
  } else {
    await concludeNotSubmitted(context, intent, submittingAt, since);
  }
  await releaseUnlessInFlight(context, intent);
  return intents.get(intent._id);
}

async function concludeNotSubmitted(
  context: RefundContext,
  intent: RefundIntentRecord,
  submittingAt: Date,
  since: Date,
): Promise<void> {
  const { adapter, intents, settings } = context;
  const age = Date.now() - submittingAt.getTime();
  if (age < settings.settleMs) {
    // A feed may still appear (a slow createFeed, a lagging list): wait, holding the lock.
    throw ApplicationFailure.create({
      message: `Refund ${intent._id}: createFeed outcome unknown; checking again once it settles`,
      type: 'RefundSubmissionUnsettled',
      nextRetryDelay: settings.settleMs - age,
    });
  }
  const events = await adapter.listFinancialEvents(intent.orderId);
  const others = await intents.othersOnOrder(intent.orderId, intent._id);
  const itemIds = new Set(intent.lines.map((line) => line.orderItemId));
  const unexplained = unexplainedEvents(events, others, settings.clockSkewMs).filter(
    (event) => itemIds.has(event.orderItemId) && Date.parse(event.postedDate) >= since.getTime(),
  );
  if (unexplained.length > 0) {
    await intents.move(
      intent._id,
      'submitting',
      'needs-review',
      'no feed found, but financial events show an unexplained refund on these items',
    );
    return;
  }
  await intents.move(intent._id, 'submitting', 'prepared', 'no feed reached Amazon; may resubmit', {
    unset: ['submittingAt'],
  });
}
