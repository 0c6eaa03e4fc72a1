import type { NodeOfKind } from './nodes.ts';

/**
 * How a run names the pinned definition a subflow node calls: the server resolves it when the
 * case starts and the interpreter looks it up, so both must agree on this one key.
 */
export function subflowKey(node: Pick<NodeOfKind<'subflow'>, 'flowKey' | 'version'>): string {
  return node.version === undefined ? node.flowKey : `${node.flowKey}@${node.version}`;
}
