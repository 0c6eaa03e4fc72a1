import type { Connection } from 'mongoose';
import type { MyCasesQuery, RunList } from '#api-contract/cases';
import { caseModel } from '#platform/cases/case-record';
import type { ApiIdentity } from '../auth/identity.ts';
import { toCaseSummary } from './case-projection.ts';
import { scopeFilter } from './case-scope.ts';

/**
 * The cases a requester submitted, with their status: only their own (by the id the intake
 * recorded as `requestedBy`) and only inside their scope, so a narrowed scope hides old cases too.
 */
export async function myCases(
  connection: Connection,
  caller: ApiIdentity,
  query: MyCasesQuery,
): Promise<RunList> {
  const cases = caseModel(connection);
  // Every value is a string (zod-parsed or the caller's own id): none can become an operator.
  const filter: Record<string, unknown> = {
    requestedBy: String(caller.userId),
    ...(query.status && { status: String(query.status) }),
    ...scopeFilter(caller.scope),
  };
  const [records, total] = await Promise.all([
    cases
      .find(filter)
      .sort({ submittedAt: -1, _id: -1 })
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .lean(),
    cases.countDocuments(filter),
  ]);
  return { items: records.map(toCaseSummary), total, page: query.page, pageSize: query.pageSize };
}
