import { predecessors, reachableFrom, stronglyConnected, successors } from './graph.ts';
import { describeNode, type FlowIssue, ISSUE } from './issues.ts';
import type { FlowNode } from './nodes.ts';
import type { ValidationContext } from './validation-context.ts';

function idsOfKind(nodes: readonly FlowNode[], kind: FlowNode['kind']): string[] {
  return nodes.filter((node) => node.kind === kind).map((node) => node.id);
}

function nodesOutside(context: ValidationContext, reached: ReadonlySet<string>): FlowNode[] {
  return [...context.nodesById.values()].filter((node) => !reached.has(node.id));
}

export function checkReachability(context: ValidationContext): FlowIssue[] {
  const { nodes, edges } = context.flow;
  const starts = idsOfKind(nodes, 'start');
  // With no start or several, "reachable" has no meaning; the start-count check reports it.
  if (starts.length !== 1) return [];
  const reached = reachableFrom(starts, successors(nodes, edges));
  return nodesOutside(context, reached).map((node) => ({
    nodeId: node.id,
    code: ISSUE.nodeUnreachable,
    message: `${describeNode(node)} can't be reached from the start node`,
  }));
}

export function checkPathToEnd(context: ValidationContext): FlowIssue[] {
  const { nodes, edges } = context.flow;
  const canFinish = reachableFrom(idsOfKind(nodes, 'end'), predecessors(nodes, edges));
  return nodesOutside(context, canFinish).map((node) => ({
    nodeId: node.id,
    code: ISSUE.nodeNoPathToEnd,
    message: `${describeNode(node)} has no path to an end node, so a case there could never finish`,
  }));
}

// Waits and approvals suspend the workflow; a loop without one would spin through history
// events as fast as the worker can run it.
const PAUSING_KINDS: ReadonlySet<FlowNode['kind']> = new Set(['wait', 'approval']);

function isLoop(component: readonly string[], context: ValidationContext): boolean {
  if (component.length > 1) return true;
  const [only] = component;
  return (context.outgoing.get(only ?? '') ?? []).some((edge) => edge.target === only);
}

export function checkCycles(context: ValidationContext): FlowIssue[] {
  const nodes = [...context.nodesById.values()].filter((node) => !PAUSING_KINDS.has(node.kind));
  const components = stronglyConnected(successors(nodes, context.flow.edges));
  return components
    .filter((component) => isLoop(component, context))
    .map((component) => {
      const members = component.flatMap((id) => context.nodesById.get(id) ?? []);
      const subject =
        members.length === 1
          ? `${members.map(describeNode).join('')} loops back to itself`
          : `${members.map(describeNode).join(' → ')} form a loop`;
      return {
        nodeId: component[0],
        code: ISSUE.illegalCycle,
        message: `${subject} without a wait or approval; a loop must pause at one of them`,
      };
    });
}
