import {
  type Branch,
  buildRuleData,
  evaluateRule,
  type FlowGraph,
  type RuleResult,
  ruleReads,
} from '#flow-language';
import type { ApprovalBook } from './approval-book.ts';
import type { BusinessTrail } from './business-trail.ts';
import type { FlowRunInput } from './types.ts';

export { Branch } from '#flow-language';

export interface RunContext {
  readonly input: FlowRunInput;
  readonly graph: FlowGraph;
  readonly trail: BusinessTrail;
  readonly book: ApprovalBook;
  /** How often each node has been entered; makes activity, task and child ids unique per visit. */
  readonly visits: Record<string, number>;
  readonly activeNodes: Map<string, number>;
}

/** What rules read: the case input, the variables and node results, and `case.*`. */
export function ruleData(context: RunContext, branch: Branch): Record<string, unknown> {
  const { caseInput, caseContext } = context.input;
  return buildRuleData({
    input: caseInput,
    variables: branch.variables,
    context: { ...caseContext },
  });
}

/** Evaluates a rule and writes what it read and what it gave into the trail. */
export function evaluateTraced(
  context: RunContext,
  branch: Branch,
  nodeId: string,
  rule: unknown,
  purpose: string,
): RuleResult {
  const data = ruleData(context, branch);
  const result = evaluateRule(rule, data);
  const read = ruleReads(rule, data);
  context.trail.record('rule.evaluated', {
    nodeId,
    details: {
      purpose,
      rule,
      read,
      ...(result.ok ? { result: result.value } : { error: result.error }),
    },
  });
  return result;
}
