import { randomInt } from 'node:crypto';
import { trusted } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseModel } from '#platform/cases/case-record';
import { createLogger } from '#platform/logger';
import { type ApiServices, createApiServices } from '../../../server/api-services.ts';
import type { ApiIdentity } from '../../../server/auth/identity.ts';
import type { BacktestResult } from '../../../server/backtests/backtest-job.ts';
import { FlowBacktests } from '../../../server/backtests/flow-backtests.ts';
import { DEMO_CASES } from '../../../server/demo/demo-cases.ts';
import { seedDemoCases } from '../../../server/demo/seed-demo-cases.ts';
import { demoUsers } from '../../../server/users/demo-users.ts';
import { activityCatalog } from '../../../worker/activities/catalog.ts';
import { testAuditProtection } from '../../support/audit-protection.ts';
import { refundDraftWithHighValue } from '../../support/refund-policy-drafts.ts';
import { savedTrailLines } from '../../support/saved-trails.ts';
import { openPolicyStack, type PolicyStack } from '../policies/policy-stack.ts';

// What the shipped refund policy does with each demo case on the emulator's orders, unattended.
const CLOSED: Record<string, string> = {
  'demo-refund-01': 'refunded',
  'demo-refund-02': 'refunded',
  'demo-refund-03': 'refunded',
  'demo-refund-04': 'refunded',
  'demo-refund-05': 'refunded',
  'demo-refund-06': 'refunded',
  'demo-refund-07': 'refunded',
  'demo-refund-08': 'rejected-late',
  'demo-refund-09': 'rejected-late',
  'demo-refund-10': 'intercept-requested',
  'demo-refund-11': 'order-cancelled',
  'demo-refund-12': 'cancel-requested',
};
const FOR_REVIEWERS = ['demo-refund-13', 'demo-refund-14', 'demo-refund-15'];
const FOR_A_REVIEWER = ['demo-refund-16', 'demo-refund-17'];
const FOR_SOHO_STAFF = 'demo-refund-18';
// Refunded on their own at 150.47, 164.54, 181.86 and 193.77 with tax.
const BETWEEN_150_AND_200 = [
  'demo-refund-03',
  'demo-refund-04',
  'demo-refund-05',
  'demo-refund-06',
];

const silent = createLogger('demo-cases-test', 'silent');
let stack: PolicyStack;
let services: ApiServices;
let firstSeeding: string[];

function demoUser(username: string): ApiIdentity {
  const user = demoUsers.find((candidate) => candidate.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  const { roles, groups = [] } = user;
  return { userId: username, name: user.displayName, roles, groups, via: 'session' };
}

async function inboxCases(username: string): Promise<string[]> {
  const page = await services.inbox.list(demoUser(username), {
    view: 'roles',
    sort: 'opened',
    page: 1,
    pageSize: 100,
  });
  return page.items.map((task) => task.caseId).sort();
}

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean) {
  const deadline = Date.now() + 150_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const closedOutcomes = async () => {
  const closed = await caseModel(stack.database)
    .find({ _id: trusted({ $in: Object.keys(CLOSED) }), status: trusted({ $ne: 'running' }) })
    .lean();
  return Object.fromEntries(closed.map((record) => [record._id, record.outcome]));
};

beforeAll(async () => {
  stack = await openPolicyStack(`demo-cases-${randomInt(1_000_000, 9_999_999)}`);
  services = createApiServices({
    temporal: stack.temporal,
    database: stack.database,
    taskQueue: stack.taskQueue,
    catalog: activityCatalog,
    logger: silent,
    audit: testAuditProtection(),
  });
  firstSeeding = await seedDemoCases(services, silent);
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

describe('the demo cases of a fresh npm start', () => {
  it('are submitted as the API submits a case: run, runs projection and audit log', async () => {
    expect(firstSeeding.sort()).toEqual(DEMO_CASES.map((demo) => demo.caseId).sort());
    const recorded = await caseModel(stack.database)
      .find({ _id: trusted({ $in: firstSeeding }) })
      .lean();
    expect(recorded.map((record) => record.flowKey)).toEqual(
      firstSeeding.map(() => 'marketplace-refund'),
    );
    const entries = await services.auditLog.list({ limit: 1_000 });
    const submitted = entries.filter((entry) => entry.action === 'case.submitted');
    expect(submitted.map((entry) => entry.target?.id).sort()).toEqual(firstSeeding.sort());
  });

  it('close on their own where the policy needs nobody, with the refund Amazon paid', async () => {
    const outcomes = await until(
      'demo cases closing',
      closedOutcomes,
      (closed) => Object.keys(closed).length === Object.keys(CLOSED).length,
    );
    expect(outcomes).toEqual(CLOSED);
    const Case = caseModel(stack.database);
    // A Black Friday deal: the free tumbler the buyer keeps (15.00) comes off the price.
    expect((await Case.findById('demo-refund-07').lean())?.refunded).toEqual({ USD: 113.82 });
    expect((await Case.findById('demo-refund-03').lean())?.refunded).toEqual({ USD: 150.47 });
  });

  it("wait in rob's and rae's inboxes, and a store's, nobody deciding", async () => {
    const reviewed = [...FOR_REVIEWERS, ...FOR_A_REVIEWER];
    for (const reviewer of ['rob', 'rae']) {
      const inbox = await until(
        `${reviewer}'s inbox`,
        () => inboxCases(reviewer),
        (cases) => reviewed.every((caseId) => cases.includes(caseId)),
      );
      expect(inbox).not.toContain(FOR_SOHO_STAFF);
    }
    const soho = await until(
      'the SoHo store staff inbox',
      () => inboxCases('staff-nyc-soho'),
      (cases) => cases.includes(FOR_SOHO_STAFF),
    );
    expect(soho).toEqual([FOR_SOHO_STAFF]);
    const waiting = await caseModel(stack.database)
      .find({ _id: trusted({ $in: [...reviewed, FOR_SOHO_STAFF] }) })
      .lean();
    expect(waiting.map((record) => record.status)).toEqual(waiting.map(() => 'running'));
    expect(
      (
        await savedTrailLines(stack.database, { caseId: { $in: [...reviewed, FOR_SOHO_STAFF] } })
      ).filter((line) => line.type === 'task.decided'),
    ).toEqual([]);
  });

  it('are the past cases a backtest of a 150.00 high-value threshold flips', async () => {
    await until(
      'demo cases closing',
      closedOutcomes,
      (closed) => Object.keys(closed).length === 12,
    );
    await stack.flows.saveDraft(refundDraftWithHighValue(15_000), 'admin-ada');
    const backtests = new FlowBacktests(stack.database, stack.flows);
    const started = await backtests.start('marketplace-refund', { range: 'all' }, 'admin-ada');
    await backtests.settled();
    const backtest = await backtests.get('marketplace-refund', started._id);
    expect(backtest.status).toBe('done');
    const result = backtest.result as unknown as BacktestResult;
    expect(result.summary.total.cases).toBe(Object.keys(CLOSED).length);
    expect(result.engineFaults).toEqual([]);
    expect(result.flips.map((flip) => flip.caseId).sort()).toEqual(BETWEEN_150_AND_200);
    for (const flip of result.flips) {
      expect(flip).toMatchObject({
        recordedOutcome: 'refunded',
        replayedOutcome: 'review:fourEyesReview',
      });
    }
  });

  it('are not submitted again by a second start', async () => {
    expect(await seedDemoCases(services, silent)).toEqual([]);
    const entries = await services.auditLog.list({ limit: 1_000 });
    expect(entries.filter((entry) => entry.action === 'case.submitted')).toHaveLength(
      DEMO_CASES.length,
    );
    expect(
      await caseModel(stack.database).countDocuments({
        _id: trusted({ $in: DEMO_CASES.map((demo) => demo.caseId) }),
      }),
    ).toBe(DEMO_CASES.length);
  });
});
