import type { CaseForm } from '#api-contract/cases';
import type { FlowVersions } from '../flows/flow-versions.ts';

/**
 * One form per trigger a live flow listens to, generated from that flow's declared inputs, so a
 * requester is asked exactly what intake will check. Archived flows take no new case and offer
 * no form; each live flow of a shared trigger offers its own (they differ in scope).
 */
export async function caseForms(flows: FlowVersions): Promise<CaseForm[]> {
  const latest = await flows.latestVersions();
  const triggers = [
    ...new Set([...latest.values()].flatMap((r) => (r.trigger ? [r.trigger] : []))),
  ];
  const candidates = (await Promise.all(triggers.map((t) => flows.publishedForTrigger(t)))).flat();
  return candidates
    .filter((candidate) => !candidate.archived && candidate.trigger)
    .map((candidate) => ({
      trigger: candidate.trigger,
      flowKey: candidate.key,
      flowName: candidate.definition.name,
      flowVersion: candidate.version,
      description: candidate.definition.description,
      scope: candidate.definition.scope,
      inputs: candidate.definition.inputs,
    }))
    .sort((a, b) => a.trigger.localeCompare(b.trigger) || a.flowKey.localeCompare(b.flowKey));
}
