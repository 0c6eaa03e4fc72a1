import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../../../scripts/embedded/managed-process.ts';
import { userRecords } from '../../../server/users/user-records.ts';
import { type ApiHarness, testCallers } from '../../support/api-harness.ts';
import {
  auditEntries,
  callAs,
  inboxTaskOf,
  openCaseApi,
  publish,
  refundReviewFlow,
  waitForStatus,
} from './case-api-support.ts';

let harness: ApiHarness;
const fourEyes = `refund.four-eyes.${randomUUID()}`;
const escalating = `refund.escalating.${randomUUID()}`;

beforeAll(async () => {
  harness = await openCaseApi('inbox-api');
  await enrolAnn();
  await publish(
    harness,
    refundReviewFlow(`four-eyes-${randomUUID().slice(0, 8)}`, fourEyes, { approvalsRequired: 2 }),
  );
  await publish(
    harness,
    refundReviewFlow(`escalating-${randomUUID().slice(0, 8)}`, escalating, {
      sla: { durationSeconds: 1, escalateToRole: 'refund-supervisor' },
    }),
  );
});
afterAll(async () => {
  await harness?.close();
});

/** A task is handed only to a real user; Ann's bearer identity names this record. */
async function enrolAnn() {
  const now = new Date();
  const ann = {
    username: 'ann',
    displayName: 'Ann',
    passwordHash: 'unused: Ann calls with a token',
    passwordChangedAt: now,
    roles: ['reviewer'],
    groups: ['refund-reviewer'],
    scope: {},
    disabled: false,
    createdAt: now,
    updatedAt: now,
  };
  await userRecords(harness.services.database).User.updateOne(
    { _id: 'reviewer-ann' },
    { $set: ann },
    { upsert: true },
  );
}

/** Opens a case that waits for reviewers; returns its case id and the task's public id. */
async function waitingCase(trigger = fourEyes, amount = 150) {
  const input = { orderId: `333-${randomUUID().slice(0, 8)}`, amount };
  const { body } = await harness.call('post', '/api/cases', 'requester', { trigger, input });
  return { caseId: body.caseId as string, taskId: await inboxTaskOf(harness, body.caseId) };
}

const inboxIds = async (view: string, as: 'reviewer' | 'admin' = 'reviewer') => {
  const { body } = await harness.call('get', `/api/inbox?view=${view}&pageSize=100`, as);
  if (!body.items) console.log(JSON.stringify(body));
  return body.items.map((task: { id: string }) => task.id) as string[];
};

const decide = (taskId: string, body: Record<string, unknown>) =>
  harness.call('post', `/api/tasks/${taskId}/decide`, 'reviewer', body);

describe('the inbox', () => {
  it('shows tasks by role or group, and the caller’s own claims under mine', async () => {
    const { taskId } = await waitingCase();
    expect(await inboxIds('roles')).toContain(taskId);
    expect(await inboxIds('mine')).not.toContain(taskId);
    expect(await inboxIds('all', 'admin')).toContain(taskId);
    const claimed = await harness.call('post', `/api/tasks/${taskId}/claim`, 'reviewer');
    expect(claimed.body).toMatchObject({ userId: 'reviewer-rob' });
    expect(await inboxIds('mine')).toContain(taskId);
    const { body } = await harness.call('get', '/api/inbox?view=mine', 'reviewer');
    expect(body.items.find((task: { id: string }) => task.id === taskId)).toMatchObject({
      claim: { userId: 'reviewer-rob' },
      approvals: 0,
      approvalsRequired: 2,
      overdue: false,
    });
    expect((await harness.call('get', '/api/inbox', 'auditor')).status).toBe(403);
    expect((await harness.call('get', '/api/inbox?view=everything', 'reviewer')).status).toBe(400);
  });

  it('flags a task past its SLA as overdue, escalated, and sorts it first by due time', async () => {
    const { taskId } = await waitingCase(escalating);
    const plain = await waitingCase();
    await waitUntil(
      'the escalation',
      async () => {
        const { body } = await harness.call('get', '/api/inbox?view=all&pageSize=100', 'admin');
        return body.items.some(
          (task: { id: string; escalatedTo?: string }) =>
            task.id === taskId && task.escalatedTo === 'refund-supervisor',
        );
      },
      30_000,
    );
    const { body } = await harness.call('get', '/api/inbox?view=all&pageSize=100', 'admin');
    const ids = body.items.map((task: { id: string }) => task.id);
    expect(ids.indexOf(taskId)).toBeLessThan(ids.indexOf(plain.taskId));
    expect(body.items[ids.indexOf(taskId)]).toMatchObject({ overdue: true });
    expect(body.items[ids.indexOf(taskId)].dueAt).toBeDefined();
    const byOpened = await harness.call(
      'get',
      '/api/inbox?view=all&sort=opened&pageSize=100',
      'admin',
    );
    const opened = byOpened.body.items.map((task: { openedAt: string }) => task.openedAt);
    expect([...opened].sort()).toEqual(opened);
  });
});

describe('one task', () => {
  it('shows the case input and the rule that sent it to a person', async () => {
    const { caseId, taskId } = await waitingCase();
    const { status, body } = await harness.call('get', `/api/tasks/${taskId}`, 'reviewer');
    expect(status).toBe(200);
    expect(body.case).toMatchObject({ caseId, status: 'running', input: { amount: 150 } });
    const reasons = body.reasons.map((event: { type: string }) => event.type);
    expect(reasons).toContain('rule.evaluated');
    expect(reasons.at(-1)).toBe('task.opened');
    expect(body.task).toMatchObject({ nodeId: 'review', status: 'open', decisions: [] });
  });

  it('answers 404 for an unknown task and 400 for a malformed id', async () => {
    const unknown = Buffer.from('case-x/review#1').toString('base64url');
    expect((await harness.call('get', `/api/tasks/${unknown}`, 'reviewer')).status).toBe(404);
    expect((await harness.call('post', `/api/tasks/${unknown}/claim`, 'reviewer')).status).toBe(
      404,
    );
    expect((await harness.call('get', '/api/tasks/a.b', 'reviewer')).status).toBe(400);
  });
});

describe('claiming', () => {
  it('lets exactly one of two concurrent claims win, every time', async () => {
    for (let round = 0; round < 3; round++) {
      const { taskId } = await waitingCase();
      const answers = await Promise.all([
        harness.call('post', `/api/tasks/${taskId}/claim`, 'reviewer'),
        callAs(harness, 'ann', 'post', `/api/tasks/${taskId}/claim`),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      const winner = answers.find((answer) => answer.status === 200)?.body.userId;
      const { body } = await harness.call('get', `/api/tasks/${taskId}`, 'admin');
      expect(body.task.claim.userId).toBe(winner);
    }
  });

  it('delegates with a comment, and only the holder lets go', async () => {
    const { taskId } = await waitingCase();
    await harness.call('post', `/api/tasks/${taskId}/claim`, 'reviewer');
    const again = await harness.call('post', `/api/tasks/${taskId}/claim`, 'reviewer');
    expect(again.body).toMatchObject({ userId: 'reviewer-rob' });
    const injected = await harness.call('post', `/api/tasks/${taskId}/delegate`, 'reviewer', {
      toUserId: { $gt: '' },
    });
    expect(injected.status).toBe(400);
    expect(injected.body.issues[0].path).toBe('toUserId');
    const delegated = await harness.call('post', `/api/tasks/${taskId}/delegate`, 'reviewer', {
      toUserId: 'reviewer-ann',
      comment: 'you know this buyer',
    });
    expect(delegated.body).toMatchObject({ userId: 'reviewer-ann', delegatedBy: 'reviewer-rob' });
    const annInbox = await callAs(harness, 'ann', 'get', '/api/inbox?view=mine');
    expect(annInbox.body.items.map((task: { id: string }) => task.id)).toContain(taskId);
    expect((await harness.call('post', `/api/tasks/${taskId}/unclaim`, 'reviewer')).status).toBe(
      409,
    );
    const released = await callAs(harness, 'ann', 'post', `/api/tasks/${taskId}/unclaim`);
    expect(released.body).toEqual({ released: true });
    const recordId = Buffer.from(taskId, 'base64url').toString();
    for (const action of ['task.claimed', 'task.delegated', 'task.unclaimed']) {
      expect(await auditEntries(harness, action, recordId)).toHaveLength(1);
    }
  });
});

describe('deciding', () => {
  it('counts a double click once and passes the engine’s four-eyes refusal on as 409', async () => {
    const { caseId, taskId } = await waitingCase();
    const requestId = randomUUID();
    const [first, second] = await Promise.all([
      decide(taskId, { verdict: 'approve', requestId }),
      decide(taskId, { verdict: 'approve', requestId }),
    ]);
    expect(first.body).toMatchObject({ approvals: 1, approvalsRequired: 2, closed: false });
    expect(second.body).toEqual(first.body);
    const twice = await decide(taskId, { verdict: 'approve', requestId: randomUUID() });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ error: 'decision_refused' });
    expect(twice.body.message).toContain('already decided');
    const recordId = Buffer.from(taskId, 'base64url').toString();
    expect(await auditEntries(harness, 'task.decided', recordId)).toHaveLength(1);

    const annDecision = { verdict: 'approve', requestId: randomUUID() };
    const decidePath = `/api/tasks/${taskId}/decide`;
    const annApproval = await callAs(harness, 'ann', 'post', decidePath, annDecision);
    expect(annApproval.body).toMatchObject({ approvals: 2, closed: true });
    await waitForStatus(harness, caseId, 'completed');
    const lateClick = await callAs(harness, 'ann', 'post', decidePath, annDecision);
    expect(lateClick.body).toEqual(annApproval.body);
    const run = await harness.call('get', `/api/runs/${caseId}`, 'admin');
    expect(run.body.case).toMatchObject({ outcome: 'refunded', decidedBy: 'people' });
  });

  it('refuses the requester’s own case with the engine’s reason', async () => {
    const input = { orderId: `444-${randomUUID().slice(0, 8)}`, amount: 90 };
    const own = await callAs(harness, 'lee', 'post', '/api/cases', { trigger: fourEyes, input });
    const taskId = await inboxTaskOf(harness, own.body.caseId);
    const refused = await callAs(harness, 'lee', 'post', `/api/tasks/${taskId}/decide`, {
      verdict: 'approve',
      requestId: randomUUID(),
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('decision_refused');
    expect(refused.body.message).toContain('may not decide their own request');
  });

  it('refuses a task claimed by someone else, a rejection without reason, and operator values', async () => {
    const { taskId } = await waitingCase();
    await callAs(harness, 'ann', 'post', `/api/tasks/${taskId}/claim`);
    const claimed = await decide(taskId, { verdict: 'approve', requestId: randomUUID() });
    expect(claimed.status).toBe(409);
    expect(claimed.body.message).toContain('claimed by reviewer-ann');
    const noReason = await decide(taskId, { verdict: 'reject', requestId: randomUUID() });
    expect(noReason.status).toBe(400);
    expect(noReason.body.issues[0].path).toBe('comment');
    const injected = await decide(taskId, { verdict: 'approve', requestId: { $gt: '' } });
    expect(injected.status).toBe(400);
    expect(injected.body.issues[0].path).toBe('requestId');
    const rejected = await callAs(harness, 'ann', 'post', `/api/tasks/${taskId}/decide`, {
      verdict: 'reject',
      comment: 'item was used',
      requestId: randomUUID(),
    });
    expect(rejected.body).toMatchObject({ closed: true });
  });

  it('hides from a reviewer limited to some marketplaces the tasks of cases outside them', async () => {
    const input = (amount: number) => ({ orderId: `444-${randomUUID().slice(0, 8)}`, amount });
    const submit = async (marketplace: string) => {
      const { body } = await harness.call('post', '/api/cases', 'requester', {
        trigger: fourEyes,
        input: input(150),
        marketplace,
      });
      return inboxTaskOf(harness, body.caseId);
    };
    const [german, american] = [await submit('amazon.de'), await submit('amazon.com')];
    const listed = async (scope: Record<string, string[]>) => {
      const caller = { ...testCallers.reviewer, scope };
      const query = { view: 'roles', sort: 'due', page: 1, pageSize: 100 } as const;
      const { items } = await harness.services.inbox.list(caller, query);
      return items.map((task) => task.id);
    };
    expect(await listed({ marketplaces: ['amazon.de'] })).toContain(german);
    expect(await listed({ marketplaces: ['amazon.de'] })).not.toContain(american);
    expect(await listed({})).toEqual(expect.arrayContaining([german, american]));
  });
});
