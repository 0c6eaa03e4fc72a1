import { describe, expect, it } from 'vitest';
import { validateFlow } from '#flow-language';
import { ruleFields } from '../../../designer/src/flows/rule-fields.ts';
import { shippedPolicy } from '../../../policies/shipped-policies.ts';
import { activityCatalog } from '../../../worker/activities/catalog.ts';
import { refundFlow } from './sample-flows.ts';

describe("what Amazon's notifications said, as rules read it", () => {
  it('is offered to the rule builder by its statuses, not as one object', () => {
    const names = ruleFields(refundFlow()).map((field) => field.name);
    expect(names).toEqual(
      expect.arrayContaining(['case.amazon.orderStatus', 'case.amazon.shipmentStatus']),
    );
    expect(names).not.toContain('case.amazon');
  });

  it('validates in a flow that reads it with a default', () => {
    const flow = shippedPolicy('marketplace-refund', activityCatalog);
    const problems = validateFlow(flow, activityCatalog).filter(
      (issue) => issue.nodeId === 'cancelledMeanwhile',
    );
    expect(problems).toEqual([]);
  });
});
