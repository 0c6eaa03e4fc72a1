import type { NodeOfKind, TaskAssignee } from '../nodes.ts';
import type { JsonLogicRule } from '../primitives.ts';
import type { RuleResult } from '../rules.ts';
import type { TaskOpening } from './effects.ts';

/** What group names may be (the users API allows the same). */
const GROUP_NAME = /^[A-Za-z0-9._-]{1,64}$/;
const CURRENCY_CODE = /^[A-Z]{3}$/;

type Evaluate = (rule: JsonLogicRule, purpose: string) => RuleResult;

/**
 * Who a task is for and the amount it shows, read from the run as the task opens. A computed
 * group that cannot be read, or is no group name, stops the run at the node: a task nobody can
 * see would wait for ever. An amount is only shown, so one that cannot be read is left out.
 */
export function taskOpening(
  node: NodeOfKind<'approval'>,
  evaluate: Evaluate,
  fail: (reason: string) => Error,
): TaskOpening {
  const opening: TaskOpening = { assignee: resolvedAssignee(node, evaluate, fail) };
  const amount = node.amount === undefined ? undefined : evaluate(node.amount, 'task amount');
  if (amount?.ok && Number.isSafeInteger(amount.value)) {
    const currency = amountCurrency(node, evaluate);
    opening.amount = {
      field: amountField(node.amount),
      cents: amount.value as number,
      ...(currency && { currency }),
    };
  }
  return opening;
}

function amountCurrency(node: NodeOfKind<'approval'>, evaluate: Evaluate): string | undefined {
  if (node.amountCurrency === undefined) return undefined;
  const currency = evaluate(node.amountCurrency, 'task amount currency');
  return currency.ok && typeof currency.value === 'string' && CURRENCY_CODE.test(currency.value)
    ? currency.value
    : undefined;
}

function resolvedAssignee(
  node: NodeOfKind<'approval'>,
  evaluate: Evaluate,
  fail: (reason: string) => Error,
): TaskAssignee {
  const { assignee } = node;
  if (!('groupFrom' in assignee)) return assignee;
  const result = evaluate(assignee.groupFrom, 'assignee group');
  if (!result.ok) throw fail(`the assignee group cannot be read: ${result.error.message}`);
  if (typeof result.value !== 'string' || !GROUP_NAME.test(result.value)) {
    throw fail(`the assignee group gave ${JSON.stringify(result.value)}, not a group name`);
  }
  return { group: result.value };
}

function amountField(rule: JsonLogicRule | undefined): string {
  const read = (rule as { var?: unknown } | null)?.var;
  return typeof read === 'string' ? read : 'amount';
}
