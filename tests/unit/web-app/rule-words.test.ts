import { afterEach, describe, expect, it } from 'vitest';
import { chooseLanguage } from '../../../designer/src/i18n/i18n.ts';
import { ruleInWords } from '../../../designer/src/inbox/rule-words.ts';
import { shippedPolicyDocument } from '../../../policies/shipped-policies.ts';

interface PolicyCase {
  id: string;
  when: unknown;
}

function refundPolicyCase(id: string): unknown {
  const policy = shippedPolicyDocument('marketplace-refund') as {
    nodes: { id: string; cases?: PolicyCase[] }[];
  };
  const cases = policy.nodes.find((node) => node.id === 'policy')?.cases ?? [];
  return cases.find((c) => c.id === id)?.when;
}

describe('the rule that sent a case to a person, in words', () => {
  afterEach(() => chooseLanguage('en'));

  it('says the shipped refund policy’s cases plainly, amounts in units', () => {
    expect(ruleInWords(refundPolicyCase('qualityProblem'))).toBe(
      'returnReason = “quality-problem”',
    );
    expect(ruleInWords(refundPolicyCase('highValue'))).toBe('refundTotal ≥ 200.00');
    expect(ruleInWords(refundPolicyCase('autoApprove'))).toBe(
      'returnReason = “no-reason” and itemCondition = “unopened” and daysSinceDelivery ≤ returnWindowDays',
    );
  });

  it('joins in the reader’s language and stays silent on calculations', () => {
    chooseLanguage('zh-CN');
    expect(ruleInWords({ or: [{ var: 'saleEvent' }, { '>': [{ var: 'quantity' }, 2] }] })).toBe(
      'saleEvent 或 quantity > 2',
    );
    expect(ruleInWords({ '>': [{ '+': [{ var: 'a' }, 1] }, 2] })).toBeUndefined();
  });
});
