import { HANDLE, isTruthy, type NodeOfKind } from '#flow-language';
import { flowFailure } from '../flow-failure.ts';
import { type Branch, evaluateTraced, type RunContext } from '../run-context.ts';

/** A condition leaves by true/false; cases leave by the first truthy case, else by default. */
export function decide(context: RunContext, branch: Branch, node: NodeOfKind<'decision'>): string {
  if (node.condition !== undefined) {
    return isTruthy(evaluate(context, branch, node, node.condition, 'condition'))
      ? HANDLE.true
      : HANDLE.false;
  }
  for (const decisionCase of node.cases ?? []) {
    const value = evaluate(context, branch, node, decisionCase.when, `case ${decisionCase.id}`);
    if (isTruthy(value)) return decisionCase.id;
  }
  return HANDLE.default;
}

function evaluate(
  context: RunContext,
  branch: Branch,
  node: NodeOfKind<'decision'>,
  rule: unknown,
  purpose: string,
): unknown {
  const result = evaluateTraced(context, branch, node.id, rule, purpose);
  // Never guess a branch on bad data: a guess could be the auto-approve one.
  if (!result.ok) throw flowFailure(node.id, result.error.message);
  return result.value;
}
