import { canonicalJson, compareStrings } from './canonical-json.ts';
import type { FlowNode } from './nodes.ts';
import type { Edge, FlowDefinition } from './schema.ts';
import { sha256Hex } from './sha256.ts';

function byId<T extends { id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareStrings(a.id, b.id));
}

export type WithoutLayout<T> = T extends unknown ? Omit<T, 'position'> : never;

/** A node without its designer layout. */
export function semanticNode(node: FlowNode): WithoutLayout<FlowNode> {
  const { position: _layout, ...rest } = node;
  return rest as WithoutLayout<FlowNode>;
}

/**
 * What the hash covers. Left out: node positions (layout), the array order of nodes and edges
 * (the designer reorders them freely) and `version` (so republishing unchanged content can be
 * detected). Labels stay in: they appear in inbox tasks and in the audit trail.
 */
export function hashableFlow(flow: FlowDefinition): Record<string, unknown> {
  const { version: _version, nodes, edges, ...rest } = flow;
  return { ...rest, nodes: byId(nodes).map(semanticNode), edges: byId<Edge>(edges) };
}

/** SHA-256 (hex) of the canonical JSON of a parsed flow; parse first so defaults are applied. */
export function contentHash(flow: FlowDefinition): string {
  return sha256Hex(canonicalJson(hashableFlow(flow)));
}
