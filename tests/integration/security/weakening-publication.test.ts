import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLogModel } from '../../../server/audit/audit-log-record.ts';
import type { ApiHarness } from '../../support/api-harness.ts';
import { type ApiClient, openAuthApi } from '../api/auth-support.ts';
import { refundReviewFlow } from '../api/case-api-support.ts';
import { bootstrapAdmin, mintedToken, type Person, signedInPerson } from './people-support.ts';

// Four eyes on refunds; each test publishes it, then tries a version that lowers the bar.
let harness: ApiHarness;
let ada: Person;
let bob: Person;

beforeAll(async () => {
  harness = await openAuthApi('security-weakening');
  ada = await signedInPerson(harness, ['admin']);
  bob = await signedInPerson(harness, ['admin']);
});
afterAll(async () => {
  await harness?.close();
});

const fourEyes = { approvalsRequired: 2, forbidRequester: true };

async function publishedFourEyes(): Promise<string> {
  const key = `weakening-${randomUUID().slice(0, 8)}`;
  await saveDraft(key, fourEyes);
  expect((await publish(ada.browser, key)).body).toMatchObject({ version: 1 });
  return key;
}

function saveDraft(key: string, review: Record<string, unknown>, reshape = (flow: object) => flow) {
  const flow = reshape(refundReviewFlow(key, `refund.${key}`, review));
  return harness.services.flows.saveDraft(flow, 'test');
}

const publish = (client: ApiClient, key: string) =>
  client.call('post', `/api/flows/${key}/publish`, { note: 'tested' });

const versionsOf = async (key: string) =>
  (await ada.browser.call('get', `/api/flows/${key}/versions`)).body.versions.map(
    ({ version }: { version: number }) => version,
  );

const auditOf = (key: string, action: string) =>
  auditLogModel(harness.services.database).find({ action, 'target.id': key }).lean();

describe('a version that weakens who approves', () => {
  it('is held until a second admin confirms it, and both steps are in the audit log', async () => {
    const key = await publishedFourEyes();
    await saveDraft(key, { ...fourEyes, approvalsRequired: 1 });
    const held = await publish(ada.browser, key);
    expect(held.status).toBe(409);
    expect(held.body.error).toBe('second_admin_required');
    expect(held.body.issues).toEqual([
      { nodeId: 'review', message: 'Approvals required drop from 2 to 1.' },
    ]);
    expect(await versionsOf(key)).toEqual([1]);
    const waiting = await bob.browser.call('get', `/api/flows/${key}/publications`);
    expect(waiting.body.publications).toMatchObject([
      { publicationId: held.body.publicationId, baseVersion: 1, requestedBy: ada.userId },
    ]);
    expect(await auditOf(key, 'flow.publication-requested')).toHaveLength(1);

    const confirm = `/api/flows/${key}/publications/${held.body.publicationId}/confirm`;
    const byAda = await ada.browser.call('post', confirm);
    expect(byAda.status).toBe(403);
    expect(byAda.body.error).toBe('second_admin_required');
    const byBootstrap = await bootstrapAdmin(harness).call('post', confirm);
    expect(byBootstrap.status).toBe(403);
    expect(byBootstrap.body.error).toBe('person_required');
    expect(await versionsOf(key)).toEqual([1]);

    const byBob = await bob.browser.call('post', confirm);
    expect(byBob.status).toBe(200);
    expect(byBob.body).toMatchObject({
      version: 2,
      publishedBy: ada.userId,
      confirmedBy: bob.userId,
      // The requester's note stays with the version the second admin confirmed.
      note: 'tested',
    });
    expect(await versionsOf(key)).toEqual([1, 2]);
    const [published] = (await auditOf(key, 'flow.published')).filter(
      (entry) => (entry.details as { version?: number }).version === 2,
    );
    expect(published).toMatchObject({
      actor: { userId: bob.userId },
      details: { requestedBy: ada.userId, confirmedBy: bob.userId, note: 'tested' },
    });
    // What the confirmed version changed, in words, as the first admin's publication says it.
    expect(published?.details).toMatchObject({
      changes: ['Approve refund: approvals required 2 → 1'],
    });
    expect((await bob.browser.call('get', `/api/flows/${key}/publications`)).body).toEqual({
      publications: [],
    });
  });

  it.each([
    [
      'the approval removed',
      (key: string) =>
        saveDraft(key, fourEyes, (flow) => {
          const { nodes, edges } = flow as ReturnType<typeof refundReviewFlow>;
          return {
            ...flow,
            nodes: nodes.filter((node) => !['review', 'rejected'].includes(node.id)),
            edges: edges
              .filter((edge) => edge.source !== 'review')
              .map((edge) => (edge.target === 'review' ? { ...edge, target: 'refunded' } : edge)),
          };
        }),
      'is removed',
    ],
    [
      'the requester allowed to decide',
      (key: string) => saveDraft(key, { ...fourEyes, forbidRequester: false }),
      'requester may now decide',
    ],
    [
      'the task given to another role',
      (key: string) => saveDraft(key, { ...fourEyes, assignee: { role: 'store-clerk' } }),
      'to role "store-clerk"',
    ],
    [
      'overdue tasks escalated to another role',
      (key: string) =>
        saveDraft(key, {
          ...fourEyes,
          sla: { durationSeconds: 60, escalateToRole: 'store-clerk' },
        }),
      'escalate to role "store-clerk"',
    ],
  ])('is held too with %s', async (_name, weaken, message) => {
    const key = await publishedFourEyes();
    await weaken(key);
    const held = await publish(ada.browser, key);
    expect(held.status).toBe(409);
    expect(held.body.issues[0].message).toContain(message);
    expect(await versionsOf(key)).toEqual([1]);
  });

  it('goes stale once another version is published first', async () => {
    const key = await publishedFourEyes();
    await saveDraft(key, { ...fourEyes, approvalsRequired: 1 });
    const held = await publish(ada.browser, key);
    await saveDraft(key, { ...fourEyes, title: 'Approve refund, renamed' });
    expect((await publish(ada.browser, key)).body).toMatchObject({ version: 2 });
    const late = await bob.browser.call(
      'post',
      `/api/flows/${key}/publications/${held.body.publicationId}/confirm`,
    );
    expect(late.status).toBe(409);
    expect(await versionsOf(key)).toEqual([1, 2]);
  });

  it('may not be asked for by a token with no person behind it', async () => {
    const key = await publishedFourEyes();
    await saveDraft(key, { ...fourEyes, approvalsRequired: 1 });
    const integration = await mintedToken(harness, { roles: ['admin'] });
    for (const alias of [bootstrapAdmin(harness), integration]) {
      const refused = await publish(alias, key);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toBe('person_required');
    }
    expect((await bob.browser.call('get', `/api/flows/${key}/publications`)).body).toEqual({
      publications: [],
    });
  });

  it('is not needed for a change that keeps or raises the bar', async () => {
    const key = await publishedFourEyes();
    await saveDraft(key, { ...fourEyes, approvalsRequired: 3, title: 'Approve refund (3)' });
    expect((await publish(ada.browser, key)).body).toMatchObject({ version: 2 });
  });
});
