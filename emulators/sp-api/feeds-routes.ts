import express, { type Router } from 'express';
import type { FeedProcessor } from './feed-processor.ts';
import { invalidInput, notFound } from './responses.ts';
import { US_MARKETPLACE_ID } from './seed-orders.ts';
import type { EmulatorStore, FeedRecord } from './state.ts';

const BASE = '/feeds/2021-06-30';
// Amazon's marketplace ids in the three regions (CA, MX; UK, DE, FR, IT, ES; JP), as accounts use them.
const KNOWN_MARKETPLACES = new Set([
  US_MARKETPLACE_ID,
  'A2EUQ1WTGCTBG2',
  'A1AM78C64UM0Y8',
  'A1F83G8C2ARO7P',
  'A1PA6795UKMFR9',
  'A13V1IB3VIYZZH',
  'APJ6JRA9NG5V4',
  'A1RKKUPIHCS9HS',
  'A1VC38T7YXB528',
]);

/** The public Feed model: Amazon never hands the input document id back. */
export function publicFeed({ inputFeedDocumentId: _, ...feed }: FeedRecord) {
  return feed;
}

/** Feeds API 2021-06-30: documents, feeds, and listing feeds by type and creation time. */
export function feedsRouter(store: EmulatorStore, processor: FeedProcessor, baseUrl: () => string) {
  const router: Router = express.Router();
  router.use(express.json());

  router.post(`${BASE}/documents`, (request, response) => {
    const contentType = request.body?.contentType;
    if (typeof contentType !== 'string' || contentType === '') {
      return invalidInput(response, 'contentType is required');
    }
    const feedDocumentId = `amzn1.tortuga.4.na.${store.nextId()}`;
    store.data.documents[feedDocumentId] = {
      feedDocumentId,
      purpose: 'feed',
      contentType,
      createdAt: new Date().toISOString(),
    };
    store.changed();
    response.status(201).json({ feedDocumentId, url: documentUrl(baseUrl(), feedDocumentId) });
  });

  router.get(`${BASE}/documents/:feedDocumentId`, (request, response) => {
    const document = store.data.documents[request.params.feedDocumentId];
    if (!document) return notFound(response, `Feed document ${request.params.feedDocumentId}`);
    response.json({
      feedDocumentId: document.feedDocumentId,
      url: documentUrl(baseUrl(), document.feedDocumentId),
    });
  });

  router.post(`${BASE}/feeds`, (request, response) => {
    const { feedType, marketplaceIds, inputFeedDocumentId } = request.body ?? {};
    if (typeof feedType !== 'string' || feedType === '') {
      return invalidInput(response, 'feedType is required');
    }
    if (!Array.isArray(marketplaceIds) || marketplaceIds.length === 0) {
      return invalidInput(response, 'marketplaceIds is required');
    }
    const unknown = marketplaceIds.find((id) => !KNOWN_MARKETPLACES.has(String(id)));
    if (unknown !== undefined) return invalidInput(response, `Invalid marketplaceId: ${unknown}`);
    if (!store.data.documents[String(inputFeedDocumentId)]) {
      return invalidInput(response, `Invalid inputFeedDocumentId: ${inputFeedDocumentId}`);
    }
    const feed = processor.accept(
      feedType,
      marketplaceIds.map(String),
      String(inputFeedDocumentId),
    );
    response.status(202).json({ feedId: feed.feedId });
  });

  router.get(`${BASE}/feeds/:feedId`, (request, response) => {
    const feed = store.data.feeds[request.params.feedId];
    if (!feed) return notFound(response, `Feed ${request.params.feedId}`);
    response.json(publicFeed(feed));
  });

  router.get(`${BASE}/feeds`, (request, response) => {
    const query = request.query as Record<string, string | undefined>;
    if (!query.feedTypes && !query.nextToken) {
      return invalidInput(response, 'feedTypes or nextToken is required');
    }
    const pageSize = Math.min(Math.max(Number(query.pageSize ?? 10) || 10, 1), 100);
    const matching = listFeeds(Object.values(store.data.feeds), query);
    const start = Number(query.nextToken ?? 0) || 0;
    const page = matching.slice(start, start + pageSize).map(publicFeed);
    const next = start + pageSize;
    response.json({ feeds: page, ...(next < matching.length ? { nextToken: String(next) } : {}) });
  });

  return router;
}

function listFeeds(feeds: FeedRecord[], query: Record<string, string | undefined>): FeedRecord[] {
  const split = (value?: string) => (value ? value.split(',') : undefined);
  const types = split(query.feedTypes);
  const marketplaces = split(query.marketplaceIds);
  const statuses = split(query.processingStatuses);
  // Amazon defaults createdSince to 90 days ago.
  const since = query.createdSince ? Date.parse(query.createdSince) : Date.now() - 90 * 86_400_000;
  const until = query.createdUntil ? Date.parse(query.createdUntil) : Number.POSITIVE_INFINITY;
  return feeds
    .filter((feed) => !types || types.includes(feed.feedType))
    .filter((feed) => !marketplaces || feed.marketplaceIds?.some((id) => marketplaces.includes(id)))
    .filter((feed) => !statuses || statuses.includes(feed.processingStatus))
    .filter((feed) => {
      const created = Date.parse(feed.createdTime);
      return created >= since && created <= until;
    })
    .sort((a, b) => Date.parse(b.createdTime) - Date.parse(a.createdTime));
}

/** Stands in for Amazon's presigned S3 URL: served by the emulator itself, no auth header. */
export function documentUrl(baseUrl: string, feedDocumentId: string): string {
  return `${baseUrl}/_documents/${encodeURIComponent(feedDocumentId)}?X-Amz-Expires=300`;
}
