import { claimId } from './element-ids.ts';
import type { DesignerEdge, DesignerNode } from './flow-graph.ts';

export interface Clipboard {
  nodes: DesignerNode[];
  edges: DesignerEdge[];
}

/** The selected nodes and only the edges running between them (a dangling edge can't paste). */
export function copySelection(
  nodes: readonly DesignerNode[],
  edges: readonly DesignerEdge[],
): Clipboard {
  const picked = nodes.filter((node) => node.selected);
  const ids = new Set(picked.map((node) => node.id));
  return {
    nodes: picked.map((node) => structuredClone(stripState(node))),
    edges: edges
      .filter((edge) => ids.has(edge.source) && ids.has(edge.target))
      .map((edge) => structuredClone(stripEdgeState(edge))),
  };
}

function stripState(node: DesignerNode): DesignerNode {
  return { id: node.id, type: node.type, position: node.position, data: node.data };
}

function stripEdgeState(edge: DesignerEdge): DesignerEdge {
  const { selected: _selected, ...rest } = edge;
  return rest;
}

/**
 * Copies with fresh ids (never clashing with `takenIds`), shifted by `offset`, selected so the
 * user can drag the pasted group at once. Edges are rewired to the copies.
 */
export function pasteClipboard(
  clipboard: Clipboard,
  takenIds: Iterable<string>,
  offset: { x: number; y: number },
): Clipboard {
  const taken = new Set(takenIds);
  const renamed = new Map<string, string>();
  const nodes = clipboard.nodes.map((node): DesignerNode => {
    const id = claimId(node.data.content.kind, taken);
    renamed.set(node.id, id);
    return {
      ...structuredClone(node),
      id,
      position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
      selected: true,
    };
  });
  const edges = clipboard.edges.map(
    (edge): DesignerEdge => ({
      ...structuredClone(edge),
      id: claimId('edge', taken),
      source: renamed.get(edge.source) ?? edge.source,
      target: renamed.get(edge.target) ?? edge.target,
    }),
  );
  return { nodes, edges };
}
