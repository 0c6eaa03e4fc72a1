import type { ActivityCatalog } from './activity-catalog.ts';
import type { FlowIssue } from './issues.ts';
import type { FlowNode } from './nodes.ts';
import type { Edge, FlowDefinition } from './schema.ts';

/** Lookups shared by every check, built once per validation. */
export interface ValidationContext {
  flow: FlowDefinition;
  catalog: ActivityCatalog;
  /** First node with each id; duplicates are reported by their own check. */
  nodesById: ReadonlyMap<string, FlowNode>;
  outgoing: ReadonlyMap<string, readonly Edge[]>;
  incoming: ReadonlyMap<string, readonly Edge[]>;
}

export type Check = (context: ValidationContext) => FlowIssue[];

function groupBy(edges: readonly Edge[], key: (edge: Edge) => string): Map<string, Edge[]> {
  const groups = new Map<string, Edge[]>();
  for (const edge of edges) {
    const list = groups.get(key(edge)) ?? [];
    list.push(edge);
    groups.set(key(edge), list);
  }
  return groups;
}

export function buildContext(flow: FlowDefinition, catalog: ActivityCatalog): ValidationContext {
  const nodesById = new Map<string, FlowNode>();
  for (const node of flow.nodes) if (!nodesById.has(node.id)) nodesById.set(node.id, node);
  return {
    flow,
    catalog,
    nodesById,
    outgoing: groupBy(flow.edges, (edge) => edge.source),
    incoming: groupBy(flow.edges, (edge) => edge.target),
  };
}
