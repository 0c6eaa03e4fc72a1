import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../../../scripts/embedded/managed-process.ts';
import type { ApiHarness } from '../../support/api-harness.ts';
import { type ApiClient, openAuthApi } from '../api/auth-support.ts';
import { inboxTaskOf, publish, refundReviewFlow } from '../api/case-api-support.ts';
import { bootstrapAdmin, mintedToken, type Person, signedInPerson } from './people-support.ts';

// Four eyes on a refund; after a second without a decision it escalates to the admins, so the
// bootstrap admin token and admin-role tokens qualify by role and only personhood stops them.
const trigger = `refund.escalated-four-eyes.${randomUUID()}`;
let harness: ApiHarness;
let ada: Person;

beforeAll(async () => {
  harness = await openAuthApi('security-deciders');
  await publish(
    harness,
    refundReviewFlow(`four-eyes-${randomUUID().slice(0, 8)}`, trigger, {
      approvalsRequired: 2,
      sla: { durationSeconds: 1, escalateToRole: 'admin' },
    }),
  );
  ada = await signedInPerson(harness, ['admin']);
});
afterAll(async () => {
  await harness?.close();
});

async function escalatedTask(marketplace = 'amazon.com'): Promise<string> {
  const input = { orderId: `555-${randomUUID().slice(0, 8)}`, amount: 349 };
  const submitted = await harness.call('post', '/api/cases', 'requester', {
    trigger,
    input,
    marketplace,
  });
  expect(submitted.status).toBe(201);
  const taskId = await inboxTaskOf(harness, submitted.body.caseId);
  await waitUntil(
    'the escalation to the admins',
    async () => (await taskOf(taskId)).escalatedTo === 'admin',
    30_000,
  );
  return taskId;
}

async function taskOf(taskId: string) {
  const { body } = await harness.call('get', `/api/tasks/${taskId}`, 'admin');
  return body.task;
}

const decide = (client: ApiClient, taskId: string) =>
  client.call('post', `/api/tasks/${taskId}/decide`, {
    verdict: 'approve',
    requestId: randomUUID(),
  });

describe('one person, two credentials, on an escalated four-eyes task', () => {
  it('refuses the bootstrap admin token as the second approver after the admin’s session', async () => {
    const taskId = await escalatedTask();
    expect((await decide(ada.browser, taskId)).body).toMatchObject({ approvals: 1, closed: false });
    const alias = await decide(bootstrapAdmin(harness), taskId);
    expect(alias.status).toBe(403);
    expect(alias.body.error).toBe('person_required');
    await waitUntil(
      'Ada’s approval on the task record',
      async () => {
        const { decisions } = await taskOf(taskId);
        return decisions.length > 0;
      },
      30_000,
    );
    const task = await taskOf(taskId);
    expect(task.status).toBe('open');
    expect(task.decisions.map(({ userId }: { userId: string }) => userId)).toEqual([ada.userId]);
  });

  it('refuses tokens that act for no user, whatever roles and groups they carry', async () => {
    const taskId = await escalatedTask();
    expect((await decide(ada.browser, taskId)).status).toBe(200);
    const asAdmin = await mintedToken(harness, { roles: ['admin'] });
    const asReviewer = await mintedToken(harness, {
      roles: ['reviewer'],
      groups: ['refund-reviewer'],
    });
    for (const alias of [asAdmin, asReviewer]) {
      const refused = await decide(alias, taskId);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toBe('person_required');
    }
    expect(await taskOf(taskId)).toMatchObject({ status: 'open' });
  });

  it('counts a token acting for the same person as that person: once', async () => {
    const taskId = await escalatedTask();
    expect((await decide(ada.browser, taskId)).status).toBe(200);
    const own = await mintedToken(harness, { roles: ['admin'], userId: ada.userId });
    const twice = await decide(own, taskId);
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain('already decided');
    expect(await taskOf(taskId)).toMatchObject({ status: 'open' });
  });

  it('lets neither a userless token nor the bootstrap token claim or take over a task', async () => {
    const taskId = await escalatedTask();
    const integration = await mintedToken(harness, { roles: ['admin'] });
    for (const alias of [bootstrapAdmin(harness), integration]) {
      const claim = await alias.call('post', `/api/tasks/${taskId}/claim`, {});
      expect(claim.status).toBe(403);
      const handover = await alias.call('post', `/api/tasks/${taskId}/delegate`, {
        toUserId: ada.userId,
      });
      expect(handover.status).toBe(403);
    }
  });
});

describe('a token acting for a user holds at most what the user holds now', () => {
  it('loses a demoted user’s reviewer role and group at once', async () => {
    const pia = await signedInPerson(harness, ['reviewer'], { groups: ['refund-reviewer'] });
    const token = await mintedToken(harness, {
      roles: ['reviewer'],
      groups: ['refund-reviewer'],
      userId: pia.userId,
    });
    const taskId = await escalatedTask();
    const demoted = await bootstrapAdmin(harness).call('patch', `/api/users/${pia.userId}`, {
      roles: ['requester'],
      groups: [],
    });
    expect(demoted.status).toBe(200);
    // The token named only roles the user has lost: it is left with none.
    expect((await token.call('get', '/api/auth/me')).status).toBe(403);
    expect((await decide(token, taskId)).status).toBe(403);
    expect(await taskOf(taskId)).toMatchObject({ decisions: [] });
  });

  it('sees only the cases the user’s current scope covers', async () => {
    const ron = await signedInPerson(harness, ['reviewer'], {
      groups: ['refund-reviewer'],
      scope: { marketplaces: ['amazon.de'] },
    });
    const token = await mintedToken(harness, {
      roles: ['reviewer'],
      groups: ['refund-reviewer'],
      userId: ron.userId,
    });
    const american = await escalatedTask('amazon.com');
    expect((await token.call('get', `/api/tasks/${american}`)).status).toBe(404);
    expect((await decide(token, american)).status).toBe(404);
  });
});
