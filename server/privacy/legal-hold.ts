import { isDuplicateKey } from '#platform/database';
import type { ApiServices } from '../api-services.ts';
import { auditActor } from '../audit/audit-log.ts';
import type { ApiIdentity } from '../auth/identity.ts';
import { visibleCase } from '../cases/run-detail.ts';
import { privacyRecords } from './privacy-records.ts';

/**
 * A legal hold keeps a case's buyer data past retention (a dispute, a tax audit). Set by an
 * insert of the case id (a second hold keeps the first), released by deleting it; both audited.
 */
export async function placeLegalHold(
  services: ApiServices,
  caller: ApiIdentity,
  caseId: string,
  reason: string,
): Promise<void> {
  const record = await visibleCase(services, caller, caseId);
  try {
    await privacyRecords(services.database).holds.create({
      _id: record._id,
      heldBy: caller.userId,
      reason,
      since: new Date(),
    });
  } catch (error) {
    if (isDuplicateKey(error)) return;
    throw error;
  }
  await services.auditLog.record({
    actor: auditActor(caller),
    action: 'pii.legal-hold-placed',
    target: { kind: 'case', id: record._id },
    details: { reason },
  });
}

export async function releaseLegalHold(
  services: ApiServices,
  caller: ApiIdentity,
  caseId: string,
  reason: string,
): Promise<void> {
  const record = await visibleCase(services, caller, caseId);
  const { deletedCount } = await privacyRecords(services.database).holds.deleteOne({
    _id: record._id,
  });
  if (deletedCount === 0) return;
  await services.auditLog.record({
    actor: auditActor(caller),
    action: 'pii.legal-hold-released',
    target: { kind: 'case', id: record._id },
    details: { reason },
  });
}
