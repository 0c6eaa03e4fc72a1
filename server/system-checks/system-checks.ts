import { randomUUID } from 'node:crypto';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { z } from 'zod';

export const systemCheckRequestSchema = z.object({
  holdMs: z.number().int().min(0).max(600_000).default(0),
});
export type SystemCheckRequest = z.infer<typeof systemCheckRequestSchema>;

export const systemCheckStatusSchema = z.object({
  checkId: z.string(),
  workflowId: z.string(),
  status: z.string(),
  result: z.object({ checkId: z.string(), completedByAttempt: z.number() }).optional(),
});
export type SystemCheckStatus = z.infer<typeof systemCheckStatusSchema>;

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
