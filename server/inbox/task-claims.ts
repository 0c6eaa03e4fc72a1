import type { TaskClaimView } from '#api-contract/inbox';
import type { ApprovalTaskRecord } from '#platform/approval-tasks/approval-task-record';
import { isDuplicateKey } from '#platform/database';
import type { ApiServices } from '../api-services.ts';
import { auditActor } from '../audit/audit-log.ts';
import type { ApiIdentity } from '../auth/identity.ts';
import { conflict, forbidden } from '../http/api-errors.ts';
import { checkDelegate } from './delegation-target.ts';
import { openTask } from './task-access.ts';
import type { TaskClaimRecord } from './task-claim-record.ts';
import { isEligible, requirePersonForTasks } from './task-eligibility.ts';

const claimedByOther = (claim: TaskClaimRecord) =>
  conflict(`The task is claimed by ${claim.userId}.`);

/** Claiming twice is harmless (and audited once); a task someone else holds stays theirs. */
export async function claimTask(services: ApiServices, caller: ApiIdentity, publicId: string) {
  requirePersonForTasks(caller);
  const task = await openTask(services, caller, publicId);
  if (!isEligible(caller, task))
    throw forbidden('This task is not assigned to your roles or groups.');
  const held = await services.inbox.claimOf(task._id);
  if (held?.userId === caller.userId) return view(held);
  const { claim, won } = await insertClaim(services, task, {
    userId: caller.userId,
    claimedAt: new Date(),
  });
  if (claim.userId !== caller.userId) throw claimedByOther(claim);
  if (won) await audit(services, caller, 'task.claimed', task);
  return view(claim);
}

/** The holder (or an admin) lets go; releasing an unclaimed task changes nothing. */
export async function unclaimTask(services: ApiServices, caller: ApiIdentity, publicId: string) {
  const task = await openTask(services, caller, publicId);
  const claim = await services.inbox.claimOf(task._id);
  if (!claim) return { released: false };
  if (claim.userId !== caller.userId && !caller.roles.includes('admin'))
    throw claimedByOther(claim);
  await services.inbox.claims.deleteOne({ _id: task._id, userId: claim.userId });
  await audit(services, caller, 'task.unclaimed', task, { heldBy: claim.userId });
  return { released: true };
}

/**
 * Hands the task to another user who may decide it: the holder or an admin may pass it on; an
 * unclaimed task may be passed on by anyone it is assigned to.
 */
export async function delegateTask(
  services: ApiServices,
  caller: ApiIdentity,
  publicId: string,
  handover: { toUserId: string; comment?: string },
) {
  requirePersonForTasks(caller);
  const task = await openTask(services, caller, publicId);
  await checkDelegate(services, task, handover.toUserId);
  const delegated = {
    userId: handover.toUserId,
    claimedAt: new Date(),
    delegatedBy: caller.userId,
    ...(handover.comment && { comment: handover.comment }),
  };
  const held = await services.inbox.claimOf(task._id);
  let claim: TaskClaimRecord;
  if (held) {
    if (held.userId !== caller.userId && !caller.roles.includes('admin'))
      throw claimedByOther(held);
    const moved = await services.inbox.claims.updateOne(
      { _id: task._id, userId: held.userId },
      { $set: delegated },
    );
    if (moved.matchedCount === 0) throw conflict('The task changed hands meanwhile; reload it.');
    claim = { _id: task._id, ...delegated };
  } else {
    if (!isEligible(caller, task))
      throw forbidden('This task is not assigned to your roles or groups.');
    const inserted = await insertClaim(services, task, delegated);
    if (!inserted.won) throw claimedByOther(inserted.claim);
    claim = inserted.claim;
  }
  await audit(services, caller, 'task.delegated', task, {
    toUserId: handover.toUserId,
    ...(handover.comment && { comment: handover.comment }),
  });
  return view(claim);
}

/** Inserts the claim; when another insert won the race, returns that one. */
async function insertClaim(
  services: ApiServices,
  task: ApprovalTaskRecord,
  claim: Omit<TaskClaimRecord, '_id'>,
): Promise<{ claim: TaskClaimRecord; won: boolean }> {
  try {
    await services.inbox.claims.create({ _id: task._id, ...claim });
    return { claim: { _id: task._id, ...claim }, won: true };
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const winner = await services.inbox.claimOf(task._id);
    if (!winner) throw conflict('The task changed hands meanwhile; try again.');
    return { claim: winner, won: false };
  }
}

function view(claim: TaskClaimRecord): TaskClaimView {
  return {
    userId: claim.userId,
    claimedAt: claim.claimedAt.toISOString(),
    delegatedBy: claim.delegatedBy,
    comment: claim.comment,
  };
}

export function audit(
  services: ApiServices,
  caller: ApiIdentity,
  action: string,
  task: ApprovalTaskRecord,
  details: Record<string, unknown> = {},
) {
  return services.auditLog.record({
    actor: auditActor(caller),
    action,
    target: { kind: 'task', id: task._id },
    details: { caseId: task.caseId, taskId: task.taskId, ...details },
  });
}
