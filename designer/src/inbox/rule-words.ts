import { amountLabel, centsAsAmount, isAmountName } from '../flows/rule-money.ts';
import { i18n } from '../i18n/i18n.ts';

const SYMBOLS: Record<string, string> = {
  '==': '=',
  '===': '=',
  '!=': '≠',
  '!==': '≠',
  '<': '<',
  '<=': '≤',
  '>': '>',
  '>=': '≥',
  in: '∈',
};

type Rule = unknown;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function onlyEntry(rule: Rule): [string, unknown] | undefined {
  if (!isObject(rule)) return undefined;
  const entries = Object.entries(rule);
  return entries.length === 1 ? entries[0] : undefined;
}

function varPath(operand: unknown): string | undefined {
  const entry = onlyEntry(operand);
  return entry?.[0] === 'var' && typeof entry[1] === 'string' ? entry[1] : undefined;
}

/** One side of a comparison: a field by its name, a value as people read it. */
function operandText(
  operand: unknown,
  field: string | undefined,
  currency: string | undefined,
): string | undefined {
  const path = varPath(operand);
  if (path !== undefined) return amountLabel(path);
  if (typeof operand === 'number') {
    return field && isAmountName(field) && Number.isSafeInteger(operand)
      ? centsAsAmount(operand, currency)
      : String(operand);
  }
  if (typeof operand === 'string') return `“${operand}”`;
  if (typeof operand === 'boolean') return String(operand);
  if (Array.isArray(operand)) {
    const parts = operand.map((part) => operandText(part, field, currency));
    return parts.every((part) => part !== undefined) ? `{${parts.join(', ')}}` : undefined;
  }
  return undefined;
}

/**
 * A decision's rule in words ("returnReason = “quality-problem”", "refundTotal ≥ 200.00"):
 * comparisons joined by and/or, amounts in units. Undefined for a rule it cannot say plainly
 * (a calculation), which the page then leaves out rather than show JSON to a reviewer.
 */
export function ruleInWords(rule: Rule, currency?: string): string | undefined {
  const entry = onlyEntry(rule);
  if (!entry) return undefined;
  const [operator, args] = entry;
  if (operator === 'var' && typeof args === 'string') return amountLabel(args);
  if ((operator === 'and' || operator === 'or') && Array.isArray(args)) {
    const parts = args.map((part) => ruleInWords(part, currency));
    if (parts.some((part) => part === undefined)) return undefined;
    return parts.join(i18n.t(`inbox.${operator}`));
  }
  const symbol = SYMBOLS[operator];
  if (!symbol || !Array.isArray(args) || args.length !== 2) return undefined;
  const field = varPath(args[0]) ?? varPath(args[1]);
  const [left, right] = args.map((operand) => operandText(operand, field, currency));
  return left !== undefined && right !== undefined ? `${left} ${symbol} ${right}` : undefined;
}
