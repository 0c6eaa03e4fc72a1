import { createHash } from 'node:crypto';
import { ApplicationFailure, Context } from '@temporalio/activity';

/**
 * The idempotency key of one activity call: the caller's own id when the flow maps one, else
 * workflow id + activity id. The interpreter makes the activity id `<node>#<visit>` and keeps
 * visits across continue-as-new, so every retry of one visit gets the same key.
 */
export function activityKey(requestId: string | undefined): string {
  if (requestId) return requestId;
  let info: Context['info'];
  try {
    info = Context.current().info;
  } catch {
    throw ApplicationFailure.nonRetryable(
      'requestId is required outside a Temporal activity',
      'InvalidActivityInput',
    );
  }
  // Standalone activities (no workflow) have ids unique in their namespace already.
  const scope = info.workflowExecution?.workflowId ?? 'standalone';
  return `${scope}/${info.activityId}`;
}

/** A short, stable business id from a key, e.g. RMA-3F2A9C01B7D45E60. */
export function businessId(prefix: string, key: string): string {
  const digest = createHash('sha256').update(key).digest('hex').slice(0, 16).toUpperCase();
  return `${prefix}-${digest}`;
}
