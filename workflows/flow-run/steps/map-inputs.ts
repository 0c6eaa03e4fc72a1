import { flowFailure } from '../flow-failure.ts';
import { type Branch, evaluateTraced, type RunContext } from '../run-context.ts';

/** Evaluates each mapped input; a mapping that cannot be evaluated fails the node. */
export function mapInputs(
  context: RunContext,
  branch: Branch,
  nodeId: string,
  mappings: Record<string, unknown>,
): Record<string, unknown> {
  const mapped: Record<string, unknown> = {};
  for (const [name, expression] of Object.entries(mappings)) {
    const result = evaluateTraced(context, branch, nodeId, expression, `input ${name}`);
    if (!result.ok) throw flowFailure(nodeId, `input "${name}": ${result.error.message}`);
    mapped[name] = result.value;
  }
  return mapped;
}
