import { describeNode, type FlowIssue, ISSUE } from './issues.ts';
import type { FlowNode } from './nodes.ts';
import { type FieldMap, isPlainObject, type JsonValue } from './primitives.ts';
import { nodeRules } from './rule-locations.ts';

const EQUALITY = new Set(['==', '===', '!=', '!==']);

type Allowed = ReadonlyMap<string, readonly (string | number)[]>;

/** The declared inputs that list their allowed values, by name (the rule's `var` path). */
export function enumInputs(inputs: FieldMap): Allowed {
  return new Map(
    Object.entries(inputs).flatMap(([name, spec]) =>
      spec.enum === undefined ? [] : [[name, spec.enum] as const],
    ),
  );
}

function varName(operand: JsonValue | undefined): string | undefined {
  if (!isPlainObject(operand) || Object.keys(operand).length !== 1) return undefined;
  const path = operand.var;
  return typeof path === 'string' ? path : undefined;
}

interface Comparison {
  name: string;
  value: string | number;
}

/** `returnReason == "x"` (either side) and `returnReason in ["x", "y"]`, anywhere in the rule. */
function comparisons(rule: JsonValue | undefined, allowed: Allowed): Comparison[] {
  if (Array.isArray(rule)) return rule.flatMap((part) => comparisons(part, allowed));
  if (!isPlainObject(rule)) return [];
  return Object.entries(rule).flatMap(([operator, args]) => [
    ...compared(operator, args, allowed),
    ...comparisons(args, allowed),
  ]);
}

function compared(operator: string, args: JsonValue, allowed: Allowed): Comparison[] {
  if (!Array.isArray(args) || args.length !== 2) return [];
  const [left, right] = args;
  if (operator === 'in') {
    const name = varName(left);
    if (name === undefined || !allowed.has(name) || !Array.isArray(right)) return [];
    return right.filter(isLiteral).map((value) => ({ name, value }));
  }
  if (!EQUALITY.has(operator)) return [];
  for (const [field, other] of [
    [left, right],
    [right, left],
  ] as const) {
    const name = varName(field);
    if (name !== undefined && allowed.has(name) && isLiteral(other))
      return [{ name, value: other }];
  }
  return [];
}

function isLiteral(value: JsonValue | undefined): value is string | number {
  return typeof value === 'string' || typeof value === 'number';
}

/**
 * A rule comparing an input with a value its declaration does not allow can never match
 * (`returnReason == "quality"` when the list says "quality-problem"): a typo that silently
 * sends every case down another branch, so it is a problem named by node.
 */
export function enumIssues(node: FlowNode, allowed: Allowed): FlowIssue[] {
  if (allowed.size === 0) return [];
  return nodeRules(node).flatMap(({ field, rule }) =>
    comparisons(rule, allowed)
      .filter(({ name, value }) => !allowed.get(name)?.includes(value))
      .map(({ name, value }) => {
        const list = (allowed.get(name) ?? []).map((v) => JSON.stringify(v)).join(', ');
        return {
          nodeId: node.id,
          field,
          code: ISSUE.ruleValueNotInEnum,
          message: `${describeNode(node)}, ${field}: compares "${name}" with ${JSON.stringify(value)}, which is not one of its allowed values (${list})`,
        };
      }),
  );
}
