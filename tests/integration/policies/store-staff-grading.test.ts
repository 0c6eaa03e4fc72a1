import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseModel } from '#platform/cases/case-record';
import { createLogger } from '#platform/logger';
import { type ApiServices, createApiServices } from '../../../server/api-services.ts';
import { createApp } from '../../../server/app.ts';
import { bootstrapTokenAuthenticator } from '../../../server/auth/bootstrap-tokens.ts';
import type { ApiIdentity } from '../../../server/auth/identity.ts';
import { demoUsers } from '../../../server/users/demo-users.ts';
import { activityCatalog } from '../../../worker/activities/catalog.ts';
import { testAuditProtection } from '../../support/audit-protection.ts';
import { listen, type RunningApp } from '../../support/http.ts';
import { openPolicyStack, type PolicyStack } from './policy-stack.ts';
import { type RefundScenarioCase, refundScenarioCases } from './refund-scenarios.ts';

// The shipped refund policy routes a merchant-fulfilled return to the nearest store; the
// grading task goes to that store's staff (group store.<storeId>), not to every reviewer.
const runId = randomUUID()
  .replace(/[^0-9]/g, '')
  .padEnd(6, '4')
  .slice(0, 6);
const scenarioNamed = (name: string) =>
  refundScenarioCases(runId, 1, new Date()).find((candidate) =>
    candidate.name.startsWith(name),
  ) as RefundScenarioCase;
const scenario = scenarioNamed('unopened, no reason, within 7 days');
// A refund decision for a reviewer: store staff must neither see nor decide it.
const reviewed = scenarioNamed('opened item within 7 days: standard review');
// Variant 0 is a buyer in SoHo (10012): the return is routed to nyc-soho.
const routedStore = 'nyc-soho';

/** A store's staff member with the roles and groups the demo seed gives them. */
function seededStaff(storeId: string): ApiIdentity {
  const seeded = demoUsers.find((user) => user.username === `staff-${storeId}`);
  if (!seeded) throw new Error(`no demo staff for ${storeId}`);
  const { roles, groups = [] } = seeded;
  return { userId: seeded.username, name: seeded.displayName, roles, groups, via: 'token' };
}

const callers = {
  requester: { userId: 'ops-olga', name: 'Olga', roles: ['requester'], via: 'token' },
  admin: { userId: 'admin-ada', name: 'Ada', roles: ['admin'], via: 'token' },
  sohoStaff: seededStaff(routedStore),
  chicagoStaff: seededStaff('chicago-loop'),
  reviewer: {
    userId: 'rev-rob',
    name: 'Rob',
    roles: ['reviewer'],
    groups: ['refund-reviewer'],
    via: 'token',
  },
} satisfies Record<string, ApiIdentity>;
type Caller = keyof typeof callers;
const tokens = Object.fromEntries(Object.keys(callers).map((name) => [name, randomUUID()])) as {
  [name in Caller]: string;
};

let stack: PolicyStack;
let services: ApiServices;
let api: RunningApp;
let task: Record<string, unknown>;
let reviewTask: Record<string, unknown>;

async function call(method: string, path: string, as: Caller, body?: unknown) {
  const response = await fetch(`${api.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${tokens[as]}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

const inboxOf = async (as: Caller) =>
  (await call('GET', `/api/inbox?q=${scenario.caseId}`, as)).body.items as Record<
    string,
    unknown
  >[];

/** The case's open task as the admin's inbox lists it, once the run has opened it. */
async function openTask(caseId: string): Promise<Record<string, unknown>> {
  for (;;) {
    const inbox = await call('GET', `/api/inbox?view=all&q=${caseId}`, 'admin');
    const found = (inbox.body.items as Record<string, unknown>[]).find((t) => t.caseId === caseId);
    if (found) return found;
    const run = await stack.temporal.workflow.getHandle(`case-${caseId}`).describe();
    if (run.status.name !== 'RUNNING') throw new Error(`Case ${caseId} ended without a task`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const grading = (requestId: string) => ({
  verdict: 'approve',
  form: { grade: 'new', notes: 'sealed, as sold' },
  requestId,
});

beforeAll(async () => {
  stack = await openPolicyStack(`store-staff-${runId}`);
  stack.emulator.controls.addOrders([scenario.order, reviewed.order]);
  services = createApiServices({
    temporal: stack.temporal,
    database: stack.database,
    taskQueue: stack.taskQueue,
    catalog: activityCatalog,
    logger: createLogger('store-staff-test', 'silent'),
    audit: testAuditProtection(),
  });
  const identities = Object.fromEntries(
    Object.entries(callers).map(([name, identity]) => [tokens[name as Caller], identity]),
  );
  api = await listen(
    createApp({ services, authenticate: bootstrapTokenAuthenticator(identities) }),
  );
  const submitted = await call('POST', '/api/cases', 'requester', {
    trigger: 'refund.requested',
    caseId: scenario.caseId,
    input: scenario.input,
  });
  expect(submitted.status).toBe(201);
  task = await openTask(scenario.caseId);
  const submittedForReview = await call('POST', '/api/cases', 'requester', {
    trigger: 'refund.requested',
    caseId: reviewed.caseId,
    input: reviewed.input,
  });
  expect(submittedForReview.status).toBe(201);
  reviewTask = await openTask(reviewed.caseId);
}, 300_000);
afterAll(async () => {
  await api?.close();
  await stack?.close();
});

describe("the refund policy's grading task goes to the routed store's staff", () => {
  it('is assigned to the group of the store the return was routed to', () => {
    expect(task).toMatchObject({ nodeId: 'inspect', assigneeGroup: `store.${routedStore}` });
    expect(task.assigneeRole).toBeUndefined();
  });

  it("shows the refund amount the run computed from Amazon's order", async () => {
    const { refundPrincipalCents = 0, taxCents } = scenario.expected;
    const [listed] = await inboxOf('sohoStaff');
    expect(listed?.amount).toMatchObject({
      field: 'refundTotalCents',
      cents: refundPrincipalCents + taxCents,
    });
  });

  it("is listed for that store's staff only: not another store's staff, not a reviewer", async () => {
    expect((await inboxOf('sohoStaff')).map((listed) => listed.nodeId)).toEqual(['inspect']);
    expect(await inboxOf('chicagoStaff')).toEqual([]);
    expect(await inboxOf('reviewer')).toEqual([]);
  });

  it("refuses another store's staff (the task is not theirs to see) and a plain reviewer", async () => {
    const id = String(task.id);
    expect((await call('GET', `/api/tasks/${id}`, 'chicagoStaff')).status).toBe(404);
    expect((await call('POST', `/api/tasks/${id}/claim`, 'chicagoStaff', {})).status).toBe(404);
    const byChicago = await call(
      'POST',
      `/api/tasks/${id}/decide`,
      'chicagoStaff',
      grading(`chicago-${runId}`),
    );
    expect(byChicago.status).toBe(404);
    const byReviewer = await call(
      'POST',
      `/api/tasks/${id}/decide`,
      'reviewer',
      grading(`reviewer-${runId}`),
    );
    expect(byReviewer.status).toBe(409);
    expect(byReviewer.body.message).toContain('rev-rob is not in it');
  });

  it("is decided by the store's staff, and the case stays decided by the rules", async () => {
    const decided = await call(
      'POST',
      `/api/tasks/${String(task.id)}/decide`,
      'sohoStaff',
      grading(`soho-${runId}`),
    );
    expect(decided.status).toBe(200);
    const result = await stack.temporal.workflow.getHandle(`case-${scenario.caseId}`).result();
    expect(result.outcome).toBe('refunded');
    expect(await caseModel(stack.database).findById(scenario.caseId).lean()).toMatchObject({
      outcome: 'refunded',
      decidedBy: 'rules',
    });
  });
});

describe('store staff never see or decide a refund decision', () => {
  it("does not list, show or accept a decision on a reviewer's task", async () => {
    expect(reviewTask).toMatchObject({ assigneeRole: 'reviewer' });
    const id = String(reviewTask.id);
    const listed = await call('GET', `/api/inbox?view=all&q=${reviewed.caseId}`, 'sohoStaff');
    expect(listed.body.items).toEqual([]);
    expect((await call('GET', `/api/tasks/${id}`, 'sohoStaff')).status).toBe(404);
    const decided = await call('POST', `/api/tasks/${id}/decide`, 'sohoStaff', {
      verdict: 'approve',
      requestId: `staff-review-${runId}`,
    });
    expect(decided.status).toBe(404);
    expect((await call('GET', `/api/tasks/${id}`, 'reviewer')).status).toBe(200);
  });
});
