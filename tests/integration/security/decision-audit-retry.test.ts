import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideApprovalTask } from '../../../server/cases/approval-decisions.ts';
import { decisionReceiptModel } from '../../../server/inbox/task-claim-record.ts';
import { approvalActor } from '../../../server/inbox/task-eligibility.ts';
import { type ApiHarness, testCallers } from '../../support/api-harness.ts';
import {
  auditEntries,
  inboxTaskOf,
  openCaseApi,
  publish,
  refundReviewFlow,
  waitForStatus,
} from '../api/case-api-support.ts';

// A decision request that dies after the Update was accepted (the API process is killed, the
// database drops the connection) leaves state behind; the retry with the same request id must
// finish the job: answer the tally and write the one `task.decided` entry.
const fourEyes = `refund.four-eyes.${randomUUID()}`;
const single = `refund.single.${randomUUID()}`;
let harness: ApiHarness;

beforeAll(async () => {
  harness = await openCaseApi('security-decision-audit');
  const suffix = randomUUID().slice(0, 8);
  await publish(harness, refundReviewFlow(`four-${suffix}`, fourEyes, { approvalsRequired: 2 }));
  await publish(harness, refundReviewFlow(`single-${suffix}`, single));
});
afterAll(async () => {
  await harness?.close();
});

async function waitingTask(trigger: string) {
  const input = { orderId: `777-${randomUUID().slice(0, 8)}`, amount: 150 };
  const { body } = await harness.call('post', '/api/cases', 'requester', { trigger, input });
  const taskId = await inboxTaskOf(harness, body.caseId);
  const recordId = Buffer.from(taskId, 'base64url').toString();
  const task = await harness.services.inbox.find(recordId);
  if (!task) throw new Error(`no task record ${recordId}`);
  return { caseId: body.caseId as string, taskId, task };
}

/** What the first attempt got done before it died: the receipt, and the Update sent. */
async function firstAttemptDiedAfterUpdate(
  task: { _id: string; workflowId: string; taskId: string },
  requestId: string,
  { answerSaved }: { answerSaved: boolean },
) {
  const reviewer = testCallers.reviewer;
  const receipts = decisionReceiptModel(harness.services.database);
  await receipts.create({
    _id: requestId,
    taskRecordId: task._id,
    userId: reviewer.userId,
    at: new Date(),
  });
  const tally = await decideApprovalTask(
    harness.services.temporal,
    task.workflowId,
    { taskId: task.taskId, verdict: 'approve', actor: approvalActor(reviewer) },
    requestId,
  );
  if (answerSaved) await receipts.updateOne({ _id: requestId }, { $set: { tally } });
  return tally;
}

const decisionsLogged = async (recordId: string, requestId: string) =>
  (await auditEntries(harness, 'task.decided', recordId)).filter(
    (entry) => (entry.details as { requestId?: string }).requestId === requestId,
  );

describe('a decision is never lost from the audit log', () => {
  it('writes the audit entry on retry when the first attempt died after saving the answer', async () => {
    const { taskId, task } = await waitingTask(fourEyes);
    const requestId = randomUUID();
    const tally = await firstAttemptDiedAfterUpdate(task, requestId, { answerSaved: true });
    expect(await decisionsLogged(task._id, requestId)).toHaveLength(0);

    const retry = await harness.call('post', `/api/tasks/${taskId}/decide`, 'reviewer', {
      verdict: 'approve',
      requestId,
    });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(tally);
    expect(await decisionsLogged(task._id, requestId)).toHaveLength(1);

    const again = await harness.call('post', `/api/tasks/${taskId}/decide`, 'reviewer', {
      verdict: 'approve',
      requestId,
    });
    expect(again.body).toEqual(tally);
    expect(await decisionsLogged(task._id, requestId)).toHaveLength(1);
  });

  it('answers and audits on retry when the first attempt died before saving the answer, after the run ended', async () => {
    const { caseId, taskId, task } = await waitingTask(single);
    const requestId = randomUUID();
    await firstAttemptDiedAfterUpdate(task, requestId, { answerSaved: false });
    await waitForStatus(harness, caseId, 'completed');

    const retry = await harness.call('post', `/api/tasks/${taskId}/decide`, 'reviewer', {
      verdict: 'approve',
      requestId,
    });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({
      taskId: task.taskId,
      approvals: 1,
      approvalsRequired: 1,
      closed: true,
    });
    expect(await decisionsLogged(task._id, requestId)).toHaveLength(1);
  });
});
