import { isRuleGroup, type RuleGroupType } from 'react-querybuilder';
import { defaultRuleProcessorJsonLogic, formatQuery } from 'react-querybuilder/formatQuery';
import { parseJsonLogic } from 'react-querybuilder/parseJsonLogic';
import { canonicalJson, type JsonValue } from '#flow-language';
import { i18n } from '../i18n/i18n.ts';
import { IS_TRUE, type RuleField } from './rule-fields.ts';

/**
 * What the visual builder edits. The builder always draws a group, so a rule that is one
 * comparison arrives as a group of one; `lone` remembers to write it back bare, as it came.
 */
export interface BuilderRule {
  query: RuleGroupType;
  lone: boolean;
}

export type Representation = { ok: true; builder: BuilderRule } | { ok: false; reason: string };

const COMBINATORS = new Set(['and', 'or']);
const COMPARISONS = new Set(['==', '!=', '===', '!==', '<', '<=', '>', '>=', 'in']);
const RANGES = new Set(['<', '<=']);
const EMPTY: RuleGroupType = { combinator: 'and', rules: [] };

type JsonObject = { [key: string]: JsonValue };

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyEntry(value: JsonObject): [string, JsonValue] | undefined {
  const entries = Object.entries(value);
  return entries.length === 1 ? entries[0] : undefined;
}

function isScalar(value: JsonValue): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

type Known = ReadonlyMap<string, RuleField>;

function operandProblem(operand: JsonValue, known: Known): string | undefined {
  if (isScalar(operand)) return undefined;
  // A list of values, for "in"; anywhere else the round trip refuses it.
  if (Array.isArray(operand) && operand.every(isScalar)) return undefined;
  const entry = isObject(operand) ? onlyEntry(operand) : undefined;
  if (!entry) return i18n.t('ruleRefusal.comparesWith', { operand: JSON.stringify(operand) });
  const [operator, path] = entry;
  if (operator !== 'var') return i18n.t('ruleRefusal.calculation', { operator });
  if (typeof path !== 'string')
    return i18n.t('ruleRefusal.withDefault', { path: JSON.stringify(path) });
  if (!known.has(path)) return i18n.t('ruleRefusal.notOffered', { path });
  return undefined;
}

/** The first part of a rule the builder has no control for, named for the admin. */
function unsupportedPart(rule: JsonValue, known: Known): string | undefined {
  if (!isObject(rule)) return i18n.t('ruleRefusal.constant', { rule: JSON.stringify(rule) });
  const entry = onlyEntry(rule);
  if (!entry) return i18n.t('ruleRefusal.manyOperators');
  const [operator, args] = entry;
  if (COMBINATORS.has(operator)) {
    if (!Array.isArray(args) || args.length === 0) return i18n.t('ruleRefusal.empty', { operator });
    return args.map((part) => unsupportedPart(part, known)).find(Boolean);
  }
  if (operator === '!')
    return unsupportedPart(Array.isArray(args) ? (args[0] ?? null) : args, known);
  if (operator === 'var') {
    if (typeof args === 'string' && known.get(args)?.valueKind === 'boolean') return undefined;
    return i18n.t('ruleRefusal.readsAlone', { path: JSON.stringify(args) });
  }
  if (!COMPARISONS.has(operator)) {
    return i18n.t('ruleRefusal.operator', { operator });
  }
  // Two operands, or three for a range (`{"<=": [1, {"var": "x"}, 5]}`).
  const range = Array.isArray(args) && args.length === 3 && RANGES.has(operator);
  if (!Array.isArray(args) || (args.length !== 2 && !range)) {
    return i18n.t('ruleRefusal.notTwo', { operator });
  }
  return args.map((operand) => operandProblem(operand, known)).find(Boolean);
}

/** An empty builder means "always": json-logic `true`, which formatQuery would render as false. */
function formatted(query: RuleGroupType, fields: RuleField[]): JsonValue {
  if (query.rules.length === 0) return true;
  // The builder's inputs hold text; number fields are written as numbers, since
  // `{"<=": [{"var": "amount"}, "50"]}` would compare as text in some engines and fail validation.
  return formatQuery(query, {
    format: 'jsonlogic',
    parseNumbers: 'strict-limited',
    fields,
    ruleProcessor: (rule, options) =>
      rule.operator === IS_TRUE
        ? { var: rule.field }
        : defaultRuleProcessorJsonLogic(rule, options),
  }) as JsonValue;
}

/** A yes/no field read on its own is drawn as "is true" (see IS_TRUE). */
function yesNoReads(known: Known) {
  return {
    var: (path: unknown) =>
      typeof path === 'string' && known.get(path)?.valueKind === 'boolean'
        ? { field: path, operator: IS_TRUE, value: true }
        : false,
  };
}

/** The json-logic the builder's state stands for. */
export function fromBuilder({ query, lone }: BuilderRule, fields: RuleField[]): JsonValue {
  const written = formatted(query, fields);
  const [only] = query.rules;
  const bare = lone && query.rules.length === 1 && !query.not && only && !isRuleGroup(only);
  return bare ? unwrap(written) : written;
}

function unwrap(rule: JsonValue): JsonValue {
  const entry = isObject(rule) ? onlyEntry(rule) : undefined;
  return entry?.[0] === 'and' && Array.isArray(entry[1]) && entry[1].length === 1
    ? (entry[1][0] ?? rule)
    : rule;
}

/**
 * Whether the visual builder can draw this rule exactly: every part is a comparison of an offered
 * field with a value or another field (or a yes/no field on its own), and writing the drawing
 * back gives the very same JSON.
 * Anything else is refused with the reason, so the editor shows the rule read-only and never
 * rewrites it. A missing rule or `true` is an empty builder.
 */
export function representExactly(rule: JsonValue | undefined, fields: RuleField[]): Representation {
  if (rule === undefined || rule === true)
    return { ok: true, builder: { query: EMPTY, lone: true } };
  const known: Known = new Map(fields.map((field) => [field.name, field]));
  const reason = unsupportedPart(rule, known);
  if (reason) return { ok: false, reason };
  const builder: BuilderRule = {
    query: parseJsonLogic(rule as never, { fields, jsonLogicOperations: yesNoReads(known) }),
    lone: !COMBINATORS.has(onlyEntry(rule as JsonObject)?.[0] ?? ''),
  };
  const written = fromBuilder(builder, fields);
  if (canonicalJson(written) !== canonicalJson(rule)) {
    return {
      ok: false,
      reason: i18n.t('ruleRefusal.wouldWrite', { rule: JSON.stringify(written) }),
    };
  }
  return { ok: true, builder };
}

/** Two rules are the same when their canonical JSON is (key order does not matter). */
export function sameRule(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return canonicalJson(a) === canonicalJson(b);
}
