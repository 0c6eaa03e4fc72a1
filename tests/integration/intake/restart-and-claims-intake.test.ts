import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceTally } from '../../../worker/intake/account-poller.ts';
import type { IntakeAccount } from '../../../worker/intake/intake-account.ts';
import { type IntakeItem, IntakeRecords } from '../../../worker/intake/intake-records.ts';
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
  stack = await openPolicyStack(`intake-restart-${runId}`);
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

/** Intake's records, but the process dies once right after a case started, before its record. */
class DiesAfterStarting extends IntakeRecords {
  died = false;

  constructor(private readonly victim: string) {
    super(stack.database);
  }

  override async record(item: Omit<IntakeItem, 'at'>): Promise<void> {
    if (item._id === this.victim && !this.died) {
      this.died = true;
      throw new Error('worker killed');
    }
    await super.record(item);
  }
}

/** FBA returns, each refunded at once by the policy: a case started twice would refund twice. */
async function fbaReturns(account: string, count: number) {
  const rows = [];
  for (let index = 0; index < count; index += 1) {
    const orderId = `5${account}-${runId}-${String(index).padStart(7, '0')}`;
    const sku = `RESTART-${account}-${runId}-${index}`;
    await createOrder(stack, {
      orderId,
      sku,
      itemId: `7${account}${runId}${String(index).padStart(5, '0')}`,
      daysAgo: 4,
      channel: 'AFN',
      price: 15 + index,
      tax: 1.2,
    });
    const rowId = `LPN${account}${runId}${index}`;
    await emulatorPost(stack, '/_emulator/fba-returns', {
      orderId,
      sku,
      reason: 'UNWANTED_ITEM',
      id: rowId,
      returnDate: new Date(Date.now() - 3_600_000).toISOString(),
    });
    rows.push({ orderId, caseId: `fba-return-${rowId}` });
  }
  return rows;
}

const fbaTally = async (poll: Promise<SourceTally[]>) =>
  (await poll).find((tally) => tally.source === 'fba-returns');

describe('intake that dies midway', () => {
  it('starts nothing twice and misses nothing when a poll fails midway or dies after a start', async () => {
    const account: IntakeAccount = emulatorAccount(stack, `acct-restart-${runId}`);
    const rows = await fbaReturns('10', 5);
    const [, , third, fourth] = rows;
    if (!third || !fourth) throw new Error('five rows expected');
    const records = new IntakeRecords(stack.database);

    // Amazon fails on the third row's order items: the poll stops there, its cursor stays put.
    stack.emulator.controls.addFault({
      method: 'GET',
      path: `/orders/v0/orders/${third.orderId}/orderItems`,
      status: 500,
      times: 100,
    });
    await expect(pollerFor(stack, account).pollOnce()).rejects.toThrow();
    expect(await records.cursor(account.accountId, 'fba-returns')).toBeUndefined();
    stack.emulator.controls.clearFaults();

    // A restarted worker dies again, this time between starting the fourth case and noting it.
    const dying = new DiesAfterStarting(fourth.caseId);
    await expect(pollerFor(stack, account, dying).pollOnce()).rejects.toThrow('worker killed');
    expect(dying.died).toBe(true);

    // The next restart finishes the window: the fourth case is found started, none is new twice.
    expect(await fbaTally(pollerFor(stack, account).pollOnce())).toEqual({
      source: 'fba-returns',
      started: 1,
      alreadyStarted: 1,
      refused: 0,
      skipped: 3,
    });
    expect(await fbaTally(pollerFor(stack, account).pollOnce())).toMatchObject({
      started: 0,
      alreadyStarted: 0,
      skipped: 5,
    });

    // Every return ran once and was refunded once at Amazon.
    for (const row of rows) {
      expect(await outcomeOf(stack.temporal, row.caseId)).toBe('refunded');
      expect(stack.emulator.controls.feedsForOrder(row.orderId)).toHaveLength(1);
    }
    expect((await records.cursor(account.accountId, 'fba-returns'))?.seq).toBe(2);
  });
});

describe('several workers polling one account', () => {
  it('start each case once between them', async () => {
    const account = emulatorAccount(stack, `acct-racing-${runId}`);
    const rows = await fbaReturns('20', 4);
    const tallies = await Promise.all([
      fbaTally(pollerFor(stack, account).pollOnce()),
      fbaTally(pollerFor(stack, account).pollOnce()),
    ]);
    const started = tallies.reduce((sum, tally) => sum + (tally?.started ?? 0), 0);
    expect(started).toBe(rows.length);
    for (const row of rows) {
      expect(await outcomeOf(stack.temporal, row.caseId)).toBe('refunded');
      expect(stack.emulator.controls.feedsForOrder(row.orderId)).toHaveLength(1);
    }
  });
});

describe('claims intake', () => {
  it('starts the A-to-Z claim policy once for a claim Amazon paid, and the chargeback policy once for a chargeback', async () => {
    const account = emulatorAccount(stack, `acct-claims-${runId}`);
    const orderId = `600-${runId}-0000001`;
    const itemId = `8${runId}000001`;
    await createOrder(stack, {
      orderId,
      sku: `CLAIM-${runId}`,
      itemId,
      daysAgo: 12,
      price: 35,
      tax: 2.89,
    });
    // Financial events are listed once they are two minutes old.
    const postedDate = new Date(Date.now() - 10 * 60_000).toISOString();
    await emulatorPost(stack, `/_emulator/orders/${orderId}/events`, {
      kind: 'guaranteeClaim',
      postedDate,
      items: [{ orderItemId: itemId, components: [{ type: 'Principal', amount: 35 }] }],
    });
    const chargebackOrder = `601-${runId}-0000002`;
    await createOrder(stack, {
      orderId: chargebackOrder,
      sku: `CHARGEBACK-${runId}`,
      itemId: `8${runId}000002`,
      daysAgo: 20,
      price: 12,
      tax: 1,
    });
    await emulatorPost(stack, `/_emulator/orders/${chargebackOrder}/events`, {
      kind: 'chargeback',
      postedDate,
      items: [{ orderItemId: `8${runId}000002`, components: [{ type: 'Principal', amount: 12 }] }],
    });

    const claims = async () =>
      (await pollerFor(stack, account).pollOnce()).find(
        (tally) => tally.source === 'financial-events',
      );
    // Other tests' events of the same emulator are in the window too: count only ours.
    await claims();
    const ours = (await new IntakeRecords(stack.database).itemsOf(account.accountId)).filter(
      (item) => item._id.includes(orderId) || item._id.includes(chargebackOrder),
    );
    expect(ours.map(({ _id, outcome, flowKey }) => ({ _id, outcome, flowKey }))).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ outcome: 'started', flowKey: 'a-to-z-claim' }),
        expect.objectContaining({ outcome: 'started', flowKey: 'chargeback' }),
      ]),
    );
    expect(ours).toHaveLength(2);
    const claim = ours.find((item) => item.flowKey === 'a-to-z-claim');
    expect(claim?._id).toMatch(new RegExp(`^a-to-z-${orderId}-`));
    expect(await outcomeOf(stack.temporal, claim?._id ?? '')).toBe('granted-by-amazon');
    const chargeback = ours.find((item) => item.flowKey === 'chargeback');
    expect(chargeback?._id).toMatch(new RegExp(`^chargeback-${chargebackOrder}-`));
    expect(await outcomeOf(stack.temporal, chargeback?._id ?? '')).toBe('booked');

    expect(await claims()).toMatchObject({ started: 0, alreadyStarted: 0, refused: 0 });
  });
});
