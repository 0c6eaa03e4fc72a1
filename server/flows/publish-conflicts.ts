import type { FlowDefinition, Scope } from '#flow-language';

/** A published flow that would take the same cases as the one being published. */
export interface TriggerConflict {
  key: string;
  trigger: string;
}

/** The other flow, named, so the admin knows which scope to narrow (or which flow to archive). */
export class TriggerTaken extends Error {
  override name = 'TriggerTaken';
  constructor(
    key: string,
    readonly conflict: TriggerConflict,
  ) {
    super(
      `Flow "${conflict.key}" already takes "${conflict.trigger}" cases in the same scope as ` +
        `"${key}"; narrow one flow's scope or archive "${conflict.key}" first`,
    );
  }
}

const DIMENSIONS = ['brands', 'marketplaces', 'stores'] as const;

const specificity = (scope: Scope | undefined) =>
  DIMENSIONS.filter((dimension) => scope?.[dimension]).length;

/** Some case is covered by both: in every dimension, either side is open or their lists meet. */
function overlap(a: Scope | undefined, b: Scope | undefined): boolean {
  return DIMENSIONS.every((dimension) => {
    const [left, right] = [a?.[dimension], b?.[dimension]];
    return !left || !right || left.some((value) => right.includes(value));
  });
}

/**
 * Case intake (server/cases/flow-selection.ts) picks, among the live flows of a trigger whose
 * scope covers a case, the one naming the most dimensions, and refuses the case when two tie.
 * So two live flows of one trigger collide exactly when some case is covered by both and their
 * scopes name as many dimensions: that publication is refused instead of every such case.
 */
export function triggerConflict(
  flow: FlowDefinition,
  trigger: string,
  live: readonly { key: string; definition: FlowDefinition; archived: boolean }[],
): TriggerConflict | undefined {
  const other = live.find(
    (candidate) =>
      candidate.key !== flow.key &&
      !candidate.archived &&
      specificity(candidate.definition.scope) === specificity(flow.scope) &&
      overlap(candidate.definition.scope, flow.scope),
  );
  return other && { key: other.key, trigger };
}
