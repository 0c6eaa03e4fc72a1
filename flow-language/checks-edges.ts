import { edgeHandle, HANDLE, outgoingPorts, type PortContract } from './handles.ts';
import { describeNode, type FlowIssue, ISSUE } from './issues.ts';
import type { FlowNode } from './nodes.ts';
import type { Edge } from './schema.ts';
import type { ValidationContext } from './validation-context.ts';

function quoted(handles: readonly string[]): string {
  return handles.map((handle) => `"${handle}"`).join(', ');
}

function edgesFrom(context: ValidationContext, node: FlowNode): readonly Edge[] {
  return context.outgoing.get(node.id) ?? [];
}

// Edge checks run on the first node of each id only, so duplicate ids don't double-report.
function uniqueNodes(context: ValidationContext): FlowNode[] {
  return [...context.nodesById.values()];
}

const MISSING_EDGE_CODES: Partial<Record<FlowNode['kind'], string>> = {
  decision: ISSUE.decisionMissingEdge,
  approval: ISSUE.approvalMissingEdge,
};

/** Every required port has an edge: decisions both ways or every case, approvals each outcome. */
export function checkRequiredEdges(context: ValidationContext): FlowIssue[] {
  return uniqueNodes(context).flatMap((node) => {
    const present = new Set(edgesFrom(context, node).map(edgeHandle));
    return outgoingPorts(node)
      .required.filter((handle) => !present.has(handle))
      .map((handle) => ({
        nodeId: node.id,
        code: MISSING_EDGE_CODES[node.kind] ?? ISSUE.nodeMissingEdge,
        message: `${describeNode(node)} has no "${handle}" edge`,
      }));
  });
}

function unexpectedReason(node: FlowNode, handle: string, ports: PortContract): string {
  if (node.kind === 'approval' && handle === HANDLE.timeout) {
    return node.sla === undefined
      ? 'it has no SLA, so it never times out'
      : `its SLA escalates to role "${node.sla.escalateToRole}" instead of timing out`;
  }
  const allowed = [...ports.required, ...ports.optional];
  return `it only leaves by ${quoted(allowed)}`;
}

export function checkUnexpectedHandles(context: ValidationContext): FlowIssue[] {
  return uniqueNodes(context)
    .filter((node) => node.kind !== 'end')
    .flatMap((node) => {
      const ports = outgoingPorts(node);
      const allowed = new Set([...ports.required, ...ports.optional]);
      return edgesFrom(context, node)
        .filter((edge) => !allowed.has(edgeHandle(edge)))
        .map((edge) => ({
          nodeId: node.id,
          edgeId: edge.id,
          field: 'handle',
          code: ISSUE.edgeUnexpectedHandle,
          message: `${describeNode(node)} has a "${edgeHandle(edge)}" edge (${edge.id}), but ${unexpectedReason(node, edgeHandle(edge), ports)}`,
        }));
    });
}

function byHandle(edges: readonly Edge[]): Map<string, Edge[]> {
  const groups = new Map<string, Edge[]>();
  for (const edge of edges) {
    const handle = edgeHandle(edge);
    groups.set(handle, [...(groups.get(handle) ?? []), edge]);
  }
  return groups;
}

export function checkDuplicateHandles(context: ValidationContext): FlowIssue[] {
  return uniqueNodes(context).flatMap((node) => {
    const repeatable = new Set(outgoingPorts(node).repeatable);
    return [...byHandle(edgesFrom(context, node))]
      .filter(([handle, edges]) => edges.length > 1 && !repeatable.has(handle))
      .map(([handle, edges]) => ({
        nodeId: node.id,
        edgeId: edges[1]?.id,
        code: ISSUE.edgeDuplicateHandle,
        message: `${describeNode(node)} has ${edges.length} "${handle}" edges (${edges.map((e) => e.id).join(', ')}); only one is allowed`,
      }));
  });
}

export function checkEndHasNoOutgoing(context: ValidationContext): FlowIssue[] {
  return uniqueNodes(context)
    .filter((node) => node.kind === 'end')
    .flatMap((node) =>
      edgesFrom(context, node).map((edge) => ({
        nodeId: node.id,
        edgeId: edge.id,
        code: ISSUE.endHasOutgoing,
        message: `${describeNode(node)} has an outgoing edge (${edge.id}); an end node finishes the flow`,
      })),
    );
}

export function checkParallelBranches(context: ValidationContext): FlowIssue[] {
  return uniqueNodes(context)
    .filter((node) => node.kind === 'parallel' && edgesFrom(context, node).length === 1)
    .map((node) => ({
      nodeId: node.id,
      code: ISSUE.parallelTooFewBranches,
      message: `${describeNode(node)} starts only one branch; a split needs at least two`,
    }));
}

export function checkJoinIncoming(context: ValidationContext): FlowIssue[] {
  return uniqueNodes(context)
    .filter((node) => node.kind === 'join')
    .filter((node) => (context.incoming.get(node.id) ?? []).length < 2)
    .map((node) => ({
      nodeId: node.id,
      code: ISSUE.joinTooFewIncoming,
      message: `${describeNode(node)} has ${(context.incoming.get(node.id) ?? []).length} incoming edge(s); a join needs at least two branches`,
    }));
}

function caseIdProblem(id: string, seen: ReadonlySet<string>): string | undefined {
  if (id === HANDLE.default) return 'uses the reserved id "default"';
  if (seen.has(id)) return `repeats the id "${id}"`;
  return undefined;
}

// Case ids are edge handles, so they must be unique and must not shadow the default port.
export function checkDecisionCases(context: ValidationContext): FlowIssue[] {
  return uniqueNodes(context).flatMap((node) => {
    if (node.kind !== 'decision' || node.cases === undefined) return [];
    const seen = new Set<string>();
    return node.cases.flatMap((c, index) => {
      const problem = caseIdProblem(c.id, seen);
      seen.add(c.id);
      if (problem === undefined) return [];
      const message = `${describeNode(node)}: case ${index + 1} ${problem}`;
      return [
        {
          nodeId: node.id,
          field: `cases[${index}].id`,
          code: ISSUE.decisionDuplicateCase,
          message,
        },
      ];
    });
  });
}
