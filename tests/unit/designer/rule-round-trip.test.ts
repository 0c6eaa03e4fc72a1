import { describe, expect, it } from 'vitest';
import { canonicalJson, type JsonValue, nodeRules, parseFlowDefinition } from '#flow-language';
import type { FlowDocument } from '../../../designer/src/flows/flow-graph.ts';
import { fromBuilder, representExactly } from '../../../designer/src/flows/rule-conversion.ts';
import { ruleFields } from '../../../designer/src/flows/rule-fields.ts';
import { SHIPPED_POLICY_KEYS, shippedPolicyDocument } from '../../../policies/shipped-policies.ts';
import { activityCatalog } from '../../../worker/activities/catalog.ts';

function shipped(key: string): FlowDocument {
  return shippedPolicyDocument(key as (typeof SHIPPED_POLICY_KEYS)[number]) as FlowDocument;
}

const locations = SHIPPED_POLICY_KEYS.flatMap((key) => {
  const document = shipped(key);
  const parsed = parseFlowDefinition(document);
  if (!parsed.ok) throw new Error(`${key} does not parse`);
  return parsed.flow.nodes.flatMap((node) =>
    nodeRules(node).map((location) => ({
      name: `${key} ${node.id} ${location.field}`,
      rule: location.rule as JsonValue,
      fields: ruleFields(document, activityCatalog),
    })),
  );
});

describe('json-logic ↔ visual builder on every rule of the shipped policies', () => {
  it('finds the rules (decisions, assignments, action inputs)', () => {
    expect(locations.length).toBeGreaterThan(40);
  });

  it.each(locations)('$name: drawn exactly or reported with a reason', ({ rule, fields }) => {
    const drawn = representExactly(rule, fields);
    if (drawn.ok) {
      expect(canonicalJson(fromBuilder(drawn.builder, fields))).toBe(canonicalJson(rule));
    } else {
      expect(drawn.reason).toMatch(/\w{3,}/);
    }
  });

  it('draws every case of the refund policy’s `policy` decision without losing a condition', () => {
    const document = shipped('marketplace-refund');
    const fields = ruleFields(document, activityCatalog);
    const policy = document.nodes.find((node) => node.id === 'policy');
    if (policy?.kind !== 'decision' || !policy.cases) throw new Error('policy has no cases');
    for (const { id, when } of policy.cases) {
      const drawn = representExactly(when, fields);
      if (!drawn.ok) throw new Error(`case ${id} is not drawn: ${drawn.reason}`);
      expect(canonicalJson(fromBuilder(drawn.builder, fields)), id).toBe(canonicalJson(when));
    }
    const autoApprove = policy.cases.find((c) => c.id === 'autoApprove');
    const drawn = representExactly(autoApprove?.when, fields);
    if (!drawn.ok) throw new Error(drawn.reason);
    expect(drawn.builder.query.rules).toContainEqual(
      expect.objectContaining({
        field: 'daysSinceDelivery',
        operator: '<=',
        value: 'returnWindowDays',
        valueSource: 'field',
      }),
    );
  });

  it('offers an action’s result fields as its activity declares them', () => {
    const document = shipped('marketplace-refund');
    const channel = document.nodes.find((node) => node.id === 'channel');
    if (channel?.kind !== 'decision') throw new Error('channel is not a decision');
    const fields = ruleFields(document, activityCatalog);
    expect(representExactly(channel.condition, fields).ok).toBe(true);
    expect(representExactly(channel.condition, ruleFields(document)).ok).toBe(false);
  });
});

describe('a yes/no field read on its own', () => {
  it('is drawn as "is true", with no value to type', () => {
    const fields = ruleFields(shipped('marketplace-refund'), activityCatalog);
    const drawn = representExactly({ var: 'saleEvent' }, fields);
    if (!drawn.ok) throw new Error(drawn.reason);
    expect(drawn.builder.query.rules).toEqual([
      expect.objectContaining({ field: 'saleEvent', operator: 'isTrue' }),
    ]);
    const saleEvent = fields.find((field) => field.name === 'saleEvent');
    expect(saleEvent?.operators?.[0]).toMatchObject({ name: 'isTrue', arity: 'unary' });
  });
});

describe('what the visual builder cannot draw exactly is reported, not rewritten', () => {
  const fields = ruleFields(shipped('marketplace-refund'), activityCatalog);
  const refused: [string, JsonValue, RegExp][] = [
    ['a field other than yes/no read on its own', { var: 'returnReason' }, /returnReason/],
    [
      'a field the builder does not offer',
      { '>': [{ var: 'events.notReported' }, 0] },
      /events\.notReported/,
    ],
    ['a field with a default', { '<': [{ var: ['taxCents', 0] }, 5] }, /default/],
    ['a calculation', { '>': [{ '+': [{ var: 'taxCents' }, 1] }, 5] }, /\+/],
    ['a value on the left', { '<': [5, { var: 'taxCents' }] }, /would write it as/],
    [
      'text where a number field expects a number',
      { '==': [{ var: 'taxCents' }, '5'] },
      /would write it as/,
    ],
    ['an operator the builder has no control for', { if: [true, 1, 2] }, /"if"/],
    ['a constant', 'Accepted', /constant/],
  ];
  it.each(refused)('%s', (_name, rule, reason) => {
    const drawn = representExactly(rule, fields);
    expect(drawn.ok).toBe(false);
    if (!drawn.ok) expect(drawn.reason).toMatch(reason);
  });

  it('keeps a rule’s own shape: a lone condition stays bare, an "and" of one stays an "and"', () => {
    const rules: JsonValue[] = [
      { '>': [{ var: 'daysSinceDelivery' }, 15] },
      { and: [{ '>': [{ var: 'daysSinceDelivery' }, 15] }] },
      { or: [{ '==': [{ var: 'saleEvent' }, true] }, { '<': [{ var: 'taxCents' }, 5] }] },
      { '!': { and: [{ '==': [{ var: 'returnReason' }, 'no-reason'] }] } },
      { in: [{ var: 'returnReason' }, ['no-reason', 'quality-problem']] },
      { '<=': [3, { var: 'daysSinceDelivery' }, 7] },
      { var: 'saleEvent' },
      { and: [{ var: 'saleEvent' }, { '>': [{ var: 'daysSinceDelivery' }, 15] }] },
    ];
    for (const rule of rules) {
      const drawn = representExactly(rule, fields);
      if (!drawn.ok) throw new Error(drawn.reason);
      expect(fromBuilder(drawn.builder, fields)).toEqual(rule);
    }
  });
});
