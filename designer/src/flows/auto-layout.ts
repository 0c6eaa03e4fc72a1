import { Graph, layout } from '@dagrejs/dagre';

export interface LayoutBox {
  id: string;
  width: number;
  height: number;
}

export interface LayoutLink {
  source: string;
  target: string;
}

export type Positions = Map<string, { x: number; y: number }>;

const DEFAULT_BOX = { width: 180, height: 56 };

/** Top-to-bottom layered layout; returns top-left corners as React Flow positions them. */
export function layoutTopDown(
  boxes: readonly LayoutBox[],
  links: readonly LayoutLink[],
): Positions {
  const graph = new Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 60, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const box of boxes) {
    graph.setNode(box.id, {
      width: box.width || DEFAULT_BOX.width,
      height: box.height || DEFAULT_BOX.height,
    });
  }
  links.forEach((link, index) => {
    if (graph.hasNode(link.source) && graph.hasNode(link.target)) {
      graph.setEdge(link.source, link.target, {}, `e${index}`);
    }
  });
  layout(graph);
  const positions: Positions = new Map();
  for (const box of boxes) {
    const placed = graph.node(box.id);
    positions.set(box.id, {
      x: Math.round(placed.x - placed.width / 2),
      y: Math.round(placed.y - placed.height / 2),
    });
  }
  return positions;
}
