import { randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { Connection } from 'mongoose';
import { inject } from 'vitest';
import type { FlowDefinition } from '#flow-language';
import { connectDatabase } from '#platform/database';
import { createTemporalClient } from '#platform/temporal';
import {
  PAYMENT_ADJUSTMENT_FEED,
  type SpApiEmulator,
  spApiEmulatorEnv,
  startSpApiEmulator,
} from '../../../emulators/sp-api/index.ts';
import { RefundIntents } from '../../../worker/activities/marketplace/refund-intents.ts';
import type { runFlow } from '../../../workflows/flow-run/flow-run.ts';
import { FAST_REFUND_ENV, startMarketplaceWorker } from './marketplace-worker.ts';

export interface RefundCase {
  caseId: string;
  orderId: string;
  reason: string;
  items?: Record<string, unknown>[];
}

/** An SP-API emulator, a database and (optionally) an in-process marketplace worker. */
export class MarketplaceHarness {
  readonly taskQueue = `marketplace-${randomUUID()}`;
  private worker?: { stop(): Promise<void> };

  private constructor(
    readonly emulator: SpApiEmulator,
    readonly database: Connection,
    readonly client: Client,
    readonly env: NodeJS.ProcessEnv,
  ) {}

  static async open(
    databaseName: string,
    inProcessWorker = true,
    withFinance = false,
  ): Promise<MarketplaceHarness> {
    const emulator = await startSpApiEmulator({ feedStepMs: 250 });
    const database = await connectDatabase(`${inject('mongoBaseUri')}/${databaseName}`);
    const client = createTemporalClient({
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_NAMESPACE: 'default',
    });
    const env = { ...process.env, ...spApiEmulatorEnv(emulator.url), ...FAST_REFUND_ENV };
    const harness = new MarketplaceHarness(emulator, database, client, env);
    if (inProcessWorker) {
      harness.worker = await startMarketplaceWorker({
        temporalAddress: inject('temporalAddress'),
        taskQueue: harness.taskQueue,
        database,
        workflowBundlePath: inject('workflowBundlePath'),
        env,
        withFinance,
      });
    }
    return harness;
  }

  start(
    flow: FlowDefinition,
    { caseId, ...caseInput }: RefundCase,
    taskQueue = this.taskQueue,
  ): Promise<WorkflowHandle<typeof runFlow>> {
    return this.client.workflow.start<typeof runFlow>('runFlow', {
      taskQueue,
      workflowId: `refund-${caseId}-${randomUUID()}`,
      args: [
        {
          flow,
          subflows: {},
          caseInput,
          caseContext: { id: caseId, requestedBy: 'rita', startedAt: new Date().toISOString() },
        },
      ],
    });
  }

  refundFeeds() {
    return this.emulator.controls
      .feeds()
      .filter((feed) => feed.feedType === PAYMENT_ADJUSTMENT_FEED);
  }

  /** What Amazon applied for this refund: the only count that matters to the buyer's bank. */
  adjustmentsFor(refundId: string) {
    return this.emulator.controls
      .adjustments()
      .filter((adjustment) => adjustment.merchantAdjustmentItemId?.startsWith(`${refundId}-`));
  }

  createFeedCalls() {
    return this.emulator.controls
      .requests()
      .filter((r) => r.method === 'POST' && r.path === '/feeds/2021-06-30/feeds');
  }

  intent(refundId: string) {
    return new RefundIntents(this.database).get(refundId);
  }

  async close(): Promise<void> {
    await this.worker?.stop();
    await this.client.connection.close();
    await this.database.close();
    await this.emulator.close();
  }
}
