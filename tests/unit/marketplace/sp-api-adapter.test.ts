import { ApplicationFailure } from '@temporalio/activity';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type SpApiEmulator,
  spApiEmulatorEnv,
  startSpApiEmulator,
} from '../../../emulators/sp-api/index.ts';
import { paymentAdjustmentXml } from '../../../worker/activities/marketplace/adjustment-feed.ts';
import { loadMarketplaceConfig } from '../../../worker/activities/marketplace/marketplace-config.ts';
import { SpApiMarketplaceAdapter } from '../../../worker/activities/marketplace/sp-api-marketplace-adapter.ts';

const ORDER = '113-4827361-0192837';
let emulator: SpApiEmulator;
let adapter: SpApiMarketplaceAdapter;

beforeAll(async () => {
  emulator = await startSpApiEmulator({ feedStepMs: 50 });
  adapter = new SpApiMarketplaceAdapter(loadMarketplaceConfig(spApiEmulatorEnv(emulator.url)));
});
afterAll(async () => {
  await emulator?.close();
});
beforeEach(() => {
  emulator.controls.clearFaults();
});

const refundXml = (adjustmentItemId: string, principalCents: number) =>
  paymentAdjustmentXml({
    sellerId: adapter.account.sellerId,
    orderId: ORDER,
    reason: 'CustomerReturn',
    currency: 'USD',
    lines: [
      {
        adjustmentItemId,
        orderItemId: '52840173620911',
        components: { Principal: principalCents, Tax: 41, RestockingFee: -100 },
      },
    ],
  });

async function waitForFeed(feedId: string) {
  for (;;) {
    const status = await adapter.getFeedStatus(feedId);
    if (['DONE', 'FATAL', 'CANCELLED'].includes(status.processingStatus)) return status;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('SpApiMarketplaceAdapter against the emulator', () => {
  it('reads an order with all its items across pages', async () => {
    const order = await adapter.getOrder('113-6620139-4407715');
    expect(order).toMatchObject({ fulfillmentChannel: 'MFN', currency: 'USD', status: 'Shipped' });
    expect(order.items.map((item) => item.orderItemId)).toEqual([
      '94417705213389',
      '94417705213390',
    ]);
    expect(order.items[1]).toMatchObject({ itemPrice: 44.85, itemTax: 3.7, quantityOrdered: 3 });
  });

  it('issues a refund feed end to end and Amazon records exactly that XML', async () => {
    const xml = refundXml('RR-unit-1-1', 500);
    const documentId = await adapter.uploadAdjustmentDocument(xml);
    const feedId = await adapter.submitAdjustmentFeed(documentId);
    const done = await waitForFeed(feedId);
    expect(done.processingStatus).toBe('DONE');
    const report = await adapter.getProcessingReport(done.resultDocumentId ?? '');
    expect(report).toMatchObject({ messagesProcessed: 1, messagesSuccessful: 1, errors: [] });

    const recorded = emulator.controls.feeds().find((feed) => feed.feedId === feedId);
    expect(recorded?.feedType).toBe('POST_PAYMENT_ADJUSTMENT_DATA');
    expect(recorded?.content).toBe(xml);
    expect(xml).toContain('<MerchantAdjustmentItemID>RR-unit-1-1</MerchantAdjustmentItemID>');
    expect(xml).toContain('<Amount currency="USD">-1.00</Amount>');

    const events = await adapter.listFinancialEvents(ORDER);
    const refund = events.find((event) => event.kind === 'refund');
    expect(refund).toMatchObject({ orderItemId: '52840173620911', buyerRefund: 5.41 });
    expect(refund?.charges).toMatchObject({ Principal: -5, Tax: -0.41, RestockingFee: 1 });

    const found = await adapter.findSubmittedAdjustments(new Date(Date.now() - 60_000));
    expect(found.map((feed) => feed.feedId)).toContain(feedId);
  });

  it('reports a refund above what was paid as an error in the processing report', async () => {
    const documentId = await adapter.uploadAdjustmentDocument(refundXml('RR-unit-2-1', 99_900));
    const done = await waitForFeed(await adapter.submitAdjustmentFeed(documentId));
    const report = await adapter.getProcessingReport(done.resultDocumentId ?? '');
    expect(report.messagesWithError).toBe(1);
    expect(report.errors[0]?.description).toMatch(/exceeds the amount available/);
  });

  it('turns 429 into a retryable failure with the delay the rate-limit header implies', async () => {
    emulator.controls.addFault({
      method: 'GET',
      path: '/orders/v0/orders/*',
      status: 429,
      rateLimit: 0.5,
    });
    const failure = await adapter.getOrder(ORDER).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({
      type: 'SpApiThrottled',
      nonRetryable: false,
      nextRetryDelay: 2000,
    });
    await expect(adapter.getOrder(ORDER)).resolves.toMatchObject({ orderId: ORDER });
  });

  it('turns 5xx into a retryable failure', async () => {
    emulator.controls.addFault({
      method: 'POST',
      path: '/feeds/2021-06-30/documents',
      status: 503,
    });
    await expect(adapter.uploadAdjustmentDocument('<x/>')).rejects.toMatchObject({
      type: 'SpApiUnavailable',
      nonRetryable: false,
    });
  });

  it('turns a 4xx validation error into a non-retryable failure carrying Amazon’s message', async () => {
    await expect(adapter.submitAdjustmentFeed('amzn1.tortuga.4.na.missing')).rejects.toMatchObject({
      type: 'SpApiRejected',
      nonRetryable: true,
      message: expect.stringMatching(/InvalidInput: Invalid inputFeedDocumentId/),
    });
    await expect(adapter.getOrder('999-0000000-0000000')).rejects.toMatchObject({
      nonRetryable: true,
      message: expect.stringMatching(/404: NotFound/),
    });
  });

  it('refuses wrong LWA credentials without retrying', async () => {
    const env = { ...spApiEmulatorEnv(emulator.url), LWA_REFRESH_TOKEN: 'Atzr|revoked' };
    const stranger = new SpApiMarketplaceAdapter(loadMarketplaceConfig(env));
    await expect(stranger.getOrder(ORDER)).rejects.toMatchObject({
      type: 'LwaTokenRejected',
      nonRetryable: true,
    });
  });
});
