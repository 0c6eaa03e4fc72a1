import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseTrailActivities } from '../../../worker/activities/engine/case-trail-activities.ts';
import type { ApiHarness } from '../../support/api-harness.ts';
import {
  inboxTaskOf,
  openCaseApi,
  publish,
  refundReviewFlow,
  waitForStatus,
} from './case-api-support.ts';

let harness: ApiHarness;
const suffix = randomUUID().slice(0, 8);
const review = { key: `review-${suffix}`, trigger: `refund.metrics.${suffix}` };
const expiring = { key: `expiring-${suffix}`, trigger: `refund.expiring.${suffix}` };
const refunds = `refunds-${suffix}`;

type CaseFigures = { caseId: string; submittedAt: string; closedAt?: string };

beforeAll(async () => {
  harness = await openCaseApi('metrics-api');
  await publish(harness, refundReviewFlow(review.key, review.trigger));
  const expiringFlow = refundReviewFlow(expiring.key, expiring.trigger, {
    sla: { durationSeconds: 1 },
  });
  expiringFlow.nodes.push({ id: 'expired', kind: 'end', outcome: 'expired' });
  expiringFlow.edges.push({ id: 'e6', source: 'review', target: 'expired', handle: 'timeout' });
  await publish(harness, expiringFlow);
});
afterAll(async () => {
  await harness?.close();
});

async function submit(trigger: string, amount: number): Promise<string> {
  const input = { orderId: `555-${randomUUID().slice(0, 8)}`, amount };
  const { status, body } = await harness.call('post', '/api/cases', 'requester', {
    trigger,
    input,
  });
  expect(status).toBe(201);
  return body.caseId;
}

async function decideFirstTask(caseId: string, verdict: 'approve' | 'reject') {
  const taskId = await inboxTaskOf(harness, caseId);
  const answer = await harness.call('post', `/api/tasks/${taskId}/decide`, 'reviewer', {
    verdict,
    requestId: randomUUID(),
    ...(verdict === 'reject' && { comment: 'not eligible' }),
  });
  expect(answer.status).toBe(200);
}

async function submittedAt(caseId: string): Promise<string> {
  const { body } = await harness.call('get', `/api/runs/${caseId}`, 'auditor');
  return body.case.submittedAt;
}

const metrics = async (query = '') => {
  const { status, body } = await harness.call('get', `/api/metrics${query}`, 'auditor');
  expect(status).toBe(200);
  return body;
};

/** The trail the marketplace refund step leaves: its output carries currency and net amount. */
const refundBatch = (caseId: string, amounts: [string, number][]) => {
  const at = new Date().toISOString();
  const events = [
    { sequence: 1, at, type: 'run.started', actor: 'requester-rita' },
    ...amounts.map(([currency, amount], index) => ({
      sequence: index + 2,
      at,
      type: 'activity.completed',
      nodeId: `refund${index}`,
      details: {
        activity: 'marketplace.issueRefund',
        input: { caseId, orderId: '111-1', reason: 'CustomerReturn' },
        output: { refundId: `RR-${caseId}-${index}`, status: 'done', currency, amount },
      },
    })),
    {
      sequence: amounts.length + 2,
      at,
      type: 'run.completed',
      details: { outcome: 'refunded' },
    },
  ];
  return {
    workflowId: `case-${caseId}`,
    runId: randomUUID(),
    caseId,
    flowKey: refunds,
    flowVersion: 1,
    events,
  };
};

describe('metrics', () => {
  it('counts cases, the share rules decided, time to decision and outcomes per flow', async () => {
    const auto = [
      await submit(review.trigger, 10),
      await submit(review.trigger, 20),
      await submit(review.trigger, 30),
    ];
    const approved = await submit(review.trigger, 100);
    const rejected = await submit(review.trigger, 200);
    await submit(review.trigger, 300);
    await decideFirstTask(approved, 'approve');
    await decideFirstTask(rejected, 'reject');
    const closed = [...auto, approved, rejected];
    for (const caseId of closed) await waitForStatus(harness, caseId, 'completed');

    const runs = await harness.call(
      'get',
      `/api/runs?flowKey=${review.key}&status=completed`,
      'admin',
    );
    const seconds = (runs.body.items as CaseFigures[])
      .map((run) => (Date.parse(run.closedAt as string) - Date.parse(run.submittedAt)) / 1_000)
      .sort((a, b) => a - b);
    const figures = (await metrics(`?flowKey=${review.key}`)).flows;
    expect(figures).toEqual([
      {
        flowKey: review.key,
        cases: 6,
        running: 1,
        closed: 5,
        autoDecidedShare: 0.6,
        timeToDecisionSeconds: { p50: seconds[2], p95: seconds[4] },
        slaBreaches: 0,
        refunded: {},
        outcomes: { 'auto-approved': 3, refunded: 1, rejected: 1 },
        backlog: { openTasks: 1, overdueTasks: 0, oldestOpenSince: expect.any(String) },
        versions: [expect.objectContaining({ flowVersion: 1, cases: 6, running: 1 })],
      },
    ]);
    const workload = { userId: 'reviewer-rob', decisions: 2, approved: 1, rejected: 1 };
    expect((await metrics(`?flowKey=${review.key}`)).reviewers).toEqual([
      { ...workload, decisionSeconds: { p50: expect.any(Number) } },
    ]);

    // A period that starts with the approved case leaves the three auto-approved ones out; one
    // that ends there holds only them, and nobody decided any of them.
    const submitted = await submittedAt(approved);
    const since = await metrics(`?flowKey=${review.key}&from=${submitted}`);
    expect(since.flows).toEqual([expect.objectContaining({ cases: 3, running: 1, closed: 2 })]);
    expect(since.reviewers).toEqual([expect.objectContaining(workload)]);
    const before = await metrics(`?flowKey=${review.key}&to=${submitted}`);
    expect(before.flows).toEqual([
      expect.objectContaining({ cases: 3, outcomes: { 'auto-approved': 3 } }),
    ]);
    expect(before.flows[0].backlog).toEqual({ openTasks: 0, overdueTasks: 0 });
    expect(before.reviewers).toEqual([]);
  });

  it('counts SLA breaches of tasks that timed out', async () => {
    const caseId = await submit(expiring.trigger, 500);
    await waitForStatus(harness, caseId, 'completed');
    const [flow] = (await metrics(`?flowKey=${expiring.key}`)).flows;
    expect(flow).toMatchObject({
      cases: 1,
      slaBreaches: 1,
      outcomes: { expired: 1 },
      autoDecidedShare: 1,
    });
  });

  it('totals completed refunds per currency, once however often the trail is saved', async () => {
    const { saveCaseTrail } = createCaseTrailActivities(harness.services.database);
    const first = randomUUID();
    const second = randomUUID();
    const batch = refundBatch(first, [
      ['USD', 12.1],
      ['USD', 7.2],
    ]);
    await saveCaseTrail(batch);
    await saveCaseTrail(batch);
    await saveCaseTrail(refundBatch(second, [['EUR', 30]]));
    const [flow] = (await metrics(`?flowKey=${refunds}`)).flows;
    expect(flow).toMatchObject({ cases: 2, closed: 2, refunded: { USD: 19.3, EUR: 30 } });
  });

  it('keeps to the period asked for and to auditors and admins', async () => {
    const later = new Date(Date.now() + 3_600_000).toISOString();
    expect((await metrics(`?from=${later}`)).flows).toEqual([]);
    const earlier = new Date(Date.now() - 3_600_000).toISOString();
    const keys = (await metrics(`?from=${earlier}&to=${later}`)).flows.map(
      (flow: { flowKey: string }) => flow.flowKey,
    );
    expect(keys).toEqual(expect.arrayContaining([review.key, expiring.key, refunds]));
    expect((await harness.call('get', '/api/metrics', 'reviewer')).status).toBe(403);
    expect((await harness.call('get', '/api/metrics?from=yesterday', 'admin')).status).toBe(400);
  });
});
