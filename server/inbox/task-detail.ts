import type { TaskDetail } from '#api-contract/inbox';
import type { ApiServices } from '../api-services.ts';
import type { ApiIdentity } from '../auth/identity.ts';
import { caseInput } from '../cases/case-projection.ts';
import { describeRun } from '../cases/run-detail.ts';
import { FlowNotFound } from '../flows/flow-versions.ts';
import { disclosePii } from '../privacy/pii-disclosure.ts';
import { businessReason } from './business-reason.ts';
import { toInboxTask } from './inbox-tasks.ts';
import { visibleTask } from './task-access.ts';

// Entering and leaving nodes is plumbing; these say why the case came to a person.
const REASON_TYPES = new Set([
  'run.started',
  'rule.evaluated',
  'variable.set',
  'activity.completed',
  'activity.failed',
  'task.opened',
  'task.decided',
  'task.escalated',
  'task.timed-out',
  'task.closed',
]);

// What Amazon said about the order while the task waited changes the decision (a cancelled
// order needs no refund), so the reviewer sees it whenever it came.
const ANY_TIME_TYPES = new Set(['amazon.notified']);

/**
 * The task, its case as submitted, the trail up to the moment the task opened, and what
 * Amazon said about the order since.
 */
export async function describeTask(
  services: ApiServices,
  caller: ApiIdentity,
  publicId: string,
): Promise<TaskDetail> {
  const task = await visibleTask(services, caller, publicId);
  const [claim, record] = await Promise.all([
    services.inbox.claimOf(task._id),
    services.cases.find(task.caseId),
  ]);
  const trail = record ? (await describeRun(services, caller, task.caseId)).trail : [];
  const opened = trail.find(
    (event) => event.type === 'task.opened' && event.details?.taskId === task.taskId,
  );
  const beforeTask = (event: { sequence: number }) => !opened || event.sequence <= opened.sequence;
  const upToTask = trail.filter(beforeTask);
  const reasons = trail.filter(
    (event) =>
      ANY_TIME_TYPES.has(event.type) || (REASON_TYPES.has(event.type) && beforeTask(event)),
  );
  const flow = await publishedFlow(services, task.flowKey, task.flowVersion);
  const claimHolder = claim ? [claim.userId, claim.delegatedBy] : [];
  const people = await namesOf(services, [
    task.requestedBy,
    ...claimHolder,
    ...task.decisions.map((decision) => decision.userId),
  ]);
  return {
    task: {
      ...toInboxTask(task, claim, new Date()),
      decisions: task.decisions.map((decision) => ({
        userId: decision.userId,
        verdict: decision.verdict,
        comment: decision.comment,
        at: decision.at.toISOString(),
      })),
    },
    case: {
      caseId: task.caseId,
      status: record?.status ?? 'unknown',
      requestedBy: task.requestedBy,
      submittedAt: record?.submittedAt.toISOString(),
      orderId: record?.orderId,
      brand: record?.brand,
      marketplace: record?.marketplace,
      store: record?.store,
      account: record?.account,
      input: record
        ? await disclosePii(services.database, caller, task.caseId, caseInput(record))
        : undefined,
    },
    reasons,
    businessReason: flow ? businessReason(flow.definition, upToTask) : undefined,
    people,
  };
}

/** Display names by id, read one user at a time by `_id`; an id that names nobody stays out. */
async function namesOf(
  services: ApiServices,
  userIds: (string | undefined)[],
): Promise<Record<string, string>> {
  const unique = [...new Set(userIds.filter((id): id is string => !!id))];
  const users = await Promise.all(unique.map((id) => services.users.find(id)));
  return Object.fromEntries(
    users.flatMap((user) => (user ? [[user._id, user.displayName] as const] : [])),
  );
}

// Tasks name the version that opened them; a version missing from storage leaves no reason.
async function publishedFlow(services: ApiServices, key: string, version: number) {
  try {
    return await services.flows.get(key, version);
  } catch (error) {
    if (error instanceof FlowNotFound) return undefined;
    throw error;
  }
}
