import { i18n } from '../i18n/i18n.ts';

// What a rule was for, as the walk names it in the trail (flow-language/walk/walk-flow.ts,
// stepping.ts, task-opening.ts): one of these words, or a prefix and the flow's own id.
const NAMED: Record<string, string> = {
  condition: 'condition',
  'wait until': 'waitUntil',
  'task amount': 'taskAmount',
  'task amount currency': 'taskAmountCurrency',
  'assignee group': 'assigneeGroup',
};
const PREFIXED: [prefix: string, key: string][] = [
  ['case ', 'case'],
  ['input ', 'input'],
  ['assign ', 'assign'],
];

/** "case highValue" → "分支 highValue": the purpose in the reader's language, ids as the flow has them. */
export function rulePurposeText(purpose: string): string {
  const named = NAMED[purpose];
  if (named) return String(i18n.t(`rulePurposes.${named}` as never));
  for (const [prefix, key] of PREFIXED) {
    if (purpose.startsWith(prefix))
      return String(
        i18n.t(`rulePurposes.${key}` as never, { name: purpose.slice(prefix.length) } as never),
      );
  }
  return purpose;
}
