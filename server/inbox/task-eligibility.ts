import type { ApprovalTaskRecord } from '#platform/approval-tasks/approval-task-record';
import type { ApprovalActor } from '../../workflows/flow-run/types.ts';
import type { ApiIdentity } from '../auth/identity.ts';
import { requirePerson } from '../auth/person.ts';

/**
 * A flow assigns tasks to business roles (`refund-reviewer`) that users carry as API roles or
 * as groups; both count, for the inbox and for the engine's own check alike.
 */
export function approvalActor(caller: ApiIdentity): ApprovalActor {
  const groups = caller.groups ?? [];
  return { userId: caller.userId, roles: [...caller.roles, ...groups], groups };
}

export function isEligible(caller: ApiIdentity, task: ApprovalTaskRecord): boolean {
  const { roles, groups } = approvalActor(caller);
  const byRole = [task.assigneeRole, task.escalatedTo].some(
    (role) => !!role && roles.includes(role),
  );
  const byGroup = !!task.assigneeGroup && (groups ?? []).includes(task.assigneeGroup);
  return byRole || byGroup;
}

/**
 * Deciding, claiming and taking over a task are a person's acts: a token with no user, or the
 * bootstrap admin token, would let one person count as several pairs of eyes.
 */
export const requirePersonForTasks = (caller: ApiIdentity) =>
  requirePerson(caller, 'work approval tasks');
