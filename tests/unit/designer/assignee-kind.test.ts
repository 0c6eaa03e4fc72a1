import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../designer/src/flows/flow-graph.ts';
import {
  assigneeKind,
  routeVariable,
} from '../../../designer/src/flows/inspector/assignee-kind.ts';
import { ruleFields } from '../../../designer/src/flows/rule-fields.ts';
import { shippedPolicyDocument } from '../../../policies/shipped-policies.ts';
import { activityCatalog } from '../../../worker/activities/catalog.ts';
import { refundFlow } from './sample-flows.ts';

const policy = shippedPolicyDocument('marketplace-refund') as unknown as FlowDocument;

describe("the approval editor's assignee choices", () => {
  it("offers the routed store's staff where the flow routes a return, by its result variable", () => {
    expect(routeVariable(ruleFields(policy, activityCatalog))).toBe('route');
    expect(routeVariable(ruleFields(refundFlow(), activityCatalog))).toBeUndefined();
  });

  it("shows the shipped grading task as the routed store's staff, other expressions as such", () => {
    const inspect = policy.nodes.find((node) => node.id === 'inspect');
    if (inspect?.kind !== 'approval') throw new Error('no inspect approval');
    expect(assigneeKind(inspect.assignee, 'route')).toBe('routedStore');
    expect(assigneeKind({ groupFrom: { var: 'route.storeId' } }, 'route')).toBe('groupFrom');
    expect(assigneeKind({ role: 'reviewer' }, 'route')).toBe('role');
    expect(assigneeKind({ group: 'refund-reviewer' }, undefined)).toBe('group');
  });
});
