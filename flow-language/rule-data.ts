import { CASE_CONTEXT_ROOT } from './data-scope.ts';

/** The parts of a running case that rules can read (see data-scope.ts for the naming rules). */
export interface RuleDataParts {
  input: Readonly<Record<string, unknown>>;
  variables?: Readonly<Record<string, unknown>>;
  /** Values stored by nodes under their resultVariable names. */
  results?: Readonly<Record<string, unknown>>;
  /** The case context: id, requestedBy, startedAt, brand, marketplace, store. */
  context?: Readonly<Record<string, unknown>>;
}

/**
 * The single flat object rules are evaluated against. The designer preview, the server and the
 * interpreter all build it here, so a rule reads the same data wherever it runs. Validation
 * forbids clashing names, so the spread order only matters for invalid flows.
 */
export function buildRuleData(parts: RuleDataParts): Record<string, unknown> {
  return {
    ...parts.input,
    ...parts.variables,
    ...parts.results,
    [CASE_CONTEXT_ROOT]: { ...parts.context },
  };
}
