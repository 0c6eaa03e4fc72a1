import { ApplicationFailure } from '@temporalio/activity';
import { fromCents } from './money.ts';
import { followFeed } from './refund-completion.ts';
import { accountKey, type RefundContext } from './refund-context.ts';
import type { RefundIntentRecord } from './refund-intent-record.ts';
import { reconcileSubmitting } from './refund-recovery.ts';
import {
  parseRefundRequest,
  type RefundRequest,
  refundFingerprint,
  refundIdOf,
  refundLines,
} from './refund-request.ts';
import { submitPrepared } from './refund-submission.ts';

export interface RefundResult {
  refundId: string;
  orderId: string;
  status: 'done';
  feedId: string;
  currency: string;
  /** Net amount returned to the buyer (deductions subtracted). */
  amount: number;
  adjustmentItemIds: string[];
}

// Each pass moves the intent at least one state forward; more passes than states means a bug.
const MAX_PASSES = 8;

/**
 * Issues a refund at most once per refund id, however often it is retried or re-run: the
 * intent is stored before Amazon hears of it, and each pass continues from the stored state.
 */
export async function issueRefund(context: RefundContext, input: unknown): Promise<RefundResult> {
  const request = parseRefundRequest(input);
  return driveRefund(context, await openIntent(context, request));
}

/** Moves a stored refund on from wherever it stands until Amazon's verdict, or fails. */
export async function driveRefund(
  context: RefundContext,
  stored: RefundIntentRecord,
): Promise<RefundResult> {
  let intent = stored;
  for (let pass = 0; pass < MAX_PASSES; pass += 1) {
    switch (intent.state) {
      case 'done':
        return refundResult(intent);
      case 'failed':
        throw ApplicationFailure.nonRetryable(
          `Refund ${intent._id} failed: ${intent.outcome}`,
          'RefundRejected',
          { refundId: intent._id, feedId: intent.feedId ?? null },
        );
      case 'needs-review':
        throw ApplicationFailure.nonRetryable(
          `Refund ${intent._id} needs review: ${intent.outcome ?? intent.history.at(-1)?.note}`,
          'RefundNeedsReview',
          { refundId: intent._id, candidateFeedIds: intent.candidateFeedIds ?? [] },
        );
      case 'submitted':
        intent = await followFeed(context, intent);
        break;
      case 'submitting':
        intent = await reconcileSubmitting(context, intent);
        break;
      case 'prepared':
        intent = await submitPrepared(context, intent);
        break;
    }
  }
  throw ApplicationFailure.retryable(`Refund ${intent._id} did not settle`, 'RefundUnsettled');
}

async function openIntent(context: RefundContext, request: RefundRequest) {
  const refundId = refundIdOf(request);
  const fingerprint = refundFingerprint(request);
  const existing =
    (await context.intents.find(refundId)) ?? (await createIntent(context, request, fingerprint));
  if (existing.fingerprint !== fingerprint) {
    throw ApplicationFailure.nonRetryable(
      `Refund ${refundId} already exists for a different order, reason or amounts`,
      'RefundConflict',
    );
  }
  return existing;
}

async function createIntent(context: RefundContext, request: RefundRequest, fingerprint: string) {
  const order = await context.adapter.getOrder(request.orderId);
  const { runtime } = context;
  return context.intents.createIfAbsent({
    _id: refundIdOf(request),
    caseId: request.caseId,
    orderId: request.orderId,
    account: accountKey(context.adapter.account),
    ...(context.accountId ? { accountId: context.accountId } : {}),
    marketplaceId: context.adapter.account.marketplaceId,
    currency: order.currency,
    reason: request.reason,
    lines: refundLines(request, order),
    fingerprint,
    createdAt: new Date(),
    ...(runtime.workflowId ? { workflowId: runtime.workflowId } : {}),
    ...(runtime.activityId ? { activityId: runtime.activityId } : {}),
  });
}

export function refundResult(intent: RefundIntentRecord): RefundResult {
  const cents = intent.lines.reduce(
    (sum, line) => sum + Object.values(line.components).reduce((a, b) => a + (b ?? 0), 0),
    0,
  );
  return {
    refundId: intent._id,
    orderId: intent.orderId,
    status: 'done',
    feedId: intent.feedId ?? '',
    currency: intent.currency,
    amount: fromCents(cents),
    adjustmentItemIds: intent.lines.map((line) => line.adjustmentItemId),
  };
}
