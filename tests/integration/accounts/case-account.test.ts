import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseModel } from '#platform/cases/case-record';
import { createLogger } from '#platform/logger';
import { order, type SpApiEmulator, startSpApiEmulator } from '../../../emulators/sp-api/index.ts';
import { type ApiServices, createApiServices } from '../../../server/api-services.ts';
import { createApp } from '../../../server/app.ts';
import { bootstrapTokenAuthenticator } from '../../../server/auth/bootstrap-tokens.ts';
import type { ApiIdentity } from '../../../server/auth/identity.ts';
import { activityCatalog } from '../../../worker/activities/catalog.ts';
import { rmaModel } from '../../../worker/activities/store/mongo/store-records.ts';
import { testAuditProtection } from '../../support/audit-protection.ts';
import { listen, type RunningApp } from '../../support/http.ts';
import {
  type AccountStack,
  DE_CREDENTIALS,
  deAccount,
  inGermany,
  openAccountStack,
} from './account-stack.ts';

const runId = randomUUID()
  .replace(/[^0-9]/g, '')
  .padEnd(7, '5')
  .slice(0, 7);
let stack: AccountStack;
let second: SpApiEmulator;
let api: RunningApp;
let services: ApiServices;

const callers = {
  requester: { userId: 'ops-olga', name: 'Olga', roles: ['requester'], via: 'token' },
  admin: { userId: 'admin-ada', name: 'Ada', roles: ['admin'], via: 'token' },
  usOnly: {
    userId: 'ops-usha',
    name: 'Usha',
    roles: ['requester'],
    scope: { marketplaces: ['US'] },
    via: 'token',
  },
} satisfies Record<string, ApiIdentity>;
const tokens = { requester: randomUUID(), admin: randomUUID(), usOnly: randomUUID() };

async function call(method: string, path: string, as: keyof typeof callers, body?: unknown) {
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

/** A one-item order sold on amazon.de, kept by the second German account's Amazon only. */
function germanReturn(index: number, channel: 'AFN' | 'MFN', daysAgo: number) {
  const orderId = `303-${runId}-000000${index}`;
  const orderItemId = `63${runId}0000${index}`;
  const line = {
    id: orderItemId,
    sku: `ACC2-${runId}-${index}`,
    asin: `B0ACCDE00${index}`,
    title: 'Teapot sold in Germany',
    quantity: 1,
    price: 29.9,
    tax: 5.68,
  };
  return {
    order: inGermany(order(orderId, daysAgo, channel, 'Shipped', [line], new Date())),
    caseId: `acc2-${index}-${runId}`,
    input: {
      orderId,
      orderItemId,
      sku: line.sku,
      quantity: 1,
      returnReason: 'no-reason',
      itemCondition: 'unopened',
      buyerEmail: `buyer-de-${index}-${runId}@example.com`,
      buyerPostcode: '10115',
    },
  };
}

// Fulfilled by Amazon, back a day ago: refunded unattended.
const refunded = germanReturn(1, 'AFN', 3);
// Merchant-fulfilled, delivered five days ago: auto-approved, an RMA, then the store grades it.
const graded = germanReturn(2, 'MFN', 7);

beforeAll(async () => {
  stack = await openAccountStack(`case-account-${runId}`);
  // A second German account beside eu-main: the marketplace alone no longer says which.
  second = await startSpApiEmulator({
    feedStepMs: 50,
    sellerId: 'A1DESECOND',
    credentials: DE_CREDENTIALS,
  });
  await stack.directory.save(
    'eu-second',
    { ...deAccount(second.url), displayName: 'Acorn Europe 2', merchantId: 'A1DESECOND' },
    'test-admin',
  );
  second.controls.addOrders([refunded.order, graded.order]);
  services = createApiServices({
    temporal: stack.temporal,
    database: stack.database,
    taskQueue: stack.taskQueue,
    catalog: activityCatalog,
    logger: createLogger('case-account-test', 'silent'),
    audit: testAuditProtection(),
  });
  const identities = Object.fromEntries(
    Object.entries(callers).map(([name, identity]) => [
      tokens[name as keyof typeof tokens],
      identity,
    ]),
  );
  api = await listen(
    createApp({ services, authenticate: bootstrapTokenAuthenticator(identities) }),
  );
}, 300_000);
afterAll(async () => {
  await api?.close();
  await stack?.close();
  await second?.close();
});

const submission = (scripted: typeof refunded, extra: Record<string, unknown>) => ({
  trigger: 'refund.requested',
  caseId: scripted.caseId,
  input: scripted.input,
  marketplace: 'DE',
  ...extra,
});

describe('a case that names its account', () => {
  it('goes through that account for every Amazon step, and the case records it', async () => {
    const answer = await call(
      'POST',
      '/api/cases',
      'requester',
      submission(refunded, { account: 'eu-second' }),
    );
    expect(answer.status).toBe(201);
    const result = await stack.temporal.workflow.getHandle(answer.body.workflowId).result();
    expect(result.outcome).toBe('refunded');
    const adjustments = second.controls.adjustments().map((a) => a.merchantAdjustmentItemId);
    expect(adjustments).toEqual([`RR-${refunded.caseId}-1`]);
    expect(stack.de.controls.adjustments()).toEqual([]);
    expect(stack.fallback.controls.requests()).toEqual([]);
    const record = await caseModel(stack.database).findById(refunded.caseId).lean();
    expect(record?.account).toBe('eu-second');
  });

  it("opens the store's task with the account, and the RMA carries the case's marketplace", async () => {
    const answer = await call(
      'POST',
      '/api/cases',
      'requester',
      submission(graded, { account: 'eu-second' }),
    );
    expect(answer.status).toBe(201);
    const task = await openTaskOf(graded.caseId);
    expect(task).toMatchObject({ nodeId: 'inspect', account: 'eu-second', marketplace: 'DE' });
    const detail = await call('GET', `/api/tasks/${String(task.id)}`, 'admin');
    expect(detail.body.case).toMatchObject({ account: 'eu-second', marketplace: 'DE' });
    const rmas = await rmaModel(stack.database).find({ orderId: graded.input.orderId }).lean();
    expect(rmas.map((rma) => rma.marketplace)).toEqual(['DE']);
    await stack.temporal.workflow.getHandle(answer.body.workflowId).cancel();
  });

  it('refuses an account that is not configured or does not sell in the marketplace (400)', async () => {
    const unknown = await call(
      'POST',
      '/api/cases',
      'requester',
      submission(germanReturn(3, 'AFN', 3), { account: 'eu-nowhere' }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('eu-nowhere');

    const elsewhere = await call(
      'POST',
      '/api/cases',
      'requester',
      submission(germanReturn(4, 'AFN', 3), { account: 'us-main' }),
    );
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.message).toContain('does not sell in marketplace DE');

    const { marketplace: _none, ...noMarketplace } = submission(germanReturn(5, 'AFN', 3), {
      account: 'eu-second',
    });
    expect((await call('POST', '/api/cases', 'requester', noMarketplace)).status).toBe(400);
    for (const index of [3, 4, 5]) {
      const caseId = `acc2-${index}-${runId}`;
      expect(await caseModel(stack.database).findById(caseId).lean()).toBeNull();
    }
  });

  it("refuses a case outside the caller's scope (403), whatever account it names", async () => {
    const answer = await call(
      'POST',
      '/api/cases',
      'usOnly',
      submission(germanReturn(6, 'AFN', 3), { account: 'eu-second' }),
    );
    expect(answer.status).toBe(403);
  });

  it('answers 409 when the same case id comes again with another account', async () => {
    const answer = await call(
      'POST',
      '/api/cases',
      'requester',
      submission(refunded, { account: 'eu-main' }),
    );
    expect(answer.status).toBe(409);
    expect(answer.body.message).toContain('account');
  });
});

/** The case's open task as the admin's inbox lists it, once the run has opened it. */
async function openTaskOf(caseId: string): Promise<Record<string, unknown>> {
  for (;;) {
    const inbox = await call('GET', `/api/inbox?view=all&q=${caseId}`, 'admin');
    const task = (inbox.body.items as Record<string, unknown>[]).find((t) => t.caseId === caseId);
    if (task) return task;
    const run = await stack.temporal.workflow.getHandle(`case-${caseId}`).describe();
    if (run.status.name !== 'RUNNING') throw new Error(`Case ${caseId} ended without a task`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
