import { ApplicationFailure } from '@temporalio/activity';
import type { FeedStatus } from './marketplace-adapter.ts';
import type { RefundContext } from './refund-context.ts';
import type { RefundIntentRecord, RefundState } from './refund-intent-record.ts';

const FINISHED = new Set(['DONE', 'FATAL', 'CANCELLED']);
export const isFinished = (status: FeedStatus) => FINISHED.has(status.processingStatus);

/** Polls the accepted feed until Amazon finishes it, within this attempt's time budget. */
export async function followFeed(
  context: RefundContext,
  intent: RefundIntentRecord,
): Promise<RefundIntentRecord> {
  const feedId = intent.feedId ?? '';
  const { adapter, runtime, settings } = context;
  for (;;) {
    const status = await adapter.getFeedStatus(feedId);
    if (isFinished(status)) return settleFeed(context, intent, status);
    if (Date.now() + settings.pollIntervalMs > runtime.deadline) {
      // Handing back to Temporal is safe: the retry finds the feed id and only polls.
      throw ApplicationFailure.create({
        message: `Refund ${intent._id}: feed ${feedId} is still ${status.processingStatus}`,
        type: 'RefundFeedProcessing',
        nextRetryDelay: settings.pollIntervalMs,
      });
    }
    runtime.heartbeat({ refundId: intent._id, feedId, processingStatus: status.processingStatus });
    await runtime.sleep(settings.pollIntervalMs);
  }
}

/** Records the processing report's verdict; also used by getRefundStatus. */
export async function settleFeed(
  context: RefundContext,
  intent: RefundIntentRecord,
  status: FeedStatus,
): Promise<RefundIntentRecord> {
  const verdict = await feedVerdict(context, status);
  await context.intents.move(intent._id, 'submitted', verdict.state, verdict.outcome, {
    set: { outcome: verdict.outcome },
  });
  return context.intents.get(intent._id);
}

async function feedVerdict(
  context: RefundContext,
  status: FeedStatus,
): Promise<{ state: RefundState; outcome: string }> {
  if (status.processingStatus === 'CANCELLED') {
    return { state: 'failed', outcome: `feed ${status.feedId} was cancelled before processing` };
  }
  const report = status.resultDocumentId
    ? await context.adapter.getProcessingReport(status.resultDocumentId)
    : undefined;
  if (!report) {
    return {
      state: 'needs-review',
      outcome: `feed ${status.feedId} ${status.processingStatus} without a report`,
    };
  }
  const errors = report.errors.map((e) => `${e.code} ${e.description}`).join('; ');
  if (report.messagesSuccessful > 0 && report.messagesWithError === 0) {
    return {
      state: 'done',
      outcome: `feed ${status.feedId} processed: ${report.messagesSuccessful} adjustment message(s) applied`,
    };
  }
  // FATAL may have applied part of a feed; only a report showing nothing applied proves a failure.
  if (report.messagesSuccessful === 0) {
    return {
      state: 'failed',
      outcome: `Amazon rejected the adjustment: ${errors || status.processingStatus}`,
    };
  }
  return { state: 'needs-review', outcome: `feed ${status.feedId} partly applied: ${errors}` };
}
