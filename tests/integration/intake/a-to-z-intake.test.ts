import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoLedger } from '../../../worker/activities/finance/index.ts';
import type { IntakeAccount } from '../../../worker/intake/intake-account.ts';
import { IntakeRecords } from '../../../worker/intake/intake-records.ts';
import { runScriptedCase } from '../policies/case-driver.ts';
import { openPolicyStack, type PolicyStack } from '../policies/policy-stack.ts';
import { emulatorAccount, emulatorPost, newRunId, outcomeOf, pollerFor } from './intake-support.ts';

const runId = newRunId();
let stack: PolicyStack;

beforeAll(async () => {
  stack = await openPolicyStack(`intake-a-to-z-${runId}`);
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

/** A delivered order of two items, $42 + $3.47 tax and $12 + $1 tax. */
async function twoItemOrder(orderId: string, n: number) {
  const items = [
    { id: `8${runId}00${n}001`, price: 42, tax: 3.47 },
    { id: `8${runId}00${n}002`, price: 12, tax: 1 },
  ];
  await emulatorPost(stack, '/_emulator/orders', {
    orderId,
    daysAgo: 15,
    channel: 'MFN',
    status: 'Shipped',
    items: items.map(({ id, price, tax }) => ({
      id,
      sku: `AZ-${id}`,
      asin: 'B0AZINTAKE',
      title: `Claimed item ${id}`,
      quantity: 1,
      price,
      tax,
    })),
    buyerEmail: 'buyer@example.com',
    buyerPostcode: '60602',
  });
  return items.map((item) => item.id);
}

/** An A-to-Z claim Amazon paid `minutesAgo` (events are listed once two minutes old). */
const paidClaim = (orderId: string, itemId: string, minutesAgo: number, principal: number) =>
  emulatorPost(stack, `/_emulator/orders/${orderId}/events`, {
    kind: 'guaranteeClaim',
    postedDate: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    items: [{ orderItemId: itemId, components: [{ type: 'Principal', amount: principal }] }],
  });

async function casesOfOrder(account: IntakeAccount, orderId: string) {
  const items = await new IntakeRecords(stack.database).itemsOf(account.accountId);
  return items.filter((item) => item._id.includes(orderId));
}

const pollClaims = async (account: IntakeAccount) =>
  (await pollerFor(stack, account).pollOnce()).find((tally) => tally.source === 'financial-events');

/** What the ledger booked for the order's A-to-Z claims: the case and its claims expense. */
const bookedClaims = async (orderId: string) =>
  (await new MongoLedger(stack.database).entries({ kind: 'guarantee-claim', orderId })).map(
    (entry) => ({
      caseId: entry.reference?.caseId,
      expense: entry.lines.find((line) => line.account === '5300')?.debit,
    }),
  );

describe('A-to-Z claims through intake', () => {
  it('start one case per claim, and each books its own claim once, not the order total', async () => {
    const account = emulatorAccount(stack, `acct-a-to-z-${runId}`);
    const orderId = `603-${runId}-0000001`;
    const [kettle, mug] = await twoItemOrder(orderId, 1);
    await paidClaim(orderId, String(kettle), 30, 42);
    await paidClaim(orderId, String(mug), 10, 12);

    expect(await pollClaims(account)).toMatchObject({ refused: 0 });
    const cases = await casesOfOrder(account, orderId);
    expect(cases).toHaveLength(2);
    for (const item of cases) {
      expect(item).toMatchObject({ outcome: 'started', flowKey: 'a-to-z-claim' });
      expect(item.droppedFacts).toBeUndefined();
      expect(await outcomeOf(stack.temporal, item._id)).toBe('granted-by-amazon');
    }
    const booked = await bookedClaims(orderId);
    expect(booked.map((entry) => entry.expense).sort()).toEqual([1200, 4200]);
    expect(booked.map((entry) => entry.caseId).sort()).toEqual(cases.map((c) => c._id).sort());

    // Read again, nothing starts or books twice.
    expect(await pollClaims(account)).toMatchObject({ started: 0, alreadyStarted: 0 });
    expect(await bookedClaims(orderId)).toHaveLength(2);
  }, 240_000);

  it('hands a case sent by hand that names no claim, on an order with two, to the team', async () => {
    const orderId = `603-${runId}-0000003`;
    const [kettle, mug] = await twoItemOrder(orderId, 3);
    // Posted before any poll's window here, so no intake case is about them.
    const tenDays = 10 * 24 * 60;
    await paidClaim(orderId, String(kettle), tenDays + 30, 42);
    await paidClaim(orderId, String(mug), tenDays, 12);
    const caseId = `az-by-hand-${runId}`;
    const run = await runScriptedCase(stack, {
      trigger: 'a-to-z.claim-filed',
      caseId,
      input: {
        orderId,
        claimId: `AZ-${caseId}`,
        claimReason: 'not-as-described',
        buyerEmail: 'buyer@example.com',
      },
      reviews: {},
    });
    expect(run.outcome).toBe('manual-handling');
    expect(await bookedClaims(orderId)).toEqual([]);
  }, 240_000);

  it('still starts a case when the published A-to-Z version predates the claim it names', async () => {
    const before = new URL(
      './fixtures/a-to-z-claim-before-named-claims.flow.json',
      import.meta.url,
    );
    await stack.flows.saveDraft(JSON.parse(readFileSync(before, 'utf8')), 'an admin');
    const published = await stack.flows.publish('a-to-z-claim', 'an admin');
    expect(published.definition.inputs).not.toHaveProperty('adjustmentId');

    const account = emulatorAccount(stack, `acct-a-to-z-older-${runId}`);
    const orderId = `603-${runId}-0000002`;
    const [kettle] = await twoItemOrder(orderId, 2);
    await paidClaim(orderId, String(kettle), 10, 42);

    await pollClaims(account);
    const [started, ...more] = await casesOfOrder(account, orderId);
    expect(more).toEqual([]);
    expect(started).toMatchObject({
      outcome: 'started',
      flowKey: 'a-to-z-claim',
      droppedFacts: ['adjustmentId', 'postedDate'],
    });
    const caseId = String(started?._id);
    expect(await outcomeOf(stack.temporal, caseId)).toBe('granted-by-amazon');
    expect(await bookedClaims(orderId)).toEqual([{ caseId, expense: 4200 }]);
  }, 240_000);
});
