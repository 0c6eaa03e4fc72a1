import { gunzipSync } from 'node:zlib';
import type { FinancialEvents } from '@sp-api-sdk/finances-api-v0';
import type { OrderItem } from '@sp-api-sdk/orders-api-v0';
import { ApplicationFailure } from '@temporalio/activity';
import {
  FEED_CONTENT_TYPE,
  PAYMENT_ADJUSTMENT_FEED,
  parseProcessingReport,
} from './adjustment-feed.ts';
import { createLwaAuth } from './lwa-auth.ts';
import type {
  FeedStatus,
  MarketplaceAdapter,
  MarketplaceOrder,
  MoneyEvent,
  ProcessingReport,
  PurchaseOrderAcknowledgement,
  SellerAccount,
} from './marketplace-adapter.ts';
import type { MarketplaceConfig } from './marketplace-config.ts';
import { ORDER_ACKNOWLEDGEMENT_FEED } from './order-cancellation.ts';
import { createSpApiClients, type SpApiClients } from './sp-api-clients.ts';
import { spApiFailure } from './sp-api-failures.ts';
import { toMarketplaceOrder, toMoneyEvents } from './sp-api-mapping.ts';
import { toSubmitAcknowledgementRequest } from './vendor-acknowledgement.ts';

/** The marketplace adapter on Amazon's SP-API (or anything speaking it, like the emulator). */
export class SpApiMarketplaceAdapter implements MarketplaceAdapter {
  readonly account: SellerAccount;
  private readonly api: SpApiClients;

  constructor(private readonly config: MarketplaceConfig) {
    this.account = { sellerId: config.sellerId, marketplaceId: config.marketplaceId };
    this.api = createSpApiClients(config, createLwaAuth(config));
  }

  async getOrder(orderId: string): Promise<MarketplaceOrder> {
    const order = await call('getOrder', () => this.api.orders.getOrder({ orderId }));
    if (!order.payload) throw ApplicationFailure.nonRetryable(`Order ${orderId} has no payload`);
    const items: OrderItem[] = [];
    let nextToken: string | undefined;
    do {
      const page = await call('getOrderItems', () =>
        this.api.orders.getOrderItems({ orderId, ...(nextToken ? { nextToken } : {}) }),
      );
      items.push(...(page.payload?.OrderItems ?? []));
      nextToken = page.payload?.NextToken;
    } while (nextToken);
    return toMarketplaceOrder(order.payload, items);
  }

  async uploadAdjustmentDocument(xml: string): Promise<string> {
    const document = await call('createFeedDocument', () =>
      this.api.feeds.createFeedDocument({ body: { contentType: FEED_CONTENT_TYPE } }),
    );
    // The presigned URL carries its own authorisation: no SP-API token, exact content type.
    const upload = await this.fetchDocument('feed upload', document.url, {
      method: 'PUT',
      headers: { 'content-type': FEED_CONTENT_TYPE },
      body: xml,
    });
    await upload.arrayBuffer();
    return document.feedDocumentId;
  }

  async submitAdjustmentFeed(feedDocumentId: string): Promise<string> {
    const created = await call('createFeed', () =>
      this.api.feeds.createFeed({
        body: {
          feedType: PAYMENT_ADJUSTMENT_FEED,
          marketplaceIds: [this.config.marketplaceId],
          inputFeedDocumentId: feedDocumentId,
        },
      }),
    );
    return created.feedId;
  }

  async submitOrderAcknowledgement(xml: string): Promise<string> {
    const feedDocumentId = await this.uploadAdjustmentDocument(xml);
    const created = await call('createFeed', () =>
      this.api.feeds.createFeed({
        body: {
          feedType: ORDER_ACKNOWLEDGEMENT_FEED,
          marketplaceIds: [this.config.marketplaceId],
          inputFeedDocumentId: feedDocumentId,
        },
      }),
    );
    return created.feedId;
  }

  async getFeedStatus(feedId: string): Promise<FeedStatus> {
    return toFeedStatus(await call('getFeed', () => this.api.feeds.getFeed({ feedId })));
  }

  async getProcessingReport(resultDocumentId: string): Promise<ProcessingReport> {
    const document = await call('getFeedDocument', () =>
      this.api.feeds.getFeedDocument({ feedDocumentId: resultDocumentId }),
    );
    const response = await this.fetchDocument('report download', document.url, { method: 'GET' });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = (document.compressionAlgorithm === 'GZIP' ? gunzipSync(bytes) : bytes).toString();
    return parseProcessingReport(text);
  }

  async findSubmittedAdjustments(createdSince: Date): Promise<FeedStatus[]> {
    const feeds: FeedStatus[] = [];
    let nextToken: string | undefined;
    do {
      const token = nextToken;
      const page = await call('getFeeds', () =>
        this.api.feeds.getFeeds(
          token
            ? { nextToken: token }
            : {
                feedTypes: [PAYMENT_ADJUSTMENT_FEED],
                marketplaceIds: [this.config.marketplaceId],
                pageSize: 100,
                createdSince: createdSince.toISOString(),
              },
        ),
      );
      feeds.push(...page.feeds.map(toFeedStatus));
      nextToken = page.nextToken;
    } while (nextToken);
    return feeds;
  }

  async listFinancialEvents(orderId: string): Promise<MoneyEvent[]> {
    const events: MoneyEvent[] = [];
    let nextToken: string | undefined;
    do {
      const token = nextToken;
      const page = await call('listFinancialEventsByOrderId', () =>
        this.api.finances.listFinancialEventsByOrderId({
          orderId,
          maxResultsPerPage: 100,
          ...(token ? { nextToken: token } : {}),
        }),
      );
      events.push(...toMoneyEvents((page.payload?.FinancialEvents ?? {}) as FinancialEvents));
      nextToken = page.payload?.NextToken;
    } while (nextToken);
    return events;
  }

  async acknowledgePurchaseOrder(
    ack: PurchaseOrderAcknowledgement,
  ): Promise<{ transactionId: string }> {
    const { axios, endpoint } = this.api.vendorOrders;
    const answer = await call('submitAcknowledgement', () =>
      axios.post<{ payload?: { transactionId?: string } }>(
        `${endpoint}/vendor/orders/v1/acknowledgements`,
        toSubmitAcknowledgementRequest(ack),
      ),
    );
    const transactionId = answer.payload?.transactionId;
    if (!transactionId) {
      throw ApplicationFailure.nonRetryable(
        'submitAcknowledgement answered without a transaction id',
      );
    }
    return { transactionId };
  }

  private async fetchDocument(what: string, url: string, init: RequestInit): Promise<Response> {
    const response = await fetch(url, {
      ...init,
      signal: AbortSignal.timeout(this.config.requestTimeoutMs),
    }).catch((error: unknown) => {
      throw ApplicationFailure.retryable(
        `${what} failed: ${String(error)}`,
        'FeedDocumentUnavailable',
      );
    });
    if (!response.ok) {
      const body = await response.text().catch(() => '');
      // Before createFeed nothing has happened yet, so any document failure is safe to retry.
      throw ApplicationFailure.retryable(
        `${what} failed with ${response.status}: ${body.slice(0, 200)}`,
        'FeedDocumentUnavailable',
      );
    }
    return response;
  }
}

async function call<T>(operation: string, request: () => Promise<{ data: T }>): Promise<T> {
  try {
    return (await request()).data;
  } catch (error) {
    throw spApiFailure(operation, error);
  }
}

function toFeedStatus(feed: {
  feedId: string;
  processingStatus: FeedStatus['processingStatus'];
  createdTime: string;
  resultFeedDocumentId?: string;
}): FeedStatus {
  return {
    feedId: feed.feedId,
    processingStatus: feed.processingStatus,
    createdTime: feed.createdTime,
    ...(feed.resultFeedDocumentId ? { resultDocumentId: feed.resultFeedDocumentId } : {}),
  };
}
