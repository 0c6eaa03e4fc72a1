import type { OrdersApi, OrdersApiGetOrdersRequest } from '@sp-api-sdk/orders-api-v0';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  order,
  type SpApiEmulator,
  spApiEmulatorEnv,
  startSpApiEmulator,
  US_MARKETPLACE_ID,
} from '../../../emulators/sp-api/index.ts';
import { loadMarketplaceConfig } from '../../../worker/activities/marketplace/index.ts';
import {
  type IntakeClients,
  intakeAccountFromConfig,
} from '../../../worker/intake/intake-account.ts';

const GERMANY = 'A1PA6795UKMFR9';
const SINCE_ALWAYS = '1995-01-01T00:00:00Z';
const ids = ['114-0000001-0000001', '114-0000001-0000002'];
let emulator: SpApiEmulator;
let clients: IntakeClients;

beforeAll(async () => {
  emulator = await startSpApiEmulator();
  clients = intakeAccountFromConfig(loadMarketplaceConfig(spApiEmulatorEnv(emulator.url))).clients;
  emulator.controls.addOrders(
    ids.map((id, n) => {
      const item = { id: `5${n}`, sku: `S-${n}`, asin: 'B0', title: 'T', quantity: 1, price: 9 };
      const placed = order(id, 3, 'MFN', 'Shipped', [{ ...item, tax: 0 }], new Date());
      placed.order.BuyerInfo = { BuyerEmail: `buyer${n}@example.com` };
      return placed;
    }),
  );
});
afterAll(async () => {
  await emulator?.close();
});

async function rdtFor(path: string) {
  const { data } = await clients.tokens.createRestrictedDataToken({
    body: { restrictedResources: [{ method: 'GET', path, dataElements: ['buyerInfo'] }] },
  });
  return data.restrictedDataToken ?? '';
}

const listed = (token: string, request: Partial<OrdersApiGetOrdersRequest> = {}) =>
  getOrders(token, {
    marketplaceIds: [US_MARKETPLACE_ID],
    amazonOrderIds: [...ids, '114-9999999-9999999'],
    createdAfter: SINCE_ALWAYS,
    ...request,
  });

async function getOrders(token: string, request: OrdersApiGetOrdersRequest) {
  const { data } = await clients.restrictedOrders(token).getOrders(request);
  return data.payload;
}

describe("the emulator's getOrders", () => {
  it('shows the buyer of every order it lists to an RDT for /orders/v0/orders', async () => {
    const payload = await listed(await rdtFor('/orders/v0/orders'));
    expect(payload?.Orders.map((o) => [o.AmazonOrderId, o.BuyerInfo?.BuyerEmail])).toEqual([
      [ids[0], 'buyer0@example.com'],
      [ids[1], 'buyer1@example.com'],
    ]);
    expect(payload?.NextToken).toBeUndefined();
  });

  it('hides the buyer from an LWA token, and lists only the marketplaces asked for', async () => {
    const { data } = await clients.orders.getOrder({ orderId: ids[0] ?? '' });
    expect(data.payload?.BuyerInfo).toEqual({});
    // The intake account's Orders client (LWA token) is typed without getOrders.
    const { data: plain } = await (clients.orders as OrdersApi).getOrders({
      marketplaceIds: [US_MARKETPLACE_ID],
      amazonOrderIds: ids,
      createdAfter: SINCE_ALWAYS,
    });
    expect(plain.payload?.Orders.map((o) => o.BuyerInfo)).toEqual([{}, {}]);
    const german = await listed(await rdtFor('/orders/v0/orders'), { marketplaceIds: [GERMANY] });
    expect(german?.Orders).toEqual([]);
  });

  it("refuses an RDT issued for one order's path, which still opens that order", async () => {
    const token = await rdtFor(`/orders/v0/orders/${ids[0]}`);
    await expect(listed(token)).rejects.toMatchObject({ response: { status: 403 } });
    const { data } = await clients.restrictedOrders(token).getOrder({ orderId: ids[0] ?? '' });
    expect(data.payload?.BuyerInfo?.BuyerEmail).toBe('buyer0@example.com');
  });

  it('answers 400 as Amazon does: more than 50 ids, or no CreatedAfter nor LastUpdatedAfter', async () => {
    const token = await rdtFor('/orders/v0/orders');
    const many = Array.from({ length: 51 }, (_, n) => `114-0000002-${String(n).padStart(7, '0')}`);
    await expect(listed(token, { amazonOrderIds: many })).rejects.toMatchObject({
      response: { status: 400 },
    });
    await expect(listed(token, { createdAfter: undefined })).rejects.toMatchObject({
      response: { status: 400 },
    });
  });

  it('pages by MaxResultsPerPage and NextToken', async () => {
    const token = await rdtFor('/orders/v0/orders');
    const first = await listed(token, { maxResultsPerPage: 1 });
    expect(first?.Orders.map((o) => o.AmazonOrderId)).toEqual([ids[0]]);
    const next = await listed(token, { maxResultsPerPage: 1, nextToken: first?.NextToken });
    expect(next?.Orders.map((o) => o.AmazonOrderId)).toEqual([ids[1]]);
    expect(next?.NextToken).toBeUndefined();
  });
});
