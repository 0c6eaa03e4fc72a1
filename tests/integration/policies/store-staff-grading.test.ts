import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '#platform/logger';
import { type ApiServices, createApiServices } from '../../../server/api-services.ts';
import { createApp } from '../../../server/app.ts';
import { bootstrapTokenAuthenticator } from '../../../server/auth/bootstrap-tokens.ts';
import type { ApiIdentity } from '../../../server/auth/identity.ts';
import { activityCatalog } from '../../../worker/activities/catalog.ts';
import { caseModel } from '../../../worker/activities/engine/case-record.ts';
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
const scenario = refundScenarioCases(runId, 1, new Date()).find((candidate) =>
  candidate.name.startsWith('unopened, no reason, within 7 days'),
) as RefundScenarioCase;
// Variant 0 is a buyer in SoHo (10012): the return is routed to nyc-soho.
const routedStore = 'nyc-soho';

const callers = {
  requester: { userId: 'ops-olga', name: 'Olga', roles: ['requester'], via: 'token' },
  admin: { userId: 'admin-ada', name: 'Ada', roles: ['admin'], via: 'token' },
  sohoStaff: {
    userId: 'staff-soho-sam',
    name: 'Sam',
    roles: ['reviewer'],
    groups: [`store.${routedStore}`],
    via: 'token',
  },
  chicagoStaff: {
    userId: 'staff-chicago-cy',
    name: 'Cy',
    roles: ['reviewer'],
    groups: ['store.chicago-loop'],
    via: 'token',
  },
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
  stack.emulator.controls.addOrders([scenario.order]);
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

  it("refuses another store's staff and a plain reviewer", async () => {
    const id = String(task.id);
    expect((await call('POST', `/api/tasks/${id}/claim`, 'chicagoStaff', {})).status).toBe(403);
    const byChicago = await call(
      'POST',
      `/api/tasks/${id}/decide`,
      'chicagoStaff',
      grading(`chicago-${runId}`),
    );
    expect(byChicago.status).toBe(409);
    expect(byChicago.body.message).toContain(`group "store.${routedStore}"`);
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
