import { randomUUID } from 'node:crypto';
import { ApplicationFailure, type Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { decideApprovalTaskUpdate } from '../../workflows/flow-run/definitions.ts';
import type { ApprovalDecision } from '../../workflows/flow-run/types.ts';

/** The engine refused the decision (four-eyes, own request, closed task…); the reason says why. */
export class DecisionRejected extends Error {
  override name = 'DecisionRejected';
}

export interface TaskTally {
  taskId: string;
  approvals: number;
  approvalsRequired: number;
  closed: boolean;
}

/**
 * Hands a reviewer's decision to the run's Update. `requestId` is the Update id: a double click
 * or a retried request with the same id is counted once.
 */
export async function decideApprovalTask(
  temporal: Client,
  workflowId: string,
  decision: ApprovalDecision,
  requestId: string = randomUUID(),
): Promise<TaskTally> {
  try {
    return await temporal.workflow
      .getHandle(workflowId)
      .executeUpdate(decideApprovalTaskUpdate, { args: [decision], updateId: requestId });
  } catch (error) {
    const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
    if (cause instanceof ApplicationFailure && cause.type === 'DecisionRefused') {
      throw new DecisionRejected(cause.message);
    }
    throw error;
  }
}
