import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Connection } from 'mongoose';
import { inject } from 'vitest';
import { connectDatabase } from '#platform/database';
import { createTemporalClient } from '#platform/temporal';
import {
  type SpApiEmulator,
  spApiEmulatorEnv,
  startSpApiEmulator,
} from '../../../emulators/sp-api/index.ts';
import { seedShippedPolicies } from '../../../policies/shipped-policies.ts';
import { FlowVersions } from '../../../server/flows/flow-versions.ts';
import { activityCatalog } from '../../../worker/activities/catalog.ts';
import { registerCatalog } from '../../../worker/activities/catalog-activity.ts';
import { createFinanceActivities } from '../../../worker/activities/finance/index.ts';
import {
  createMarketplaceActivities,
  loadMarketplaceConfig,
  SpApiMarketplaceAdapter,
} from '../../../worker/activities/marketplace/index.ts';
import {
  createNotifyActivities,
  loadNotifyConfig,
} from '../../../worker/activities/notify/index.ts';
import {
  createStoreActivities,
  MongoStoreSystem,
  seedDemoStores,
} from '../../../worker/activities/store/index.ts';
import { createAcornWorker } from '../../../worker/create-worker.ts';
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

export async function openPolicyStack(databaseName: string): Promise<PolicyStack> {
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
    ...createNotifyActivities({ database, config: loadNotifyConfig({}) }),
  ];
  const flows = new FlowVersions(database, activityCatalog);
  await seedShippedPolicies(flows);

  const taskQueue = `policies-${randomUUID()}`;
  const address = inject('temporalAddress');
  const connection = await NativeConnection.connect({ address });
  const worker = await createAcornWorker({
    temporal: connection,
    namespace: 'default',
    taskQueue,
    database,
    workflowBundlePath: inject('workflowBundlePath'),
    extraActivities: registerCatalog(activities),
  });
  const running = worker.run();
  const temporal = createTemporalClient({
    TEMPORAL_ADDRESS: address,
    TEMPORAL_NAMESPACE: 'default',
  });
  return {
    emulator,
    database,
    stores,
    flows,
    temporal,
    taskQueue,
    async close() {
      worker.shutdown();
      await running;
      await connection.close();
      await temporal.connection.close();
      await database.close();
      await emulator.close();
    },
  };
}
