import { ApplicationFailure } from '@temporalio/workflow';

/**
 * A flow that cannot go on (a rule with missing data, an action that failed with no error edge).
 * Non-retryable: re-running the same workflow code on the same data fails the same way.
 */
export function flowFailure(nodeId: string, reason: string, cause?: unknown): ApplicationFailure {
  return ApplicationFailure.create({
    type: 'FlowFailed',
    message: `Node "${nodeId}": ${reason}`,
    nonRetryable: true,
    details: [{ nodeId }],
    cause: cause instanceof Error ? cause : undefined,
  });
}
