import type { ApprovalTaskRecord } from '#platform/approval-tasks/approval-task-record';
import type { ApiServices } from '../api-services.ts';
import { identityOfUser } from '../auth/authenticator.ts';
import { ApiError } from '../http/api-errors.ts';
import { isEligible } from './task-eligibility.ts';

const refused = (message: string) => new ApiError(422, 'invalid_delegate', message);

/**
 * A task may be handed only to someone who could decide it: an existing, enabled user whose
 * roles or groups the task is assigned to, whose scope covers its case, and who did not file
 * the request. Anyone else would only block the task until an admin takes it back.
 */
export async function checkDelegate(
  services: ApiServices,
  task: ApprovalTaskRecord,
  toUserId: string,
): Promise<void> {
  const user = await services.users.find(toUserId);
  if (!user || user.disabled) throw refused(`There is no enabled user "${toUserId}".`);
  if (user._id === task.requestedBy) {
    throw refused('The task cannot go to the person who filed the request.');
  }
  const delegate = identityOfUser(user);
  if (!isEligible(delegate, task)) {
    throw refused(`${user.displayName} is not in the roles or groups this task is assigned to.`);
  }
  const [visible] = await services.inbox.inScope(delegate, [task]);
  if (!visible) throw refused(`The case lies outside ${user.displayName}'s scope.`);
}
