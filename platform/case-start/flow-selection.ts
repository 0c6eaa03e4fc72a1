import type { FlowDefinition, Scope } from '#flow-language';

export interface CaseScope {
  brand?: string;
  marketplace?: string;
  store?: string;
}

/** A published version as case intake sees it (the API's and the worker's intake alike). */
export interface PublishedFlow {
  key: string;
  version: number;
  definition: FlowDefinition;
  archived?: boolean;
}

export class NoFlowForCase extends Error {
  override name = 'NoFlowForCase';
}

const DIMENSIONS = [
  ['brands', 'brand'],
  ['marketplaces', 'marketplace'],
  ['stores', 'store'],
] as const;

/**
 * Among the flows listening to a trigger, the one whose scope covers the case and names the
 * most dimensions wins (a US-only policy beats a global one). Two equally specific candidates
 * are an administration error, named, never a coin toss.
 */
export function selectFlow<Flow extends PublishedFlow>(candidates: Flow[], scope: CaseScope): Flow {
  const covering = candidates.filter((candidate) => covers(candidate.definition.scope, scope));
  const live = covering.filter((candidate) => !candidate.archived);
  const ranked = live.sort((a, b) => specificity(b) - specificity(a));
  const [best, runnerUp] = ranked;
  if (!best) throw noFlowFor(covering);
  if (runnerUp && specificity(runnerUp) === specificity(best)) {
    throw new NoFlowForCase(
      `Flows "${best.key}" and "${runnerUp.key}" both handle this case; narrow one's scope`,
    );
  }
  return best;
}

/** Archived flows are never selected, but the refusal names them so the cause is plain. */
function noFlowFor(covering: { key: string }[]): NoFlowForCase {
  if (covering.length === 0) {
    return new NoFlowForCase('No published flow handles this kind of case in its scope');
  }
  const keys = covering.map((candidate) => `"${candidate.key}"`).join(', ');
  return new NoFlowForCase(
    `The only flows that handle this case (${keys}) are archived; unarchive one or publish another`,
  );
}

function covers(flowScope: Scope | undefined, scope: CaseScope): boolean {
  return DIMENSIONS.every(([listed, value]) => {
    const allowed = flowScope?.[listed];
    if (!allowed) return true;
    const given = scope[value];
    return given !== undefined && allowed.includes(given);
  });
}

function specificity(record: PublishedFlow): number {
  return DIMENSIONS.filter(([listed]) => record.definition.scope?.[listed]).length;
}
