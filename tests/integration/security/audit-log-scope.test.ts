import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseModel } from '#platform/cases/case-record';
import type { AuditAction } from '../../../server/audit/audit-log.ts';
import { auditLogModel } from '../../../server/audit/audit-log-record.ts';
import { bootstrapTokenAuthenticator } from '../../../server/auth/bootstrap-tokens.ts';
import type { ApiIdentity } from '../../../server/auth/identity.ts';
import { ApiHarness, testCallers } from '../../support/api-harness.ts';

/**
 * The audit log names cases and their tasks; an auditor limited to the German marketplace must
 * not read what happened on American cases there, while entries about no case stay readable.
 */
let harness: ApiHarness;
const germanAuditorToken = randomUUID();
const germanAuditor: ApiIdentity = {
  userId: 'auditor-de',
  name: 'Dora',
  roles: ['auditor'],
  scope: { marketplaces: ['DE'] },
  via: 'token',
};
const rita = { userId: 'requester-rita', name: 'Rita', via: 'token' as const };

/** A case as the API's intake projects it, in one marketplace. */
async function caseIn(marketplace: string): Promise<string> {
  const caseId = randomUUID();
  await caseModel(harness.services.database).create({
    _id: caseId,
    workflowId: `case-${caseId}`,
    flowKey: 'refund',
    flowVersion: 1,
    requestedBy: rita.userId,
    brand: 'acorn',
    marketplace,
    submittedAt: new Date(),
    status: 'running',
  });
  return caseId;
}

const record = (action: Omit<AuditAction, 'actor'>) =>
  harness.services.auditLog.record({ actor: rita, ...action });

async function readLog(token: string, query = '') {
  const response = await fetch(`${harness.baseUrl}/api/audit/log?pageSize=200${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    total: number;
    items: { action: string; target: { id: string }; caseId?: string }[];
  };
}

beforeAll(async () => {
  const identities: Record<string, ApiIdentity> = Object.fromEntries(
    Object.values(testCallers).map(({ token, ...identity }) => [token, identity]),
  );
  identities[germanAuditorToken] = germanAuditor;
  harness = await ApiHarness.open('audit-log-scope', {
    authenticate: () => bootstrapTokenAuthenticator(identities),
  });
});
afterAll(async () => {
  await harness?.close();
});

describe('the audit log read by a scoped auditor', () => {
  it('shows a DE auditor the DE case’s entries and entries about no case, never the US case’s', async () => {
    const german = await caseIn('DE');
    const american = await caseIn('US');
    const unknown = randomUUID();
    await record({ action: 'case.submitted', target: { kind: 'case', id: german } });
    await record({ action: 'case.submitted', target: { kind: 'case', id: american } });
    await record({
      action: 'task.claimed',
      target: { kind: 'task', id: `case-${american}/review#1` },
    });
    await record({
      action: 'task.claimed',
      target: { kind: 'task', id: `case-${german}/review#1` },
    });
    await record({ action: 'case.exported', target: { kind: 'case', id: unknown } });
    await record({ action: 'user.updated', target: { kind: 'user', id: 'rob' } });

    const everything = await readLog(testCallers.auditor.token);
    expect(everything.total).toBe(6);
    expect(everything.items.find((entry) => entry.target.id === american)).toMatchObject({
      caseId: american,
      caseScope: { brand: 'acorn', marketplace: 'US' },
    });

    const seen = await readLog(germanAuditorToken);
    expect(seen.items.map((entry) => [entry.action, entry.target.id])).toEqual([
      ['user.updated', 'rob'],
      ['task.claimed', `case-${german}/review#1`],
      ['case.submitted', german],
    ]);
    expect(seen.total).toBe(3);
    const filtered = await readLog(germanAuditorToken, '&action=case.submitted');
    expect(filtered).toMatchObject({ total: 1, items: [{ target: { id: german } }] });
  });

  it('signs the stamped scope: moving an entry into another marketplace breaks the chain', async () => {
    expect((await harness.call('post', '/api/audit/log/verify', 'auditor')).body).toMatchObject({
      ok: true,
    });
    const entries = auditLogModel(harness.services.database);
    const american = await entries.findOne({ 'caseScope.marketplace': 'US' }).lean();
    await entries.updateOne({ _id: american?._id }, { $set: { 'caseScope.marketplace': 'DE' } });
    expect((await harness.call('post', '/api/audit/log/verify', 'auditor')).body).toMatchObject({
      ok: false,
      brokenAt: { sequence: american?._id, reason: 'content changed after it was written' },
    });
  });
});
