import { edgeHandle } from './handles.ts';
import type { FlowNode } from './nodes.ts';
import type { FlowDefinition } from './schema.ts';

/** Read-only lookups over a validated flow: nodes by id, targets by handle, matching joins. */
export class FlowGraph {
  private readonly nodes = new Map<string, FlowNode>();
  private readonly outgoing = new Map<string, { id: string; handle: string; target: string }[]>();

  constructor(readonly flow: FlowDefinition) {
    for (const node of flow.nodes) {
      this.nodes.set(node.id, node);
      this.outgoing.set(node.id, []);
    }
    for (const edge of flow.edges) {
      this.outgoing
        .get(edge.source)
        ?.push({ id: edge.id, handle: edgeHandle(edge), target: edge.target });
    }
  }

  node(id: string): FlowNode {
    const node = this.nodes.get(id);
    if (!node) throw new Error(`Flow ${this.flow.key} has no node "${id}"`);
    return node;
  }

  start(): FlowNode {
    const start = this.flow.nodes.find((node) => node.kind === 'start');
    if (!start) throw new Error(`Flow ${this.flow.key} has no start node`);
    return start;
  }

  /** The node behind `handle`, or undefined when the flow has no such edge. */
  target(nodeId: string, handle: string): string | undefined {
    return this.outgoing.get(nodeId)?.find((edge) => edge.handle === handle)?.target;
  }

  /** The id of the edge behind `handle`, for showing the path a run took. */
  edgeId(nodeId: string, handle: string): string | undefined {
    return this.outgoing.get(nodeId)?.find((edge) => edge.handle === handle)?.id;
  }

  /** The edge ids of a parallel split's branches, in edge order. */
  branchEdgeIds(nodeId: string): string[] {
    return (this.outgoing.get(nodeId) ?? []).map((edge) => edge.id);
  }

  has(nodeId: string, handle: string): boolean {
    return this.target(nodeId, handle) !== undefined;
  }

  /** Every branch target of a parallel split, in edge order. */
  branches(nodeId: string): string[] {
    return (this.outgoing.get(nodeId) ?? []).map((edge) => edge.target);
  }

  /** The nearest join every branch of the split reaches. */
  joinOf(parallelId: string): FlowNode | undefined {
    const reachSets = this.branches(parallelId).map((target) => this.reachable(target));
    for (const nodeId of this.breadthFirst(parallelId)) {
      const node = this.node(nodeId);
      if (node.kind === 'join' && reachSets.every((reach) => reach.has(nodeId))) return node;
    }
    return undefined;
  }

  private reachable(from: string): Set<string> {
    return new Set(this.breadthFirst(from));
  }

  private breadthFirst(from: string): string[] {
    const seen = new Set([from]);
    const order = [from];
    for (let index = 0; index < order.length; index++) {
      for (const { target } of this.outgoing.get(order[index] as string) ?? []) {
        if (!seen.has(target)) {
          seen.add(target);
          order.push(target);
        }
      }
    }
    return order;
  }
}
