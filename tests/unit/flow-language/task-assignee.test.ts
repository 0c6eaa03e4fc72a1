import { describe, expect, it } from 'vitest';
import {
  type ApprovalNode,
  type FlowDefinition,
  ISSUE,
  parseFlowDefinition,
  routedStoreStaff,
  simulateFlow,
  TestRunSampleSchema,
  validateFlow,
} from '#flow-language';
import type { FlowDocument } from '../../../designer/src/flows/flow-graph.ts';
import { sampleScenario } from '../../../designer/src/flows/test-run-sample.ts';
import { shippedPolicy, shippedPolicyDocument } from '../../../policies/shipped-policies.ts';
import { activityCatalog } from '../../../worker/activities/catalog.ts';

function refundPolicy(): FlowDefinition {
  const parsed = parseFlowDefinition(shippedPolicyDocument('marketplace-refund'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.flow;
}

function approval(flow: FlowDefinition, id: string): ApprovalNode {
  const node = flow.nodes.find((candidate) => candidate.id === id);
  if (node?.kind !== 'approval') throw new Error(`no approval ${id}`);
  return node;
}

const taskDataProblems = (flow: FlowDefinition) =>
  validateFlow(flow, activityCatalog).filter(
    (issue) => issue.code === ISSUE.ruleReadBeforeSet || issue.code === ISSUE.ruleUnknownVariable,
  );

describe('an approval assigned to a group computed from the run', () => {
  it('parses as { groupFrom: <json-logic> } and the shipped grading task uses it', () => {
    const inspect = approval(refundPolicy(), 'inspect');
    expect(inspect.assignee).toEqual(routedStoreStaff('route'));
    expect(inspect.assignee).toEqual({
      groupFrom: { cat: ['store.', { var: 'route.storeId' }] },
    });
    expect(taskDataProblems(refundPolicy())).toEqual([]);
  });

  it('is refused when it reads a result of a node that runs only after the task', () => {
    const flow = refundPolicy();
    approval(flow, 'review').assignee = routedStoreStaff('route');
    const problems = taskDataProblems(flow);
    expect(problems).toEqual([
      expect.objectContaining({
        nodeId: 'review',
        field: 'assignee.groupFrom',
        code: ISSUE.ruleReadBeforeSet,
      }),
    ]);
    expect(problems[0]?.message).toContain('"route.storeId"');
    expect(problems[0]?.message).toContain('routeReturn');
  });

  it('is refused when it reads a variable nothing sets before the task', () => {
    const flow = refundPolicy();
    approval(flow, 'fourEyesReview').assignee = { groupFrom: { var: 'inspection.form.grade' } };
    approval(flow, 'photoReview').amount = { var: 'refundTotalCents' };
    flow.variables.storeGroup = { type: 'string' };
    approval(flow, 'photoReview').assignee = { groupFrom: { var: 'storeGroup' } };
    const problems = taskDataProblems(flow);
    expect(problems.map(({ nodeId, field }) => `${nodeId} ${field}`).sort()).toEqual([
      'fourEyesReview assignee.groupFrom',
      'photoReview assignee.groupFrom',
    ]);
    expect(problems.find((p) => p.nodeId === 'photoReview')?.message).toContain(
      'the variable "storeGroup" has no initial value',
    );
  });

  it('names an undeclared variable like any other rule', () => {
    const flow = refundPolicy();
    approval(flow, 'inspect').assignee = { groupFrom: { var: 'routing.storeId' } };
    expect(taskDataProblems(flow)).toEqual([
      expect.objectContaining({
        nodeId: 'inspect',
        field: 'assignee.groupFrom',
        code: ISSUE.ruleUnknownVariable,
      }),
    ]);
  });
});

describe('a test run answers who the task would go to', () => {
  it("names the routed store's group and the refund amount on the grading step", async () => {
    const flow = shippedPolicy('marketplace-refund', activityCatalog);
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
    const run = await simulateFlow(flow, TestRunSampleSchema.parse({ ...scenario, approvals }));
    const routed = scenario.actions.routeReturn as { output: { storeId: string } };
    const grading = run.steps.find((step) => step.nodeId === 'inspect');
    expect(grading?.task).toEqual({
      assignee: { group: `store.${routed.output.storeId}` },
      amount: { field: 'refundTotalCents', cents: 3239, currency: 'USD' },
    });
  });
});
