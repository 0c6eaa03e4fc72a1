import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ActivityDescriptor, isPiiEnvelope } from '#flow-language';
import { connectDatabase } from '#platform/database';
import { catalogActivity } from '../../../worker/activities/catalog-activity.ts';
import {
  type CatalogFlowWorker,
  catalogFlow,
  startCatalogFlowWorker,
} from '../../support/catalog-flow-worker.ts';

/**
 * An activity result field declared pii leaves the worker sealed with the case key, so the
 * workflow, its history and the trail hold ciphertext; the next activity that takes it as a
 * plain input gets it opened, for that call only.
 */
const lookupBuyer: ActivityDescriptor = {
  name: 'store.lookupBuyer',
  system: 'store',
  title: 'Look up the buyer',
  description: 'Test activity answering buyer data',
  inputs: { orderId: { type: 'string', required: true } },
  output: {
    buyerName: { type: 'string', required: true, pii: true },
    city: { type: 'string', required: true },
  },
  sideEffects: false,
};
const greetBuyer: ActivityDescriptor = {
  name: 'store.greetBuyer',
  system: 'store',
  title: 'Greet the buyer',
  description: 'Test activity using buyer data',
  inputs: { name: { type: 'string', required: true } },
  output: { greeted: { type: 'boolean', required: true } },
  sideEffects: false,
};
const NAME = 'Jane Roe-Pseudonym';

let database: Connection;
let worker: CatalogFlowWorker;
const greeted: unknown[] = [];

beforeAll(async () => {
  database = await connectDatabase(`${inject('mongoBaseUri')}/privacy-activity-results`);
  worker = await startCatalogFlowWorker(database, [
    catalogActivity(lookupBuyer, async () => ({ buyerName: NAME, city: 'Leeds' })),
    catalogActivity(greetBuyer, async (input: { name: string }) => {
      greeted.push(input.name);
      return { greeted: true };
    }),
  ]);
});
afterAll(async () => {
  await worker?.close();
  await database?.close();
});

const flow = catalogFlow('buyer-lookup', [lookupBuyer, greetBuyer], {
  inputs: { orderId: { type: 'string', required: true } },
  variables: { buyer: { type: 'object' } },
  nodes: [
    { id: 'start', kind: 'start', trigger: 'test.started' },
    {
      id: 'lookup',
      kind: 'action',
      activity: 'store.lookupBuyer',
      inputs: { orderId: { var: 'orderId' } },
      resultVariable: 'found',
      timeoutSeconds: 30,
    },
    { id: 'keep', kind: 'set', assignments: { buyer: { var: 'found' } } },
    {
      id: 'greet',
      kind: 'action',
      activity: 'store.greetBuyer',
      inputs: { name: { var: 'found.buyerName' } },
      timeoutSeconds: 30,
    },
    { id: 'done', kind: 'end', outcome: 'done' },
  ],
  edges: [
    ['start', 'lookup'],
    ['lookup', 'keep'],
    ['keep', 'greet'],
    ['greet', 'done'],
  ],
});

describe('an activity result field declared pii', () => {
  it('is sealed before it returns to the workflow, and opened for the activity that uses it', async () => {
    const result = await worker.run(flow, { orderId: '113-0000000-0000001' });
    expect(result.outcome).toBe('done');
    const buyer = result.variables.buyer as { buyerName: unknown; city: unknown };
    expect(buyer.city).toBe('Leeds');
    expect(isPiiEnvelope(buyer.buyerName)).toBe(true);
    expect(JSON.stringify(result)).not.toContain(NAME);
    expect(greeted).toEqual([NAME]);

    const db = database.db;
    if (!db) throw new Error('no database');
    for (const { name } of await db.listCollections().toArray()) {
      const documents = JSON.stringify(await db.collection(name).find().toArray());
      expect(documents, name).not.toContain(NAME);
    }
  });
});
