import type { NodeOfKind } from './nodes.ts';
import type { FlowDefinition } from './schema.ts';

/**
 * How a run names the pinned definition a subflow node calls: the server resolves it when the
 * case starts and the interpreter looks it up, so both must agree on this one key.
 */
export function subflowKey(node: Pick<NodeOfKind<'subflow'>, 'flowKey' | 'version'>): string {
  return node.version === undefined ? node.flowKey : `${node.flowKey}@${node.version}`;
}

/**
 * Every subflow a flow calls, transitively, each definition loaded once and keyed by
 * subflowKey: what a case pins when it starts, so a later publication cannot change its run.
 */
export async function pinSubflows(
  flow: Pick<FlowDefinition, 'nodes'>,
  load: (flowKey: string, version: number | undefined) => Promise<FlowDefinition>,
): Promise<Record<string, FlowDefinition>> {
  const pinned: Record<string, FlowDefinition> = {};
  const pending = [flow];
  for (let current = pending.pop(); current; current = pending.pop()) {
    for (const node of current.nodes) {
      if (node.kind !== 'subflow' || pinned[subflowKey(node)]) continue;
      const definition = await load(node.flowKey, node.version);
      pinned[subflowKey(node)] = definition;
      pending.push(definition);
    }
  }
  return pinned;
}
