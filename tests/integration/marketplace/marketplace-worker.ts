import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Connection } from 'mongoose';
import { registerCatalog } from '../../../worker/activities/catalog-activity.ts';
import { createFinanceActivities } from '../../../worker/activities/finance/index.ts';
import {
  createMarketplaceActivities,
  loadMarketplaceConfig,
  SpApiMarketplaceAdapter,
} from '../../../worker/activities/marketplace/index.ts';
import { createAcornWorker } from '../../../worker/create-worker.ts';

/** Short waits so recovery paths run in seconds; settle must exceed the request timeout. */
export const FAST_REFUND_ENV = {
  SP_API_REQUEST_TIMEOUT_MS: '3000',
  SP_API_FEED_POLL_MS: '200',
  SP_API_SUBMISSION_SETTLE_MS: '4000',
  SP_API_CLOCK_SKEW_MS: '5000',
  SP_API_SUBMISSION_LEASE_MS: '10000',
};

export interface MarketplaceWorkerOptions {
  temporalAddress: string;
  taskQueue: string;
  database: Connection;
  workflowBundlePath: string;
  env: NodeJS.ProcessEnv;
  /** Also serve the finance catalog (ledger postings) on the same database. */
  withFinance?: boolean;
}

/** The real interpreter plus the marketplace catalog, wired the way the worker will wire it. */
export async function startMarketplaceWorker(options: MarketplaceWorkerOptions) {
  const config = loadMarketplaceConfig(options.env);
  const activities = [
    ...createMarketplaceActivities({
      database: options.database,
      adapter: new SpApiMarketplaceAdapter(config),
      refundSettings: config.refunds,
    }),
    ...(options.withFinance ? createFinanceActivities({ database: options.database }) : []),
  ];
  const connection = await NativeConnection.connect({ address: options.temporalAddress });
  const worker: Worker = await createAcornWorker({
    temporal: connection,
    namespace: 'default',
    taskQueue: options.taskQueue,
    database: options.database,
    workflowBundlePath: options.workflowBundlePath,
    extraActivities: registerCatalog(activities),
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
