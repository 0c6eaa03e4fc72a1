import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { PII_ERASED, PII_MASKED } from '#api-contract/privacy';
import { approvalTaskModel } from '#platform/approval-tasks/approval-task-record';
import type { ApiIdentity } from '../auth/identity.ts';
import { isEligible } from '../inbox/task-eligibility.ts';
import { piiVaultFor } from './pii-vaults.ts';
import { privacyRecords } from './privacy-records.ts';

export type PiiView = 'clear' | 'masked';

/**
 * Who needs a case's buyer data: admins, and reviewers the case came to (a task of theirs, by
 * role, group or decision). Everyone else, auditors included, sees it masked; an auditor who
 * needs it asks with a reason (pii-reveal.ts).
 */
export async function piiViewFor(
  database: Connection,
  caller: ApiIdentity,
  caseId: string,
): Promise<PiiView> {
  if (caller.roles.includes('admin')) return 'clear';
  if (!caller.roles.includes('reviewer')) return 'masked';
  const tasks = await approvalTaskModel(database)
    .find({ caseId: String(caseId) })
    .lean();
  const theirs = tasks.some(
    (task) =>
      isEligible(caller, task) ||
      task.decisions.some((decision) => decision.userId === caller.userId),
  );
  return theirs ? 'clear' : 'masked';
}

/**
 * A copy of `value` with each sealed field shown as the view allows: clear, masked, or
 * "erased under retention" once the case key is gone. A clear showing is logged for the
 * data-protection report.
 */
export async function disclosePii<T>(
  database: Connection,
  caller: ApiIdentity,
  caseId: string,
  value: T,
  view?: PiiView,
): Promise<T> {
  const shown = view ?? (await piiViewFor(database, caller, caseId));
  let opened = 0;
  const disclosed = await piiVaultFor(database).mapEnvelopes(value, (clear) => {
    if (clear.erased) return PII_ERASED;
    if (shown === 'masked') return PII_MASKED;
    opened += 1;
    return clear.value;
  });
  if (opened > 0) await logPiiAccess(database, { caseId, userId: caller.userId, kind: 'view' });
  return disclosed as T;
}

export async function logPiiAccess(
  database: Connection,
  access: { caseId: string; userId: string; kind: 'view' | 'reveal'; reason?: string },
): Promise<void> {
  await privacyRecords(database).access.create({ _id: randomUUID(), ...access, at: new Date() });
}
