import {
  type ActivityOptions,
  CancellationScope,
  patched,
  proxyActivities,
} from '@temporalio/workflow';
import { movesMoney, type NodeOfKind, type RetryPolicy } from '#flow-language';
import { livenessTimeout } from '../worker-liveness.ts';

type CatalogActivity = (input: Record<string, unknown>) => Promise<unknown>;

const DEFAULT_RETRY: RetryPolicy = {
  maximumAttempts: 5,
  initialIntervalSeconds: 1,
  backoffCoefficient: 2,
  maximumIntervalSeconds: 60,
};

/**
 * Schedules the catalog activity with the node's timeout and retries; the walk records its
 * result and takes the error edge once the retries are exhausted.
 */
export function callActivity(
  node: NodeOfKind<'action'>,
  input: Record<string, unknown>,
  visit: number,
): Promise<unknown> {
  const activities = proxyActivities<Record<string, CatalogActivity>>(activityOptions(node, visit));
  const call = activities[node.activity] as CatalogActivity;
  return finishesWhenCancelled(node)
    ? CancellationScope.nonCancellable(() => call(input))
    : call(input);
}

/**
 * A money step, once started, runs to its end even if the run is cancelled meanwhile, and so
 * does a money step right after it (the refund's ledger posting): cancelling never leaves a
 * refund sent but unbooked. Runs recorded before this rule replay without it.
 */
function finishesWhenCancelled(node: NodeOfKind<'action'>): boolean {
  return movesMoney(node.activity) && patched('money-steps-finish-when-cancelled');
}

function activityOptions(node: NodeOfKind<'action'>, visit: number): ActivityOptions {
  const retry = node.retry ?? DEFAULT_RETRY;
  return {
    // Stable per node and visit: adapters build idempotency keys (refund ids) from it.
    activityId: `${node.id}#${visit}`,
    startToCloseTimeout: node.timeoutSeconds * 1_000,
    ...livenessTimeout(node.timeoutSeconds * 1_000),
    retry: {
      maximumAttempts: retry.maximumAttempts,
      initialInterval: retry.initialIntervalSeconds * 1_000,
      backoffCoefficient: retry.backoffCoefficient,
      maximumInterval: retry.maximumIntervalSeconds * 1_000,
    },
  };
}
