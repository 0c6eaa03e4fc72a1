import type { ApiServices } from '../api-services.ts';
import { auditActor } from '../audit/audit-log.ts';
import type { ApiIdentity } from '../auth/identity.ts';
import { caseInput } from '../cases/case-projection.ts';
import { visibleCase } from '../cases/run-detail.ts';
import { disclosePii, logPiiAccess } from './pii-disclosure.ts';

/**
 * An auditor (or admin) who needs a case's buyer data in clear asks with a reason: the reason
 * goes into the signed audit log before anything is shown.
 */
export async function revealCaseInput(
  services: ApiServices,
  caller: ApiIdentity,
  caseId: string,
  reason: string,
): Promise<{ caseId: string; input: Record<string, unknown> }> {
  const record = await visibleCase(services, caller, caseId);
  await services.auditLog.record({
    actor: auditActor(caller),
    action: 'pii.revealed',
    target: { kind: 'case', id: record._id },
    details: { reason },
  });
  await logPiiAccess(services.database, {
    caseId: record._id,
    userId: caller.userId,
    kind: 'reveal',
    reason,
  });
  const input = caseInput(record) ?? {};
  return {
    caseId: record._id,
    input: await disclosePii(services.database, caller, record._id, input, 'clear'),
  };
}
