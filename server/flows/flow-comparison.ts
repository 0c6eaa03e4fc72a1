import type { DiffQuery, FlowDiffAnswer } from '#api-contract/flows';
import { diffFlows, type FlowDefinition, parseFlowDefinition } from '#flow-language';
import { FlowRejected, type FlowVersions } from './flow-versions.ts';

/** What changed between two published versions, or from a version to the current draft. */
export async function compareVersions(
  flows: FlowVersions,
  key: string,
  { from, to }: DiffQuery,
): Promise<FlowDiffAnswer> {
  const before = (await flows.get(key, from)).definition;
  const after =
    to === 'draft' ? await draftDefinition(flows, key) : (await flows.get(key, to)).definition;
  return { key, from, to, ...diffFlows(before, after) };
}

async function draftDefinition(flows: FlowVersions, key: string): Promise<FlowDefinition> {
  const parsed = parseFlowDefinition((await flows.draft(key)).document);
  if (!parsed.ok)
    throw new FlowRejected('The draft does not parse, so it cannot be compared', parsed.issues);
  return parsed.flow;
}
