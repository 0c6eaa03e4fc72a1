import type { FlowNode } from './nodes.ts';
import type { Edge } from './schema.ts';

/** Outgoing edge handles. Decision cases use their case id as the handle. */
export const HANDLE = {
  next: 'next',
  error: 'error',
  true: 'true',
  false: 'false',
  default: 'default',
  approved: 'approved',
  rejected: 'rejected',
  timeout: 'timeout',
} as const;
export type HandleName = (typeof HANDLE)[keyof typeof HANDLE];

/** An edge without a handle leaves by "next", so simple nodes need not name one. */
export function edgeHandle(edge: Edge): string {
  return edge.handle ?? HANDLE.next;
}

/** The outgoing ports a node offers: the designer draws them, validation enforces them. */
export interface PortContract {
  required: readonly string[];
  optional: readonly string[];
  /** Handles that may carry several edges (parallel branches). */
  repeatable: readonly string[];
}

const NONE: readonly string[] = [];

function contract(
  required: readonly string[],
  optional: readonly string[] = NONE,
  repeatable: readonly string[] = NONE,
): PortContract {
  return { required, optional, repeatable };
}

function decisionRequired(node: Extract<FlowNode, { kind: 'decision' }>): readonly string[] {
  if (node.cases === undefined) return [HANDLE.true, HANDLE.false];
  return [...node.cases.map((c) => c.id), HANDLE.default];
}

// A breach either escalates (the task stays open) or leaves by "timeout": never both, never
// neither, so an SLA can't silently do nothing.
function approvalRequired(node: Extract<FlowNode, { kind: 'approval' }>): readonly string[] {
  const base = [HANDLE.approved, HANDLE.rejected];
  const leavesOnTimeout = node.sla !== undefined && node.sla.escalateToRole === undefined;
  return leavesOnTimeout ? [...base, HANDLE.timeout] : base;
}

export function outgoingPorts(node: FlowNode): PortContract {
  switch (node.kind) {
    case 'decision':
      return contract(decisionRequired(node));
    case 'approval':
      return contract(approvalRequired(node));
    case 'action':
    case 'subflow':
      return contract([HANDLE.next], [HANDLE.error]);
    case 'parallel':
      return contract([HANDLE.next], NONE, [HANDLE.next]);
    case 'end':
      return contract(NONE);
    default:
      return contract([HANDLE.next]);
  }
}
