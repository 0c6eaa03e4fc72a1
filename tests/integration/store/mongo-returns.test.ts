import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoStoreSystem } from '../../../worker/activities/store/mongo/mongo-store-system.ts';
import { seedDemoStores } from '../../../worker/activities/store/seed-demo-stores.ts';
import { openSeededStoreSystem, refusal, unique } from './store-fixtures.ts';

let database: Connection;
let system: MongoStoreSystem;

beforeAll(async () => {
  ({ database, system } = await openSeededStoreSystem('store-rmas'));
});
afterAll(async () => {
  await database?.close();
});

async function receivedRma(sku: string, quantity: number, storeId = 'chicago-loop') {
  const rmaId = unique('RMA');
  await system.createRma({
    rmaId,
    orderId: unique('111'),
    items: [{ sku, quantity, needsInspection: true }],
  });
  await system.receiveRma(rmaId, { storeId, receivedBy: 'clerk-carla' });
  return rmaId;
}

describe('MongoStoreSystem returns on FerretDB', () => {
  it('seeds the demo chain once, however often it runs', async () => {
    await seedDemoStores(system);
    expect((await system.listStores()).map((store) => store.storeId)).toContain('nyc-soho');
    expect(await system.getStock('nyc-soho', 'ACN-BLENDER-02')).toMatchObject({
      sellable: 12,
      outlet: 1,
    });
  });

  it('creates an RMA once per id and refuses the id for another order', async () => {
    const request = {
      rmaId: unique('RMA'),
      orderId: '113-0000001-0000001',
      items: [{ sku: 'ACN-KETTLE-01', quantity: 2, needsInspection: false }],
    };
    const first = await system.createRma(request);
    const again = await system.createRma(request);
    expect(again).toEqual(first);
    expect(first).toMatchObject({
      status: 'created',
      items: [{ sku: 'ACN-KETTLE-01', ungraded: 2 }],
    });
    await expect(system.createRma({ ...request, orderId: 'other' })).rejects.toEqual(
      refusal('conflict'),
    );
  });

  it('keeps the first route and receives once, at one eligible store', async () => {
    const rmaId = unique('RMA');
    await system.createRma({
      rmaId,
      orderId: unique('112'),
      items: [{ sku: 'ACN-KETTLE-01', quantity: 1, needsInspection: true }],
    });
    await system.assignRoute(rmaId, { storeId: 'nyc-soho', distanceKm: 2.1 });
    const rerouted = await system.assignRoute(rmaId, { storeId: 'chicago-loop', distanceKm: 1 });
    expect(rerouted).toMatchObject({
      status: 'routed',
      route: { storeId: 'nyc-soho', distanceKm: 2.1 },
    });
    // Brooklyn's outlet cannot inspect, and this line needs inspection.
    await expect(
      system.receiveRma(rmaId, { storeId: 'brooklyn-outlet', receivedBy: 'x' }),
    ).rejects.toEqual(refusal('not-eligible'));
    const received = await system.receiveRma(rmaId, {
      storeId: 'nyc-soho',
      receivedBy: 'clerk-carla',
    });
    expect(
      await system.receiveRma(rmaId, { storeId: 'nyc-soho', receivedBy: 'clerk-carla' }),
    ).toEqual(received);
    await expect(
      system.receiveRma(rmaId, { storeId: 'la-downtown', receivedBy: 'y' }),
    ).rejects.toEqual(refusal('conflict'));
  });

  it('grades into sellable, outlet and written-off stock, each grading once', async () => {
    const sku = unique('SKU');
    const rmaId = await receivedRma(sku, 4);
    const grade = (
      gradingId: string,
      quantity: number,
      grade: 'new' | 'open-box' | 'scrap',
      disposition: 'sellable' | 'outlet' | 'writtenOff',
    ) =>
      system.gradeItem({
        gradingId,
        rmaId,
        storeId: 'chicago-loop',
        sku,
        quantity,
        grade,
        disposition,
        reason: 'inspected',
        gradedBy: 'grader-gus',
      });
    await grade('g1', 2, 'new', 'sellable');
    const retried = await grade('g1', 2, 'new', 'sellable');
    await grade('g2', 1, 'open-box', 'outlet');
    const last = await grade('g3', 1, 'scrap', 'writtenOff');
    expect(retried.remainingToGrade).toBe(2);
    expect(last.remainingToGrade).toBe(0);
    expect(await system.getStock('chicago-loop', sku)).toMatchObject({
      sellable: 2,
      outlet: 1,
      writtenOff: 1,
    });
    expect((await system.getRma(rmaId))?.status).toBe('graded');
    await expect(grade('g4', 1, 'new', 'sellable')).rejects.toEqual(
      refusal('insufficient-quantity'),
    );
    await expect(grade('g1', 1, 'new', 'sellable')).rejects.toEqual(refusal('conflict'));
  });

  it('refuses to grade at a store that did not receive the return', async () => {
    const rmaId = await receivedRma('ACN-KETTLE-01', 1);
    const request = {
      gradingId: unique('g'),
      rmaId,
      storeId: 'nyc-soho',
      sku: 'ACN-KETTLE-01',
      quantity: 1,
      grade: 'new' as const,
      disposition: 'sellable' as const,
      reason: 'ok',
      gradedBy: 'g',
    };
    await expect(system.gradeItem(request)).rejects.toEqual(refusal('conflict'));
  });
});
