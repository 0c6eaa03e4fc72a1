import type { OrdersApiGetOrdersRequest } from '@sp-api-sdk/orders-api-v0';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IntakeClients } from '../../../worker/intake/intake-account.ts';
import {
  lookUpOrders,
  type OrderLookupClients,
  withItems,
} from '../../../worker/intake/order-lookup.ts';

// A stand-in for Amazon's Tokens and Orders APIs as the SDK clients answer (the batching is
// under test, not Amazon): it records every call and answers like the emulator.
const MARKETPLACE = 'ATVPDKIKX0DER';
const amazonError = (status: number) =>
  Object.assign(new Error(`${status}`), { response: { status } });

function fakeAmazon(known: string[], options: { expiresIn?: number } = {}) {
  const calls = {
    tokens: 0,
    getOrders: [] as { token: string; request: OrdersApiGetOrdersRequest }[],
    getOrderItems: [] as string[],
  };
  const refuseTokens = { next: 0 };
  const revoked = new Set<string>();
  const missingItems = new Set<string>();
  const order = (id: string) => ({ AmazonOrderId: id, BuyerInfo: { BuyerEmail: `${id}@x` } });
  const clients = {
    tokens: {
      createRestrictedDataToken: async () => {
        calls.tokens += 1;
        if (refuseTokens.next > 0) {
          refuseTokens.next -= 1;
          throw amazonError(403);
        }
        return {
          data: {
            restrictedDataToken: `rdt-${calls.tokens}`,
            expiresIn: options.expiresIn ?? 3600,
          },
        };
      },
    },
    restrictedOrders: (token: string) => ({
      getOrder: async () => {
        throw new Error('intake reads orders with getOrders');
      },
      getOrders: async (request: OrdersApiGetOrdersRequest) => {
        calls.getOrders.push({ token, request });
        if (revoked.has(token)) throw amazonError(403);
        if ((request.amazonOrderIds?.length ?? 0) > 50) throw amazonError(400);
        const listed = (request.amazonOrderIds ?? []).filter((id) => known.includes(id));
        return { data: { payload: { Orders: listed.map(order) } } };
      },
    }),
    orders: {
      getOrder: async () => {
        throw new Error('intake reads orders with getOrders');
      },
      getOrderItems: async ({ orderId }: { orderId: string }) => {
        calls.getOrderItems.push(orderId);
        if (missingItems.has(orderId)) throw amazonError(404);
        return {
          data: { payload: { AmazonOrderId: orderId, OrderItems: [{ SellerSKU: orderId }] } },
        };
      },
    },
  } as unknown as OrderLookupClients & Pick<IntakeClients, 'orders'>;
  return { clients, calls, refuseTokens, revoked, missingItems };
}

const ids = (count: number, prefix = '111') =>
  Array.from({ length: count }, (_, n) => `${prefix}-0000000-${String(n).padStart(7, '0')}`);

afterEach(() => {
  vi.useRealTimers();
});

describe('looking up the orders of a page of returns', () => {
  it('reads 120 orders in batches of at most 50 with one RDT, each with the buyer data', async () => {
    const known = ids(120);
    const amazon = fakeAmazon(known);
    const unknown = '999-0000000-0000000';
    const found = await lookUpOrders(amazon.clients, MARKETPLACE, [
      ...known,
      known[0] ?? '',
      unknown,
    ]);

    expect(amazon.calls.tokens).toBe(1);
    expect(amazon.calls.getOrders.map(({ request }) => request.amazonOrderIds?.length)).toEqual([
      50, 50, 21,
    ]);
    for (const { request } of amazon.calls.getOrders) {
      expect(request.marketplaceIds).toEqual([MARKETPLACE]);
      expect(request.createdAfter).toBeDefined();
    }
    expect(found.size).toBe(121);
    expect(found.get(known[0] ?? '')).toMatchObject({ BuyerInfo: { BuyerEmail: `${known[0]}@x` } });
    // Not listed by getOrders: unknown to Amazon, as a 404 from getOrder was.
    expect(found.get(unknown)).toBeUndefined();
    // Items are read per row, when the row is taken.
    expect(amazon.calls.getOrderItems).toHaveLength(0);
  });

  it('reuses the RDT while it has more than a safety margin to live, then asks for a new one', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const amazon = fakeAmazon(ids(2));
    await lookUpOrders(amazon.clients, MARKETPLACE, ids(1));
    vi.advanceTimersByTime(50 * 60_000);
    await lookUpOrders(amazon.clients, MARKETPLACE, ids(2));
    expect(amazon.calls.tokens).toBe(1);
    // 56 minutes into a one-hour token: too close to its end to start another call with it.
    vi.advanceTimersByTime(6 * 60_000);
    await lookUpOrders(amazon.clients, MARKETPLACE, ids(2));
    expect(amazon.calls.tokens).toBe(2);
    expect(amazon.calls.getOrders.map(({ token }) => token)).toEqual(['rdt-1', 'rdt-1', 'rdt-2']);
  });

  it('does not keep a token that lives less than the margin', async () => {
    const amazon = fakeAmazon(ids(120), { expiresIn: 60 });
    await lookUpOrders(amazon.clients, MARKETPLACE, ids(120));
    expect(amazon.calls.tokens).toBe(3);
  });

  it('asks once for a new token when Amazon no longer takes the held one', async () => {
    const amazon = fakeAmazon(ids(3));
    await lookUpOrders(amazon.clients, MARKETPLACE, ids(1));
    amazon.revoked.add('rdt-1');
    const found = await lookUpOrders(amazon.clients, MARKETPLACE, ids(3));
    expect(amazon.calls.tokens).toBe(2);
    expect([...found.values()].every((order) => order && 'AmazonOrderId' in order)).toBe(true);

    // A new token refused as well is not a batch of unknown orders: the poll fails, to retry.
    amazon.revoked.add('rdt-2');
    amazon.revoked.add('rdt-3');
    await expect(lookUpOrders(amazon.clients, MARKETPLACE, ids(3))).rejects.toMatchObject({
      response: { status: 403 },
    });
    expect(amazon.calls.tokens).toBe(3);
  });

  it('refuses every order of a batch, naming it, when Amazon refuses the RDT', async () => {
    const amazon = fakeAmazon(ids(60));
    amazon.refuseTokens.next = 1;
    const found = await lookUpOrders(amazon.clients, MARKETPLACE, ids(60));
    const refused = ids(50).map((id) => found.get(id));
    expect(refused.every((order) => order && 'refused' in order)).toBe(true);
    expect(found.get(ids(1)[0] ?? '')).toEqual({
      refused: `Amazon refused a Restricted Data Token for order ${ids(1)[0]} (buyer data needs the PII roles)`,
    });
    // The next batch's token is granted: its ten orders are read.
    expect(
      ids(60)
        .slice(50)
        .every((id) => 'AmazonOrderId' in (found.get(id) ?? {})),
    ).toBe(true);
    expect(amazon.calls.getOrders).toHaveLength(1);
  });

  it("adds an order's items, and treats an order whose items Amazon does not find as unknown", async () => {
    const [kept, lost] = ids(2) as [string, string];
    const amazon = fakeAmazon([kept, lost]);
    amazon.missingItems.add(lost);
    const found = await lookUpOrders(amazon.clients, MARKETPLACE, [kept, lost]);
    const { orders } = amazon.clients;
    expect(await withItems(orders, found.get(kept))).toMatchObject({
      order: { AmazonOrderId: kept },
      items: [{ SellerSKU: kept }],
    });
    expect(await withItems(orders, found.get(lost))).toBeUndefined();
    // An unknown or refused order is passed on as it is, without asking Amazon.
    const refused = { refused: 'no PII roles' };
    expect(await withItems(orders, refused)).toBe(refused);
    expect(await withItems(orders, undefined)).toBeUndefined();
    expect(amazon.calls.getOrderItems).toEqual([kept, lost]);
  });

  it('asks Amazon nothing for an empty page', async () => {
    const amazon = fakeAmazon([]);
    expect((await lookUpOrders(amazon.clients, MARKETPLACE, [])).size).toBe(0);
    expect(amazon.calls.tokens).toBe(0);
  });
});
