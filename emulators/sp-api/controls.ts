import type { FaultInjector, FaultRule, RequestLogEntry } from './faults.ts';
import type { FeedProcessor } from './feed-processor.ts';
import type { EventItem, EventListName } from './financial-events.ts';
import { postShipmentEvent } from './financial-events.ts';
import type {
  AcknowledgementRecord,
  AdjustmentRecord,
  EmulatedOrder,
  EmulatorStore,
  FeedRecord,
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
  /** Amazon refunding on its own: an A-to-Z claim, a chargeback, or a refund outside the feed. */
  postAmazonEvent(orderId: string, kind: AmazonInitiatedKind, items: EventItem[]): void;
  onFeedCreated(listener: (feed: FeedRecord) => void): void;
  setFeedStepMs(stepMs: number): void;
  reset(): void;
}

export function emulatorControls(
  store: EmulatorStore,
  faults: FaultInjector,
  processor: FeedProcessor,
): EmulatorControls {
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
    postAmazonEvent(orderId, kind, items) {
      const order = store.data.orders[orderId];
      if (!order) throw new Error(`Order ${orderId} not found`);
      postShipmentEvent(store, order, LISTS[kind], items);
      store.changed();
    },
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
