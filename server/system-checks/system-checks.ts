import { randomUUID } from 'node:crypto';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { z } from 'zod';
import type { SystemCheckResult } from '../../workflows/system-check.ts';

export const systemCheckRequestSchema = z.object({
  holdMs: z.number().int().min(0).max(600_000).default(0),
});
export type SystemCheckRequest = z.infer<typeof systemCheckRequestSchema>;

export interface SystemCheckStatus {
  checkId: string;
  workflowId: string;
  status: string;
  result?: SystemCheckResult;
}

const workflowIdFor = (checkId: string) => `system-check-${checkId}`;

export async function startSystemCheck(
  temporal: Client,
  taskQueue: string,
  request: SystemCheckRequest,
): Promise<SystemCheckStatus> {
  const checkId = randomUUID();
  const handle = await temporal.workflow.start('systemCheck', {
    taskQueue,
    workflowId: workflowIdFor(checkId),
    args: [{ checkId, holdMs: request.holdMs }],
  });
  return { checkId, workflowId: handle.workflowId, status: 'RUNNING' };
}

/** Returns undefined for an unknown check. */
export async function describeSystemCheck(
  temporal: Client,
  checkId: string,
): Promise<SystemCheckStatus | undefined> {
  const handle = temporal.workflow.getHandle(workflowIdFor(checkId));
  try {
    const description = await handle.describe();
    const status = description.status.name;
    const result = status === 'COMPLETED' ? await handle.result() : undefined;
    return { checkId, workflowId: handle.workflowId, status, result };
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return undefined;
    throw error;
  }
}
