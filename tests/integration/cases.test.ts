import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecisionRejected, decideApprovalTask } from '../../server/cases/approval-decisions.ts';
import { CaseRejected, submitCase } from '../../server/cases/case-submission.ts';
import { NoFlowForCase } from '../../server/cases/flow-selection.ts';
import { FlowVersions } from '../../server/flows/flow-versions.ts';
import { flowStateQuery } from '../../workflows/flow-run/definitions.ts';
import { InterpreterHarness, reviewer } from '../support/interpreter-harness.ts';
import { probeCatalog } from '../support/probe-activities.ts';

let harness: InterpreterHarness;
let flows: FlowVersions;
const trigger = `refund.requested.${randomUUID()}`;

const reviewFlow = (key: string, scope?: { marketplaces: readonly string[] }) => ({
  key,
  name: key,
  version: 1,
  ...(scope && { scope }),
  inputs: { amount: { type: 'number', required: true } },
  nodes: [
    { id: 'start', kind: 'start', trigger },
    { id: 'review', kind: 'approval', title: 'Review', assignee: { role: 'refund-reviewer' } },
    { id: 'approved', kind: 'end', outcome: 'refunded' },
    { id: 'rejected', kind: 'end', outcome: 'rejected' },
  ],
  edges: [
    { id: 'a', source: 'start', target: 'review' },
    { id: 'b', source: 'review', target: 'approved', handle: 'approved' },
    { id: 'c', source: 'review', target: 'rejected', handle: 'rejected' },
  ],
});

beforeAll(async () => {
  harness = await InterpreterHarness.open('cases');
  flows = new FlowVersions(harness.database, probeCatalog);
  for (const [key, scope] of [
    [`global-${randomUUID()}`, undefined],
    [`us-${randomUUID()}`, { marketplaces: ['US'] }],
  ] as const) {
    await flows.saveDraft(reviewFlow(key, scope), 'admin-ada');
    await flows.publish(key, 'admin-ada');
  }
});
afterAll(async () => {
  await harness?.close();
});

const deps = () => ({ temporal: harness.client, taskQueue: harness.taskQueue, flows });

describe('submitting a case', () => {
  it('starts the most specific published flow for its trigger and scope', async () => {
    const us = await submitCase(deps(), {
      trigger,
      input: { amount: 20 },
      requestedBy: 'rita',
      marketplace: 'US',
    });
    const de = await submitCase(deps(), {
      trigger,
      input: { amount: 20 },
      requestedBy: 'rita',
      marketplace: 'DE',
    });
    expect(us.flowKey).toMatch(/^us-/);
    expect(de.flowKey).toMatch(/^global-/);
    const state = await harness.client.workflow.getHandle(us.workflowId).query(flowStateQuery);
    expect(state).toMatchObject({ flowVersion: 1, status: 'running' });
  });

  it('starts one run for a case id submitted twice', async () => {
    const caseId = randomUUID();
    const submission = { trigger, input: { amount: 5 }, requestedBy: 'rita', caseId };
    const first = await submitCase(deps(), submission);
    const second = await submitCase(deps(), submission);
    expect([first.started, second.started]).toEqual([true, false]);
    expect(second.workflowId).toBe(first.workflowId);
  });

  it('refuses input that does not match the flow, naming the field', async () => {
    const refusal = await submitCase(deps(), {
      trigger,
      input: { amount: 'lots' },
      requestedBy: 'rita',
    }).catch((error) => error);
    expect(refusal).toBeInstanceOf(CaseRejected);
    expect((refusal as CaseRejected).issues[0]?.field).toBe('amount');
  });

  it('says so when no flow handles the trigger', async () => {
    await expect(
      submitCase(deps(), { trigger: 'nothing.listens', input: {}, requestedBy: 'rita' }),
    ).rejects.toBeInstanceOf(NoFlowForCase);
  });
});

describe('deciding a task', () => {
  it('passes the engine refusal through and counts a repeated request once', async () => {
    const submitted = await submitCase(deps(), {
      trigger,
      input: { amount: 80 },
      requestedBy: 'rita',
    });
    const handle = harness.client.workflow.getHandle(submitted.workflowId);
    const taskId = await harness.openTask(handle, 'review');

    const ownRequest = { taskId, verdict: 'approve' as const, actor: reviewer('rita') };
    const refusal = await decideApprovalTask(
      harness.client,
      submitted.workflowId,
      ownRequest,
    ).catch((error) => error);
    expect(refusal).toBeInstanceOf(DecisionRejected);
    expect((refusal as Error).message).toContain('may not decide their own request');

    const approval = { taskId, verdict: 'approve' as const, actor: reviewer('ann') };
    const requestId = randomUUID();
    const tally = await decideApprovalTask(
      harness.client,
      submitted.workflowId,
      approval,
      requestId,
    );
    const again = await decideApprovalTask(
      harness.client,
      submitted.workflowId,
      approval,
      requestId,
    );
    expect(tally).toMatchObject({ approvals: 1, closed: true });
    expect(again).toEqual(tally);
    expect((await handle.result()).outcome).toBe('refunded');
  });
});
