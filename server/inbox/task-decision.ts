import {
  type ApprovalTaskRecord,
  approvalCount,
} from '#platform/approval-tasks/approval-task-record';
import { isDuplicateKey } from '#platform/database';
import type { ApiServices } from '../api-services.ts';
import type { ApiIdentity } from '../auth/identity.ts';
import {
  DecisionRejected,
  decideApprovalTask,
  type TaskTally,
} from '../cases/approval-decisions.ts';
import { conflict } from '../http/api-errors.ts';
import { oneAtATime } from './one-at-a-time.ts';
import { visibleTask } from './task-access.ts';
import { type DecisionReceiptRecord, decisionReceiptModel } from './task-claim-record.ts';
import { audit } from './task-claims.ts';
import { approvalActor, requirePersonForTasks } from './task-eligibility.ts';

export interface DecisionRequest {
  verdict: 'approve' | 'reject';
  comment?: string;
  form?: Record<string, unknown>;
  requestId: string;
}

type Receipts = ReturnType<typeof decisionReceiptModel>;

/**
 * Hands the decision to the run's Update with the request id as Update id, so a double click
 * is counted once. The engine has the last word (four-eyes, own request, role); the claim only
 * keeps a second reviewer from deciding a task someone else is working.
 *
 * A receipt is written before the Update and completed after it, step by step (answer, then
 * audit entry), so a request that fails half-way is finished by its retry with the same request
 * id: the decision is never counted twice and never missing from the audit log.
 */
export async function decideTask(
  services: ApiServices,
  caller: ApiIdentity,
  publicId: string,
  request: DecisionRequest,
): Promise<TaskTally> {
  requirePersonForTasks(caller);
  const task = await visibleTask(services, caller, publicId);
  // Within this process, a double click waits for the first click instead of racing its audit.
  return oneAtATime(`decision:${request.requestId}`, () =>
    decideOnce(services, caller, task, request),
  );
}

async function decideOnce(
  services: ApiServices,
  caller: ApiIdentity,
  task: ApprovalTaskRecord,
  request: DecisionRequest,
): Promise<TaskTally> {
  const receipts = decisionReceiptModel(services.database);
  const receipt = await receiptFor(services, receipts, caller, task, request.requestId);
  if (receipt.userId !== caller.userId || receipt.taskRecordId !== task._id) {
    throw conflict('This request id was already used for another decision.');
  }
  // The run may have ended since; the receipt keeps the answer the first request got.
  const tally = receipt.tally ?? (await sendDecision(services, receipts, caller, task, request));
  if (!receipt.auditedAt) await recordInAuditLog(services, receipts, caller, task, request);
  return tally;
}

/** The receipt of an earlier attempt with this request id, or a new one for a first attempt. */
async function receiptFor(
  services: ApiServices,
  receipts: Receipts,
  caller: ApiIdentity,
  task: ApprovalTaskRecord,
  requestId: string,
): Promise<DecisionReceiptRecord> {
  const earlier = await receipts.findById(requestId).lean();
  if (earlier) return earlier;
  await checkDecidable(services, caller, task);
  const receipt = { _id: requestId, taskRecordId: task._id, userId: caller.userId, at: new Date() };
  try {
    await receipts.create(receipt);
    return receipt;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    // Another API process took this request id meanwhile: carry on with its receipt.
    const winner = await receipts.findById(requestId).lean();
    if (!winner) throw conflict('This decision changed meanwhile; send it again.');
    return winner;
  }
}

async function sendDecision(
  services: ApiServices,
  receipts: Receipts,
  caller: ApiIdentity,
  task: ApprovalTaskRecord,
  request: DecisionRequest,
): Promise<TaskTally> {
  let tally: TaskTally;
  try {
    tally = await decideApprovalTask(
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
  } catch (error) {
    if (error instanceof DecisionRejected) {
      // Nothing was recorded: the request id is free for a corrected decision.
      await receipts.deleteOne({ _id: request.requestId, userId: caller.userId });
      throw error;
    }
    // An earlier attempt may have been accepted before the run ended; the inbox record says so.
    const recorded = await tallyOnRecord(services, caller, task);
    if (!recorded) throw error;
    tally = recorded;
  }
  // The receipt is this request's own (its insert won); a retry writes the same answer.
  await receipts.updateOne({ _id: request.requestId }, { $set: { tally } });
  await services.inbox.claims.deleteOne({ _id: task._id, userId: caller.userId });
  return tally;
}

/** The tally the workflow wrote to the inbox record, if it holds the caller's decision. */
async function tallyOnRecord(
  services: ApiServices,
  caller: ApiIdentity,
  task: ApprovalTaskRecord,
): Promise<TaskTally | undefined> {
  const record = await services.inbox.find(task._id);
  if (!record?.decisions.some((decision) => decision.userId === caller.userId)) return undefined;
  return {
    taskId: record.taskId,
    approvals: approvalCount(record),
    approvalsRequired: record.approvalsRequired,
    closed: record.status !== 'open',
  };
}

/** Writes the `task.decided` entry unless an earlier attempt did, then marks the receipt. */
async function recordInAuditLog(
  services: ApiServices,
  receipts: Receipts,
  caller: ApiIdentity,
  task: ApprovalTaskRecord,
  request: DecisionRequest,
): Promise<void> {
  const logged = await services.auditLog.findFirst('task.decided', {
    requestId: request.requestId,
  });
  if (!logged) {
    await audit(services, caller, 'task.decided', task, {
      verdict: request.verdict,
      requestId: request.requestId,
      ...(request.comment && { comment: request.comment }),
    });
  }
  // Only marks what the audit log already holds; a repeated mark changes nothing that matters.
  await receipts.updateOne({ _id: request.requestId }, { $set: { auditedAt: new Date() } });
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
