import { canonicalJson } from './canonical-json.ts';
import { semanticNode } from './content-hash.ts';
import type { FlowChange } from './flow-changes.ts';
import type { FlowNode } from './nodes.ts';
import type { Edge, FlowDefinition } from './schema.ts';
import { describeFlowChanges } from './semantic-diff.ts';

export interface ElementDiff {
  added: string[];
  removed: string[];
  changed: string[];
}

export interface FlowDiff {
  nodes: ElementDiff & {
    /** Only the layout changed; not a semantic change. */
    moved: string[];
  };
  /** Edges are matched by id: an edge redrawn with a new id shows as removed plus added. */
  edges: ElementDiff;
  /** Top-level fields (name, inputs, variables, scope, ...) whose content differs. */
  settings: string[];
  /** The same changes as an admin says them, as codes with values (semantic-diff.ts). */
  changes: FlowChange[];
}

function diffById<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
  same: (a: T, b: T) => boolean,
): ElementDiff {
  const old = new Map(before.map((item) => [item.id, item]));
  const current = new Map(after.map((item) => [item.id, item]));
  return {
    added: after.filter((item) => !old.has(item.id)).map((item) => item.id),
    removed: before.filter((item) => !current.has(item.id)).map((item) => item.id),
    changed: after
      .filter((item) => {
        const previous = old.get(item.id);
        return previous !== undefined && !same(previous, item);
      })
      .map((item) => item.id),
  };
}

function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function sameNode(a: FlowNode, b: FlowNode): boolean {
  return sameJson(semanticNode(a), semanticNode(b));
}

function movedNodes(a: FlowDefinition, b: FlowDefinition, changed: readonly string[]): string[] {
  const old = new Map(a.nodes.map((node) => [node.id, node]));
  return b.nodes
    .filter((node) => old.has(node.id) && !changed.includes(node.id))
    .filter((node) => !sameJson(old.get(node.id)?.position, node.position))
    .map((node) => node.id);
}

const SETTING_KEYS = ['key', 'name', 'description', 'scope', 'inputs', 'variables'] as const;

/** What changed from `a` to `b`, by node and edge id, for the visual diff. */
export function diffFlows(a: FlowDefinition, b: FlowDefinition): FlowDiff {
  const nodes = diffById(a.nodes, b.nodes, sameNode);
  return {
    nodes: { ...nodes, moved: movedNodes(a, b, nodes.changed) },
    edges: diffById<Edge>(a.edges, b.edges, sameJson),
    settings: SETTING_KEYS.filter((key) => !sameJson(a[key], b[key])),
    changes: describeFlowChanges(a, b),
  };
}
