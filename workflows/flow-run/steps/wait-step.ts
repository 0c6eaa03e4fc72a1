import { sleep } from '@temporalio/workflow';
import type { NodeOfKind } from '#flow-language';
import { flowFailure } from '../flow-failure.ts';
import { type Branch, evaluateTraced, type RunContext } from '../run-context.ts';

/** A durable timer: a worker restart or a server restart does not shorten or lose it. */
export async function wait(
  context: RunContext,
  branch: Branch,
  node: NodeOfKind<'wait'>,
): Promise<void> {
  if (node.durationSeconds !== undefined) {
    await sleep(node.durationSeconds * 1_000);
    return;
  }
  const result = evaluateTraced(context, branch, node.id, node.untilExpression, 'wait until');
  if (!result.ok) throw flowFailure(node.id, result.error.message);
  const until = typeof result.value === 'string' ? Date.parse(result.value) : Number.NaN;
  if (Number.isNaN(until)) {
    throw flowFailure(node.id, `"wait until" gave ${JSON.stringify(result.value)}, not a date`);
  }
  const remaining = until - Date.now();
  if (remaining > 0) await sleep(remaining);
}
