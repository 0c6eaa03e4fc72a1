import { describe, expect, it } from 'vitest';
import {
  changeInEnglish,
  describeFlowChanges,
  type FlowDefinition,
  parseFlowDefinition,
} from '#flow-language';

function flow(overrides: Record<string, unknown> = {}, trigger = 't.refund', outcome = 'paid') {
  const parsed = parseFlowDefinition({
    key: 'refunds',
    name: 'Refunds',
    version: 1,
    inputs: { amount: { type: 'number', required: true } },
    nodes: [
      { id: 'start', kind: 'start', trigger },
      { id: 'small', kind: 'decision', condition: { '<': [{ var: 'amount' }, 100] } },
      { id: 'paid', kind: 'end', outcome },
      { id: 'review', kind: 'end', outcome: 'to-review' },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'small' },
      { id: 'e2', source: 'small', target: 'paid', handle: 'true' },
      { id: 'e3', source: 'small', target: 'review', handle: 'false' },
    ],
    ...overrides,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.flow as FlowDefinition;
}

describe('the publish dialog’s changes, field by field', () => {
  it('names the flow’s name, its scope, its trigger and an end’s outcome before → after', () => {
    const after = flow(
      { name: 'Small refunds', scope: { marketplaces: ['amazon.de'] } },
      't.small-refund',
      'refunded',
    );
    expect(describeFlowChanges(flow(), after).map(changeInEnglish)).toEqual([
      'name: "Refunds" → "Small refunds"',
      'scope, marketplaces: only amazon.de',
      'trigger: t.refund → t.small-refund',
      'paid: outcome paid → refunded',
    ]);
  });

  it('says nothing for an unchanged flow', () => {
    expect(describeFlowChanges(flow(), flow())).toEqual([]);
  });
});
