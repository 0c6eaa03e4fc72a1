import { describe, expect, it } from 'vitest';
import { businessId } from '../../../worker/activities/activity-key.ts';
import type { CatalogActivity } from '../../../worker/activities/catalog-activity.ts';
import { DEMO_STORES } from '../../../worker/activities/store/seed-demo-stores.ts';
import { createStoreActivities } from '../../../worker/activities/store/store-activities.ts';
import { StoreError, type StoreSystem } from '../../../worker/activities/store/store-system.ts';
import type { Rma } from '../../../worker/activities/store/store-types.ts';

/** Just enough of a store system to watch what the activities ask of it. */
function fakeStoreSystem() {
  const rmas = new Map<string, Rma>();
  const asked: { method: string; args: unknown[] }[] = [];
  const note = (method: string, ...args: unknown[]) => asked.push({ method, args });
  const rma = (rmaId: string) =>
    rmas.get(rmaId) ?? Promise.reject(new StoreError('not-found', rmaId));
  const system: StoreSystem = {
    listStores: async () => [...DEMO_STORES],
    async createRma(request) {
      note('createRma', request);
      const items = request.items.map((item) => ({ ...item, ungraded: item.quantity }));
      const created: Rma = {
        ...request,
        items,
        status: 'created',
        createdAt: '2026-01-01T00:00:00.000Z',
      };
      rmas.set(request.rmaId, rmas.get(request.rmaId) ?? created);
      return rmas.get(request.rmaId) as Rma;
    },
    getRma: async (rmaId) => rmas.get(rmaId),
    async assignRoute(rmaId, route) {
      note('assignRoute', rmaId, route);
      const routed = await rma(rmaId);
      routed.route ??= { ...route, at: 'now' };
      return routed;
    },
    async receiveRma(rmaId, receipt) {
      note('receiveRma', rmaId, receipt);
      const received = await rma(rmaId);
      received.receipt = { ...receipt, at: '2026-01-02T00:00:00.000Z' };
      return { ...received, status: 'received' };
    },
    async gradeItem(request) {
      note('gradeItem', request);
      return { ...request, remainingToGrade: 0, gradedAt: 'now' };
    },
    async shipTransfer() {
      throw new StoreError('insufficient-stock', 'only 1 left');
    },
    receiveTransfer: async () => Promise.reject(new Error('POS timed out')),
    getStock: async (storeId, sku) => ({
      storeId,
      sku,
      sellable: 3,
      outlet: 1,
      writtenOff: 0,
      inTransitSellable: 0,
      inTransitOutlet: 2,
    }),
  };
  return { system, asked };
}

function activities() {
  const fake = fakeStoreSystem();
  const byName = new Map(
    createStoreActivities({ system: fake.system }).map((a: CatalogActivity) => [
      a.descriptor.name,
      a.run,
    ]),
  );
  const run = (name: string, input: Record<string, unknown>) =>
    (byName.get(name) as CatalogActivity['run'])(input);
  return { ...fake, run };
}

const items = [{ sku: 'ACN-KETTLE-01', quantity: 1, needsInspection: true }];

describe('store activities', () => {
  it('derives the RMA number from the request id, so a retry names the same RMA', async () => {
    const { run, asked } = activities();
    const first = await run('store.createRma', {
      orderId: '113-1',
      items,
      requestId: 'case-1/rma#1',
      marketplace: null,
    });
    await run('store.createRma', { orderId: '113-1', items, requestId: 'case-1/rma#1' });
    expect(first).toEqual({
      rmaId: businessId('RMA', 'case-1/rma#1'),
      status: 'created',
      needsInspection: true,
    });
    const rmaId = businessId('RMA', 'case-1/rma#1');
    expect(asked.map((call) => (call.args[0] as { rmaId: string }).rmaId)).toEqual([rmaId, rmaId]);
  });

  it('routes by postcode to the nearest store that can inspect, then receives there', async () => {
    const { run } = activities();
    const { rmaId } = (await run('store.createRma', {
      orderId: '113-2',
      items,
      requestId: 'r2',
    })) as { rmaId: string };
    const route = await run('store.routeReturn', { rmaId, postcode: '11201', latitude: null });
    expect(route).toMatchObject({ storeId: 'nyc-soho', storeName: 'Acorn SoHo', city: 'New York' });
    expect(await run('store.receiveReturn', { rmaId, receivedBy: 'clerk' })).toMatchObject({
      storeId: 'nyc-soho',
      status: 'received',
    });
    const graded = await run('store.gradeReturn', {
      rmaId,
      sku: 'ACN-KETTLE-01',
      quantity: 1,
      grade: 'open-box',
      reason: 'opened',
      gradedBy: 'g',
      requestId: 'g1',
    });
    expect(graded).toMatchObject({
      disposition: 'outlet',
      storeId: 'nyc-soho',
      remainingToGrade: 0,
    });
  });

  it('turns refusals into non-retryable failures and leaves other errors retryable', async () => {
    const { run } = activities();
    const transfer = {
      fromStoreId: 'nyc-soho',
      toStoreId: 'chicago-loop',
      sku: 'S',
      quantity: 2,
      requestedBy: 'p',
      requestId: 't1',
    };
    await expect(run('store.transferStock', transfer)).rejects.toMatchObject({
      type: 'StoreInsufficientStock',
      nonRetryable: true,
    });
    await expect(
      run('store.routeReturn', { rmaId: 'missing', postcode: '10001' }),
    ).rejects.toMatchObject({ type: 'StoreNotFound', nonRetryable: true });
    await expect(
      run('store.receiveTransfer', { transferId: 'TRF-1', receivedBy: 'c' }),
    ).rejects.toThrow('POS timed out');
    await expect(
      run('store.createRma', { orderId: '1', items: [{ sku: 'S', quantity: 0 }], requestId: 'x' }),
    ).rejects.toMatchObject({ type: 'StoreInvalid' });
    await expect(
      run('store.transferStock', { ...transfer, condition: 'writtenOff' }),
    ).rejects.toMatchObject({ type: 'InvalidActivityInput' });
  });

  it('reports stock per condition', async () => {
    const { run } = activities();
    expect(await run('store.getStock', { storeId: 'nyc-soho', sku: 'S' })).toEqual({
      sellable: 3,
      outlet: 1,
      writtenOff: 0,
      inTransitSellable: 0,
      inTransitOutlet: 2,
    });
  });
});
