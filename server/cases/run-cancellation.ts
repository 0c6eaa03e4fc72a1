import { WorkflowNotFoundError } from '@temporalio/client';
import type { ApiServices } from '../api-services.ts';
import { auditActor } from '../audit/audit-log.ts';
import type { ApiIdentity } from '../auth/identity.ts';
import { conflict } from '../http/api-errors.ts';
import { visibleCase } from './run-detail.ts';

/**
 * Asks the run to cancel; its own cancellation path closes open tasks and saves the trail, and
 * the worker then marks the case cancelled. Nothing here writes the case's status.
 */
export async function cancelRun(
  services: ApiServices,
  caller: ApiIdentity,
  caseId: string,
  reason: string,
): Promise<{ caseId: string; status: 'cancelling' }> {
  const record = await visibleCase(services, caller, caseId);
  if (record.status !== 'running') throw conflict(`The case has already ${record.status}.`);
  try {
    await services.temporal.workflow.getHandle(record.workflowId).cancel();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw conflict('The case is no longer running.');
    throw error;
  }
  await services.auditLog.record({
    actor: auditActor(caller),
    action: 'case.cancelled',
    target: { kind: 'case', id: caseId },
    details: { reason, workflowId: record.workflowId },
  });
  return { caseId, status: 'cancelling' };
}
