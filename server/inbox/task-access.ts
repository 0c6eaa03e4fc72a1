import type { ApprovalTaskRecord } from '#platform/approval-tasks/approval-task-record';
import type { ApiServices } from '../api-services.ts';
import type { ApiIdentity } from '../auth/identity.ts';
import { conflict, notFound } from '../http/api-errors.ts';
import { taskRecordIdOf } from './public-task-id.ts';
import { isEligible } from './task-eligibility.ts';

/**
 * The task behind a public id, if the caller's scope covers its case and the caller may work
 * it; else 404. Reviewers and admins see every task in scope (to take over, delegate, follow a
 * case); store staff only the tasks of their store's group, so a refund decision stays unseen.
 */
export async function visibleTask(
  services: ApiServices,
  caller: ApiIdentity,
  publicId: string,
): Promise<ApprovalTaskRecord> {
  const task = await services.inbox.find(taskRecordIdOf(publicId));
  const [visible] = task ? await services.inbox.inScope(caller, [task]) : [];
  if (!visible || (!worksEveryTask(caller) && !isEligible(caller, visible))) throw notFound('task');
  return visible;
}

const worksEveryTask = (caller: ApiIdentity) =>
  caller.roles.includes('reviewer') || caller.roles.includes('admin');

export async function openTask(services: ApiServices, caller: ApiIdentity, publicId: string) {
  const task = await visibleTask(services, caller, publicId);
  if (task.status !== 'open') throw conflict(`The task is already ${task.status}.`);
  return task;
}
