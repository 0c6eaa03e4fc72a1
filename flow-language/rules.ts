import { defaultMethods, LogicEngine, splitPath } from 'json-logic-engine';
import { ALLOWED_OPERATORS } from './operators.ts';
import { analyzeRule } from './rule-analysis.ts';
import { metered, RULE_BUDGET, RuleBudgetExceeded, withinBudget } from './rule-budget.ts';
import { type CompiledRule, compileRule } from './rule-compiler.ts';

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

/** JsonLogic truthiness as the engine applies it inside `if`, `and`, `!`: [] and {} are falsy. */
export function isTruthy(value: unknown): boolean {
  return Boolean(engine.truthy(value));
}

export function evaluateRule(
  rule: unknown,
  data: unknown,
  options: EvaluateOptions = {},
): RuleResult {
  return evaluatePrepared(prepareRule(rule), data, options);
}

/**
 * A rule analysed once: what it reads (paths already split) and whether it is valid. Prepare
 * rules that will not change (a parsed flow's), and evaluate them many times.
 */
export interface PreparedRule {
  readonly rule: unknown;
  readonly invalid?: RuleResult<never>;
  /** The var paths it reads, in first-read order, without duplicates. */
  readonly paths: readonly string[];
  /** The paths that must be present, split as the engine splits them. */
  readonly required: readonly { path: string; segments: string[] }[];
  /** Set when the rule is a bare required read, `{"var": "path"}`: its value is the data's. */
  readonly plainRead?: readonly string[];
  /** The rule as closures (rule-compiler.ts); unset for rules only the engine runs. */
  readonly compiled?: CompiledRule;
}

export function prepareRule(rule: unknown): PreparedRule {
  // A literal reads nothing and is its own value (constant inputs, `0` amounts).
  if (rule === null || typeof rule !== 'object') return { rule, paths: [], required: [] };
  const analysis = analyzeRule(rule);
  if (analysis.problems.length > 0) {
    const message = analysis.problems.map((problem) => problem.message).join('; ');
    return {
      rule,
      invalid: failure('rule.invalid', `The rule is invalid: ${message}`),
      paths: [],
      required: [],
    };
  }
  const paths = [...new Set(analysis.vars.map((ref) => ref.path))];
  const required = [
    ...new Set(analysis.vars.filter((ref) => !ref.optional).map((ref) => ref.path)),
  ].map((path) => ({ path, segments: splitPath(path) }));
  const read = plainReadPath(rule);
  const plainRead = read === undefined ? undefined : required.find((r) => r.path === read);
  const compiled = compileRule(rule);
  return {
    rule,
    paths,
    required,
    ...(plainRead && { plainRead: plainRead.segments }),
    ...(compiled && { compiled }),
  };
}

function plainReadPath(rule: unknown): string | undefined {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return undefined;
  const keys = Object.keys(rule);
  const path = (rule as { var?: unknown }).var;
  return keys.length === 1 && typeof path === 'string' ? path : undefined;
}

/** Shared, so that an evaluation without options allocates none. */
const DEFAULT_OPTIONS: EvaluateOptions = Object.freeze({});

export function evaluatePrepared(
  prepared: PreparedRule,
  data: unknown,
  options: EvaluateOptions = DEFAULT_OPTIONS,
): RuleResult {
  if (prepared.invalid) return prepared.invalid;
  if ((options.missingData ?? 'fail') === 'fail') {
    const missing = missingPaths(prepared.required, data);
    if (missing) return missingDataFailure(missing);
    // Present and not null (just checked): the engine's `var` would give exactly this value.
    if (prepared.plainRead) {
      const value = readSegments(data, prepared.plainRead);
      if (withinSizeBudget(value)) return { ok: true, value };
    }
  }
  if (prepared.rule === null || typeof prepared.rule !== 'object') {
    return { ok: true, value: prepared.rule };
  }
  const input = data ?? {};
  if (prepared.compiled) return answer(prepared.compiled, input);
  return answer(() => withinBudget(() => engine.run(prepared.rule, input)), input);
}

/** Larger values go through the engine, which names the budget they overrun. */
function withinSizeBudget(value: unknown): boolean {
  if (Array.isArray(value)) return value.length <= RULE_BUDGET.arrayLength;
  if (typeof value === 'string') return value.length <= RULE_BUDGET.stringLength;
  return typeof value !== 'function';
}

/** Evaluates a rule and applies JsonLogic truthiness; failures are returned, never thrown. */
export function evaluateCondition(
  rule: unknown,
  data: unknown,
  options: EvaluateOptions = {},
): RuleResult<boolean> {
  const result = evaluateRule(rule, data, options);
  return result.ok ? { ok: true, value: isTruthy(result.value) } : result;
}

/** What an evaluation gave, or the failure it threw (the engine's errors, or the budget's). */
function answer(evaluate: CompiledRule, data: unknown): RuleResult {
  try {
    return { ok: true, value: evaluate(data) };
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

/** The absent paths, or undefined when none is (no list is built for the common case). */
function missingPaths(required: PreparedRule['required'], data: unknown): string[] | undefined {
  let missing: string[] | undefined;
  for (const { path, segments } of required) {
    if (!isAbsent(readSegments(data, segments))) continue;
    missing ??= [];
    missing.push(path);
  }
  return missing;
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

// Mirrors the engine's `var` lookup (same path splitting, "\." escapes, functions read as
// null) so the missing-data check and the evaluation agree on what is absent.
export function readPath(data: unknown, path: string): unknown {
  return readSegments(data, splitPath(path));
}

function readSegments(data: unknown, segments: readonly string[]): unknown {
  let current: unknown = data;
  for (const segment of segments) {
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
