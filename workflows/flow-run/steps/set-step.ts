import type { NodeOfKind } from '#flow-language';
import { flowFailure } from '../flow-failure.ts';
import { type Branch, evaluateTraced, type RunContext } from '../run-context.ts';

/** All assignments read the data as it was before the node, so their order does not matter. */
export function assign(context: RunContext, branch: Branch, node: NodeOfKind<'set'>): void {
  const values = Object.entries(node.assignments).map(([name, expression]) => {
    const result = evaluateTraced(context, branch, node.id, expression, `assign ${name}`);
    if (!result.ok) throw flowFailure(node.id, result.error.message);
    return [name, result.value] as const;
  });
  for (const [name, value] of values) {
    branch.set(name, value);
    context.trail.record('variable.set', { nodeId: node.id, details: { name, value } });
  }
}
