import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Connection } from 'mongoose';
import { inject } from 'vitest';
import type { ActivityCatalog, FlowDefinition } from '#flow-language';
import { createTemporalClient } from '#platform/temporal';
import { type CatalogActivity, registerCatalog } from '../../worker/activities/catalog-activity.ts';
import { createAcornWorker } from '../../worker/create-worker.ts';
import type { FlowRunInput, FlowRunResult } from '../../workflows/flow-run/types.ts';
import { buildFlow, type FlowSketch } from './flow-builder.ts';

export const quickRetry = {
  maximumAttempts: 3,
  initialIntervalSeconds: 0.2,
  backoffCoefficient: 1,
  maximumIntervalSeconds: 0.2,
};

/** Parses and validates a flow against a system's own catalog, as publishing would. */
export function catalogFlow(
  key: string,
  catalog: ActivityCatalog,
  sketch: FlowSketch,
): FlowDefinition {
  return buildFlow(key, sketch, catalog);
}

export interface CatalogFlowWorker {
  client: Client;
  taskQueue: string;
  run(flow: FlowDefinition, caseInput: Record<string, unknown>): Promise<FlowRunResult>;
  close(): Promise<void>;
}

/** A real worker (interpreter bundle + engine activities) serving the given catalog entries. */
export async function startCatalogFlowWorker(
  database: Connection,
  activities: CatalogActivity[],
): Promise<CatalogFlowWorker> {
  const taskQueue = `catalog-flow-${randomUUID()}`;
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
  const client = createTemporalClient({ TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: 'default' });
  return {
    client,
    taskQueue,
    async run(flow, caseInput) {
      const input: FlowRunInput = {
        flow,
        subflows: {},
        caseInput,
        caseContext: {
          id: randomUUID(),
          requestedBy: 'ops-olga',
          startedAt: new Date().toISOString(),
        },
      };
      const workflowId = `${flow.key}-${randomUUID()}`;
      const handle = await client.workflow.start('runFlow', {
        taskQueue,
        workflowId,
        args: [input],
      });
      return (await handle.result()) as FlowRunResult;
    },
    async close() {
      worker.shutdown();
      await running;
      await connection.close();
      await client.connection.close();
    },
  };
}
