import { ApplicationFailure, Context } from '@temporalio/activity';
import { type Connection, Schema } from 'mongoose';
import type { ActivityCatalog } from '#flow-language';

/**
 * Stand-in catalog entries for interpreter tests: they record each call in MongoDB (keyed by
 * workflow and activity id, so duplicates would show) and can fail or hold on demand.
 */
export const probeCatalog: ActivityCatalog = [
  {
    name: 'notify.probe',
    system: 'notify',
    title: 'Probe',
    description: 'Records that it ran and echoes its value.',
    inputs: {
      label: { type: 'string', required: true },
      value: { type: 'object', required: false },
      holdMs: { type: 'integer', required: false },
    },
    output: {
      label: { type: 'string', required: true },
      value: { type: 'object', required: false },
    },
    sideEffects: true,
  },
  {
    name: 'notify.alwaysFails',
    system: 'notify',
    title: 'Always fails',
    description: 'Fails every attempt.',
    inputs: { label: { type: 'string', required: true } },
    output: {},
    sideEffects: false,
  },
];

export interface ProbeCall {
  _id: string;
  workflowId: string;
  label: string;
  attempts: number;
}

const probeCallSchema = new Schema<ProbeCall>(
  { _id: String, workflowId: String, label: String, attempts: Number },
  { collection: 'probe_calls', versionKey: false },
);

export function probeCallModel(connection: Connection) {
  return connection.model<ProbeCall>('ProbeCall', probeCallSchema, undefined, {
    overwriteModels: true,
  });
}

export function createProbeActivities(connection: Connection) {
  const ProbeCall = probeCallModel(connection);
  return {
    async 'notify.probe'(input: { label: string; value?: unknown; holdMs?: number }) {
      const { workflowExecution, activityId } = Context.current().info;
      const workflowId = workflowExecution?.workflowId ?? 'standalone';
      await ProbeCall.updateOne(
        { _id: `${workflowId}:${activityId}` },
        {
          $setOnInsert: { workflowId, label: input.label },
          $inc: { attempts: 1 },
        },
        { upsert: true },
      );
      await holdWithHeartbeats(input.holdMs ?? 0);
      return { label: input.label, value: input.value ?? null };
    },
    async 'notify.alwaysFails'(input: { label: string }): Promise<never> {
      throw ApplicationFailure.nonRetryable(`${input.label} failed on purpose`, 'ProbeFailure');
    },
  };
}

async function holdWithHeartbeats(holdMs: number): Promise<void> {
  const context = Context.current();
  const deadline = Date.now() + holdMs;
  while (Date.now() < deadline) {
    context.heartbeat();
    await context.sleep(Math.min(300, deadline - Date.now()));
  }
}
