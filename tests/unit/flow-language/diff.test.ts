import { describe, expect, it } from 'vitest';
import {
  changeInEnglish,
  describeFlowChanges,
  diffFlows,
  type FlowDefinition,
  parseFlowDefinition,
} from '#flow-language';
import { shippedPolicyDocument } from '../../../policies/shipped-policies.ts';
import { refundFlow } from './fixtures/refund-flow.ts';

function edited(change: (flow: FlowDefinition) => void): FlowDefinition {
  const flow = structuredClone(refundFlow);
  change(flow);
  return flow;
}

const empty = { added: [], removed: [], changed: [] };

describe('diffFlows', () => {
  it('finds nothing between equal flows', () => {
    expect(diffFlows(refundFlow, structuredClone(refundFlow))).toEqual({
      nodes: { ...empty, moved: [] },
      edges: empty,
      settings: [],
      changes: [],
    });
  });

  it('reports layout-only moves separately from changes', () => {
    const moved = edited((flow) => {
      const policy = flow.nodes.find((n) => n.id === 'policy');
      if (policy) policy.position = { x: 50, y: 50 };
    });
    expect(diffFlows(refundFlow, moved).nodes).toEqual({ ...empty, moved: ['policy'] });
  });

  it('reports changed, added and removed nodes and edges by id', () => {
    const next = edited((flow) => {
      const policy = flow.nodes.find((n) => n.id === 'policy');
      if (policy?.kind === 'decision')
        policy.condition = { '<=': [{ var: 'daysSinceDelivery' }, 15] };
      flow.nodes = flow.nodes.filter((n) => n.id !== 'end-escalated');
      flow.nodes.push({ id: 'end-failed', kind: 'end', outcome: 'failed' });
      flow.edges = flow.edges.map((edge) =>
        edge.id === 'e-failed' ? { ...edge, target: 'end-failed' } : edge,
      );
      flow.edges = flow.edges.filter((edge) => edge.id !== 'e-rejected');
      flow.edges.push({
        id: 'e-rejected-2',
        source: 'review',
        target: 'end-rejected',
        handle: 'rejected',
      });
    });
    const diff = diffFlows(refundFlow, next);
    expect({ ...diff, changes: diff.changes.map(changeInEnglish) }).toEqual({
      nodes: { added: ['end-failed'], removed: ['end-escalated'], changed: ['policy'], moved: [] },
      edges: { added: ['e-rejected-2'], removed: ['e-rejected'], changed: ['e-failed'] },
      settings: [],
      changes: [
        'within 7 days and unopened?: the rule changed',
        'new end: end failed',
        'end removed: end escalated',
        'refund (error) now leads to end failed instead of end escalated',
      ],
    });
    expect(diff.changes.map(({ code }) => code)).toEqual([
      'rule-changed',
      'node-added',
      'node-removed',
      'port-retargeted',
    ]);
  });

  it('reports flow-level settings that changed', () => {
    const next = edited((flow) => {
      flow.name = 'Refund policy';
      flow.inputs.orderTotal = { type: 'number', required: false };
      flow.version = 2;
    });
    expect(diffFlows(refundFlow, next).settings).toEqual(['name', 'inputs']);
  });
});

describe('the diff in words', () => {
  const policy = () =>
    parseFlowDefinition(shippedPolicyDocument('marketplace-refund')) as {
      ok: true;
      flow: FlowDefinition;
    };

  it('names a moved threshold in money, not cents', () => {
    const before = policy().flow;
    const after = structuredClone(before);
    const decision = after.nodes.find((node) => node.id === 'policy');
    const highValue =
      decision?.kind === 'decision' ? decision.cases?.find((c) => c.id === 'highValue') : undefined;
    if (!highValue) throw new Error('no highValue case');
    highValue.when = { '>=': [{ var: 'refundTotalCents' }, 15_000] };
    expect(diffFlows(before, after).changes).toEqual([
      {
        code: 'threshold-changed',
        params: { rule: 'high value', before: '200.00', after: '150.00' },
      },
    ]);
  });

  it('describes a new approval with who decides and how many must agree', () => {
    const before = policy().flow;
    const after = structuredClone(before);
    after.nodes.push({
      id: 'financeSignOff',
      kind: 'approval',
      title: 'Finance sign-off',
      assignee: { role: 'finance' },
      approvalsRequired: 2,
      forbidRequester: true,
      form: [],
    } as FlowDefinition['nodes'][number]);
    expect(describeFlowChanges(before, after).map(changeInEnglish)).toEqual([
      'new approval: finance, 2 approvals required',
    ]);
  });

  it('says when a form field or an input is no longer required', () => {
    const before = policy().flow;
    const after = structuredClone(before);
    const inspect = after.nodes.find((node) => node.id === 'inspect');
    if (inspect?.kind !== 'approval') throw new Error('no inspect approval');
    const grade = inspect.form.find((field) => field.name === 'grade');
    if (grade) grade.required = false;
    const email = after.inputs.buyerEmail;
    if (email) email.required = false;
    expect(describeFlowChanges(before, after).map(changeInEnglish)).toEqual([
      'buyer email no longer required',
      'Receive and grade the returned item: "Grade" no longer required',
    ]);
  });

  it('says nothing about layout', () => {
    const before = policy().flow;
    const after = structuredClone(before);
    for (const node of after.nodes) node.position = { x: 1, y: 2 };
    expect(describeFlowChanges(before, after)).toEqual([]);
  });
});
