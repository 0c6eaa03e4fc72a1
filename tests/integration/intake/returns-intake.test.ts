import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseModel } from '#platform/cases/case-record';
import type { IntakeAccount } from '../../../worker/intake/intake-account.ts';
import { IntakeRecords } from '../../../worker/intake/intake-records.ts';
import { startIntake } from '../../../worker/intake/intake-scheduler.ts';
import { openPolicyStack, type PolicyStack } from '../policies/policy-stack.ts';
import {
  createOrder,
  decisionOf,
  emulatorAccount,
  emulatorPost,
  intakeAudit,
  newRunId,
  type OrderSketch,
  orderWithReturn,
  outcomeOf,
  POLL,
  pollerFor,
} from './intake-support.ts';

const runId = newRunId();
let stack: PolicyStack;
let account: IntakeAccount;

beforeAll(async () => {
  stack = await openPolicyStack(`intake-returns-${runId}`);
  account = emulatorAccount(stack, `acct-returns-${runId}`);
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

interface Branch extends OrderSketch {
  name: string;
  report: 'returns' | 'fba-returns';
  reason: string;
  /** The `policy` case that fires; undefined for the default review, absent when none runs. */
  purpose?: string;
  openTask?: string;
  outcome?: string;
  amazonRefundedFirst?: boolean;
}

// An emulated order is delivered two days after purchase.
const branches: Omit<Branch, 'orderId' | 'sku' | 'itemId'>[] = [
  {
    name: 'no reason, within 7 days: auto-approved, then the store grades it',
    report: 'returns',
    reason: 'CR-UNWANTED_ITEM',
    daysAgo: 5,
    price: 24.99,
    tax: 2.06,
    purpose: 'case autoApprove',
    openTask: 'inspect',
  },
  {
    name: 'defective: the quality-problem review',
    report: 'returns',
    reason: 'CR-DEFECTIVE',
    daysAgo: 6,
    price: 69,
    tax: 5.69,
    purpose: 'case qualityProblem',
    openTask: 'photoReview',
  },
  {
    name: 'more than 15 days after delivery: declined with a coupon',
    report: 'returns',
    reason: 'CR-UNWANTED_ITEM',
    daysAgo: 22,
    price: 58,
    tax: 4.79,
    purpose: 'case late',
    outcome: 'rejected-late',
  },
  {
    name: 'high value: two approvers',
    report: 'returns',
    reason: 'CR-UNWANTED_ITEM',
    daysAgo: 4,
    price: 349,
    tax: 28.79,
    purpose: 'case highValue',
    openTask: 'fourEyesReview',
  },
  {
    name: 'not as described: the standard review',
    report: 'returns',
    reason: 'AMZ-PG-BAD-DESC',
    daysAgo: 5,
    price: 32.5,
    tax: 2.68,
    openTask: 'review',
  },
  {
    name: 'fulfilled by Amazon, back in a fulfilment centre: refunded at once',
    report: 'fba-returns',
    channel: 'AFN',
    reason: 'UNWANTED_ITEM',
    daysAgo: 4,
    price: 19.99,
    tax: 1.65,
    purpose: 'case autoApprove',
    outcome: 'refunded',
  },
  {
    name: 'Amazon refunded it already: nothing sent twice',
    report: 'returns',
    reason: 'CR-UNWANTED_ITEM',
    daysAgo: 5,
    price: 42,
    tax: 3.47,
    amazonRefundedFirst: true,
    outcome: 'already-refunded',
  },
];

describe('returns intake', () => {
  it('starts exactly one case per returns-report row, for every branch of the refund policy, with the facts of Amazon', async () => {
    const placed = branches.map((branch, index): Branch & { rowId: string } => ({
      ...branch,
      orderId: `4${String(index).padStart(2, '0')}-${runId}-${String(index).padStart(7, '0')}`,
      sku: `INTAKE-${runId}-${index}`,
      itemId: `6${runId}${String(index).padStart(6, '0')}`,
      rowId: `R${runId}${index}`,
    }));
    for (const branch of placed) {
      await createOrder(stack, branch);
      if (branch.amazonRefundedFirst) {
        await emulatorPost(stack, `/_emulator/orders/${branch.orderId}/events`, {
          kind: 'refund',
          items: [{ orderItemId: branch.itemId, components: [{ type: 'Principal', amount: 42 }] }],
        });
      }
      await emulatorPost(stack, `/_emulator/${branch.report}`, {
        orderId: branch.orderId,
        sku: branch.sku,
        reason: branch.reason,
        id: branch.rowId,
        returnDate: new Date(Date.now() - 3_600_000).toISOString(),
      });
    }

    const poller = pollerFor(stack, account);
    const first = await poller.pollOnce();
    expect(first).toEqual([
      { source: 'mfn-returns', started: 6, alreadyStarted: 0, refused: 0, skipped: 0 },
      { source: 'fba-returns', started: 1, alreadyStarted: 0, refused: 0, skipped: 0 },
      { source: 'financial-events', started: 0, alreadyStarted: 0, refused: 0, skipped: 0 },
    ]);

    for (const branch of placed) {
      const caseId = `${branch.report === 'returns' ? 'return' : 'fba-return'}-${branch.rowId}`;
      const { purpose, state } = await decisionOf(stack.temporal, caseId);
      // The facts are Amazon's order, read by the flow: the row named only order, SKU, reason.
      const facts = state.variables.facts as Record<string, unknown>;
      expect(facts, branch.name).toMatchObject({
        orderId: branch.orderId,
        orderItemId: branch.itemId,
        fulfillmentChannel: branch.channel ?? 'MFN',
        daysSinceDelivery: branch.daysAgo - 2,
      });
      // What is still refundable: all of it, unless Amazon refunded the item first.
      if (!branch.amazonRefundedFirst) {
        expect(facts, branch.name).toMatchObject({
          principalCents: Math.round(branch.price * 100),
          taxCents: Math.round(branch.tax * 100),
        });
      }
      if (branch.amazonRefundedFirst) {
        expect(await outcomeOf(stack.temporal, caseId), branch.name).toBe(branch.outcome);
        continue;
      }
      expect(purpose, branch.name).toBe(branch.purpose);
      if (branch.openTask) {
        const tasks = await waitForTask(caseId);
        expect(tasks, branch.name).toContain(branch.openTask);
      }
      if (branch.outcome) {
        expect(await outcomeOf(stack.temporal, caseId), branch.name).toBe(branch.outcome);
      }
      const record = await caseModel(stack.database).findById(caseId).lean();
      expect(record, branch.name).toMatchObject({
        orderId: branch.orderId,
        requestedBy: `amazon-intake:${account.accountId}`,
        trigger: 'refund.requested',
      });
    }
    // Exactly one refund reached Amazon, for the FBA return; the rest wait for people or stores.
    const fba = placed.find((branch) => branch.report === 'fba-returns');
    expect(stack.emulator.controls.feedsForOrder(fba?.orderId ?? '')).toHaveLength(1);

    // Polling again finds every row dealt with and starts nothing.
    const again = await pollerFor(stack, account).pollOnce();
    expect(
      again.map(({ source, started, alreadyStarted, skipped }) => ({
        source,
        started,
        alreadyStarted,
        skipped,
      })),
    ).toEqual([
      { source: 'mfn-returns', started: 0, alreadyStarted: 0, skipped: 6 },
      { source: 'fba-returns', started: 0, alreadyStarted: 0, skipped: 1 },
      { source: 'financial-events', started: 0, alreadyStarted: 0, skipped: 0 },
    ]);
    const items = await new IntakeRecords(stack.database).itemsOf(account.accountId);
    expect(items).toHaveLength(7);
    expect(items.every((item) => item.outcome === 'started')).toBe(true);
  });
});

describe('the intake schedule', () => {
  it('polls each account on its own until stopped', async () => {
    const scheduled = emulatorAccount(stack, `acct-scheduled-${runId}`);
    const sketch = {
      orderId: `490-${runId}-0000001`,
      sku: `SCHEDULED-${runId}`,
      itemId: `6${runId}900001`,
      daysAgo: 5,
      price: 20,
      tax: 1.65,
    };
    await orderWithReturn(stack, sketch, `S${runId}`);
    const intake = startIntake({
      database: stack.database,
      temporal: stack.temporal,
      taskQueue: stack.taskQueue,
      accounts: [scheduled],
      config: { pollIntervalMs: 200, poll: POLL },
      logger: pino({ level: 'silent' }),
      auditKeys: intakeAudit.keys,
    });
    const records = new IntakeRecords(stack.database);
    while (!(await records.seen(`return-S${runId}`))) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await intake.stop();
    expect(await records.seen(`return-S${runId}`)).toMatchObject({ outcome: 'started' });
  });
});

async function waitForTask(caseId: string): Promise<string[]> {
  for (;;) {
    const { state } = await decisionOf(stack.temporal, caseId);
    if (state.openTasks.length > 0 || state.status !== 'running') {
      return state.openTasks.map((task) => task.nodeId);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
