import { defaultMethods, LogicEngine, splitPath } from 'json-logic-engine';
import { checkRuleValueSize } from './rule-budget.ts';

/**
 * A rule turned into nested closures once, so evaluating it walks no rule object and looks up
 * no operator. It answers exactly what json-logic-engine's `run` (as rules.ts configures it)
 * answers, value or thrown error: the operators that compute are the engine's own functions,
 * and only the engine's dispatch (argument shaping, lazy `if`/`and`/`or`/comparisons, `var`) is
 * rewritten here, line for line. Anything else is refused (undefined): the caller keeps the
 * engine. No code is generated from strings (no eval, no new Function).
 * tests/unit/flow-language/rule-compiler.test.ts compares both on every shipped rule and on
 * generated rules and data.
 */
export type CompiledRule = (data: unknown) => unknown;

type Method = (args: unknown[], context?: unknown, above?: unknown, engine?: unknown) => unknown;

const methods = defaultMethods as unknown as Record<string, Method | { method: Method }>;

/** The engine's truthiness (it reads nothing from the engine instance). */
const truthyOf = LogicEngine.prototype.truthy as (value: unknown) => unknown;
const truthy = (value: unknown): boolean => Boolean(truthyOf(value));
const truthyEngine = { truthy: truthyOf };

// The engine's own error for a badly shaped operation (rules.ts names it by its type).
const INVALID_ARGUMENTS = { type: 'Invalid Arguments' };

/**
 * Rules with more operations are left to the engine. Below it, and without iterating operators
 * (refused), each operation runs at most once, so the engine's step budget cannot be reached.
 */
const MAX_OPERATIONS = 10_000;

// Operators whose results are always numbers or booleans: the size budget cannot apply.
const NUMERIC = new Set(['+', '*', '/', '-', '%', 'max', 'min', 'in', '!', '!!']);
const EAGER = new Set([...NUMERIC, 'substr', 'merge', 'cat']);
const COMPARISONS: Record<string, (a: unknown, b: unknown) => boolean> = {
  // biome-ignore lint/suspicious/noDoubleEquals: the engine's loose comparison
  '==': (a, b) => a == b,
  '===': (a, b) => a === b,
  // biome-ignore lint/suspicious/noDoubleEquals: the engine's loose comparison
  '!=': (a, b) => a != b,
  '!==': (a, b) => a !== b,
  '<': (a, b) => (a as number) < (b as number),
  '<=': (a, b) => (a as number) <= (b as number),
  '>': (a, b) => (a as number) > (b as number),
  '>=': (a, b) => (a as number) >= (b as number),
};

class Refused extends Error {}

/** The rule as closures, or undefined when it uses something only the engine should run. */
export function compileRule(rule: unknown): CompiledRule | undefined {
  const counter = { operations: 0 };
  try {
    return compile(rule, counter);
  } catch (error) {
    if (error instanceof Refused) return undefined;
    throw error;
  }
}

function compile(node: unknown, counter: { operations: number }): CompiledRule {
  if (Array.isArray(node)) return compileArray(node, counter);
  if (node === null || typeof node !== 'object') return () => node;
  if (Object.getPrototypeOf(node) !== Object.prototype) throw new Refused();
  const keys = Object.keys(node);
  const operator = keys[0];
  if (operator === undefined || keys.length !== 1) throw new Refused();
  counter.operations += 1;
  if (counter.operations > MAX_OPERATIONS) throw new Refused();
  const argument = (node as Record<string, unknown>)[operator];
  if (operator === 'var') return compileVar(argument);
  if (EAGER.has(operator)) return compileEager(operator, argument, counter);
  if (!Array.isArray(argument)) throw new Refused();
  if (operator === 'if' || operator === '?:') return compileIf(operator, argument, counter);
  if (operator === 'and' || operator === 'or') return compileAndOr(operator, argument, counter);
  const compare = COMPARISONS[operator];
  if (compare && Object.hasOwn(COMPARISONS, operator)) {
    return compileComparison(operator, compare, argument, counter);
  }
  throw new Refused();
}

/** A literal array: the engine evaluates each element into a new array. */
function compileArray(items: unknown[], counter: { operations: number }): CompiledRule {
  const parts = items.map((item) => compile(item, counter));
  return (data) => {
    const values = new Array(parts.length);
    for (let i = 0; i < parts.length; i += 1) values[i] = (parts[i] as CompiledRule)(data);
    return values;
  };
}

/** The engine's argument list for a non-lazy operator: [x] for a literal, a result as an array. */
function compileArguments(argument: unknown, counter: { operations: number }): CompiledRule {
  if (!argument || typeof argument !== 'object') return () => [argument];
  const evaluate = compile(argument, counter);
  if (Array.isArray(argument)) return evaluate;
  return (data) => {
    const value = evaluate(data);
    return Array.isArray(value) ? value : [value];
  };
}

function compileEager(
  operator: string,
  argument: unknown,
  counter: { operations: number },
): CompiledRule {
  const entry = methods[operator];
  const method = typeof entry === 'function' ? entry : entry?.method;
  if (!method) throw new Refused();
  const args = compileArguments(argument, counter);
  if (NUMERIC.has(operator)) {
    return (data) => method(args(data) as unknown[], undefined, undefined, truthyEngine);
  }
  return (data) => sized(operator, method(args(data) as unknown[]));
}

function sized(operator: string, value: unknown): unknown {
  checkRuleValueSize(operator, value);
  return value;
}

/** `var` with a literal path (and literal default); dynamic paths stay with the engine. */
function compileVar(argument: unknown): CompiledRule {
  let key: unknown = argument;
  let fallback: unknown;
  if (Array.isArray(argument)) {
    if (argument.length < 1 || argument.length > 2) throw new Refused();
    [key, fallback] = argument;
    if (fallback !== null && typeof fallback === 'object') throw new Refused();
  }
  if (typeof key === 'number') key = String(key);
  if (typeof key !== 'string') throw new Refused();
  const notFound = fallback === undefined ? null : fallback;
  if (key === '') return (data) => sized('var', typeof data === 'function' ? null : data);
  const segments = splitPath(key);
  return (data) => {
    let context = data;
    for (let i = 0; i < segments.length; i += 1) {
      if (context === null || context === undefined) return sized('var', notFound);
      context = (context as Record<string, unknown>)[segments[i] as string];
      if (context === undefined) return sized('var', notFound);
    }
    return sized('var', typeof context === 'function' ? null : context);
  };
}

function compileIf(
  operator: string,
  argument: unknown[],
  counter: { operations: number },
): CompiledRule {
  const parts = argument.map((item) => compile(item, counter));
  if (parts.length === 0) return () => sized(operator, null);
  if (parts.length === 1) {
    const only = parts[0] as CompiledRule;
    return (data) => sized(operator, only(data));
  }
  if (parts.length % 2 !== 1) parts.push(() => null);
  const otherwise = parts.pop() as CompiledRule;
  return (data) => {
    for (let i = 0; i < parts.length; i += 2) {
      if (truthy((parts[i] as CompiledRule)(data))) {
        return sized(operator, (parts[i + 1] as CompiledRule)(data));
      }
    }
    return sized(operator, otherwise(data));
  };
}

function compileAndOr(
  operator: 'and' | 'or',
  argument: unknown[],
  counter: { operations: number },
): CompiledRule {
  const parts = argument.map((item) => compile(item, counter));
  if (parts.length === 0) return () => sized(operator, null);
  const stopsOn = operator === 'or';
  return (data) => {
    let item: unknown;
    for (let i = 0; i < parts.length; i += 1) {
      item = (parts[i] as CompiledRule)(data);
      if (truthy(item) === stopsOn) return sized(operator, item);
    }
    return sized(operator, item);
  };
}

/** The engine's comparator (createComparator), two arguments or a chain. */
function compileComparison(
  operator: string,
  compare: (a: unknown, b: unknown) => boolean,
  argument: unknown[],
  counter: { operations: number },
): CompiledRule {
  const parts = argument.map((item) => compile(item, counter));
  const strict = operator.length === 3;
  if (parts.length <= 1) {
    return () => {
      throw INVALID_ARGUMENTS;
    };
  }
  if (parts.length === 2) {
    const [left, right] = parts as [CompiledRule, CompiledRule];
    return (data) => {
      const a = left(data);
      const b = right(data);
      if (strict || (stringOrNull(a) && stringOrNull(b))) return compare(a, b);
      if (Number.isNaN(+(precoerceNumber(a) as number))) throw Number.NaN;
      if (Number.isNaN(+(precoerceNumber(b) as number)) && a !== null) throw Number.NaN;
      return compare(+(a as number), +(b as number));
    };
  }
  return (data) => {
    let prev = (parts[0] as CompiledRule)(data);
    for (let i = 1; i < parts.length; i += 1) {
      const current = (parts[i] as CompiledRule)(data);
      if (strict || (stringOrNull(current) && stringOrNull(prev))) {
        if (!compare(prev, current)) return false;
      }
      if (Number.isNaN(+(precoerceNumber(current) as number)) && prev !== null) throw Number.NaN;
      if (i === 1 && Number.isNaN(+(precoerceNumber(prev) as number))) throw Number.NaN;
      if (!compare(+(prev as number), +(current as number))) return false;
      prev = current;
    }
    return true;
  };
}

function stringOrNull(value: unknown): boolean {
  return typeof value === 'string' || value === null;
}

/** The engine's precoerceNumber: objects and NaN cannot be compared as numbers. */
function precoerceNumber(item: unknown): unknown {
  if (Number.isNaN(item)) throw Number.NaN;
  if (!item) return item;
  if (typeof item === 'object') throw Number.NaN;
  return item;
}
