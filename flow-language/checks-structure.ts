import { describeNode, type FlowIssue, ISSUE } from './issues.ts';
import type { ValidationContext } from './validation-context.ts';

function duplicates<T extends { id: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  const repeated: T[] = [];
  for (const item of items) {
    if (seen.has(item.id)) repeated.push(item);
    seen.add(item.id);
  }
  return repeated;
}

export function checkUniqueIds({ flow }: ValidationContext): FlowIssue[] {
  const nodes = duplicates(flow.nodes).map((node) => ({
    nodeId: node.id,
    code: ISSUE.nodeDuplicateId,
    message: `${describeNode(node)} reuses the id "${node.id}" of another node`,
  }));
  const edges = duplicates(flow.edges).map((edge) => ({
    edgeId: edge.id,
    code: ISSUE.edgeDuplicateId,
    message: `Edge ${edge.id} reuses the id of another edge`,
  }));
  return [...nodes, ...edges];
}

export function checkStartCount({ flow }: ValidationContext): FlowIssue[] {
  const starts = flow.nodes.filter((node) => node.kind === 'start');
  if (starts.length === 0) {
    return [
      { code: ISSUE.startCount, message: 'The flow has no start node; it needs exactly one' },
    ];
  }
  return starts.slice(1).map((node) => ({
    nodeId: node.id,
    code: ISSUE.startCount,
    message: `${describeNode(node)} is an extra start node; a flow has exactly one`,
  }));
}

/** A flow that names no trigger would never take a case: it is not published until it does. */
export function checkStartTrigger({ flow }: ValidationContext): FlowIssue[] {
  return flow.nodes
    .filter((node) => node.kind === 'start' && !node.trigger)
    .map((node) => ({
      nodeId: node.id,
      field: 'trigger',
      code: ISSUE.startNoTrigger,
      message: `${describeNode(node)} has no trigger yet: pick the kind of case this flow takes`,
    }));
}

export function checkEdgeEndpoints({ flow, nodesById }: ValidationContext): FlowIssue[] {
  return flow.edges.flatMap((edge) =>
    (['source', 'target'] as const)
      .filter((end) => !nodesById.has(edge[end]))
      .map((end) => ({
        edgeId: edge.id,
        field: end,
        code: ISSUE.edgeUnknownNode,
        message: `Edge ${edge.id} has ${end} "${edge[end]}", which is not a node of this flow`,
      })),
  );
}
