import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalTaskModel } from '#platform/approval-tasks/approval-task-record';
import type { ApiHarness } from '../../support/api-harness.ts';
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
const trigger = `refund.requested.${randomUUID()}`;
const flowKey = `refund-review-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  harness = await openCaseApi('cases-api');
  await publish(harness, refundReviewFlow(flowKey, trigger));
});
afterAll(async () => {
  await harness?.close();
});

const submit = (body: Record<string, unknown>) =>
  harness.call('post', '/api/cases', 'requester', { trigger, ...body });
const order = () => `111-${randomUUID().slice(0, 8)}`;

describe('submitting a case', () => {
  it('starts the flow once per case id and lists it as running', async () => {
    const caseId = `case-${randomUUID()}`;
    const body = { caseId, input: { orderId: order(), amount: 120 }, marketplace: 'US' };
    const first = await submit(body);
    const again = await submit(body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      caseId,
      workflowId: `case-${caseId}`,
      flowKey,
      flowVersion: 1,
      started: true,
    });
    expect(again.body).toMatchObject({ caseId, workflowId: first.body.workflowId, started: false });
    const listed = await harness.call('get', `/api/runs?orderId=${body.input.orderId}`, 'auditor');
    expect(listed.body).toMatchObject({
      total: 1,
      items: [{ caseId, status: 'running', marketplace: 'US', requestedBy: 'requester-rita' }],
    });
    expect(await auditEntries(harness, 'case.submitted', caseId)).toHaveLength(1);
  });

  it('answers 409 naming what differs when a case id comes back with other content', async () => {
    const caseId = `case-${randomUUID()}`;
    const body = { caseId, input: { orderId: order(), amount: 120 }, marketplace: 'US' };
    expect((await submit(body)).status).toBe(201);

    const otherItem = await submit({ ...body, input: { ...body.input, amount: 95 } });
    expect(otherItem.status).toBe(409);
    expect(otherItem.body).toMatchObject({ error: 'case_conflict' });
    expect(otherItem.body.message).toContain('input.amount');
    const otherPlace = await submit({ ...body, marketplace: 'DE' });
    expect(otherPlace.status).toBe(409);
    expect(otherPlace.body.message).toContain('marketplace');
    // The same content again is the same case: no conflict, no second run.
    expect((await submit(body)).body).toMatchObject({ caseId, started: false });
    expect(await auditEntries(harness, 'case.submitted', caseId)).toHaveLength(1);
  });

  it('refuses a case outside the caller’s scope with 403, and lets one inside it through', async () => {
    const input = { orderId: order(), amount: 10 };
    const outside = await callAs(harness, 'usRequester', 'post', '/api/cases', {
      trigger,
      input,
      marketplace: 'DE',
    });
    const blank = await callAs(harness, 'usRequester', 'post', '/api/cases', { trigger, input });
    const inside = await callAs(harness, 'usRequester', 'post', '/api/cases', {
      trigger,
      input,
      marketplace: 'US',
    });
    expect([outside.status, blank.status, inside.status]).toEqual([403, 403, 201]);
  });

  it('answers bad input with 400 and field paths, and ill-typed case input with the flow’s field', async () => {
    const bad = await harness.call('post', '/api/cases', 'requester', {
      input: 'x',
      caseId: 'a/b',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'caseId',
      'input',
      'trigger',
    ]);
    const operator = await submit({ input: { orderId: { $gt: '' }, amount: 120 } });
    expect(operator.status).toBe(422);
    expect(operator.body.issues[0].field).toBe('orderId');
  });

  it('keeps reviewers and auditors from submitting', async () => {
    const answer = await harness.call('post', '/api/cases', 'reviewer', { trigger, input: {} });
    expect(answer.status).toBe(403);
  });
});

describe('listing runs', () => {
  const tag = randomUUID().slice(0, 6);
  const orders = [0, 1, 2, 3, 4].map((n) => `222-${tag}-${n}`);

  beforeAll(async () => {
    // Amounts below 50 close by the rule at once; above wait for a reviewer.
    for (const [n, orderId] of orders.entries()) {
      const answer = await submit({ input: { orderId, amount: n < 2 ? 10 : 100 } });
      expect(answer.status).toBe(201);
    }
  });

  it('pages newest first with the total', async () => {
    const first = await harness.call('get', `/api/runs?flowKey=${flowKey}&pageSize=2`, 'admin');
    const second = await harness.call(
      'get',
      `/api/runs?flowKey=${flowKey}&pageSize=2&page=2`,
      'admin',
    );
    expect(first.body.total).toBeGreaterThanOrEqual(5);
    expect(first.body.items.map((item: { orderId: string }) => item.orderId)).toEqual([
      orders[4],
      orders[3],
    ]);
    expect(second.body.items.map((item: { orderId: string }) => item.orderId)).toEqual([
      orders[2],
      orders[1],
    ]);
    const times = [...first.body.items, ...second.body.items].map(
      (item: { submittedAt: string }) => item.submittedAt,
    );
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('filters by status, outcome and submission period', async () => {
    const auto = await harness.call('get', `/api/runs?orderId=${orders[0]}`, 'admin');
    await waitForStatus(harness, auto.body.items[0].caseId, 'completed');
    const completed = await harness.call(
      'get',
      `/api/runs?flowKey=${flowKey}&status=completed&outcome=auto-approved&pageSize=100`,
      'admin',
    );
    const ids = completed.body.items.map((item: { orderId: string }) => item.orderId);
    expect(ids).toContain(orders[0]);
    expect(ids).not.toContain(orders[3]);
    expect(completed.body.items[0]).toMatchObject({
      decidedBy: 'rules',
      slaBreaches: 0,
      outcome: 'auto-approved',
    });
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const none = await harness.call('get', `/api/runs?flowKey=${flowKey}&from=${future}`, 'admin');
    expect(none.body).toMatchObject({ total: 0, items: [] });
    const past = await harness.call(
      'get',
      `/api/runs?flowKey=${flowKey}&to=${future}&pageSize=100`,
      'admin',
    );
    expect(past.body.total).toBeGreaterThanOrEqual(5);
  });

  it('treats an operator as data: as text it matches nothing, as a bracketed parameter it is refused', async () => {
    const asText = await harness.call(
      'get',
      `/api/runs?orderId=${encodeURIComponent('{"$gt":""}')}`,
      'admin',
    );
    expect(asText.body).toMatchObject({ total: 0, items: [] });
    const bracketed = await harness.call('get', '/api/runs?orderId[$gt]=', 'admin');
    expect(bracketed.status).toBe(400);
    const tooLarge = await harness.call('get', '/api/runs?pageSize=101', 'admin');
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.issues[0].path).toBe('pageSize');
  });

  it('shows a scoped user only the cases in their scope', async () => {
    const scoped = await callAs(harness, 'usRequester', 'get', '/api/runs?pageSize=100');
    expect(scoped.status).toBe(200);
    expect(scoped.body.total).toBeGreaterThan(0);
    expect(
      scoped.body.items.every((item: { marketplace?: string }) => item.marketplace === 'US'),
    ).toBe(true);
    const requester = await harness.call('get', '/api/runs', 'requester');
    expect(requester.status).toBe(403);
  });
});

describe('one run', () => {
  it('shows a waiting case live and a closed one from its saved trail', async () => {
    const waiting = await submit({ input: { orderId: order(), amount: 300 } });
    await inboxTaskOf(harness, waiting.body.caseId);
    const live = await harness.call('get', `/api/runs/${waiting.body.caseId}`, 'reviewer');
    expect(live.body).toMatchObject({
      source: 'live',
      case: { status: 'running' },
      input: { amount: 300 },
    });
    expect(live.body.openTasks).toMatchObject([{ nodeId: 'review' }]);

    const quick = await submit({ input: { orderId: order(), amount: 5 } });
    await waitForStatus(harness, quick.body.caseId, 'completed');
    const closed = await harness.call('get', `/api/runs/${quick.body.caseId}`, 'auditor');
    expect(closed.body).toMatchObject({
      source: 'saved',
      case: { outcome: 'auto-approved' },
      openTasks: [],
    });
    expect(closed.body.trail.map((event: { type: string }) => event.type)).toContain(
      'run.completed',
    );
  });

  it('answers 404 for an unknown case and 400 for a malformed id', async () => {
    expect((await harness.call('get', `/api/runs/${randomUUID()}`, 'admin')).status).toBe(404);
    expect((await harness.call('get', '/api/runs/a.b', 'admin')).status).toBe(400);
  });

  it('cancels a waiting case: its task closes as cancelled and the case says so', async () => {
    const submitted = await submit({ input: { orderId: order(), amount: 400 } });
    const { caseId } = submitted.body;
    await inboxTaskOf(harness, caseId);
    const noReason = await harness.call('post', `/api/runs/${caseId}/cancel`, 'admin', {});
    expect(noReason.status).toBe(400);
    const byReviewer = await harness.call('post', `/api/runs/${caseId}/cancel`, 'reviewer', {
      reason: 'x',
    });
    expect(byReviewer.status).toBe(403);
    const cancelled = await harness.call('post', `/api/runs/${caseId}/cancel`, 'admin', {
      reason: 'duplicate request',
    });
    expect(cancelled.status).toBe(202);
    await waitForStatus(harness, caseId, 'cancelled');
    const tasks = await approvalTaskModel(harness.services.database).find({ caseId }).lean();
    expect(tasks.map((task) => task.status)).toEqual(['cancelled']);
    const again = await harness.call('post', `/api/runs/${caseId}/cancel`, 'admin', {
      reason: 'again',
    });
    expect(again.status).toBe(409);
    const [audit] = await auditEntries(harness, 'case.cancelled', caseId);
    expect(audit?.details).toMatchObject({ reason: 'duplicate request' });
    expect(
      (await harness.call('post', `/api/runs/${randomUUID()}/cancel`, 'admin', { reason: 'x' }))
        .status,
    ).toBe(404);
  });
});
