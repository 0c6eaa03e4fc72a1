import { ApplicationFailure } from '@temporalio/activity';
import { XMLBuilder } from 'fast-xml-parser';
import { z } from 'zod';
import type { FeedStatus, MarketplaceAdapter, ProcessingReport } from './marketplace-adapter.ts';

/**
 * A merchant-fulfilled order the seller has not shipped is cancelled with an order
 * acknowledgement feed whose StatusCode is Failure (Feeds API, "Order Feed Type Values":
 * POST_ORDER_ACKNOWLEDGEMENT_DATA); Amazon then refunds the buyer itself, so nothing is
 * refunded through a payment adjustment.
 */
export const ORDER_ACKNOWLEDGEMENT_FEED = 'POST_ORDER_ACKNOWLEDGEMENT_DATA';

export const CANCEL_REASONS = [
  'BuyerCanceled',
  'NoInventory',
  'ShippingAddressUndeliverable',
  'CustomerExchange',
  'GeneralAdjustment',
] as const;

export const OrderCancellationSchema = z.strictObject({
  orderId: z.string().min(1),
  reason: z.enum(CANCEL_REASONS).default('BuyerCanceled'),
});
export type OrderCancellation = z.infer<typeof OrderCancellationSchema>;

const builder = new XMLBuilder({ ignoreAttributes: false, format: true });

/** Every item of the order is cancelled: a refund request before shipping is for the order. */
export function orderCancellationXml(
  sellerId: string,
  cancellation: OrderCancellation,
  orderItemIds: string[],
): string {
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    AmazonEnvelope: {
      '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@_xsi:noNamespaceSchemaLocation': 'amzn-envelope.xsd',
      Header: { DocumentVersion: '1.01', MerchantIdentifier: sellerId },
      MessageType: 'OrderAcknowledgement',
      Message: {
        MessageID: 1,
        OperationType: 'Update',
        OrderAcknowledgement: {
          AmazonOrderID: cancellation.orderId,
          StatusCode: 'Failure',
          Item: orderItemIds.map((id) => ({
            AmazonOrderItemCode: id,
            CancelReason: cancellation.reason,
          })),
        },
      },
    },
  }) as string;
}

export interface CancellationRuntime {
  sleep(ms: number): Promise<void>;
  heartbeat(details?: unknown): void;
  pollIntervalMs: number;
}

export interface CancellationResult {
  orderId: string;
  status: 'cancelled';
  /** Absent when Amazon already had the order cancelled: nothing was sent. */
  feedId?: string;
}

/**
 * Cancels an unshipped merchant-fulfilled order and waits for Amazon's processing report.
 * An order already cancelled is answered as such (a retry after the feed went through sends
 * nothing); a shipped, fulfilled-by-Amazon or refused order fails for good, so the flow's
 * error edge hands it to people.
 */
export async function cancelUnshippedOrder(
  adapter: MarketplaceAdapter,
  input: unknown,
  runtime: CancellationRuntime,
): Promise<CancellationResult> {
  const parsed = OrderCancellationSchema.safeParse(input);
  if (!parsed.success) {
    throw ApplicationFailure.nonRetryable(parsed.error.message, 'InvalidOrderCancellation');
  }
  const cancellation = parsed.data;
  const order = await adapter.getOrder(cancellation.orderId);
  if (order.status === 'Canceled') return { orderId: order.orderId, status: 'cancelled' };
  if (order.fulfillmentChannel !== 'MFN' || !['Unshipped', 'Pending'].includes(order.status)) {
    throw ApplicationFailure.nonRetryable(
      `Order ${order.orderId} is ${order.status} (${order.fulfillmentChannel}): only an unshipped merchant-fulfilled order can be cancelled`,
      'NotCancellable',
    );
  }
  const xml = orderCancellationXml(
    adapter.account.sellerId,
    cancellation,
    order.items.map((item) => item.orderItemId),
  );
  const feedId = await adapter.submitOrderAcknowledgement(xml);
  const report = await processed(adapter, feedId, runtime);
  if (report.messagesWithError > 0 || report.messagesSuccessful === 0) {
    const why = report.errors.map((error) => `${error.code}: ${error.description}`).join('; ');
    throw ApplicationFailure.nonRetryable(
      `Amazon refused to cancel order ${order.orderId} (feed ${feedId}): ${why}`,
      'CancellationRefused',
    );
  }
  return { orderId: order.orderId, status: 'cancelled', feedId };
}

async function processed(
  adapter: MarketplaceAdapter,
  feedId: string,
  runtime: CancellationRuntime,
): Promise<ProcessingReport> {
  let status: FeedStatus = await adapter.getFeedStatus(feedId);
  while (status.processingStatus === 'IN_QUEUE' || status.processingStatus === 'IN_PROGRESS') {
    runtime.heartbeat({ feedId });
    await runtime.sleep(runtime.pollIntervalMs);
    status = await adapter.getFeedStatus(feedId);
  }
  if (status.processingStatus !== 'DONE' || !status.resultDocumentId) {
    throw ApplicationFailure.nonRetryable(
      `Cancellation feed ${feedId} ended ${status.processingStatus}`,
      'CancellationRefused',
    );
  }
  return adapter.getProcessingReport(status.resultDocumentId);
}
