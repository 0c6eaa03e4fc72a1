import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { FlowDefinitionInput } from '#flow-language';
import { connectDatabase } from '#platform/database';
import {
  createStoreActivities,
  MongoStoreSystem,
  type StoreSystem,
  seedDemoStores,
  storeCatalog,
} from '../../../worker/activities/store/index.ts';
import { ledgerEntryModel } from '../../../worker/activities/store/mongo/ledger-records.ts';
import {
  type CatalogFlowWorker,
  catalogFlow,
  quickRetry,
  startCatalogFlowWorker,
} from '../../support/catalog-flow-worker.ts';

let database: Connection;
let worker: CatalogFlowWorker;
let system: MongoStoreSystem;
const calls = { gradeItem: 0, shipTransfer: 0 };

/** The store commits, then the answer is lost: the worst moment for a retry. */
function losesFirstAnswer(real: StoreSystem): StoreSystem {
  const flaky = Object.create(real) as StoreSystem;
  for (const name of ['gradeItem', 'shipTransfer'] as const) {
    const operation = real[name].bind(real) as (request: never) => Promise<unknown>;
    Object.assign(flaky, {
      async [name](request: never) {
        const result = await operation(request);
        if (++calls[name] === 1) throw new Error(`connection reset after ${name} committed`);
        return result;
      },
    });
  }
  return flaky;
}

beforeAll(async () => {
  database = await connectDatabase(`${inject('mongoBaseUri')}/store-flow`);
  system = await new MongoStoreSystem(database).ready();
  await seedDemoStores(system);
  const activities = createStoreActivities({ system: losesFirstAnswer(system) });
  worker = await startCatalogFlowWorker(database, activities);
});
afterAll(async () => {
  await worker?.close();
  await database?.close();
});

type FlowNodeInput = FlowDefinitionInput['nodes'][number];
const step = (id: string, activity: string, inputs: object, resultVariable?: string) =>
  ({
    id,
    kind: 'action',
    activity,
    inputs,
    timeoutSeconds: 20,
    retry: quickRetry,
    ...(resultVariable && { resultVariable }),
  }) as FlowNodeInput;
const rmaId = { var: 'rma.rmaId' };
const sku = { var: 'sku' };

const storeReturn = catalogFlow('store-return', storeCatalog, {
  inputs: {
    orderId: { type: 'string', required: true },
    sku: { type: 'string', required: true },
    items: { type: 'array', required: true },
    latitude: { type: 'number', required: true },
    longitude: { type: 'number', required: true },
  },
  nodes: [
    { id: 'start', kind: 'start', trigger: 'return.requested' },
    step('rma', 'store.createRma', { orderId: { var: 'orderId' }, items: { var: 'items' } }, 'rma'),
    step(
      'route',
      'store.routeReturn',
      { rmaId, latitude: { var: 'latitude' }, longitude: { var: 'longitude' } },
      'route',
    ),
    step('receive', 'store.receiveReturn', { rmaId, receivedBy: 'clerk-carla' }),
    step(
      'grade',
      'store.gradeReturn',
      { rmaId, sku, quantity: 2, grade: 'new', reason: 'sealed', gradedBy: 'grader-gus' },
      'graded',
    ),
    step(
      'rebalance',
      'store.transferStock',
      {
        fromStoreId: { var: 'graded.storeId' },
        toStoreId: 'dallas-uptown',
        sku,
        quantity: 1,
        requestedBy: 'planner-pat',
      },
      'transfer',
    ),
    { id: 'done', kind: 'end', outcome: 'restocked' },
  ],
  edges: [
    ['start', 'rma'],
    ['rma', 'route'],
    ['route', 'receive'],
    ['receive', 'grade'],
    ['grade', 'rebalance'],
    ['rebalance', 'done'],
  ],
});

it('runs a store return through a real worker; retried steps move stock once', async () => {
  const newSku = `SKU-${randomUUID().slice(0, 8)}`;
  // A buyer in Chicago's West Loop returns two sealed units that need inspection.
  const result = await worker.run(storeReturn, {
    orderId: '113-7654321-1234567',
    sku: newSku,
    items: [{ sku: newSku, quantity: 2, needsInspection: true }],
    latitude: 41.8826,
    longitude: -87.6447,
  });
  const variables = result.variables as Record<string, Record<string, unknown>>;

  expect(result.outcome).toBe('restocked');
  expect(variables.route).toMatchObject({ storeId: 'chicago-loop', city: 'Chicago' });
  expect(variables.graded).toMatchObject({ disposition: 'sellable', remainingToGrade: 0 });
  // Each of the two steps committed, lost its answer and ran again: stock moved once.
  expect(calls).toEqual({ gradeItem: 2, shipTransfer: 2 });
  expect(await system.getStock('chicago-loop', newSku)).toMatchObject({ sellable: 1 });
  expect(await system.getStock('dallas-uptown', newSku)).toMatchObject({ inTransitSellable: 1 });
  const transferId = String(variables.transfer?.transferId);
  expect(await ledgerEntryModel(database).countDocuments({ movementId: transferId })).toBe(2);
});
