import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  order,
  type SpApiEmulator,
  spApiEmulatorEnv,
  startSpApiEmulator,
} from '../../../emulators/sp-api/index.ts';
import { loadMarketplaceConfig } from '../../../worker/activities/marketplace/marketplace-config.ts';
import {
  type CancellationRuntime,
  cancelUnshippedOrder,
  ORDER_ACKNOWLEDGEMENT_FEED,
} from '../../../worker/activities/marketplace/order-cancellation.ts';
import { SpApiMarketplaceAdapter } from '../../../worker/activities/marketplace/sp-api-marketplace-adapter.ts';

let emulator: SpApiEmulator;
let adapter: SpApiMarketplaceAdapter;

const runtime: CancellationRuntime = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  heartbeat: () => undefined,
  pollIntervalMs: 20,
};
const sketch = {
  id: '30000000000001',
  sku: 'CANCEL-1',
  asin: 'B0CANCEL01',
  title: 'Kettle',
  quantity: 2,
  price: 40,
  tax: 3.3,
};
const NOW = new Date();

beforeAll(async () => {
  emulator = await startSpApiEmulator({ feedStepMs: 20 });
  adapter = new SpApiMarketplaceAdapter(loadMarketplaceConfig(spApiEmulatorEnv(emulator.url)));
  emulator.controls.addOrders([
    order('113-0000000-0000001', 0, 'MFN', 'Unshipped', [sketch], NOW),
    order('113-0000000-0000002', 3, 'MFN', 'Shipped', [sketch], NOW),
    order('113-0000000-0000003', 0, 'AFN', 'Unshipped', [sketch], NOW),
  ]);
});
afterAll(async () => {
  await emulator?.close();
});

const cancellationFeeds = () =>
  emulator.controls.feeds().filter((feed) => feed.feedType === ORDER_ACKNOWLEDGEMENT_FEED);

describe('cancelling an unshipped merchant-fulfilled order on Amazon', () => {
  it('sends an order acknowledgement with StatusCode Failure for every item; Amazon cancels it', async () => {
    const result = await cancelUnshippedOrder(adapter, { orderId: '113-0000000-0000001' }, runtime);
    expect(result).toMatchObject({ orderId: '113-0000000-0000001', status: 'cancelled' });
    const [feed, ...more] = cancellationFeeds();
    expect(more).toEqual([]);
    expect(feed?.feedId).toBe(result.feedId);
    expect(feed?.content).toContain('<StatusCode>Failure</StatusCode>');
    expect(feed?.content).toContain('<AmazonOrderItemCode>30000000000001</AmazonOrderItemCode>');
    expect(feed?.content).toContain('<CancelReason>BuyerCanceled</CancelReason>');
    expect((await adapter.getOrder('113-0000000-0000001')).status).toBe('Canceled');
  });

  it('sends nothing again for an order already cancelled (a retried step)', async () => {
    const again = await cancelUnshippedOrder(adapter, { orderId: '113-0000000-0000001' }, runtime);
    expect(again).toEqual({ orderId: '113-0000000-0000001', status: 'cancelled' });
    expect(cancellationFeeds()).toHaveLength(1);
  });

  it('refuses a shipped or fulfilled-by-Amazon order for good, sending nothing', async () => {
    for (const orderId of ['113-0000000-0000002', '113-0000000-0000003']) {
      await expect(cancelUnshippedOrder(adapter, { orderId }, runtime)).rejects.toMatchObject({
        type: 'NotCancellable',
        nonRetryable: true,
      });
    }
    expect(cancellationFeeds()).toHaveLength(1);
  });
});
