import { describe, expect, it } from 'vitest';
import {
  type DecisionNode,
  type FlowDefinition,
  ISSUE,
  parseFlowDefinition,
  validateFlow,
} from '#flow-language';
import {
  SHIPPED_POLICY_KEYS,
  shippedPolicy,
  shippedPolicyDocument,
} from '../../../policies/shipped-policies.ts';
import { activityCatalog } from '../../../worker/activities/catalog.ts';

function refundPolicy(): FlowDefinition {
  const parsed = parseFlowDefinition(shippedPolicyDocument('marketplace-refund'));
  if (!parsed.ok) throw new Error('the shipped refund policy does not parse');
  return parsed.flow;
}

function withPolicyCase(when: unknown): FlowDefinition {
  const flow = refundPolicy();
  const policy = flow.nodes.find((n): n is DecisionNode => n.id === 'policy');
  const cases = policy?.cases;
  if (!cases?.[2]) throw new Error('the refund policy has no third case');
  cases[2].when = when as DecisionNode['condition'] & object;
  return flow;
}

const enumProblems = (flow: FlowDefinition) =>
  validateFlow(flow, activityCatalog).filter((i) => i.code === ISSUE.ruleValueNotInEnum);

describe('rules comparing an input that lists its allowed values', () => {
  it('accept every rule of the shipped policies', () => {
    for (const key of SHIPPED_POLICY_KEYS)
      expect(() => shippedPolicy(key, activityCatalog)).not.toThrow();
  });

  it('name the node when a value is outside the list (either side of ==, !=)', () => {
    const flow = withPolicyCase({ '==': [{ var: 'returnReason' }, 'quality'] });
    expect(enumProblems(flow)).toEqual([
      {
        nodeId: 'policy',
        field: 'cases[2].when',
        code: ISSUE.ruleValueNotInEnum,
        message:
          'Decision "Refund policy" (policy), cases[2].when: compares "returnReason" with "quality", which is not one of its allowed values ("no-reason", "quality-problem", "not-as-described", "damaged-in-transit")',
      },
    ]);
    const reversed = withPolicyCase({ '!=': ['Unopened', { var: 'itemCondition' }] });
    expect(enumProblems(reversed)).toMatchObject([{ nodeId: 'policy', field: 'cases[2].when' }]);
  });

  it('check each value of an "in" list and comparisons nested under and/or', () => {
    const flow = withPolicyCase({
      and: [
        { in: [{ var: 'returnReason' }, ['quality-problem', 'broken']] },
        { '==': [{ var: 'itemCondition' }, 'opened'] },
      ],
    });
    expect(enumProblems(flow).map((i) => i.message)).toEqual([
      expect.stringContaining('with "broken"'),
    ]);
  });

  it('leave inputs without a list and field-with-field comparisons alone', () => {
    const flow = withPolicyCase({
      and: [
        { '==': [{ var: 'sku' }, 'anything'] },
        { '==': [{ var: 'returnReason' }, { var: 'itemCondition' }] },
      ],
    });
    expect(enumProblems(flow)).toEqual([]);
  });
});
