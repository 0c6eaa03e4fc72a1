/**
 * The json-logic operators a flow may use: the published JsonLogic set minus `log` (a side
 * effect). json-logic-engine extensions (val, ??, try, throw, preserve, keys, pipe, length, ...)
 * are left out so a rule keeps one meaning whatever evaluator an auditor checks it with.
 */
export interface OperatorSpec {
  /** Fewest and most arguments after a non-array argument is wrapped as a single one. */
  min: number;
  max?: number;
  /** The engine rejects or misreads a bare (non-array) argument for these. */
  needsArray?: boolean;
  /** Argument 1 is evaluated once per element, with the element (or {current, accumulator}) as data. */
  iterates?: boolean;
}

const comparison: OperatorSpec = { min: 2, max: 2, needsArray: true };
const between: OperatorSpec = { min: 2, max: 3, needsArray: true };
const iteration: OperatorSpec = { min: 2, max: 2, needsArray: true, iterates: true };

// Arity limits are stricter than the engine on purpose: `{"and":[]}` and `{"if":[]}` are
// null here but mean other things in other JsonLogic libraries, and `reduce` without an
// initial value throws on an empty array.
export const OPERATOR_SPECS: Readonly<Record<string, OperatorSpec>> = {
  var: { min: 0, max: 2 },
  missing: { min: 0 },
  missing_some: { min: 2, max: 2, needsArray: true },
  if: { min: 2, needsArray: true },
  '?:': { min: 3, max: 3, needsArray: true },
  '==': comparison,
  '===': comparison,
  '!=': comparison,
  '!==': comparison,
  '>': comparison,
  '>=': comparison,
  '<': between,
  '<=': between,
  '!': { min: 1, max: 1 },
  '!!': { min: 1, max: 1 },
  and: { min: 1, needsArray: true },
  or: { min: 1, needsArray: true },
  max: { min: 1 },
  min: { min: 1 },
  '+': { min: 1 },
  '*': { min: 1 },
  '-': { min: 1, max: 2 },
  '/': { min: 2, max: 2, needsArray: true },
  '%': { min: 2, max: 2, needsArray: true },
  map: iteration,
  filter: iteration,
  all: iteration,
  some: iteration,
  none: iteration,
  reduce: { min: 3, max: 3, needsArray: true, iterates: true },
  merge: { min: 0 },
  in: { min: 2, max: 2, needsArray: true },
  cat: { min: 0 },
  substr: { min: 2, max: 3, needsArray: true },
};

export const ALLOWED_OPERATORS: readonly string[] = Object.keys(OPERATOR_SPECS);

export function operatorSpec(operator: string): OperatorSpec | undefined {
  return Object.hasOwn(OPERATOR_SPECS, operator) ? OPERATOR_SPECS[operator] : undefined;
}

export function isAllowedOperator(operator: string): boolean {
  return operatorSpec(operator) !== undefined;
}
