import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseModel } from '#platform/cases/case-record';
import { waitUntil } from '../../../scripts/embedded/managed-process.ts';
import { userRecords } from '../../../server/users/user-records.ts';
import type { ApiHarness } from '../../support/api-harness.ts';
import { callAs, inboxTaskOf, openCaseApi, publish } from './case-api-support.ts';

let harness: ApiHarness;
const suffix = randomUUID().slice(0, 8);
const trigger = `return.requested.${suffix}`;
const flowKey = `photo-returns-${suffix}`;
const QUALITY = "Quality problem: review the buyer's photos";

/** A return flow with an input that lists its values and an amount kept in cents. */
function photoReturns() {
  return {
    key: flowKey,
    name: 'Photo returns',
    version: 1,
    inputs: {
      orderId: { type: 'string', required: true },
      reason: { type: 'string', required: true, enum: ['no-reason', 'quality-problem'] },
      refundCents: { type: 'integer', required: true },
      buyerEmail: { type: 'string', required: false, pii: true },
    },
    variables: {},
    nodes: [
      { id: 'start', kind: 'start', trigger },
      {
        id: 'why',
        kind: 'decision',
        label: 'Why returned',
        cases: [
          {
            id: 'quality',
            label: QUALITY,
            when: { '==': [{ var: 'reason' }, 'quality-problem'] },
          },
        ],
      },
      {
        id: 'photos',
        kind: 'approval',
        title: 'Check the photos',
        assignee: { role: 'refund-reviewer' },
      },
      { id: 'auto', kind: 'end', outcome: 'auto-approved' },
      { id: 'refunded', kind: 'end', outcome: 'refunded' },
      { id: 'rejected', kind: 'end', outcome: 'rejected' },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'why' },
      { id: 'e2', source: 'why', target: 'photos', handle: 'quality' },
      { id: 'e3', source: 'why', target: 'auto', handle: 'default' },
      { id: 'e4', source: 'photos', target: 'refunded', handle: 'approved' },
      { id: 'e5', source: 'photos', target: 'rejected', handle: 'rejected' },
    ],
  };
}

beforeAll(async () => {
  harness = await openCaseApi('requests-and-inbox');
  await enrol('requester-rita', 'Rita Requester', ['requester']);
  await enrol('reviewer-rob', 'Rob Reviewer', ['reviewer']);
  await publish(harness, photoReturns());
});
afterAll(async () => {
  await harness?.close();
});

async function enrol(userId: string, displayName: string, roles: string[]) {
  const now = new Date();
  await userRecords(harness.services.database).User.updateOne(
    { _id: userId },
    {
      $set: {
        username: userId,
        displayName,
        passwordHash: 'unused: calls with a token',
        passwordChangedAt: now,
        roles,
        groups: [],
        scope: {},
        disabled: false,
        createdAt: now,
        updatedAt: now,
      },
    },
    { upsert: true },
  );
}

const orderId = () => `114-${randomUUID().slice(0, 8)}`;

async function submit(input: Record<string, unknown>, marketplace = 'US') {
  return harness.call('post', '/api/cases', 'requester', { trigger, input, marketplace });
}

describe('requesters', () => {
  it('get a form per live trigger, generated from the flow’s declared inputs', async () => {
    const { status, body } = await harness.call('get', '/api/case-forms', 'requester');
    expect(status).toBe(200);
    const form = body.items.find((item: { trigger: string }) => item.trigger === trigger);
    expect(form).toMatchObject({
      flowKey,
      flowName: 'Photo returns',
      flowVersion: 1,
      inputs: {
        reason: { type: 'string', required: true, enum: ['no-reason', 'quality-problem'] },
        refundCents: { type: 'integer', required: true },
        buyerEmail: { pii: true },
      },
    });
  });

  it('are refused a value outside an input’s allowed values, with the field named', async () => {
    const refused = await submit({ orderId: orderId(), reason: 'broken', refundCents: 15000 });
    expect(refused.status).toBe(422);
    expect(refused.body.issues).toEqual([
      expect.objectContaining({ field: 'reason', code: 'input.not-in-enum' }),
    ]);
  });

  it('see their own cases with their status, and only those inside their scope', async () => {
    const mine = await submit({ orderId: orderId(), reason: 'no-reason', refundCents: 900 });
    expect(mine.status).toBe(201);
    const usha = await callAs(harness, 'usRequester', 'post', '/api/cases', {
      trigger,
      input: { orderId: orderId(), reason: 'no-reason', refundCents: 100 },
      marketplace: 'US',
    });
    expect(usha.status).toBe(201);
    // Submitted by Usha before her scope was narrowed to the US.
    const before = `before-narrowing-${suffix}`;
    await caseModel(harness.services.database).create({
      _id: before,
      workflowId: `case-${before}`,
      flowKey,
      flowVersion: 1,
      requestedBy: 'requester-us',
      marketplace: 'DE',
      submittedAt: new Date(),
      status: 'completed',
    });

    const rita = await harness.call('get', '/api/my-cases?pageSize=100', 'requester');
    expect(rita.status).toBe(200);
    const ritaIds = rita.body.items.map((c: { caseId: string }) => c.caseId);
    expect(ritaIds).toContain(mine.body.caseId);
    expect(ritaIds).not.toContain(usha.body.caseId);
    const status = rita.body.items.find((c: { caseId: string }) => c.caseId === mine.body.caseId);
    expect(['running', 'completed']).toContain(status.status);

    const hers = await callAs(harness, 'usRequester', 'get', '/api/my-cases?pageSize=100');
    expect(hers.body.items.map((c: { caseId: string }) => c.caseId)).toEqual([usha.body.caseId]);
    const bracketed = await harness.call('get', '/api/my-cases?status[$ne]=x', 'requester');
    expect(bracketed.status).toBe(400);
  });
});

describe('the reviewer’s inbox', () => {
  it('shows order, marketplace and amount, and filters by search, marketplace and flow', async () => {
    const german = orderId();
    const american = orderId();
    const de = await submit(
      { orderId: german, reason: 'quality-problem', refundCents: 15000 },
      'DE',
    );
    const us = await submit({ orderId: american, reason: 'quality-problem', refundCents: 2500 });
    const deTask = await inboxTaskOf(harness, de.body.caseId);
    const usTask = await inboxTaskOf(harness, us.body.caseId);
    const list = async (query: string) => {
      const { status, body } = await harness.call(
        'get',
        `/api/inbox?pageSize=100&${query}`,
        'reviewer',
      );
      expect(status, query).toBe(200);
      return body.items as {
        id: string;
        orderId?: string;
        marketplace?: string;
        amount?: object;
      }[];
    };

    const everything = await list('view=roles');
    expect(everything.find((task) => task.id === deTask)).toMatchObject({
      orderId: german,
      marketplace: 'DE',
      amount: { field: 'refundCents', cents: 15000 },
    });
    expect((await list(`q=${german.slice(-6).toUpperCase()}`)).map((t) => t.id)).toEqual([deTask]);
    const inGermany = (await list(`marketplace=DE&flowKey=${flowKey}`)).map((t) => t.id);
    expect(inGermany).toContain(deTask);
    expect(inGermany).not.toContain(usTask);
    expect((await list('flowKey=another-flow')).length).toBe(0);
    expect((await list('overdue=true')).map((t) => t.id)).not.toContain(deTask);
    const operator = await harness.call('get', '/api/inbox?q[$ne]=x', 'reviewer');
    expect(operator.status).toBe(400);
  });

  it('gives the task’s business reason and names people; "done" lists what I decided', async () => {
    const placed = await submit({
      orderId: orderId(),
      reason: 'quality-problem',
      refundCents: 4200,
    });
    const taskId = await inboxTaskOf(harness, placed.body.caseId);
    const detail = await harness.call('get', `/api/tasks/${taskId}`, 'reviewer');
    expect(detail.body.businessReason).toEqual({
      nodeId: 'why',
      label: QUALITY,
      rule: { '==': [{ var: 'reason' }, 'quality-problem'] },
    });
    expect(detail.body.people).toMatchObject({ 'requester-rita': 'Rita Requester' });

    expect(await doneIds()).not.toContain(taskId);
    const decided = await harness.call('post', `/api/tasks/${taskId}/decide`, 'reviewer', {
      verdict: 'approve',
      requestId: randomUUID(),
    });
    expect(decided.status).toBe(200);
    // The run records the decision in the inbox projection a moment after answering.
    await waitUntil(
      'the decided task under "done"',
      async () => (await doneIds()).includes(taskId),
      30_000,
    );
    const after = await harness.call('get', `/api/tasks/${taskId}`, 'reviewer');
    expect(after.body.people).toMatchObject({ 'reviewer-rob': 'Rob Reviewer' });
  });
});

async function doneIds(): Promise<string[]> {
  const { status, body } = await harness.call(
    'get',
    '/api/inbox?view=done&pageSize=100',
    'reviewer',
  );
  expect(status).toBe(200);
  return body.items.map((task: { id: string }) => task.id);
}
