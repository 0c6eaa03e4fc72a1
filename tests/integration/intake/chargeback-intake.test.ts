import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoLedger } from '../../../worker/activities/finance/index.ts';
import { IntakeRecords } from '../../../worker/intake/intake-records.ts';
import { openPolicyStack, type PolicyStack } from '../policies/policy-stack.ts';
import {
  createOrder,
  emulatorAccount,
  emulatorPost,
  newRunId,
  outcomeOf,
  pollerFor,
} from './intake-support.ts';

const runId = newRunId();
let stack: PolicyStack;

beforeAll(async () => {
  stack = await openPolicyStack(`intake-chargebacks-${runId}`);
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

/** A chargeback Amazon posted `minutesAgo` (events are listed once two minutes old). */
const chargeback = (orderId: string, itemId: string, minutesAgo: number, principal: number) =>
  emulatorPost(stack, `/_emulator/orders/${orderId}/events`, {
    kind: 'chargeback',
    postedDate: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    items: [{ orderItemId: itemId, components: [{ type: 'Principal', amount: principal }] }],
  });

describe('chargebacks through intake', () => {
  it('start one case per chargeback, and each books its own amount once', async () => {
    const account = emulatorAccount(stack, `acct-chargebacks-${runId}`);
    const orderId = `602-${runId}-0000001`;
    const itemId = `8${runId}000011`;
    await createOrder(stack, {
      orderId,
      sku: `CB-${runId}`,
      itemId,
      daysAgo: 20,
      price: 42,
      tax: 3.47,
    });
    const ledger = new MongoLedger(stack.database);
    const records = new IntakeRecords(stack.database);
    const poll = async () =>
      (await pollerFor(stack, account).pollOnce()).find(
        (tally) => tally.source === 'financial-events',
      );
    const casesOfOrder = async () =>
      (await records.itemsOf(account.accountId)).filter((item) => item._id.includes(orderId));
    const bookedAmounts = async () =>
      (await ledger.entries({ kind: 'chargeback', orderId })).map((entry) => ({
        caseId: entry.reference?.caseId,
        expense: entry.lines.find((line) => line.account === '5300')?.debit,
      }));

    await chargeback(orderId, itemId, 30, 42);
    expect(await poll()).toMatchObject({ started: 1, refused: 0 });
    const [first, ...more] = await casesOfOrder();
    expect(more).toEqual([]);
    expect(first).toMatchObject({ outcome: 'started', flowKey: 'chargeback' });
    const firstCase = String(first?._id);
    expect(await outcomeOf(stack.temporal, firstCase)).toBe('booked');
    expect(await bookedAmounts()).toEqual([{ caseId: firstCase, expense: 4200 }]);

    // A second chargeback on the same order: its own case, its own amount, the first untouched.
    await chargeback(orderId, itemId, 10, 3.47);
    expect(await poll()).toMatchObject({ started: 1, refused: 0 });
    const second = (await casesOfOrder()).find((item) => item._id !== firstCase);
    expect(second).toMatchObject({ outcome: 'started', flowKey: 'chargeback' });
    const secondCase = String(second?._id);
    expect(await outcomeOf(stack.temporal, secondCase)).toBe('booked');
    expect(await bookedAmounts()).toEqual([
      { caseId: firstCase, expense: 4200 },
      { caseId: secondCase, expense: 347 },
    ]);

    // Read again, nothing starts twice.
    expect(await poll()).toMatchObject({ started: 0, alreadyStarted: 0, refused: 0 });
    expect(await casesOfOrder()).toHaveLength(2);
  }, 240_000);
});
