import type { FlowNode } from './nodes.ts';
import type { Edge } from './schema.ts';

/** Successor lists keyed by node id; edges to unknown nodes are ignored (reported elsewhere). */
export type Adjacency = ReadonlyMap<string, readonly string[]>;

export function successors(nodes: readonly FlowNode[], edges: readonly Edge[]): Adjacency {
  return adjacency(nodes, edges, (edge) => [edge.source, edge.target]);
}

export function predecessors(nodes: readonly FlowNode[], edges: readonly Edge[]): Adjacency {
  return adjacency(nodes, edges, (edge) => [edge.target, edge.source]);
}

function adjacency(
  nodes: readonly FlowNode[],
  edges: readonly Edge[],
  direction: (edge: Edge) => [string, string],
): Adjacency {
  const map = new Map<string, string[]>(nodes.map((node) => [node.id, []]));
  for (const edge of edges) {
    const [from, to] = direction(edge);
    if (map.has(to)) map.get(from)?.push(to);
  }
  return map;
}

export function reachableFrom(starts: readonly string[], graph: Adjacency): Set<string> {
  const seen = new Set<string>();
  const stack = [...starts];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(graph.get(id) ?? []));
  }
  return seen;
}

/** Strongly connected components (Tarjan), each listed in discovery order. */
export function stronglyConnected(graph: Adjacency): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];

  const visit = (id: string): void => {
    index.set(id, index.size);
    low.set(id, index.get(id) ?? 0);
    stack.push(id);
    onStack.add(id);
    for (const next of graph.get(id) ?? []) {
      if (!index.has(next)) visit(next);
      if (onStack.has(next)) low.set(id, Math.min(low.get(id) ?? 0, low.get(next) ?? 0));
    }
    if (low.get(id) === index.get(id)) components.push(popComponent(id, stack, onStack));
  };

  for (const id of graph.keys()) if (!index.has(id)) visit(id);
  return components;
}

function popComponent(root: string, stack: string[], onStack: Set<string>): string[] {
  const component: string[] = [];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    onStack.delete(id);
    component.push(id);
    if (id === root) break;
  }
  return component.reverse();
}
