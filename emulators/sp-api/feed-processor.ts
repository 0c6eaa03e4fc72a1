import {
  applyOrderAcknowledgements,
  ORDER_ACKNOWLEDGEMENT_FEED,
} from './order-acknowledgements.ts';
import { applyPaymentAdjustments, type MessageResult } from './payment-adjustments.ts';
import { processingReport } from './processing-report.ts';
import type { EmulatorStore, FeedRecord } from './state.ts';

export const PAYMENT_ADJUSTMENT_FEED = 'POST_PAYMENT_ADJUSTMENT_DATA';

export interface FeedProcessorOptions {
  /** How long a feed stays IN_QUEUE, and then IN_PROGRESS. */
  stepMs: number;
  sellerId: string;
}

/**
 * Feeds are processed asynchronously as on Amazon: IN_QUEUE → IN_PROGRESS → DONE (or FATAL when
 * the document is missing or unreadable). Unfinished feeds are picked up again after a restart.
 */
export class FeedProcessor {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly createdListeners: ((feed: FeedRecord) => void)[] = [];

  constructor(
    private readonly store: EmulatorStore,
    readonly options: FeedProcessorOptions,
  ) {
    for (const feed of Object.values(store.data.feeds)) {
      if (feed.processingStatus === 'IN_QUEUE' || feed.processingStatus === 'IN_PROGRESS') {
        this.schedule(feed);
      }
    }
  }

  accept(feedType: string, marketplaceIds: string[], inputFeedDocumentId: string): FeedRecord {
    const feed: FeedRecord = {
      feedId: this.store.nextId(),
      feedType,
      marketplaceIds,
      createdTime: new Date().toISOString(),
      processingStatus: 'IN_QUEUE',
      inputFeedDocumentId,
    };
    this.store.data.feeds[feed.feedId] = feed;
    this.store.changed();
    for (const listener of this.createdListeners) listener(feed);
    this.schedule(feed);
    return feed;
  }

  onFeedCreated(listener: (feed: FeedRecord) => void): void {
    this.createdListeners.push(listener);
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(feed: FeedRecord): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.advance(feed);
    }, this.options.stepMs);
    this.timers.add(timer);
  }

  private advance(feed: FeedRecord): void {
    if (feed.processingStatus === 'IN_QUEUE') {
      feed.processingStatus = 'IN_PROGRESS';
      feed.processingStartTime = new Date().toISOString();
      this.store.changed();
      this.schedule(feed);
      return;
    }
    this.finish(feed);
  }

  private finish(feed: FeedRecord): void {
    const content = this.store.data.documents[feed.inputFeedDocumentId]?.content;
    let results: MessageResult[] = [];
    let fatal: string | undefined;
    try {
      if (content === undefined) throw new Error('The feed document was never uploaded');
      if (feed.feedType === PAYMENT_ADJUSTMENT_FEED) {
        results = applyPaymentAdjustments(this.store, feed.feedId, content);
      }
      if (feed.feedType === ORDER_ACKNOWLEDGEMENT_FEED)
        results = applyOrderAcknowledgements(this.store, content);
    } catch (error) {
      fatal = error instanceof Error ? error.message : String(error);
    }
    const reportId = `amzn1.tortuga.4.na.${this.store.nextId()}`;
    this.store.data.documents[reportId] = {
      feedDocumentId: reportId,
      purpose: 'report',
      contentType: 'text/xml; charset=UTF-8',
      content: processingReport(feed.feedId, this.options.sellerId, results, fatal),
      createdAt: new Date().toISOString(),
    };
    feed.processingStatus = fatal ? 'FATAL' : 'DONE';
    feed.processingEndTime = new Date().toISOString();
    feed.resultFeedDocumentId = reportId;
    this.store.changed();
  }
}
