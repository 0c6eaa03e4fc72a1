import {
  diffFlows,
  type FlowChange,
  type FlowDefinition,
  type FlowDiff,
  parseFlowDefinition,
} from '#flow-language';
import type { FlowDocument } from './flow-graph.ts';

export type NodeMark = 'added' | 'removed' | 'changed' | 'moved';
export type EdgeMark = 'added' | 'removed' | 'changed';

/** Both sides drawn on one canvas: the newer flow plus the removed elements of the older one. */
export interface DiffView {
  document: FlowDocument;
  nodeMarks: Record<string, NodeMark>;
  edgeMarks: Record<string, EdgeMark>;
  settings: string[];
  /** The changes as codes with values (flow-language/semantic-diff.ts), worded by flow-change-words. */
  changes: FlowChange[];
}

// Parsing applies defaults, so `form: []` and an omitted form do not show as a change; a draft
// that does not parse yet is compared as written.
function comparable(document: FlowDocument): FlowDefinition {
  const parsed = parseFlowDefinition(document);
  return parsed.ok ? parsed.flow : (document as FlowDefinition);
}

function marks<M extends string>(groups: Partial<Record<M, readonly string[]>>): Record<string, M> {
  const out: Record<string, M> = {};
  for (const [mark, ids] of Object.entries(groups) as [M, readonly string[]][]) {
    for (const id of ids) out[id] = mark;
  }
  return out;
}

function nodeMarks(diff: FlowDiff): Record<string, NodeMark> {
  const { added, removed, changed, moved } = diff.nodes;
  return marks<NodeMark>({ moved, changed, added, removed });
}

export function diffView(before: FlowDocument, after: FlowDocument): DiffView {
  const diff = diffFlows(comparable(before), comparable(after));
  const removedNodes = new Set(diff.nodes.removed);
  const removedEdges = new Set(diff.edges.removed);
  const document: FlowDocument = {
    ...after,
    nodes: [...after.nodes, ...before.nodes.filter((node) => removedNodes.has(node.id))],
    edges: [
      ...(after.edges ?? []),
      ...(before.edges ?? []).filter((edge) => removedEdges.has(edge.id)),
    ],
  };
  const { added, removed, changed } = diff.edges;
  return {
    document,
    nodeMarks: nodeMarks(diff),
    edgeMarks: marks<EdgeMark>({ changed, added, removed }),
    settings: diff.settings,
    changes: diff.changes,
  };
}
