/**
 * What intake's order lookups ask of Amazon for a backlog of N returns rows, against the SP-API
 * emulator: the old way (an RDT for each order's own path, getOrder with it, getOrderItems),
 * kept here as the baseline, and the batched lookup (one RDT for getOrders, kept while valid,
 * 50 orders per getOrders call, getOrderItems per row). Besides the emulator's wall time, the
 * least time Amazon's published rate limits (the SDK's `clientRateLimits`, token buckets that
 * start full) allow for the same calls made one after another.
 */
import type { RateLimit } from '@sp-api-sdk/common';
import { clientRateLimits as ordersRateLimits } from '@sp-api-sdk/orders-api-v0';
import { clientRateLimits as tokensRateLimits } from '@sp-api-sdk/tokens-api-2021-03-01';
import {
  order,
  type SpApiEmulator,
  spApiEmulatorEnv,
  startSpApiEmulator,
  US_MARKETPLACE_ID,
} from '../emulators/sp-api/index.ts';
import { loadMarketplaceConfig } from '../worker/activities/marketplace/index.ts';
import { type IntakeAccount, intakeAccountFromConfig } from '../worker/intake/intake-account.ts';
import { lookUpOrders, withItems } from '../worker/intake/order-lookup.ts';
import { writeResults } from './support/measurements.ts';

const BACKLOGS = [120, 500];
const RATE_LIMITS: RateLimit[] = [...tokensRateLimits, ...ordersRateLimits];

type Way = 'rdt-per-order' | 'batched';

/** The old lookUpOrder: one RDT for `/orders/v0/orders/{id}`, getOrder, then the items. */
async function perOrder(account: IntakeAccount, orderIds: string[]) {
  const { tokens, restrictedOrders, orders } = account.clients;
  for (const orderId of orderIds) {
    const { data } = await tokens.createRestrictedDataToken({
      body: {
        restrictedResources: [
          {
            method: 'GET',
            path: `/orders/v0/orders/${orderId}`,
            dataElements: ['buyerInfo', 'shippingAddress'],
          },
        ],
      },
    });
    const token = data.restrictedDataToken ?? '';
    const { data: found } = await restrictedOrders(token).getOrder({ orderId });
    await withItems(orders, found.payload);
  }
}

async function batched(account: IntakeAccount, orderIds: string[]) {
  for (let start = 0; start < orderIds.length; start += 50) {
    const page = orderIds.slice(start, start + 50);
    const found = await lookUpOrders(account.clients, account.marketplaceId, page);
    for (const orderId of page) await withItems(account.clients.orders, found.get(orderId));
  }
}

/** Seconds Amazon's limits impose on these calls, made in this order, each as soon as allowed. */
function leastSecondsAtAmazon(calls: { method: string; path: string }[]): number {
  const buckets = new Map<RateLimit, { tokens: number; at: number }>();
  let now = 0;
  for (const call of calls) {
    const limit = RATE_LIMITS.find(
      (rate) => rate.method === call.method.toLowerCase() && rate.urlRegex.test(call.path),
    );
    if (!limit) continue;
    const bucket = buckets.get(limit) ?? { tokens: limit.burst, at: 0 };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + (now - bucket.at) * limit.rate);
    if (bucket.tokens < 1) {
      now += (1 - bucket.tokens) / limit.rate;
      bucket.tokens = 1;
    }
    bucket.tokens -= 1;
    bucket.at = now;
    buckets.set(limit, bucket);
  }
  return Math.round(now);
}

async function measure(emulator: SpApiEmulator, way: Way, orderIds: string[]) {
  const config = loadMarketplaceConfig(spApiEmulatorEnv(emulator.url));
  // A new account: no RDT held from an earlier round.
  const account = { ...intakeAccountFromConfig(config), accountId: `bench-${way}` };
  const from = emulator.controls.requests().length;
  const started = performance.now();
  await (way === 'batched' ? batched : perOrder)(account, orderIds);
  const emulatorMs = Math.round(performance.now() - started);
  const calls = emulator.controls.requests().slice(from);
  const count = (method: string, path: RegExp) =>
    calls.filter((call) => call.method === method && path.test(call.path)).length;
  return {
    restrictedDataTokens: count('POST', /^\/tokens\/2021-03-01\/restrictedDataToken$/),
    getOrders: count('GET', /^\/orders\/v0\/orders$/),
    getOrder: count('GET', /^\/orders\/v0\/orders\/[^/]+$/),
    getOrderItems: count('GET', /^\/orders\/v0\/orders\/[^/]+\/orderItems$/),
    emulatorMs,
    leastSecondsAtAmazon: leastSecondsAtAmazon(calls),
  };
}

async function main() {
  const emulator = await startSpApiEmulator();
  const figures: Record<string, unknown> = {};
  try {
    for (const backlog of BACKLOGS) {
      const orderIds = Array.from(
        { length: backlog },
        (_, n) => `513-${String(backlog).padStart(7, '0')}-${String(n).padStart(7, '0')}`,
      );
      emulator.controls.addOrders(
        orderIds.map((id, n) => {
          const placed = order(
            id,
            5,
            'MFN',
            'Shipped',
            [
              {
                id: `9${String(n).padStart(13, '0')}`,
                sku: `BENCH-${n}`,
                asin: 'B0BENCH001',
                title: 'Bench item',
                quantity: 1,
                price: 24.99,
                tax: 2.06,
              },
            ],
            new Date(),
          );
          placed.order.BuyerInfo = { BuyerEmail: 'buyer@example.com' };
          return placed;
        }),
      );
      for (const way of ['rdt-per-order', 'batched'] as const) {
        figures[`${way}@${backlog}`] = await measure(emulator, way, orderIds);
      }
    }
  } finally {
    await emulator.close();
  }
  console.table(figures);
  await writeResults('intake-order-lookup', { marketplace: US_MARKETPLACE_ID, figures });
}

await main();
