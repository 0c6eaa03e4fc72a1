import { driveRefund } from './issue-refund.ts';
import { followFeed } from './refund-completion.ts';
import type { RefundContext } from './refund-context.ts';
import type { RefundEvidence, RefundEvidenceStore } from './refund-evidence.ts';
import type { RefundIntentRecord, RefundState } from './refund-intent-record.ts';
import { reconcileSubmitting } from './refund-recovery.ts';

/** Whether a live run still works on a refund: its issueRefund activity is pending. */
export interface RefundDrivers {
  isDriven(intent: RefundIntentRecord): Promise<boolean>;
}

export interface SweptRefund {
  refundId: string;
  from: RefundState;
  to: RefundState;
}

const OPEN_STATES: RefundState[] = ['prepared', 'submitting', 'submitted', 'needs-review'];

/**
 * Takes custody of refunds no run drives any more (retries ran out, the run was cancelled or
 * ended): a submitted feed is followed to Amazon's verdict, a submission whose answer was lost
 * is reconciled against Amazon's feed list, and one that never reached Amazon is closed as
 * not sent, never resubmitted behind the flow's back. What Amazon's records cannot settle stays
 * "needs-review" with the evidence a person needs, until a person resolves it; a refund they
 * ask to resend is sent from here.
 */
export async function sweepStrandedRefunds(
  /** Its adapter may be left out when `adapterOf` names each refund's. */
  sharedContext: Omit<RefundContext, 'adapter'> & Partial<Pick<RefundContext, 'adapter'>>,
  drivers: RefundDrivers,
  evidence: RefundEvidenceStore,
  /** Each refund is followed through the account it was sent with. */
  adapterOf?: (intent: RefundIntentRecord) => Promise<RefundContext['adapter']>,
): Promise<SweptRefund[]> {
  const swept: SweptRefund[] = [];
  for (const intent of await sharedContext.intents.inStates(OPEN_STATES)) {
    const adapter = adapterOf ? await adapterOf(intent) : sharedContext.adapter;
    if (!adapter) throw new Error(`No marketplace adapter to follow refund ${intent._id} with`);
    const context: RefundContext = { ...sharedContext, adapter };
    if (intent.state === 'needs-review') {
      await evidence.save(await amazonRecordsFor(context, intent));
      continue;
    }
    if (!(await isStranded(context, drivers, intent))) continue;
    const settled = await settleStranded(context, intent);
    if (settled.state !== intent.state) {
      swept.push({ refundId: intent._id, from: intent.state, to: settled.state });
    }
    if (settled.state === 'needs-review')
      await evidence.save(await amazonRecordsFor(context, settled));
  }
  return swept;
}

/** A run gets the settle time to pick its refund up again before the sweeper steps in. */
async function isStranded(
  context: RefundContext,
  drivers: RefundDrivers,
  intent: RefundIntentRecord,
): Promise<boolean> {
  if (intent.resolution?.action === 'resend') return true;
  if (Date.now() - intent.updatedAt.getTime() < context.settings.settleMs) return false;
  return !(await drivers.isDriven(intent));
}

async function settleStranded(
  context: RefundContext,
  intent: RefundIntentRecord,
): Promise<RefundIntentRecord> {
  try {
    if (intent.resolution?.action === 'resend') {
      await driveRefund(context, intent);
      return context.intents.get(intent._id);
    }
    let current = intent;
    if (current.state === 'submitting') current = await reconcileSubmitting(context, current);
    if (current.state === 'submitted') current = await followFeed(context, current);
    if (current.state === 'prepared') {
      await context.intents.move(
        current._id,
        'prepared',
        'failed',
        'never sent: the run that asked for it stopped before Amazon received it',
        { set: { outcome: 'not sent: its run stopped before submitting' } },
      );
    }
    return context.intents.get(intent._id);
  } catch {
    // Amazon not finished, an answer not yet settled, the lock busy: the next sweep goes on.
    return context.intents.get(intent._id);
  }
}

/** What Amazon says about a refund in doubt: the feeds it may have gone in, the money events. */
async function amazonRecordsFor(
  context: RefundContext,
  intent: RefundIntentRecord,
): Promise<RefundEvidence> {
  const { adapter } = context;
  const feedIds = [...new Set([intent.feedId, ...(intent.candidateFeedIds ?? [])])].filter(
    (id): id is string => Boolean(id),
  );
  const [feeds, events] = await Promise.all([
    Promise.all(feedIds.map((feedId) => adapter.getFeedStatus(feedId))),
    adapter.listFinancialEvents(intent.orderId),
  ]);
  const itemIds = new Set(intent.lines.map((line) => line.orderItemId));
  return {
    _id: intent._id,
    checkedAt: new Date(),
    feeds: feeds.map(({ feedId, processingStatus, createdTime }) => ({
      feedId,
      processingStatus,
      ...(createdTime ? { createdTime } : {}),
    })),
    financialEvents: events
      .filter((event) => itemIds.has(event.orderItemId))
      .map(({ kind, postedDate, orderItemId, buyerRefund }) => ({
        kind,
        postedDate,
        orderItemId,
        buyerRefund,
      })),
  };
}
