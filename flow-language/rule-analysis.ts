import { type OperatorSpec, operatorSpec } from './operators.ts';
import { isPlainObject } from './primitives.ts';

/** A flow data path a rule reads. */
export interface VarRef {
  path: string;
  /** True when absence is expected: the var has a default, or the path is a `missing` test. */
  optional: boolean;
}

export type RuleProblemCode = 'rule.malformed' | 'rule.unknown-operator' | 'rule.unsupported-var';

export interface RuleProblem {
  code: RuleProblemCode;
  message: string;
}

export interface RuleAnalysis {
  vars: VarRef[];
  problems: RuleProblem[];
}

/** Flow data, or the element an iterator (map, filter, all, some, none, reduce) is visiting. */
type Scope = 'flow' | 'element';

/** Structure, operators and data reads of a rule, without any knowledge of the flow. */
export function analyzeRule(rule: unknown): RuleAnalysis {
  const analysis: RuleAnalysis = { vars: [], problems: [] };
  walk(rule, 'flow', analysis);
  return analysis;
}

/** The flow data paths a rule reads, in first-read order (iterator element reads excluded). */
export function collectVars(rule: unknown): string[] {
  return [...new Set(analyzeRule(rule).vars.map((ref) => ref.path))];
}

function walk(node: unknown, scope: Scope, out: RuleAnalysis): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, scope, out);
    return;
  }
  if (!isPlainObject(node)) return;
  const keys = Object.keys(node);
  const operator = keys[0];
  if (operator === undefined || keys.length !== 1) {
    out.problems.push({ code: 'rule.malformed', message: malformedObjectMessage(keys) });
    return;
  }
  walkOperation(operator, node[operator], scope, out);
}

function malformedObjectMessage(keys: readonly string[]): string {
  if (keys.length === 0) return 'an empty object is not a json-logic operation';
  return `an operation has exactly one operator key, found ${keys.map((k) => `"${k}"`).join(', ')}`;
}

function walkOperation(operator: string, raw: unknown, scope: Scope, out: RuleAnalysis): void {
  const spec = operatorSpec(operator);
  if (spec === undefined) {
    out.problems.push({ code: 'rule.unknown-operator', message: `unknown operator "${operator}"` });
    return;
  }
  const args = Array.isArray(raw) ? raw : [raw];
  checkArity(operator, spec, raw, args.length, out);
  walkArguments(operator, spec, args, scope, out);
}

function walkArguments(
  operator: string,
  spec: OperatorSpec,
  args: readonly unknown[],
  scope: Scope,
  out: RuleAnalysis,
): void {
  if (operator === 'var') {
    walkVar(args, scope, out);
  } else if (operator === 'missing') {
    walkPresence(args, scope, out);
  } else if (operator === 'missing_some') {
    walk(args[0], scope, out);
    walkPresence(Array.isArray(args[1]) ? args[1] : [args[1]], scope, out);
  } else if (spec.iterates) {
    for (const [index, arg] of args.entries()) walk(arg, index === 1 ? 'element' : scope, out);
  } else {
    walk(args, scope, out);
  }
}

function checkArity(
  operator: string,
  spec: OperatorSpec,
  raw: unknown,
  count: number,
  out: RuleAnalysis,
): void {
  if (spec.needsArray && !Array.isArray(raw)) {
    out.problems.push({
      code: 'rule.malformed',
      message: `"${operator}" takes an array of arguments`,
    });
    return;
  }
  const tooFew = count < spec.min;
  const tooMany = spec.max !== undefined && count > spec.max;
  if (tooFew || tooMany) {
    const expected =
      spec.max === undefined ? `at least ${spec.min}` : rangeText(spec.min, spec.max);
    const message = `"${operator}" takes ${expected} argument(s), got ${count}`;
    out.problems.push({ code: 'rule.malformed', message });
  }
}

function rangeText(min: number, max: number): string {
  return min === max ? String(min) : `${min} to ${max}`;
}

// Literal paths only: a computed path can't be checked against the flow's declared data, and
// the business trail could not say which values a decision read.
function walkVar(args: readonly unknown[], scope: Scope, out: RuleAnalysis): void {
  const [path, fallback] = args;
  if (args.length > 1) walk(fallback, scope, out);
  if (path !== null && typeof path === 'object' && !(Array.isArray(path) && path.length === 0)) {
    walk(path, scope, out);
    unsupportedVar('a computed "var" path', out);
    return;
  }
  const text = path === null || path === undefined || Array.isArray(path) ? '' : String(path);
  if (text.startsWith('../')) unsupportedVar(`"var" scope traversal "${text}"`, out);
  else if (scope === 'element') return;
  else if (text === '') unsupportedVar('"var" of the whole data object', out);
  else out.vars.push({ path: text, optional: fallback !== undefined && fallback !== null });
}

function unsupportedVar(what: string, out: RuleAnalysis): void {
  out.problems.push({ code: 'rule.unsupported-var', message: `${what} is not supported` });
}

function walkPresence(paths: readonly unknown[], scope: Scope, out: RuleAnalysis): void {
  for (const path of paths) {
    if (typeof path === 'string' && scope === 'flow') out.vars.push({ path, optional: true });
    else walk(path, scope, out);
  }
}
