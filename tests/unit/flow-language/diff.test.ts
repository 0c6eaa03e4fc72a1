import { describe, expect, it } from 'vitest';
import { diffFlows, type FlowDefinition } from '#flow-language';
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
    expect(diffFlows(refundFlow, next)).toEqual({
      nodes: { added: ['end-failed'], removed: ['end-escalated'], changed: ['policy'], moved: [] },
      edges: { added: ['e-rejected-2'], removed: ['e-rejected'], changed: ['e-failed'] },
      settings: [],
    });
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
