import { splitPath } from 'json-logic-engine';
import { dataRoots } from './data-scope.ts';
import { predecessors, reachableFrom } from './graph.ts';
import { describeNode, type FlowIssue, ISSUE } from './issues.ts';
import type { FlowNode, NodeOfKind } from './nodes.ts';
import { analyzeRule } from './rule-analysis.ts';
import { nodeRules } from './rule-locations.ts';
import type { ValidationContext } from './validation-context.ts';

/** The node ids that a run passes on some path before reaching `nodeId` (not the node itself). */
export function upstreamOf(context: ValidationContext, nodeId: string): Set<string> {
  const before = reachableFrom(
    context.incoming.get(nodeId)?.map((edge) => edge.source) ?? [],
    predecessors(context.flow.nodes, context.flow.edges),
  );
  before.delete(nodeId);
  return before;
}

/** Who writes a root before the task opens, or why nothing does; undefined when it is set. */
export function unsetReason(
  name: string,
  context: ValidationContext,
  upstream: ReadonlySet<string>,
  step = 'this task',
): string | undefined {
  const root = dataRoots(context.flow, context.catalog).find(
    (candidate) => candidate.name === name,
  );
  if (root === undefined || root.source === 'input' || root.source === 'context') return undefined;
  if (root.source === 'result') {
    const writer = context.nodesById.get(root.nodeId ?? '');
    if (writer && upstream.has(writer.id)) return undefined;
    return `"${name}" is the result of ${writer ? describeNode(writer) : 'a node'}, which does not run before ${step}`;
  }
  if (context.flow.variables[name]?.initial !== undefined) return undefined;
  const assigned = [...upstream].some((id) => {
    const node = context.nodesById.get(id);
    return node?.kind === 'set' && Object.hasOwn(node.assignments, name);
  });
  return assigned
    ? undefined
    : `the variable "${name}" has no initial value and no set node before ${step} assigns it`;
}

function taskDataIssues(node: NodeOfKind<'approval'>, context: ValidationContext): FlowIssue[] {
  const upstream = upstreamOf(context, node.id);
  return nodeRules(node).flatMap(({ field, rule }) =>
    analyzeRule(rule).vars.flatMap(({ path }) => {
      const [root = ''] = splitPath(path);
      const reason = unsetReason(root, context, upstream);
      if (reason === undefined) return [];
      const message = `${describeNode(node)}, ${field}: reads "${path}" when the task opens, but ${reason}`;
      return [{ nodeId: node.id, field, code: ISSUE.ruleReadBeforeSet, message }];
    }),
  );
}

/**
 * A task's computed group and amount are read when it opens, so what they read must be set by
 * then: a case input, the case context, a variable with an initial value or assigned on the way,
 * or the result of a node the run passes first.
 */
export function checkTaskData(context: ValidationContext): FlowIssue[] {
  return [...context.nodesById.values()]
    .filter((node: FlowNode): node is NodeOfKind<'approval'> => node.kind === 'approval')
    .flatMap((node) => taskDataIssues(node, context));
}
