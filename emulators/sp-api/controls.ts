import type { FaultInjector, FaultRule, RequestLogEntry } from './faults.ts';
import type { FeedProcessor } from './feed-processor.ts';
import type { EventItem, EventListName } from './financial-events.ts';
import { postShipmentEvent } from './financial-events.ts';
import { publishNotification } from './notifications.ts';
import {
  addFbaReturn,
  addMfnReturn,
  type FbaReturnRow,
  type MfnReturnRow,
  type ReturnRequest,
} from './returns-reports.ts';
import type {
  AcknowledgementRecord,
  AdjustmentRecord,
  EmulatedOrder,
  EmulatorStore,
  FeedRecord,
  SentNotification,
} from './state.ts';

export interface RecordedFeed extends FeedRecord {
  /** The uploaded input document, as Amazon received it. */
  content?: string;
}

export type AmazonInitiatedKind = 'refund' | 'guaranteeClaim' | 'chargeback';

const LISTS: Record<AmazonInitiatedKind, EventListName> = {
  refund: 'RefundEventList',
  guaranteeClaim: 'GuaranteeClaimEventList',
  chargeback: 'ChargebackEventList',
};

/** What tests (in process) and the admin endpoints (over HTTP) can see and steer. */
export interface EmulatorControls {
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  feeds(): RecordedFeed[];
  /** The feeds whose uploaded document adjusts this order: more than one per refund is a double refund attempt. */
  feedsForOrder(orderId: string): RecordedFeed[];
  adjustments(): AdjustmentRecord[];
  /** Vendor PO acknowledgements received, oldest first. */
  acknowledgements(): AcknowledgementRecord[];
  requests(): RequestLogEntry[];
  /** More orders beside the seed (tests with many cases); an existing id is replaced. */
  addOrders(orders: EmulatedOrder[]): void;
  /**
   * Amazon refunding on its own: an A-to-Z claim, a chargeback, or a refund outside the feed.
   * Answers the event's OrderAdjustmentItemIds, one per item (the first names the event).
   */
  postAmazonEvent(
    orderId: string,
    kind: AmazonInitiatedKind,
    items: EventItem[],
    postedDate?: Date,
  ): string[];
  /** A merchant-fulfilled return, listed by GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE. */
  addReturn(request: ReturnRequest): MfnReturnRow;
  /** An FBA customer return, listed by GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA. */
  addFbaReturn(request: ReturnRequest): FbaReturnRow;
  /** Publishes a notification to every subscribed destination (see onNotification). */
  publishNotification(type: string, payload: Record<string, unknown>): SentNotification;
  /** A destination: receives each notification published from now on. */
  onNotification(listener: (notification: SentNotification) => void): void;
  onFeedCreated(listener: (feed: FeedRecord) => void): void;
  setFeedStepMs(stepMs: number): void;
  reset(): void;
}

export function emulatorControls(
  store: EmulatorStore,
  faults: FaultInjector,
  processor: FeedProcessor,
): EmulatorControls {
  const destinations: ((notification: SentNotification) => void)[] = [];
  const feeds = () =>
    Object.values(store.data.feeds).map((feed) => ({
      ...feed,
      content: store.data.documents[feed.inputFeedDocumentId]?.content,
    }));
  return {
    addFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    feeds,
    // Counted by the document, not by applied adjustments: Amazon rejects a second refund of a
    // fully refunded item, so only the feeds show that it was sent twice.
    feedsForOrder: (orderId) =>
      feeds().filter((feed) => feed.content?.includes(`<AmazonOrderID>${orderId}</AmazonOrderID>`)),
    adjustments: () => [...store.data.adjustments],
    acknowledgements: () => [...(store.data.acknowledgements ?? [])],
    requests: () => [...faults.requests],
    addOrders(orders) {
      for (const entry of orders) store.data.orders[entry.order.AmazonOrderId] = entry;
      store.changed();
    },
    postAmazonEvent(orderId, kind, items, postedDate) {
      const order = store.data.orders[orderId];
      if (!order) throw new Error(`Order ${orderId} not found`);
      const adjusted = postShipmentEvent(store, order, LISTS[kind], items, postedDate);
      store.changed();
      return adjusted.map((item) => item.OrderAdjustmentItemId ?? '');
    },
    addReturn: (request) => addMfnReturn(store, request),
    addFbaReturn: (request) => addFbaReturn(store, request),
    publishNotification(type, payload) {
      const notification = publishNotification(store, type, payload);
      for (const deliver of destinations) deliver(notification);
      return notification;
    },
    onNotification: (listener) => destinations.push(listener),
    onFeedCreated: (listener) => processor.onFeedCreated(listener),
    setFeedStepMs(stepMs) {
      processor.options.stepMs = stepMs;
    },
    reset() {
      processor.stop();
      store.reset();
    },
  };
}
