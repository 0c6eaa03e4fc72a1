import type { TaskDetail } from '#api-contract/inbox';
import type { ApiServices } from '../api-services.ts';
import type { ApiIdentity } from '../auth/identity.ts';
import { caseInput } from '../cases/case-projection.ts';
import { describeRun } from '../cases/run-detail.ts';
import { disclosePii } from '../privacy/pii-disclosure.ts';
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

/** The task, its case as submitted, and the trail up to the moment the task opened. */
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
  const reasons = trail.filter(
    (event) => REASON_TYPES.has(event.type) && (!opened || event.sequence <= opened.sequence),
  );
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
      input: record
        ? await disclosePii(services.database, caller, task.caseId, caseInput(record))
        : undefined,
    },
    reasons,
  };
}
