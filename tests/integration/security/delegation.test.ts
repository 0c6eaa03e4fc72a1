import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, testCallers } from '../../support/api-harness.ts';
import { ApiClient, openAuthApi } from '../api/auth-support.ts';
import { inboxTaskOf, publish, refundReviewFlow } from '../api/case-api-support.ts';
import { bootstrapAdmin, type Person, signedInPerson } from './people-support.ts';

const trigger = `refund.review.${randomUUID()}`;
const reviewer = { groups: ['refund-reviewer'] };
let harness: ApiHarness;
let rob: Person;

beforeAll(async () => {
  harness = await openAuthApi('security-delegation');
  await publish(harness, refundReviewFlow(`review-${randomUUID().slice(0, 8)}`, trigger));
  rob = await signedInPerson(harness, ['reviewer'], reviewer);
});
afterAll(async () => {
  await harness?.close();
});

/** A US case waiting for a refund reviewer, claimed by Rob. */
async function claimedTask(requester: ApiClient = bootstrapRequester()): Promise<string> {
  const input = { orderId: `666-${randomUUID().slice(0, 8)}`, amount: 150 };
  const submitted = await requester.call('post', '/api/cases', {
    trigger,
    input,
    marketplace: 'amazon.com',
  });
  expect(submitted.status).toBe(201);
  const taskId = await inboxTaskOf(harness, submitted.body.caseId);
  expect((await rob.browser.call('post', `/api/tasks/${taskId}/claim`, {})).status).toBe(200);
  return taskId;
}

/** The test harness's requester token (an integration filing cases). */
const bootstrapRequester = () => new ApiClient(harness.baseUrl, testCallers.requester.token);

const delegate = (taskId: string, toUserId: string) =>
  rob.browser.call('post', `/api/tasks/${taskId}/delegate`, { toUserId });

describe('handing a task over', () => {
  it('refuses a user who does not exist, leaving the task with its holder', async () => {
    const taskId = await claimedTask();
    const refused = await delegate(taskId, 'nobody-at-all');
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe('invalid_delegate');
    const { body } = await harness.call('get', `/api/tasks/${taskId}`, 'admin');
    expect(body.task.claim.userId).toBe(rob.userId);
  });

  it('refuses a disabled user', async () => {
    const gone = await signedInPerson(harness, ['reviewer'], reviewer);
    await bootstrapAdmin(harness).call('patch', `/api/users/${gone.userId}`, { disabled: true });
    expect((await delegate(await claimedTask(), gone.userId)).status).toBe(422);
  });

  it('refuses a user the task is not assigned to', async () => {
    const auditor = await signedInPerson(harness, ['auditor']);
    const financeOnly = await signedInPerson(harness, ['reviewer'], {
      groups: ['finance-approver'],
    });
    const taskId = await claimedTask();
    expect((await delegate(taskId, auditor.userId)).status).toBe(422);
    expect((await delegate(taskId, financeOnly.userId)).status).toBe(422);
  });

  it('refuses a reviewer whose scope does not cover the case', async () => {
    const german = await signedInPerson(harness, ['reviewer'], {
      ...reviewer,
      scope: { marketplaces: ['amazon.de'] },
    });
    const refused = await delegate(await claimedTask(), german.userId);
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain('scope');
  });

  it('refuses the person who filed the request', async () => {
    const lee = await signedInPerson(harness, ['requester', 'reviewer'], reviewer);
    const refused = await delegate(await claimedTask(lee.browser), lee.userId);
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain('filed the request');
  });

  it('hands the task to an enabled reviewer in scope, who then finds it under mine', async () => {
    const ann = await signedInPerson(harness, ['reviewer'], reviewer);
    const taskId = await claimedTask();
    const handed = await delegate(taskId, ann.userId);
    expect(handed.status).toBe(200);
    expect(handed.body).toMatchObject({ userId: ann.userId, delegatedBy: rob.userId });
    const mine = await ann.browser.call('get', '/api/inbox?view=mine');
    expect(mine.body.items.map((task: { id: string }) => task.id)).toContain(taskId);
  });
});
