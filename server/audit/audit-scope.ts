import { trusted } from 'mongoose';
import type { AccessScope } from '../auth/identity.ts';
import { restrictsCases, scopeFilter } from '../cases/case-scope.ts';
import type { AuditLogRecord } from './audit-log-record.ts';

/** Target kinds whose entries are about one case: the case itself, or one of its tasks. */
const CASE_TARGETS = ['case', 'task'];
const TASK_OF_CASE = /^case-([^/]+)\//;

/** The case an entry is about: a case target's id, or the case a task id (`case-<id>/…`) names. */
export function caseIdOfTarget(target: AuditLogRecord['target']): string | undefined {
  if (target.kind === 'case') return target.id;
  if (target.kind === 'task') return TASK_OF_CASE.exec(target.id)?.[1];
  return undefined;
}

/**
 * What a scoped caller may read of the log: every entry not about a case (users, tokens, flows,
 * sign-ins), and entries about cases whose stamped scope lies inside theirs. A case entry without
 * a stamped scope (written before scopes were stamped, or for a case nobody submitted through the
 * API) is outside every limited scope, as a case that leaves a dimension blank is. Not indexed:
 * on FerretDB this, like every audit-log filter but `_id`, decodes the whole collection.
 */
export function auditScopeFilter(scope: AccessScope | undefined): Record<string, unknown> {
  if (!restrictsCases(scope)) return {};
  const inScope = Object.fromEntries(
    Object.entries(scopeFilter(scope)).map(([field, allowed]) => [`caseScope.${field}`, allowed]),
  );
  return { $or: [{ 'target.kind': trusted({ $nin: CASE_TARGETS }) }, inScope] };
}
