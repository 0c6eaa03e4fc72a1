import {
  ActivityFailure,
  type ActivityOptions,
  CancellationScope,
  isCancellation,
  patched,
  proxyActivities,
} from '@temporalio/workflow';
import { HANDLE, movesMoney, type NodeOfKind, type RetryPolicy } from '#flow-language';
import { flowFailure } from '../flow-failure.ts';
import type { Branch, RunContext } from '../run-context.ts';
import { livenessTimeout } from '../worker-liveness.ts';
import { mapInputs } from './map-inputs.ts';

type CatalogActivity = (input: Record<string, unknown>) => Promise<unknown>;

const DEFAULT_RETRY: RetryPolicy = {
  maximumAttempts: 5,
  initialIntervalSeconds: 1,
  backoffCoefficient: 2,
  maximumIntervalSeconds: 60,
};

/** Calls the catalog activity; once its retries are exhausted, leaves by the error edge if any. */
export async function act(
  context: RunContext,
  branch: Branch,
  node: NodeOfKind<'action'>,
  visit: number,
): Promise<string> {
  const input = mapInputs(context, branch, node.id, node.inputs);
  const activities = proxyActivities<Record<string, CatalogActivity>>(activityOptions(node, visit));
  const call = activities[node.activity] as CatalogActivity;
  try {
    const output = await (finishesWhenCancelled(node)
      ? CancellationScope.nonCancellable(() => call(input))
      : call(input));
    if (node.resultVariable) branch.set(node.resultVariable, output);
    context.trail.record('activity.completed', {
      nodeId: node.id,
      details: { activity: node.activity, input, output },
    });
    return HANDLE.next;
  } catch (error) {
    if (isCancellation(error) || !(error instanceof ActivityFailure)) throw error;
    const reason = error.cause?.message ?? error.message;
    context.trail.record('activity.failed', {
      nodeId: node.id,
      details: { activity: node.activity, input, error: reason },
    });
    if (context.graph.has(node.id, HANDLE.error)) return HANDLE.error;
    throw flowFailure(node.id, `${node.activity} failed: ${reason}`, error);
  }
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
