/**
 * What one rule evaluation may spend. A rule is data an admin writes, and a few operators
 * compose into exponential work (a `reduce` that `merge`s or `cat`s its accumulator with itself
 * doubles it per element): past these limits the evaluation stops with a named failure instead
 * of exhausting the worker or the API. Legitimate rules stay far below them.
 */
export const RULE_BUDGET = {
  /** Operator applications per evaluation, nested ones (inside map, reduce…) included. */
  steps: 100_000,
  /** Elements in any array an operator produces. */
  arrayLength: 10_000,
  /** Characters in any string an operator produces. */
  stringLength: 100_000,
} as const;

/** Thrown inside the engine when an evaluation overruns its budget; `rules.ts` names it. */
export class RuleBudgetExceeded extends Error {
  override name = 'RuleBudgetExceeded';

  constructor(
    readonly operator: string,
    reason: string,
  ) {
    super(`the rule budget was exceeded at "${operator}": ${reason}`);
  }
}

type Method = (...args: unknown[]) => unknown;
type MethodEntry = Method | { method: Method };

/** Counts the steps of the current evaluation; evaluations are synchronous, so one is enough. */
let stepsLeft: number = RULE_BUDGET.steps;

/** Runs one evaluation with a fresh budget. */
export function withinBudget<T>(evaluate: () => T): T {
  stepsLeft = RULE_BUDGET.steps;
  return evaluate();
}

/**
 * The engine's methods, each counting a step and checking the size of what it gives back.
 * Object methods keep every other property (the engine's own markers for `var` included), so
 * the engine calls them exactly as before.
 */
export function metered(methods: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(methods).map(([operator, entry]) => [
      operator,
      meteredEntry(operator, entry as MethodEntry),
    ]),
  );
}

function meteredEntry(operator: string, entry: MethodEntry): MethodEntry {
  if (typeof entry === 'function') return meter(operator, entry);
  return { ...entry, method: meter(operator, entry.method) };
}

function meter(operator: string, method: Method): Method {
  return (...args) => {
    stepsLeft -= 1;
    if (stepsLeft < 0) {
      throw new RuleBudgetExceeded(operator, `more than ${RULE_BUDGET.steps} steps`);
    }
    const result = method(...args);
    checkRuleValueSize(operator, result);
    return result;
  };
}

/** Throws when a value an operator gives is over the size budget (compiled rules check it too). */
export function checkRuleValueSize(operator: string, result: unknown): void {
  if (Array.isArray(result) && result.length > RULE_BUDGET.arrayLength) {
    throw new RuleBudgetExceeded(
      operator,
      `an array of ${result.length} elements (at most ${RULE_BUDGET.arrayLength})`,
    );
  }
  if (typeof result === 'string' && result.length > RULE_BUDGET.stringLength) {
    throw new RuleBudgetExceeded(
      operator,
      `a string of ${result.length} characters (at most ${RULE_BUDGET.stringLength})`,
    );
  }
}
