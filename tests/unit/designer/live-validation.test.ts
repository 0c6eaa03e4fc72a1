import { describe, expect, it } from 'vitest';
import { validateDocument } from '../../../designer/src/flows/live-validation.ts';
import { newFlowDocument } from '../../../designer/src/flows/new-flow.ts';
import { sampleScenario } from '../../../designer/src/flows/test-run-sample.ts';
import { catalog, refundFlow } from './sample-flows.ts';

describe('live validation in the designer', () => {
  it('accepts the sample flow, and a new flow once its trigger is picked', () => {
    expect(validateDocument(refundFlow(), catalog).issues).toEqual([]);
    const fresh = newFlowDocument('fresh', 'Fresh');
    expect(validateDocument(fresh, catalog).issues).toEqual([
      expect.objectContaining({ nodeId: 'start', field: 'trigger', code: 'start.no-trigger' }),
    ]);
    fresh.nodes = fresh.nodes.map((node) =>
      node.kind === 'start' ? { ...node, trigger: 'refund.requested' } : node,
    );
    expect(validateDocument(fresh, catalog).issues).toEqual([]);
  });

  it('names the node of each problem so the canvas can outline it', () => {
    const flow = refundFlow();
    flow.edges = (flow.edges ?? []).filter((edge) => edge.id !== 'e3');
    const report = validateDocument(flow, catalog);
    expect(report.byNode.small?.map((issue) => issue.code)).toContain('decision.missing-edge');
  });

  it('reports schema problems of a half-edited node by id', () => {
    const flow = refundFlow();
    flow.nodes = flow.nodes.map((node) =>
      node.id === 'rejected' ? { ...node, outcome: 'Not Valid' } : node,
    );
    const report = validateDocument(flow, catalog);
    expect(Object.keys(report.byNode)).toEqual(['rejected']);
  });
});

describe('test-run sample scenario', () => {
  it('fills inputs and action outputs as an ordinary return has them, approves every approval', () => {
    expect(sampleScenario(refundFlow(), catalog)).toEqual({
      caseInput: { orderId: '114-3941689-8772232', amount: 0 },
      caseContext: { marketplace: 'amazon.com' },
      actions: { refund: { output: { refundId: 'example-refundId' } } },
      approvals: { review: 'approve' },
      forms: {},
    });
  });
});
