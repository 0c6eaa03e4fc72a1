import { randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Connection } from 'mongoose';
import { inject } from 'vitest';
import type { FlowDefinition } from '#flow-language';
import { connectDatabase } from '#platform/database';
import { createTemporalClient } from '#platform/temporal';
import { waitUntil } from '../../scripts/embedded/managed-process.ts';
import { createAcornWorker } from '../../worker/create-worker.ts';
import { decideApprovalTaskUpdate, flowStateQuery } from '../../workflows/flow-run/definitions.ts';
import type { runFlow } from '../../workflows/flow-run/flow-run.ts';
import type {
  ApprovalDecision,
  FlowRunInput,
  FlowRunState,
} from '../../workflows/flow-run/types.ts';
import { createProbeActivities } from './probe-activities.ts';

export type FlowRunHandle = WorkflowHandle<typeof runFlow>;

export interface TestServers {
  temporalAddress: string;
  mongoBaseUri: string;
  workflowBundlePath: string;
}

const injectedServers = (): TestServers => ({
  temporalAddress: inject('temporalAddress'),
  mongoBaseUri: inject('mongoBaseUri'),
  workflowBundlePath: inject('workflowBundlePath'),
});

export interface StartOptions {
  requestedBy?: string;
  subflows?: Record<string, FlowDefinition>;
  continueAsNewAfterEvents?: number;
  workflowId?: string;
}

/** A real worker (real interpreter bundle, real activities plus probes) on its own task queue. */
export class InterpreterHarness {
  readonly taskQueue = `interpreter-${randomUUID()}`;
  private worker?: Worker;
  private workerRun?: Promise<void>;
  private workerConnection?: NativeConnection;

  private constructor(
    readonly client: Client,
    readonly database: Connection,
    private readonly servers: TestServers,
  ) {}

  /** Inside vitest the servers come from the global setup; scripts pass their own. */
  static async open(
    databaseName: string,
    servers: TestServers = injectedServers(),
  ): Promise<InterpreterHarness> {
    const database = await connectDatabase(`${servers.mongoBaseUri}/${databaseName}`);
    const client = createTemporalClient({
      TEMPORAL_ADDRESS: servers.temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
    });
    const harness = new InterpreterHarness(client, database, servers);
    await harness.startWorker();
    return harness;
  }

  async startWorker(): Promise<void> {
    const { temporalAddress, workflowBundlePath } = this.servers;
    this.workerConnection = await NativeConnection.connect({ address: temporalAddress });
    this.worker = await createAcornWorker({
      temporal: this.workerConnection,
      namespace: 'default',
      taskQueue: this.taskQueue,
      database: this.database,
      workflowBundlePath,
      extraActivities: createProbeActivities(this.database),
    });
    this.workerRun = this.worker.run();
  }

  async stopWorker(): Promise<void> {
    this.worker?.shutdown();
    await this.workerRun;
    await this.workerConnection?.close();
    this.worker = undefined;
  }

  async start(
    flow: FlowDefinition,
    caseInput: Record<string, unknown> = {},
    options: StartOptions = {},
  ): Promise<FlowRunHandle> {
    const caseId = randomUUID();
    const input: FlowRunInput = {
      flow,
      subflows: options.subflows ?? {},
      caseInput,
      caseContext: {
        id: caseId,
        requestedBy: options.requestedBy ?? 'requester-rita',
        startedAt: new Date().toISOString(),
      },
      continueAsNewAfterEvents: options.continueAsNewAfterEvents,
    };
    return this.client.workflow.start<typeof runFlow>('runFlow', {
      taskQueue: this.taskQueue,
      workflowId: options.workflowId ?? `case-${caseId}`,
      args: [input],
    });
  }

  state(handle: FlowRunHandle): Promise<FlowRunState> {
    return handle.query(flowStateQuery);
  }

  /** Waits until the run shows an open task at `nodeId` and returns its id. */
  async openTask(handle: FlowRunHandle, nodeId: string): Promise<string> {
    let taskId = '';
    await waitUntil(
      `an open task at ${nodeId}`,
      async () => {
        const task = (await this.state(handle)).openTasks.find((open) => open.nodeId === nodeId);
        taskId = task?.taskId ?? '';
        return task !== undefined;
      },
      30_000,
    );
    return taskId;
  }

  decide(handle: FlowRunHandle, decision: ApprovalDecision) {
    return handle.executeUpdate(decideApprovalTaskUpdate, {
      args: [decision],
      updateId: randomUUID(),
    });
  }

  async close(): Promise<void> {
    await this.stopWorker();
    await this.client.connection.close();
    await this.database.close();
  }
}

export function reviewer(userId: string, ...roles: string[]) {
  return { userId, roles: roles.length > 0 ? roles : ['refund-reviewer'] };
}
