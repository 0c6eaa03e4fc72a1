import type { TrailEventView } from '#api-contract/cases';

interface FlowEdges {
  edges?: readonly { id: string; source: string; handle?: string | undefined }[] | undefined;
}

export interface RunPath {
  nodeIds: string[];
  edgeIds: string[];
  /** "2×" on nodes entered more than once, "now" on the nodes the run waits at. */
  badges: Record<string, string>;
}

/**
 * The path a run took, read from its trail: nodes it entered, and for each `node.left` the edge
 * leaving that node by the recorded handle (an edge without a handle leaves by "next").
 */
export function runPath(
  flow: FlowEdges,
  trail: readonly TrailEventView[],
  activeNodes: readonly string[] = [],
): RunPath {
  const visits = new Map<string, number>();
  const edgeIds = new Set<string>();
  for (const event of trail) {
    if (!event.nodeId) continue;
    if (event.type === 'node.entered') {
      visits.set(event.nodeId, (visits.get(event.nodeId) ?? 0) + 1);
    }
    if (event.type === 'node.left') {
      const handle = String(event.details?.handle ?? 'next');
      const edge = (flow.edges ?? []).find(
        (candidate) => candidate.source === event.nodeId && (candidate.handle ?? 'next') === handle,
      );
      if (edge) edgeIds.add(edge.id);
    }
  }
  const badges: Record<string, string> = {};
  for (const [nodeId, count] of visits) if (count > 1) badges[nodeId] = `${count}×`;
  for (const nodeId of activeNodes) badges[nodeId] = 'now';
  return { nodeIds: [...visits.keys()], edgeIds: [...edgeIds], badges };
}
