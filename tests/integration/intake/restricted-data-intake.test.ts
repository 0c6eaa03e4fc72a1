import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeAccount } from '../../../worker/intake/intake-account.ts';
import { IntakeRecords } from '../../../worker/intake/intake-records.ts';
import { openPolicyStack, type PolicyStack } from '../policies/policy-stack.ts';
import {
  createOrder,
  emulatorAccount,
  emulatorPost,
  newRunId,
  pollerFor,
} from './intake-support.ts';

const runId = newRunId();
const RDT_PATH = '/tokens/2021-03-01/restrictedDataToken';
let stack: PolicyStack;
let account: IntakeAccount;

beforeAll(async () => {
  stack = await openPolicyStack(`intake-rdt-${runId}`);
  account = emulatorAccount(stack, `acct-rdt-${runId}`);
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const orderIdOf = (n: number) => `41${n}-${runId}-000000${n}`;

async function returnOf(n: number) {
  const sketch = {
    orderId: orderIdOf(n),
    sku: `RDT-${runId}-${n}`,
    itemId: `7${runId}00000${n}`,
    daysAgo: 5,
    price: 24.99,
    tax: 2.06,
  };
  await createOrder(stack, sketch);
  await emulatorPost(stack, '/_emulator/returns', {
    orderId: sketch.orderId,
    sku: sketch.sku,
    reason: 'CR-UNWANTED_ITEM',
    id: `RDT${runId}${n}`,
    returnDate: new Date(Date.now() - 3_600_000).toISOString(),
  });
}

const mfnTally = (tallies: { source: string }[]) =>
  tallies.find((tally) => tally.source === 'mfn-returns');

describe('buyer data through a Restricted Data Token', () => {
  it('Amazon hides the buyer from getOrder without an RDT, and an RDT opens only its own order', async () => {
    await returnOf(1);
    await returnOf(2);
    const { data: plain } = await account.clients.orders.getOrder({ orderId: orderIdOf(1) });
    expect(plain.payload?.BuyerInfo?.BuyerEmail).toBeUndefined();
    expect(plain.payload?.ShippingAddress).toEqual({
      Name: '',
      PostalCode: '60602',
      CountryCode: 'US',
    });

    const { data: rdt } = await account.clients.tokens.createRestrictedDataToken({
      body: {
        restrictedResources: [
          {
            method: 'GET',
            path: `/orders/v0/orders/${orderIdOf(1)}`,
            dataElements: ['buyerInfo', 'shippingAddress'],
          },
        ],
      },
    });
    expect(rdt.expiresIn).toBeGreaterThan(0);
    const restricted = account.clients.restrictedOrders(rdt.restrictedDataToken ?? '');
    const { data: opened } = await restricted.getOrder({ orderId: orderIdOf(1) });
    expect(opened.payload?.BuyerInfo?.BuyerEmail).toBe('buyer@example.com');
    await expect(restricted.getOrder({ orderId: orderIdOf(2) })).rejects.toMatchObject({
      response: { status: 403 },
    });
  });

  it('intake asks for one RDT for both orders, so each return case starts with the buyer e-mail it requires', async () => {
    const before = stack.emulator.controls.requests().length;
    const tallies = await pollerFor(stack, account).pollOnce();
    // The refund flow requires buyerEmail: without it the case is refused as invalid input.
    expect(mfnTally(tallies)).toMatchObject({ started: 2, refused: 0 });
    const asked = stack.emulator.controls
      .requests()
      .slice(before)
      .filter((request) => request.method === 'POST' && request.path === RDT_PATH);
    expect(asked).toHaveLength(1);
    const items = await new IntakeRecords(stack.database).itemsOf(account.accountId);
    expect(items.map((item) => item.outcome)).toEqual(['started', 'started']);
  });

  it('an application without the PII roles gets its row refused once, with the reason, not retried', async () => {
    const refusing = emulatorAccount(stack, `acct-rdt-refused-${runId}`);
    await returnOf(3);
    stack.emulator.controls.addFault({ method: 'POST', path: RDT_PATH, status: 403, times: 1 });
    // Rows 1 and 2 were dealt with (the case id is the record's id); only row 3 asks for an RDT.
    const first = await pollerFor(stack, refusing).pollOnce();
    expect(mfnTally(first)).toMatchObject({ started: 0, refused: 1, skipped: 2 });
    const records = new IntakeRecords(stack.database);
    const refused = (await records.itemsOf(refusing.accountId)).filter(
      (item) => item.outcome === 'refused',
    );
    expect(refused).toHaveLength(1);
    expect(refused[0]?.reason).toMatch(/Restricted Data Token for order/);

    const before = stack.emulator.controls.requests().length;
    const again = await pollerFor(stack, refusing).pollOnce();
    expect(mfnTally(again)).toMatchObject({ started: 0, refused: 0, skipped: 3 });
    const askedAgain = stack.emulator.controls
      .requests()
      .slice(before)
      .filter((request) => request.path === RDT_PATH);
    expect(askedAgain).toHaveLength(0);
  });
});
