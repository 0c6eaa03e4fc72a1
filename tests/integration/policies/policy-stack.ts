import type { Client } from '@temporalio/client';
import type { Connection } from 'mongoose';
import { inject } from 'vitest';
import { connectDatabase } from '#platform/database';
import {
  type SpApiEmulator,
  spApiEmulatorEnv,
  startSpApiEmulator,
} from '../../../emulators/sp-api/index.ts';
import { seedShippedPolicies } from '../../../policies/shipped-policies.ts';
import { FlowVersions } from '../../../server/flows/flow-versions.ts';
import { activityCatalog } from '../../../worker/activities/catalog.ts';
import { createFinanceActivities } from '../../../worker/activities/finance/index.ts';
import {
  createMarketplaceActivities,
  loadMarketplaceConfig,
  SpApiMarketplaceAdapter,
} from '../../../worker/activities/marketplace/index.ts';
import {
  createNotifyActivities,
  loadNotifyConfig,
  type NotifyConfig,
} from '../../../worker/activities/notify/index.ts';
import {
  createStoreActivities,
  MongoStoreSystem,
  seedDemoStores,
} from '../../../worker/activities/store/index.ts';
import { startCatalogFlowWorker } from '../../support/catalog-flow-worker.ts';
import { FAST_REFUND_ENV } from '../marketplace/marketplace-worker.ts';

/**
 * Everything a shipped policy touches, real: the SP-API emulator over HTTP, store and finance
 * on FerretDB, notify's outbox, a worker with the whole catalog, and the policies published.
 */
export interface PolicyStack {
  emulator: SpApiEmulator;
  database: Connection;
  stores: MongoStoreSystem;
  flows: FlowVersions;
  temporal: Client;
  taskQueue: string;
  close(): Promise<void>;
}

/** `notify`: where mails go (an SMTP server); by default they are only kept in the outbox. */
export async function openPolicyStack(
  databaseName: string,
  { notify = loadNotifyConfig({}) }: { notify?: NotifyConfig } = {},
): Promise<PolicyStack> {
  const emulator = await startSpApiEmulator({ feedStepMs: 50 });
  const database = await connectDatabase(`${inject('mongoBaseUri')}/${databaseName}`);
  const stores = await new MongoStoreSystem(database).ready();
  await seedDemoStores(stores);
  const marketplace = loadMarketplaceConfig({
    ...spApiEmulatorEnv(emulator.url),
    ...FAST_REFUND_ENV,
  });
  const activities = [
    ...createMarketplaceActivities({
      database,
      adapter: new SpApiMarketplaceAdapter(marketplace),
      refundSettings: marketplace.refunds,
    }),
    ...createStoreActivities({ system: stores }),
    ...createFinanceActivities({ database }),
    ...createNotifyActivities({ database, config: notify }),
  ];
  const flows = new FlowVersions(database, activityCatalog);
  await seedShippedPolicies(flows);

  const worker = await startCatalogFlowWorker(database, activities);
  return {
    emulator,
    database,
    stores,
    flows,
    temporal: worker.client,
    taskQueue: worker.taskQueue,
    async close() {
      await worker.close();
      await database.close();
      await emulator.close();
    },
  };
}
