// The rule code the previous simulator ran with when it was frozen (flow-language/rules.ts,
// rule-data.ts and stepping.ts's ruleReads at commit 612e65c), copied so the baseline keeps
// its speed when the shared rule code gets faster: the bench's ratio is against the old
// simulator as it was. Only what the simulator calls is kept.
import { defaultMethods, LogicEngine, splitPath } from 'json-logic-engine';
import { CASE_CONTEXT_ROOT } from '../../../flow-language/data-scope.ts';
import { ALLOWED_OPERATORS } from '../../../flow-language/operators.ts';
import { analyzeRule, collectVars, type VarRef } from '../../../flow-language/rule-analysis.ts';
import { metered, RuleBudgetExceeded, withinBudget } from '../../../flow-language/rule-budget.ts';

export type RuleFailureCode =
  | 'rule.invalid'
  | 'rule.missing-data'
  | 'rule.evaluation-error'
  | 'rule.budget-exceeded';

/** A rule that could not produce a value: a named failure the flow can route, never a throw. */
export interface RuleFailure {
  code: RuleFailureCode;
  message: string;
  /** For rule.missing-data: the var paths that were absent or null. */
  paths?: string[];
}

export type RuleResult<T = unknown> = { ok: true; value: T } | { ok: false; error: RuleFailure };

export interface EvaluateOptions {
  /**
   * 'fail' (default): a var without a default that reads null or nothing fails the rule, since
   * the engine would compare it as 0. 'allow' gives the raw engine behaviour (designer tools).
   */
  missingData?: 'fail' | 'allow';
}

function standardMethods(): Record<string, unknown> {
  const all = defaultMethods as unknown as Record<string, unknown>;
  return metered(
    Object.fromEntries(ALLOWED_OPERATORS.map((operator) => [operator, all[operator]])),
  );
}

// One sync engine with only the whitelisted operators, interpreted with `run` (never `build`,
// which compiles with eval). The interpreted optimizer is off: it caches plans per rule object
// (stale after in-place edits in the designer) and switches itself off after 500 cache misses,
// and its fast paths differ on edge cases ({"var":"a.b"} with a = 0 gives 0, not null), so
// results would depend on the engine's history.
const engine = new LogicEngine(standardMethods(), {
  disableInterpretedOptimization: true,
  permissive: false,
});

export function evaluateRule(
  rule: unknown,
  data: unknown,
  options: EvaluateOptions = {},
): RuleResult {
  const analysis = analyzeRule(rule);
  if (analysis.problems.length > 0) {
    const message = analysis.problems.map((problem) => problem.message).join('; ');
    return failure('rule.invalid', `The rule is invalid: ${message}`);
  }
  if ((options.missingData ?? 'fail') === 'fail') {
    const missing = missingPaths(analysis.vars, data);
    if (missing.length > 0) return missingDataFailure(missing);
  }
  return run(rule, data);
}

function run(rule: unknown, data: unknown): RuleResult {
  try {
    return { ok: true, value: withinBudget(() => engine.run(rule, data ?? {})) };
  } catch (thrown) {
    if (thrown instanceof RuleBudgetExceeded) {
      return failure('rule.budget-exceeded', `The rule could not be evaluated: ${thrown.message}`);
    }
    return failure('rule.evaluation-error', `The rule could not be evaluated: ${describe(thrown)}`);
  }
}

function failure(code: RuleFailureCode, message: string, paths?: string[]): RuleResult<never> {
  return { ok: false, error: paths ? { code, message, paths } : { code, message } };
}

function missingDataFailure(paths: string[]): RuleResult<never> {
  const list = paths.map((path) => `"${path}"`).join(', ');
  return failure('rule.missing-data', `The rule reads missing data: ${list}`, paths);
}

function missingPaths(refs: readonly VarRef[], data: unknown): string[] {
  const missing = refs.filter((ref) => !ref.optional && isAbsent(readPath(data, ref.path)));
  return [...new Set(missing.map((ref) => ref.path))];
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

// Mirrors the engine's `var` lookup (same path splitting, "\." escapes, functions read as
// null) so the missing-data check and the evaluation agree on what is absent.
export function readPath(data: unknown, path: string): unknown {
  let current: unknown = data;
  for (const segment of splitPath(path)) {
    if (current === null || current === undefined) return undefined;
    current = (Object(current) as Record<string, unknown>)[segment];
  }
  return typeof current === 'function' ? null : current;
}

// The engine throws NaN for arithmetic on non-numbers (and division by zero) and plain
// objects like { type: 'Invalid Arguments' } for bad arguments.
function describe(thrown: unknown): string {
  if (typeof thrown === 'number' && Number.isNaN(thrown)) {
    return 'a value is not a number (non-numeric data, or division by zero)';
  }
  if (thrown instanceof Error) return thrown.message;
  if (thrown !== null && typeof thrown === 'object' && 'type' in thrown) {
    const { type, key } = thrown as { type: unknown; key?: unknown };
    return key === undefined ? String(type) : `${String(type)} "${String(key)}"`;
  }
  return String(thrown);
}

/** rule-data.ts's buildRuleData as it was: one object literal spreading the parts. */
export function buildRuleData(parts: {
  input: Readonly<Record<string, unknown>>;
  variables?: Readonly<Record<string, unknown>>;
  context?: Readonly<Record<string, unknown>>;
}): Record<string, unknown> {
  return {
    ...parts.input,
    ...parts.variables,
    [CASE_CONTEXT_ROOT]: { ...parts.context },
  };
}

export interface RuleRead {
  path: string;
  value: unknown;
}

const varsOfRule = new WeakMap<object, string[]>();

function varsOf(rule: unknown): string[] {
  if (typeof rule !== 'object' || rule === null) return collectVars(rule);
  let vars = varsOfRule.get(rule);
  if (!vars) {
    vars = collectVars(rule);
    varsOfRule.set(rule, vars);
  }
  return vars;
}

/** stepping.ts's ruleReads as it was. */
export function ruleReads(rule: unknown, data: unknown): RuleRead[] {
  return varsOf(rule).map((path) => ({ path, value: readPath(data, path) ?? null }));
}
