import { describe, expect, it } from 'vitest';
import { simulateFlow, TestRunSampleSchema } from '#flow-language';
import type { FlowDocument } from '../../../designer/src/flows/flow-graph.ts';
import { sampleScenario } from '../../../designer/src/flows/test-run-sample.ts';
import { shippedPolicy } from '../../../policies/shipped-policies.ts';
import { activityCatalog } from '../../../worker/activities/catalog.ts';

const refund = () => shippedPolicy('marketplace-refund', activityCatalog);

/** The designer's starting scenario (a return approved and graded), with Amazon's latest news. */
function walkWith(amazon?: { orderStatus?: string }) {
  const flow = refund();
  const { forms = {}, ...scenario } = sampleScenario(
    flow as unknown as FlowDocument,
    activityCatalog,
  );
  const approvals = Object.fromEntries(
    Object.entries(scenario.approvals).map(([id, verdict]) => [
      id,
      { verdict, form: forms[id] ?? {} },
    ]),
  );
  const caseContext = { ...scenario.caseContext, ...(amazon && { amazon }) };
  return simulateFlow(flow, TestRunSampleSchema.parse({ ...scenario, caseContext, approvals }));
}

describe('the refund policy and an order Amazon cancelled while the case waited', () => {
  it('issues no refund and books nothing once the latest order notification says Canceled', async () => {
    const run = await walkWith({ orderStatus: 'Canceled' });
    expect(run.status).toBe('completed');
    expect(run.outcome).toBe('order-cancelled');
    const visited = run.steps.map((step) => step.nodeId);
    expect(visited).toContain('cancelledMeanwhile');
    expect(visited).not.toContain('refund');
    expect(visited).not.toContain('postLedger');
  });

  it('refunds as before when no notification came, or the order is still on', async () => {
    for (const amazon of [undefined, {}, { orderStatus: 'Shipped' }]) {
      const run = await walkWith(amazon);
      expect(run.outcome).toBe('refunded');
    }
  });
});
