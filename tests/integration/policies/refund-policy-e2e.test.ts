import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseModel } from '#platform/cases/case-record';
import { order, spApiEmulatorEnv } from '../../../emulators/sp-api/index.ts';
import { CaseRejected, caseWorkflowId, submitCase } from '../../../server/cases/case-submission.ts';
import { MongoLedger } from '../../../worker/activities/finance/index.ts';
import {
  loadMarketplaceConfig,
  SpApiMarketplaceAdapter,
} from '../../../worker/activities/marketplace/index.ts';
import { outboxModel } from '../../../worker/activities/notify/index.ts';
import { openRecipients } from '../../../worker/activities/notify/sealed-recipients.ts';
import type { FlowRunResult } from '../../../workflows/flow-run/types.ts';
import { savedTrailLines } from '../../support/saved-trails.ts';
import { runScriptedCase } from './case-driver.ts';
import { openPolicyStack, type PolicyStack } from './policy-stack.ts';
import { deciderOf, refundScenarioCases } from './refund-scenarios.ts';

// Three sellers' worth of cases at once: each shard has its own database, worker and emulator,
// as separate seller accounts would. (The FerretDB hang that first forced this split was the
// trail save re-sending saved events as upserts; see README, "What the code needs from MongoDB".)
const SHARDS = 3;
const CONCURRENT_CASES_PER_SHARD = 6;

async function inPool<T>(size: number, items: T[], work: (item: T) => Promise<void>) {
  const queue = [...items];
  const lane = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: size }, lane));
}

const runId = randomUUID()
  .slice(0, 6)
  .replace(/[^0-9]/g, '7')
  .padEnd(6, '7');
const cases = refundScenarioCases(runId, 5, new Date());
const stacks: PolicyStack[] = [];
const stackOfCase = new Map<string, PolicyStack>();
const results = new Map<string, FlowRunResult>();

function stackOf(caseId: string): PolicyStack {
  const stack = stackOfCase.get(caseId);
  if (!stack) throw new Error(`case ${caseId} ran nowhere`);
  return stack;
}

async function runShard(shard: number): Promise<void> {
  const stack = await openPolicyStack(`refund-policy-e2e-${runId}-${shard}`);
  stacks.push(stack);
  const mine = cases.filter((_, index) => index % SHARDS === shard);
  for (const scenario of mine) stackOfCase.set(scenario.caseId, stack);
  stack.emulator.controls.addOrders(mine.map((scenario) => scenario.order));
  for (const scenario of mine.filter((c) => c.amazonRefundedFirst)) {
    const line = scenario.order.items[0];
    stack.emulator.controls.postAmazonEvent(
      scenario.order.order.AmazonOrderId ?? '',
      'guaranteeClaim',
      [
        {
          orderItemId: line?.OrderItemId ?? '',
          components: [{ type: 'Principal', amount: Number(line?.ItemPrice?.Amount) }],
        },
      ],
    );
  }
  await inPool(CONCURRENT_CASES_PER_SHARD, mine, async (scenario) => {
    results.set(
      scenario.caseId,
      await runScriptedCase(stack, { trigger: 'refund.requested', ...scenario }),
    );
  });
}

beforeAll(async () => {
  await Promise.all(Array.from({ length: SHARDS }, (_, shard) => runShard(shard)));
}, 600_000);
afterAll(async () => {
  await Promise.all(stacks.map((stack) => stack.close()));
});

const adjustmentsFor = (caseId: string) =>
  stackOf(caseId)
    .emulator.controls.adjustments()
    .filter((adjustment) => adjustment.merchantAdjustmentItemId?.startsWith(`RR-${caseId}-`));

async function trailOf(caseId: string) {
  return savedTrailLines(stackOf(caseId).database, { caseId });
}

describe('the shipped marketplace refund policy, end to end', () => {
  it('runs a varied batch of at least 50 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
    expect(new Set(cases.map((c) => c.expected.outcome)).size).toBeGreaterThanOrEqual(5);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, scenario) => {
    const { caseId, expected } = scenario;
    const stack = stackOf(caseId);
    const result = results.get(caseId);
    expect(result?.outcome).toBe(expected.outcome);

    // Money: exactly one refund of the expected principal, or none at all.
    const applied = adjustmentsFor(caseId);
    if (expected.refundPrincipalCents === undefined) {
      expect(applied).toEqual([]);
    } else {
      expect(applied).toHaveLength(1);
      const principal = applied[0]?.components.find((c) => c.type === 'Principal');
      expect(Math.round((principal?.amount ?? 0) * 100)).toBe(expected.refundPrincipalCents);
    }

    // Ledger: a balanced refund entry with the refunded price and tax, a coupon when declined late.
    const entries = await new MongoLedger(stack.database).entries({ caseId });
    for (const entry of entries) {
      const debits = entry.lines.reduce((sum, line) => sum + line.debit, 0);
      const credits = entry.lines.reduce((sum, line) => sum + line.credit, 0);
      expect(debits).toBe(credits);
    }
    const refundEntry = entries.find((entry) => entry.key === `refund:RR-${caseId}`);
    if (expected.refundPrincipalCents === undefined) {
      expect(refundEntry).toBeUndefined();
    } else {
      const revenue = refundEntry?.lines.find((line) => line.account === '4000');
      expect(revenue?.debit).toBe(expected.refundPrincipalCents);
      const tax = refundEntry?.lines.find((line) => line.account === '2100');
      expect(tax?.debit).toBe(expected.taxCents);
    }
    const coupon = entries.find((entry) => entry.key === `coupon:${caseId}`);
    expect(coupon !== undefined).toBe(expected.coupon);
    if (expected.coupon) {
      expect(coupon?.lines).toContainEqual(
        expect.objectContaining({ account: '2200', credit: 1000 }),
      );
    }
    expect(entries).toHaveLength(
      (expected.refundPrincipalCents === undefined ? 0 : 1) + (expected.coupon ? 1 : 0),
    );

    // Stock: the graded unit sits at the nearest eligible store, in the grade's condition.
    const sku = String(scenario.input.sku);
    if (expected.stock) {
      const route = result?.variables.route as { storeId?: string } | undefined;
      expect(route?.storeId).toBe(expected.stock.storeId);
      const stock = await stack.stores.getStock(expected.stock.storeId, sku);
      expect(stock).toMatchObject({ [expected.stock.disposition]: 1 });
      const total = ['sellable', 'outlet', 'writtenOff'].reduce(
        (sum, field) => sum + Number((stock as Record<string, unknown>)[field] ?? 0),
        0,
      );
      expect(total).toBe(1);
    } else {
      expect(result?.variables.graded).toBeUndefined();
    }

    // Audit trail: the rule that decided, who decided what, and the outcome.
    const trail = await trailOf(caseId);
    expect(trail.at(-1)).toMatchObject({ type: 'run.completed' });
    if (expected.policyCase) {
      const policyRules = trail.filter((e) => e.type === 'rule.evaluated' && e.nodeId === 'policy');
      const fired = policyRules.find((e) => e.details?.result === true);
      const purpose = expected.policyCase === 'default' ? undefined : `case ${expected.policyCase}`;
      expect(fired?.details?.purpose).toBe(purpose);
    }
    const decided = trail.filter((e) => e.type === 'task.decided');
    const scripted = Object.values(scenario.reviews).flatMap((decisions) => decisions ?? []);
    expect(decided.map((e) => e.actor).sort()).toEqual(
      scripted.map((d) => deciderOf(d.by).userId).sort(),
    );

    // Decided by people only when a person decided; the store's grading (`inspect`) is work.
    const byPeople = Object.entries(scenario.reviews).some(
      ([nodeId, decisions]) => nodeId !== 'inspect' && (decisions ?? []).length > 0,
    );
    const record = await caseModel(stack.database).findById(caseId).lean();
    expect(record?.decidedBy).toBe(byPeople ? 'people' : 'rules');
  });

  it('the refund branch notified the buyer and every approval was made by distinct people', async () => {
    const highValue = cases.filter((c) => c.expected.policyCase === 'highValue');
    for (const scenario of highValue) {
      const trail = await trailOf(scenario.caseId);
      const approvers = trail
        .filter((e) => e.type === 'task.decided' && e.nodeId === 'fourEyesReview')
        .map((e) => e.actor);
      expect(new Set(approvers).size).toBe(approvers.length);
    }
    const refunded = cases.filter((c) => c.expected.outcome === 'refunded');
    const mails: string[] = [];
    for (const stack of stacks) {
      const outbox = await outboxModel(stack.database).find().lean();
      // The buyer's address is kept sealed in the outbox; open it as sending does.
      for (const message of outbox) {
        const email = message.email && (await openRecipients(message.email)).email;
        mails.push(JSON.stringify({ ...message, email }));
      }
    }
    for (const scenario of refunded) {
      const to = String(scenario.input.buyerEmail);
      const told = mails.filter((mail) => mail.includes(to) && mail.includes('Refund issued'));
      expect(told).toHaveLength(1);
    }
  });

  it('refuses a case that brings its own facts: days since delivery, amounts and sale events come from Amazon', async () => {
    const stack = stackOf(cases[0]?.caseId ?? '');
    for (const [field, value] of [
      ['daysSinceDelivery', -4],
      ['principalCents', 1],
      ['saleEvent', true],
      ['giftAndCouponCents', 1_500],
    ] as const) {
      const caseId = `own-facts-${field}-${runId}`;
      const submission = submitCase(stack, {
        trigger: 'refund.requested',
        input: { ...cases[0]?.input, [field]: value },
        requestedBy: 'ops-olga',
        caseId,
      });
      await expect(submission).rejects.toBeInstanceOf(CaseRejected);
      const started = stack.temporal.workflow.getHandle(caseWorkflowId(caseId));
      await expect(started.describe()).rejects.toThrow();
    }
  });

  it('refuses a case with missing data instead of auto-approving it', async () => {
    const { returnReason: _missing, ...incomplete } = cases[0]?.input ?? {};
    const stack = stackOf(cases[0]?.caseId ?? '');
    const submission = submitCase(stack, {
      trigger: 'refund.requested',
      input: incomplete,
      requestedBy: 'ops-olga',
      caseId: `incomplete-${runId}`,
    });
    await expect(submission).rejects.toBeInstanceOf(CaseRejected);
    const started = stack.temporal.workflow.getHandle(caseWorkflowId(`incomplete-${runId}`));
    await expect(started.describe()).rejects.toThrow();
  });

  it("takes an order not yet delivered down the cancel or intercept path, never a return's", async () => {
    const stack = stackOf(cases[0]?.caseId ?? '');
    const item = {
      id: `8${runId}0001`,
      sku: `E2E-${runId}-x`,
      asin: 'B0E2EXXXXX',
      title: 'Kettle',
    };
    const sketch = { ...item, quantity: 1, price: 40, tax: 3.3 };
    const unshipped = order(`7-${runId}-unshipped`, 1, 'MFN', 'Unshipped', [sketch], new Date());
    const unshippedFba = order(`7-${runId}-fba`, 1, 'AFN', 'Unshipped', [sketch], new Date());
    // Bought this morning and shipped: still inside the promised delivery window.
    const inTransit = order(`7-${runId}-transit`, 0, 'MFN', 'Shipped', [sketch], new Date());
    stack.emulator.controls.addOrders([unshipped, unshippedFba, inTransit]);
    const run = async (placed: typeof unshipped, outcome: string) => {
      const caseId = `not-delivered-${outcome}-${placed.order.FulfillmentChannel}-${runId}`;
      stackOfCase.set(caseId, stack);
      const result = await runScriptedCase(stack, {
        trigger: 'refund.requested',
        caseId,
        input: {
          ...cases[0]?.input,
          orderId: placed.order.AmazonOrderId,
          orderItemId: item.id,
          sku: item.sku,
        },
        reviews: {},
      });
      expect(result.outcome).toBe(outcome);
      expect(adjustmentsFor(caseId)).toEqual([]);
      const trail = (await trailOf(caseId)).map((event) => event.nodeId);
      expect(trail).not.toContain('createRma');
    };
    const mailsTo = async (team: string) =>
      (await outboxModel(stack.database).find({ 'email.to': team }).lean())
        .map((message) => message.email?.subject)
        .join();

    // Merchant-fulfilled and unshipped: cancelled on Amazon through an order acknowledgement feed.
    await run(unshipped, 'order-cancelled');
    const unshippedId = unshipped.order.AmazonOrderId ?? '';
    const cancellations = stack.emulator.controls
      .feeds()
      .filter((feed) => feed.feedType === 'POST_ORDER_ACKNOWLEDGEMENT_DATA');
    expect(cancellations.filter((feed) => feed.content?.includes(unshippedId))).toHaveLength(1);
    const amazon = new SpApiMarketplaceAdapter(
      loadMarketplaceConfig(spApiEmulatorEnv(stack.emulator.url)),
    );
    expect((await amazon.getOrder(unshippedId)).status).toBe('Canceled');
    expect(await mailsTo('fulfilment-team@acorn.example')).not.toContain(unshippedId);

    // Fulfilled by Amazon: not ours to cancel, the fulfilment team is asked.
    await run(unshippedFba, 'cancel-requested');
    expect(await mailsTo('fulfilment-team@acorn.example')).toContain(
      unshippedFba.order.AmazonOrderId,
    );
    await run(inTransit, 'intercept-requested');
    expect(await mailsTo('carrier-team@acorn.example')).toContain(inTransit.order.AmazonOrderId);
  });

  it('refunds two items of one order independently: the first refund does not block the second', async () => {
    const stack = stackOf(cases[0]?.caseId ?? '');
    const items = ['01', '02'].map((n) => ({
      id: `6${runId}00${n}`,
      sku: `E2E-${runId}-pair-${n}`,
      asin: `B0E2EPAI${n}`,
      title: `Mug ${n}`,
      quantity: 1,
      price: 18 + Number(n),
      tax: 1.5,
    }));
    const pair = order(`6-${runId}-pair`, 5, 'AFN', 'Shipped', items, new Date());
    stack.emulator.controls.addOrders([pair]);
    const orderId = pair.order.AmazonOrderId ?? '';
    for (const item of items) {
      const caseId = `pair-${item.id}-${runId}`;
      stackOfCase.set(caseId, stack);
      const result = await runScriptedCase(stack, {
        trigger: 'refund.requested',
        caseId,
        input: {
          ...cases[0]?.input,
          orderId,
          orderItemId: item.id,
          sku: item.sku,
          returnReason: 'no-reason',
          itemCondition: 'unopened',
        },
        reviews: {},
      });
      expect(result.outcome).toBe('refunded');
      const principal = adjustmentsFor(caseId)[0]?.components.find((c) => c.type === 'Principal');
      expect(principal?.amount).toBe(item.price);
    }
  });

  it("refunds an item's price after Amazon refunded only its shipping: already refunded is per component", async () => {
    const stack = stackOf(cases[0]?.caseId ?? '');
    const sketch = {
      id: `5${runId}0001`,
      sku: `E2E-${runId}-ship`,
      asin: 'B0E2ESHIP1',
      title: 'Teapot',
      quantity: 1,
      price: 27,
      tax: 2.2,
      shipping: 5.99,
    };
    const placed = order(`5-${runId}-shipping`, 5, 'AFN', 'Shipped', [sketch], new Date());
    stack.emulator.controls.addOrders([placed]);
    const orderId = placed.order.AmazonOrderId ?? '';
    stack.emulator.controls.postAmazonEvent(orderId, 'refund', [
      { orderItemId: sketch.id, components: [{ type: 'Shipping', amount: 5.99 }] },
    ]);
    const caseId = `shipping-first-${runId}`;
    stackOfCase.set(caseId, stack);
    const result = await runScriptedCase(stack, {
      trigger: 'refund.requested',
      caseId,
      input: { ...cases[0]?.input, orderId, orderItemId: sketch.id, sku: sketch.sku },
      reviews: {},
    });
    expect(result.outcome).toBe('refunded');
    const components = adjustmentsFor(caseId)[0]?.components ?? [];
    expect(components.map((c) => [c.type, c.amount])).toEqual([
      ['Principal', 27],
      ['Tax', 2.2],
    ]);
  });
});
