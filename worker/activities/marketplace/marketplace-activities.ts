import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Connection } from 'mongoose';
import { type CatalogActivity, catalogActivity } from '../catalog-activity.ts';
import { issueRefund, refundResult } from './issue-refund.ts';
import type { MarketplaceAdapter, MoneyEvent } from './marketplace-adapter.ts';
import {
  acknowledgePurchaseOrderDescriptor,
  getOrderDescriptor,
  getRefundStatusDescriptor,
  issueRefundDescriptor,
  listFinancialEventsDescriptor,
  readReturnFactsDescriptor,
} from './marketplace-catalog.ts';
import type { RefundSettings } from './marketplace-config.ts';
import { fromCents, toCents } from './money.ts';
import { isFinished, settleFeed } from './refund-completion.ts';
import type { RefundContext, RefundRuntime } from './refund-context.ts';
import { RefundIntents } from './refund-intents.ts';
import { ReturnFactsRequestSchema, returnFacts, UnknownOrderItem } from './return-facts.ts';
import { SubmissionLocks } from './submission-lock.ts';
import { parseAcknowledgementInput } from './vendor-acknowledgement.ts';

export interface MarketplaceActivityDependencies {
  database: Connection;
  adapter: MarketplaceAdapter;
  /** From loadMarketplaceConfig(env).refunds; tests shorten the waits. */
  refundSettings: RefundSettings;
}

/** The marketplace catalog entries with their implementations, ready for registerCatalog. */
export function createMarketplaceActivities(
  deps: MarketplaceActivityDependencies,
): CatalogActivity[] {
  const { adapter } = deps;
  const intents = new RefundIntents(deps.database);
  const locks = new SubmissionLocks(deps.database);
  const context = (): RefundContext => ({
    adapter,
    intents,
    locks,
    settings: deps.refundSettings,
    runtime: activityRuntime(),
  });

  return [
    catalogActivity(getOrderDescriptor, ({ orderId }: { orderId: string }) =>
      adapter.getOrder(orderId),
    ),
    catalogActivity(issueRefundDescriptor, (input) => issueRefund(context(), input)),
    catalogActivity(getRefundStatusDescriptor, (input: { caseId: string; refundId?: string }) =>
      refundStatus(context(), input.refundId ?? `RR-${input.caseId}`),
    ),
    catalogActivity(listFinancialEventsDescriptor, async ({ orderId }: { orderId: string }) =>
      summariseEvents(orderId, await adapter.listFinancialEvents(orderId)),
    ),
    catalogActivity(readReturnFactsDescriptor, (input) => readReturnFacts(adapter, input)),
    catalogActivity(acknowledgePurchaseOrderDescriptor, async (input) => {
      const ack = parseAcknowledgementInput(input, new Date().toISOString());
      const { transactionId } = await adapter.acknowledgePurchaseOrder(ack);
      return { transactionId, purchaseOrderNumber: ack.purchaseOrderNumber, code: ack.code };
    }),
  ];
}

async function readReturnFacts(adapter: MarketplaceAdapter, input: unknown) {
  const parsed = ReturnFactsRequestSchema.safeParse(input);
  if (!parsed.success) {
    throw ApplicationFailure.nonRetryable(parsed.error.message, 'InvalidReturnFactsRequest');
  }
  const [order, events] = await Promise.all([
    adapter.getOrder(parsed.data.orderId),
    adapter.listFinancialEvents(parsed.data.orderId),
  ]);
  try {
    // A null is left out: the flow language has no null, an absent field reads as absent.
    const facts = returnFacts(order, events, parsed.data, new Date());
    return Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== null));
  } catch (error) {
    if (error instanceof UnknownOrderItem) {
      throw ApplicationFailure.nonRetryable(error.message, error.name);
    }
    throw error;
  }
}

async function refundStatus(context: RefundContext, refundId: string) {
  let intent = await context.intents.find(refundId);
  if (!intent) return { refundId, status: 'none' };
  let feedStatus: string | undefined;
  if (intent.state === 'submitted' && intent.feedId) {
    const status = await context.adapter.getFeedStatus(intent.feedId);
    feedStatus = status.processingStatus;
    if (isFinished(status)) intent = await settleFeed(context, intent, status);
  }
  return {
    refundId,
    status: intent.state,
    ...(intent.feedId ? { feedId: intent.feedId } : {}),
    ...(feedStatus ? { feedStatus } : {}),
    amount: refundResult(intent).amount,
    ...(intent.outcome ? { outcome: intent.outcome } : {}),
  };
}

function summariseEvents(orderId: string, events: MoneyEvent[]) {
  const of = (kind: MoneyEvent['kind']) => events.filter((event) => event.kind === kind);
  const refundedCents = events.reduce((sum, event) => sum + toCents(event.buyerRefund), 0);
  const claimedCents = of('guaranteeClaim').reduce(
    (sum, event) => sum + toCents(event.buyerRefund),
    0,
  );
  return {
    orderId,
    refunds: of('refund'),
    guaranteeClaims: of('guaranteeClaim'),
    chargebacks: of('chargeback'),
    refundedTotal: fromCents(refundedCents),
    hasGuaranteeClaim: of('guaranteeClaim').length > 0,
    guaranteeClaimedCents: claimedCents,
    hasChargeback: of('chargeback').length > 0,
  };
}

/** Heartbeats, cancellable sleeps and a time budget from Temporal's activity context. */
function activityRuntime(): RefundRuntime {
  const context = Context.current();
  const { startToCloseTimeoutMs, workflowExecution, activityId } = context.info;
  // Leave room to record the outcome before Temporal gives up on this attempt.
  const margin = Math.min(10_000, startToCloseTimeoutMs * 0.2);
  return {
    heartbeat: (details) => context.heartbeat(details),
    sleep: (ms) => context.sleep(ms),
    deadline: Date.now() + startToCloseTimeoutMs - margin,
    ...(workflowExecution ? { workflowId: workflowExecution.workflowId } : {}),
    activityId,
  };
}
