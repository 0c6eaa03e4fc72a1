import type { TrailEventView } from '#api-contract/cases';
import type { FlowDefinition } from '#flow-language';

export interface BusinessReason {
  nodeId: string;
  label: string;
  rule?: unknown;
}

/**
 * The decision case that sent the case to a person, read from the trail: the last decision left
 * by a labelled case before the task opened ("Quality problem: review the buyer's photos").
 * A yes/no decision or a default exit names no business case, so nothing is said then.
 */
export function businessReason(
  flow: Pick<FlowDefinition, 'nodes'>,
  trailUpToTask: readonly TrailEventView[],
): BusinessReason | undefined {
  const left = trailUpToTask.filter((event) => event.type === 'node.left').reverse();
  for (const event of left) {
    const node = flow.nodes.find((candidate) => candidate.id === event.nodeId);
    if (node?.kind !== 'decision' || node.cases === undefined) continue;
    const taken = node.cases.find((decisionCase) => decisionCase.id === event.details?.handle);
    if (taken?.label) return { nodeId: node.id, label: taken.label, rule: taken.when };
  }
  return undefined;
}
