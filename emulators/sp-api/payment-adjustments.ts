import { XMLParser } from 'fast-xml-parser';
import { cents, paidCents, postShipmentEvent, refundedCents } from './financial-events.ts';
import type { AdjustmentRecord, EmulatorStore } from './state.ts';

const ADJUSTMENT_REASONS = new Set([
  'NoInventory',
  'CustomerReturn',
  'GeneralAdjustment',
  'CouldNotShip',
  'DifferentItem',
  'Abandoned',
  'CustomerCancel',
  'PriceError',
  'ProductOutofStock',
  'CustomerAddressIncorrect',
  'Exchange',
  'Other',
  'CarrierCreditDecision',
  'RiskAssessmentInformationNotValid',
  'CarrierCoverageFailure',
  'TransactionRecord',
  'Undeliverable',
  'RefusedDelivery',
]);
const BUYER_PAID = new Set(['Principal', 'Shipping', 'Tax', 'ShippingTax']);
const DEDUCTIONS = new Set(['RestockingFee', 'ReturnShipping']);

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) => ['Message', 'AdjustedItem', 'Component'].includes(name),
});

export interface MessageResult {
  messageId: string;
  error?: { code: string; description: string };
}

export interface ParsedComponent {
  type: string;
  amount: number;
}

interface ParsedItem {
  orderItemId: string;
  merchantAdjustmentItemId?: string;
  reason: string;
  components: ParsedComponent[];
}

type Xml = Record<string, unknown>;
const asText = (value: unknown) =>
  typeof value === 'object' && value !== null
    ? String((value as Xml)['#text'] ?? '')
    : String(value ?? '');

/** Applies a POST_PAYMENT_ADJUSTMENT_DATA document; each message succeeds or fails as a whole. */
export function applyPaymentAdjustments(
  store: EmulatorStore,
  feedId: string,
  xml: string,
): MessageResult[] {
  const envelope = (parser.parse(xml) as Xml).AmazonEnvelope as Xml | undefined;
  if (envelope?.MessageType !== 'OrderAdjustment') {
    throw new Error('Document is not an OrderAdjustment AmazonEnvelope');
  }
  const messages = (envelope.Message as Xml[] | undefined) ?? [];
  return messages.map((message) => applyMessage(store, feedId, message));
}

function applyMessage(store: EmulatorStore, feedId: string, message: Xml): MessageResult {
  const messageId = asText(message.MessageID);
  const adjustment = (message.OrderAdjustment ?? {}) as Xml;
  const orderId = asText(adjustment.AmazonOrderID);
  const order = store.data.orders[orderId];
  if (!order) return failure(messageId, '18001', `Order ${orderId} was not found`);
  const items = ((adjustment.AdjustedItem as Xml[] | undefined) ?? []).map(parseItem);
  if (items.length === 0) return failure(messageId, '18002', 'No AdjustedItem given');
  for (const item of items) {
    const problem = checkItem(store, orderId, item);
    if (problem) return failure(messageId, problem.code, problem.description);
  }
  const posted = postShipmentEvent(store, order, 'RefundEventList', items);
  items.forEach((item, index) => {
    store.data.adjustments.push(
      record(feedId, orderId, item, posted[index]?.OrderAdjustmentItemId),
    );
  });
  return { messageId };
}

function parseItem(item: Xml): ParsedItem {
  const adjustments = (item.ItemPriceAdjustments ?? {}) as Xml;
  const components = ((adjustments.Component as Xml[] | undefined) ?? []).map((component) => ({
    type: asText(component.Type),
    amount: Number(asText(component.Amount)),
  }));
  const merchantId = asText(item.MerchantAdjustmentItemID);
  return {
    orderItemId: asText(item.AmazonOrderItemCode),
    ...(merchantId ? { merchantAdjustmentItemId: merchantId } : {}),
    reason: asText(item.AdjustmentReason),
    components,
  };
}

function checkItem(store: EmulatorStore, orderId: string, item: ParsedItem) {
  const order = store.data.orders[orderId];
  if (!order?.items.some((candidate) => candidate.OrderItemId === item.orderItemId)) {
    return {
      code: '18003',
      description: `Order item ${item.orderItemId} is not in order ${orderId}`,
    };
  }
  if (!ADJUSTMENT_REASONS.has(item.reason)) {
    return { code: '18004', description: `Invalid AdjustmentReason ${item.reason}` };
  }
  const badSign = item.components.find((c) =>
    DEDUCTIONS.has(c.type) ? !(c.amount <= 0) : !(c.amount >= 0),
  );
  if (badSign) {
    return { code: '18005', description: `Invalid amount ${badSign.amount} for ${badSign.type}` };
  }
  const requested = item.components
    .filter((component) => BUYER_PAID.has(component.type))
    .reduce((sum, component) => sum + cents(component.amount), 0);
  const available =
    paidCents(order, item.orderItemId) - refundedCents(store, orderId, item.orderItemId);
  if (requested > available) {
    return {
      code: '18028',
      description: `The refund amount ${requested / 100} exceeds the amount available for refund ${available / 100}`,
    };
  }
  return undefined;
}

function record(
  feedId: string,
  orderId: string,
  item: ParsedItem,
  amazonId?: string,
): AdjustmentRecord {
  return {
    feedId,
    amazonOrderId: orderId,
    orderItemId: item.orderItemId,
    ...(item.merchantAdjustmentItemId
      ? { merchantAdjustmentItemId: item.merchantAdjustmentItemId }
      : {}),
    orderAdjustmentItemId: amazonId ?? '',
    reason: item.reason,
    components: item.components,
    postedDate: new Date().toISOString(),
  };
}

const failure = (messageId: string, code: string, description: string): MessageResult => ({
  messageId,
  error: { code, description },
});
