import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import {
  accountAdaptersFor,
  loadMarketplaceEnvironment,
  SpApiMarketplaceAdapter,
} from './activities/marketplace/index.ts';
import type { RefundContext } from './activities/marketplace/refund-context.ts';
import {
  type RefundDrivers,
  sweepStrandedRefunds,
} from './activities/marketplace/refund-custody.ts';
import { refundEvidenceStore } from './activities/marketplace/refund-evidence.ts';
import type { RefundIntentRecord } from './activities/marketplace/refund-intent-record.ts';
import { RefundIntents } from './activities/marketplace/refund-intents.ts';
import { SubmissionLocks } from './activities/marketplace/submission-lock.ts';

/** A refund is driven while its run is open and the issueRefund activity is still pending. */
export function temporalRefundDrivers(client: Client): RefundDrivers {
  return {
    async isDriven(intent: RefundIntentRecord) {
      if (!intent.workflowId) return false;
      try {
        const run = await client.workflow.getHandle(intent.workflowId).describe();
        if (run.status.name !== 'RUNNING') return false;
        const pending = run.raw.pendingActivities ?? [];
        return pending.some((activity) => activity.activityId === intent.activityId);
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) return false;
        throw error;
      }
    },
  };
}

export interface RefundSweeperOptions {
  database: Connection;
  client: Client;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
}

/** Sweeps stranded refunds every ACORN_REFUND_SWEEP_SECONDS, one sweep at a time. */
export function startRefundSweeper(options: RefundSweeperOptions): { stop(): Promise<void> } {
  const { settings: config, defaultAccount } = loadMarketplaceEnvironment(options.env);
  if (config.refundSweepMs === 0) return { stop: async () => {} };
  const drivers = temporalRefundDrivers(options.client);
  const evidence = refundEvidenceStore(options.database);
  // Each refund is followed through its own account; the default one only if configured.
  const accounts = accountAdaptersFor(
    options.database,
    config,
    defaultAccount && new SpApiMarketplaceAdapter(defaultAccount),
  );
  const base = {
    intents: new RefundIntents(options.database),
    locks: new SubmissionLocks(options.database),
    settings: config.refunds,
  };
  const context = (): Omit<RefundContext, 'adapter'> => ({
    ...base,
    runtime: {
      heartbeat: () => {},
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      deadline: Date.now() + Math.max(config.refundSweepMs, 30_000),
    },
  });
  let sweeping: Promise<void> = Promise.resolve();
  const sweep = async () => {
    try {
      const swept = await sweepStrandedRefunds(context(), drivers, evidence, (intent) =>
        accounts.adapterFor({ account: intent.accountId, marketplace: intent.marketplaceId }),
      );
      for (const change of swept) options.logger.info(change, 'stranded refund taken in custody');
    } catch (error) {
      options.logger.warn({ err: error }, 'refund sweep failed; trying again next time');
    }
  };
  const timer = setInterval(() => {
    sweeping = sweeping.then(sweep);
  }, config.refundSweepMs);
  return {
    async stop() {
      clearInterval(timer);
      await sweeping;
    },
  };
}
