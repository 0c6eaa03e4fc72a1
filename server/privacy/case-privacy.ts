import type { CasePrivacy } from '#api-contract/privacy';
import { caseKeyModel } from '#platform/pii-vault';
import type { ApiServices } from '../api-services.ts';
import type { ApiIdentity } from '../auth/identity.ts';
import { visibleCase } from '../cases/run-detail.ts';
import { privacyRecords } from './privacy-records.ts';

/** Where a case's buyer data stands: its key, a legal hold, and when retention ends it. */
export async function describeCasePrivacy(
  services: ApiServices,
  caller: ApiIdentity,
  caseId: string,
  retentionSeconds: number,
): Promise<CasePrivacy> {
  const record = await visibleCase(services, caller, caseId);
  const records = privacyRecords(services.database);
  const [key, hold, erasure] = await Promise.all([
    caseKeyModel(services.database).findById(record._id).lean(),
    records.holds.findById(record._id).lean(),
    records.erasures.findById(record._id).lean(),
  ]);
  const closedAt = record.status === 'running' ? undefined : record.closedAt;
  const eraseAfter =
    key && closedAt && !hold ? new Date(closedAt.getTime() + retentionSeconds * 1000) : undefined;
  return {
    caseId: record._id,
    key: key ? 'present' : erasure ? 'erased' : 'none',
    ...(hold && {
      legalHold: { heldBy: hold.heldBy, reason: hold.reason, since: hold.since.toISOString() },
    }),
    ...(closedAt && { closedAt: closedAt.toISOString() }),
    ...(eraseAfter && { eraseAfter: eraseAfter.toISOString() }),
    ...(erasure && { erasedAt: erasure.erasedAt.toISOString() }),
  };
}
