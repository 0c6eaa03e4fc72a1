import { XMLParser } from 'fast-xml-parser';
import type { MessageResult } from './payment-adjustments.ts';
import type { EmulatorStore } from './state.ts';

export const ORDER_ACKNOWLEDGEMENT_FEED = 'POST_ORDER_ACKNOWLEDGEMENT_DATA';

const parser = new XMLParser({
  parseTagValue: false,
  isArray: (name) => ['Message', 'Item'].includes(name),
});

type Xml = Record<string, unknown>;

/**
 * Applies a POST_ORDER_ACKNOWLEDGEMENT_DATA document as Amazon does for a seller-fulfilled
 * order: StatusCode Failure cancels an unshipped order (Amazon refunds the buyer itself);
 * a shipped, fulfilled-by-Amazon or unknown order is an error for that message.
 */
export function applyOrderAcknowledgements(store: EmulatorStore, xml: string): MessageResult[] {
  const envelope = (parser.parse(xml) as Xml).AmazonEnvelope as Xml | undefined;
  if (envelope?.MessageType !== 'OrderAcknowledgement') {
    throw new Error('Document is not an OrderAcknowledgement AmazonEnvelope');
  }
  return ((envelope.Message as Xml[] | undefined) ?? []).map((message) => {
    const messageId = String(message.MessageID ?? '');
    const ack = (message.OrderAcknowledgement ?? {}) as Xml;
    const error = acknowledge(store, String(ack.AmazonOrderID ?? ''), String(ack.StatusCode));
    return error ? { messageId, error: { code: '25', description: error } } : { messageId };
  });
}

function acknowledge(store: EmulatorStore, orderId: string, statusCode: string): string | null {
  const placed = store.data.orders[orderId];
  if (!placed) return `Order ${orderId} was not found`;
  if (statusCode !== 'Failure') return null;
  const { order } = placed;
  if (order.FulfillmentChannel !== 'MFN') return `Order ${orderId} is fulfilled by Amazon`;
  if (order.OrderStatus === 'Canceled') return null;
  if (order.OrderStatus !== 'Unshipped' && order.OrderStatus !== 'Pending') {
    return `Order ${orderId} is ${order.OrderStatus} and can no longer be cancelled`;
  }
  order.OrderStatus = 'Canceled';
  order.LastUpdateDate = new Date().toISOString();
  store.changed();
  return null;
}
