import { isDuplicateKey } from '#platform/database';
import type { ApprovalTaskRecord } from '../../worker/activities/engine/approval-task-record.ts';
import type { ApiServices } from '../api-services.ts';
import type { ApiIdentity } from '../auth/identity.ts';
import { decideApprovalTask, type TaskTally } from '../cases/approval-decisions.ts';
import { conflict } from '../http/api-errors.ts';
import { visibleTask } from './task-access.ts';
import { decisionReceiptModel } from './task-claim-record.ts';
import { audit } from './task-claims.ts';
import { approvalActor } from './task-eligibility.ts';

export interface DecisionRequest {
  verdict: 'approve' | 'reject';
  comment?: string;
  form?: Record<string, unknown>;
  requestId: string;
}

/**
 * Hands the decision to the run's Update with the request id as Update id, so a double click
 * is counted once. The engine has the last word (four-eyes, own request, role); the claim only
 * keeps a second reviewer from deciding a task someone else is working.
 */
export async function decideTask(
  services: ApiServices,
  caller: ApiIdentity,
  publicId: string,
  request: DecisionRequest,
): Promise<TaskTally> {
  const task = await visibleTask(services, caller, publicId);
  const receipts = decisionReceiptModel(services.database);
  const receipt = await receipts.findById(request.requestId).lean();
  if (receipt && (receipt.userId !== caller.userId || receipt.taskRecordId !== task._id)) {
    throw conflict('This request id was already used for another decision.');
  }
  // The run may have ended since; the receipt keeps the answer the first request got.
  if (receipt) return receipt.tally;
  await checkDecidable(services, caller, task);
  const tally = await decideApprovalTask(
    services.temporal,
    task.workflowId,
    {
      taskId: task.taskId,
      verdict: request.verdict,
      actor: approvalActor(caller),
      ...(request.comment && { comment: request.comment }),
      ...(request.form && { form: request.form }),
    },
    request.requestId,
  );
  try {
    await receipts.create({
      _id: request.requestId,
      taskRecordId: task._id,
      userId: caller.userId,
      at: new Date(),
      tally,
    });
  } catch (error) {
    // A concurrent double click got here first and audits the decision.
    if (isDuplicateKey(error)) return tally;
    throw error;
  }
  await services.inbox.claims.deleteOne({ _id: task._id, userId: caller.userId });
  await audit(services, caller, 'task.decided', task, {
    verdict: request.verdict,
    requestId: request.requestId,
    ...(request.comment && { comment: request.comment }),
  });
  return tally;
}

async function checkDecidable(
  services: ApiServices,
  caller: ApiIdentity,
  task: ApprovalTaskRecord,
) {
  if (task.status !== 'open') throw conflict(`The task is already ${task.status}.`);
  const claim = await services.inbox.claimOf(task._id);
  if (claim && claim.userId !== caller.userId) {
    throw conflict(`The task is claimed by ${claim.userId}.`);
  }
}
