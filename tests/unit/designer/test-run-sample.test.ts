import { describe, expect, it } from 'vitest';
import {
  type FlowDefinition,
  simulateFlow,
  TestRunSampleSchema,
  validateCaseInput,
} from '#flow-language';
import type { FlowDocument } from '../../../designer/src/flows/flow-graph.ts';
import {
  sampleForm,
  sampleScenario,
  type TestRunScenario,
} from '../../../designer/src/flows/test-run-sample.ts';
import {
  SHIPPED_POLICY_KEYS,
  shippedPolicy,
  shippedPolicyDocument,
} from '../../../policies/shipped-policies.ts';
import { activityCatalog } from '../../../worker/activities/catalog.ts';

/** What the test-run panel sends for its starting scenario: each verdict with its form. */
function request({ forms = {}, ...scenario }: TestRunScenario) {
  const approvals = Object.fromEntries(
    Object.entries(scenario.approvals).map(([id, verdict]) => [
      id,
      { verdict, form: forms[id] ?? {} },
    ]),
  );
  return TestRunSampleSchema.parse({ ...scenario, approvals });
}

function testRun(flow: FlowDefinition) {
  const scenario = sampleScenario(flow as unknown as FlowDocument, activityCatalog);
  return { scenario, result: simulateFlow(flow, request(scenario)) };
}

describe('the test run starts from an ordinary case', () => {
  it('takes the shipped refund policy through to a refund, not to "already refunded"', async () => {
    const { result } = testRun(shippedPolicy('marketplace-refund', activityCatalog));
    const run = await result;
    expect(run.error).toBeUndefined();
    expect(run.status).toBe('completed');
    expect(run.outcome).toBe('refunded');
    const visited = run.steps.map((step) => step.nodeId);
    expect(visited).not.toContain('alreadyRefundedEnd');
    // Amazon's facts as read: delivered three days ago, $29.99 + $2.40 tax, nothing refunded yet.
    expect(visited).toContain('inspect');
    expect(run.variables).toMatchObject({ daysSinceDelivery: 3, refundTotalCents: 3239 });
  });

  it.each(SHIPPED_POLICY_KEYS)(
    'gives %s a case its intake accepts and a run that ends',
    async (key) => {
      const flow = shippedPolicy(key, activityCatalog);
      const { scenario, result } = testRun(flow);
      expect(validateCaseInput(flow, scenario.caseInput)).toEqual([]);
      expect((await result).status).toBe('completed');
    },
  );

  it('fills an approval form the way a reviewer must: required fields only', () => {
    expect(
      sampleForm([
        {
          name: 'grade',
          label: 'Grade',
          type: 'select',
          required: true,
          options: ['new', 'scrap'],
        },
        { name: 'notes', label: 'Notes', type: 'text', required: false },
      ]),
    ).toEqual({ grade: 'new' });
  });

  it('sends nothing the shipped policy did not declare', () => {
    const document = shippedPolicyDocument('marketplace-refund') as FlowDocument;
    const { caseInput } = sampleScenario(document, activityCatalog);
    expect(Object.keys(caseInput).sort()).toEqual(Object.keys(document.inputs ?? {}).sort());
  });
});
