import type { Connection } from 'mongoose';
import { expect, inject } from 'vitest';
import { connectDatabase } from '#platform/database';
import { MongoStoreSystem } from '../../../worker/activities/store/mongo/mongo-store-system.ts';
import { seedDemoStores } from '../../../worker/activities/store/seed-demo-stores.ts';
import type { TransferRequest } from '../../../worker/activities/store/store-types.ts';

let counter = 0;
export const unique = (name: string) => `${name}-${Date.now().toString(36)}-${++counter}`;

export const refusal = (code: string) => expect.objectContaining({ name: 'StoreError', code });

/** The demo chain, seeded, in a database of the test file's own. */
export async function openSeededStoreSystem(databaseName: string) {
  const database: Connection = await connectDatabase(`${inject('mongoBaseUri')}/${databaseName}`);
  const system = await new MongoStoreSystem(database).ready();
  await seedDemoStores(system);
  return { database, system };
}

export function transfer(overrides: Partial<TransferRequest> = {}): TransferRequest {
  return {
    transferId: unique('TRF'),
    fromStoreId: 'chicago-loop',
    toStoreId: 'dallas-uptown',
    sku: 'ACN-KETTLE-01',
    condition: 'sellable',
    quantity: 2,
    requestedBy: 'planner-pat',
    ...overrides,
  };
}
