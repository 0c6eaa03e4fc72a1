import { collectVars, evaluateRule, type RuleResult, readPath } from '#flow-language';
import type { ApprovalBook } from './approval-book.ts';
import type { BusinessTrail } from './business-trail.ts';
import type { FlowGraph } from './flow-graph.ts';
import type { FlowRunInput } from './types.ts';

/**
 * The variables one path of execution sees. Parallel branches each get their own copy and
 * report what they assigned, so siblings never write into a shared object.
 */
export class Branch {
  readonly assigned = new Set<string>();

  constructor(readonly variables: Record<string, unknown>) {}

  set(name: string, value: unknown): void {
    this.variables[name] = value;
    this.assigned.add(name);
  }

  fork(): Branch {
    // Variables are JSON (they travel in Temporal payloads), so a JSON copy is a deep copy.
    return new Branch(JSON.parse(JSON.stringify(this.variables)));
  }
}

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
  return { ...context.input.caseInput, ...branch.variables, case: context.input.caseContext };
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
  // A list, not an object keyed by path: MongoDB refuses field names with dots ("order.total").
  const read = collectVars(rule).map((path) => ({ path, value: readPath(data, path) ?? null }));
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
