import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiHarness } from '../../support/api-harness.ts';
import { auditEntries, openCaseApi, publish, refundReviewFlow } from '../api/case-api-support.ts';

const ROUNDS = 5;
const trigger = `refund.requested.${randomUUID()}`;
const flowKey = `concurrent-submission-${randomUUID().slice(0, 8)}`;

let harness: ApiHarness;

beforeAll(async () => {
  harness = await openCaseApi('concurrent-case-submission');
  await publish(harness, refundReviewFlow(flowKey, trigger));
});
afterAll(async () => {
  await harness?.close();
});

/** Every run Temporal has ever had under this workflow id, open or closed. */
async function runsOf(workflowId: string): Promise<string[]> {
  const runs: string[] = [];
  for await (const run of harness.interpreter.client.workflow.list({
    query: `WorkflowId = "${workflowId}"`,
  })) {
    runs.push(run.runId);
  }
  return runs;
}

describe('the same case submitted twice at the same moment', () => {
  it.each(Array.from({ length: ROUNDS }, (_, round) => [round + 1]))(
    'round %i: one run starts, both answers name it, one audit entry and one listed case',
    async () => {
      const caseId = `concurrent-${randomUUID()}`;
      const orderId = `111-${randomUUID().slice(0, 8)}`;
      // Above the auto-approval limit: the run stays open, so a second start would be visible.
      const body = { trigger, caseId, input: { orderId, amount: 120 } };
      const answers = await Promise.all([
        harness.call('post', '/api/cases', 'requester', body),
        harness.call('post', '/api/cases', 'requester', body),
      ]);

      expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
      expect(answers.map((answer) => answer.body.started).sort()).toEqual([false, true]);
      const [first, second] = answers.map(({ body: { started: _, ...run } }) => run);
      expect(first).toEqual({
        caseId,
        workflowId: `case-${caseId}`,
        flowKey,
        flowVersion: 1,
      });
      expect(second).toEqual(first);

      const handle = harness.interpreter.client.workflow.getHandle(`case-${caseId}`);
      const { runId } = await handle.describe();
      expect(await runsOf(`case-${caseId}`)).toEqual([runId]);
      const listed = await harness.call('get', `/api/runs?orderId=${orderId}`, 'auditor');
      expect(listed.body).toMatchObject({ total: 1, items: [{ caseId, status: 'running' }] });
      expect(await auditEntries(harness, 'case.submitted', caseId)).toHaveLength(1);
    },
  );
});
