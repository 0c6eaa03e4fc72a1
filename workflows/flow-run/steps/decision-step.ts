import { decisionHandle, type NodeOfKind } from '#flow-language';
import { flowFailure } from '../flow-failure.ts';
import { type Branch, evaluateTraced, type RunContext } from '../run-context.ts';

/** Leaves by the edge decisionHandle chooses, each rule traced as it is evaluated. */
export function decide(context: RunContext, branch: Branch, node: NodeOfKind<'decision'>): string {
  return decisionHandle(node, (rule, purpose) => {
    const result = evaluateTraced(context, branch, node.id, rule, purpose);
    // Never guess a branch on bad data: a guess could be the auto-approve one.
    if (!result.ok) throw flowFailure(node.id, result.error.message);
    return result.value;
  });
}
