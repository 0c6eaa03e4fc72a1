import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { order } from '../../../emulators/sp-api/index.ts';
import { MongoLedger } from '../../../worker/activities/finance/index.ts';
import { refundEntry } from '../../../worker/activities/finance/refund-posting.ts';
import { runScriptedCase } from './case-driver.ts';
import { openPolicyStack, type PolicyStack } from './policy-stack.ts';

const runId = randomUUID()
  .replace(/[^0-9]/g, '')
  .padEnd(7, '7')
  .slice(0, 7);
let stack: PolicyStack;

beforeAll(async () => {
  stack = await openPolicyStack(`claims-vendor-${runId}`);
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

/** A one-item order in the emulator; amounts in dollars as Amazon reports them. */
function claimOrder(suffix: string, price: number, tax: number, shipping = 0) {
  const orderId = `113-${runId}-${suffix}`;
  const itemId = `8${runId}${suffix.padStart(6, '0')}`;
  const item = { id: itemId, sku: `AZ-${suffix}`, asin: 'B0AZCLAIM1', title: 'Claimed item' };
  const entry = order(
    orderId,
    10,
    'MFN',
    'Shipped',
    [{ ...item, quantity: 1, price, tax, shipping }],
    new Date(),
  );
  stack.emulator.controls.addOrders([entry]);
  return { orderId, itemId };
}

const claim = (caseId: string, orderId: string, claimReason: string, reviews = {}) =>
  runScriptedCase(stack, {
    trigger: 'a-to-z.claim-filed',
    caseId,
    input: { orderId, claimId: `AZ-${caseId}`, claimReason, buyerEmail: 'buyer@example.com' },
    reviews,
  });

const refundsOf = (caseId: string) =>
  stack.emulator.controls
    .adjustments()
    .filter((adjustment) => adjustment.merchantAdjustmentItemId?.startsWith(`RR-${caseId}-`));

describe('the shipped A-to-Z claim policy', () => {
  it('refunds a small order never received in full, once, and books it', async () => {
    const { orderId } = claimOrder('1', 19.99, 1.65, 4.99);
    const caseId = `az-small-${runId}`;
    expect((await claim(caseId, orderId, 'item-not-received')).outcome).toBe('refunded');
    const [refund, ...more] = refundsOf(caseId);
    expect(more).toEqual([]);
    expect(refund?.components).toEqual(
      expect.arrayContaining([
        { type: 'Principal', amount: 19.99 },
        { type: 'Tax', amount: 1.65 },
        { type: 'Shipping', amount: 4.99 },
      ]),
    );
    const [entry] = await new MongoLedger(stack.database).entries({ caseId });
    const line = (account: string) => entry?.lines.find((l) => l.account === account);
    expect(line('4000')?.debit).toBe(1999);
    expect(line('4100')?.debit).toBe(499);
    expect(line('2100')?.debit).toBe(165);
    expect(line('1200')?.credit).toBe(1999 + 499 + 165);
  });

  it('sends nothing when Amazon already paid the claim, and books what Amazon charged', async () => {
    const { orderId, itemId } = claimOrder('2', 35, 2.89);
    stack.emulator.controls.postAmazonEvent(orderId, 'guaranteeClaim', [
      { orderItemId: itemId, components: [{ type: 'Principal', amount: 35 }] },
    ]);
    const caseId = `az-granted-${runId}`;
    expect((await claim(caseId, orderId, 'not-as-described')).outcome).toBe('granted-by-amazon');
    expect(refundsOf(caseId)).toEqual([]);
    const entries = await new MongoLedger(stack.database).entries({ caseId });
    expect(entries.map((entry) => entry.key)).toEqual([`claim:AZ-${caseId}`]);
    expect(entries[0]?.lines).toEqual([
      expect.objectContaining({ account: '5300', debit: 3500, credit: 0 }),
      expect.objectContaining({ account: '1200', debit: 0, credit: 3500 }),
    ]);
  });

  it('reverses the refund already booked for the item Amazon paid a claim on, not the other item', async () => {
    const orderId = `113-${runId}-reversal`;
    const [kettle, mug] = ['1', '2'].map((n) => ({
      id: `9${runId}00000${n}`,
      sku: `AZ-REV-${n}`,
      asin: `B0AZREV00${n}`,
      title: `Item ${n}`,
      quantity: 1,
      price: 20,
      tax: 1.65,
    }));
    if (!kettle || !mug) throw new Error('two items');
    stack.emulator.controls.addOrders([
      order(orderId, 10, 'MFN', 'Shipped', [kettle, mug], new Date()),
    ]);
    const ledger = new MongoLedger(stack.database);
    for (const item of [kettle, mug]) {
      await ledger.post(
        refundEntry({
          caseId: `refund-${item.id}`,
          refundId: `RR-${item.id}`,
          orderId,
          orderItemIds: [item.id],
          currency: 'USD',
          adjustmentItemIds: [`RR-${item.id}-1`],
          principal: 2_000,
          tax: 165,
          shipping: 0,
          shippingTax: 0,
          referralFeeRefunded: 300,
          restockingFee: 0,
          postedAt: new Date(),
        }),
      );
    }
    stack.emulator.controls.postAmazonEvent(orderId, 'guaranteeClaim', [
      { orderItemId: kettle.id, components: [{ type: 'Principal', amount: 20 }] },
    ]);
    const caseId = `az-reversal-${runId}`;
    expect((await claim(caseId, orderId, 'not-as-described')).outcome).toBe('granted-by-amazon');
    const onOrder = await ledger.entries({ orderId });
    expect(onOrder.map((entry) => entry.key).sort()).toEqual(
      [`claim:AZ-${caseId}`, `refund:RR-${kettle.id}`, `refund:RR-${mug.id}`].sort(),
    );
    expect(await ledger.find(`reversal:refund:RR-${kettle.id}`)).toMatchObject({
      reverses: `refund:RR-${kettle.id}`,
    });
    expect(await ledger.find(`reversal:refund:RR-${mug.id}`)).toBeUndefined();
    expect((await ledger.find(`claim:AZ-${caseId}`))?.reference).toMatchObject({
      orderItemIds: [kettle.id],
    });
  });

  it('lets a reviewer contest a larger claim, and refund another', async () => {
    const contested = claimOrder('3', 120, 9.9);
    const refunded = claimOrder('4', 80, 6.6);
    const [first, second] = await Promise.all([
      claim(`az-contest-${runId}`, contested.orderId, 'not-as-described', {
        respond: [{ by: 'ann', verdict: 'reject' }],
      }),
      claim(`az-refund-${runId}`, refunded.orderId, 'item-not-received', {
        respond: [{ by: 'ben', verdict: 'approve' }],
      }),
    ]);
    expect(first.outcome).toBe('contested');
    expect(refundsOf(`az-contest-${runId}`)).toEqual([]);
    expect(second.outcome).toBe('refunded');
    expect(refundsOf(`az-refund-${runId}`)).toHaveLength(1);
  });
});

const purchaseOrder = (caseId: string, allLinesInStock: boolean, reviews = {}) =>
  runScriptedCase(stack, {
    trigger: 'vendor.po-received',
    caseId,
    input: {
      purchaseOrderNumber: caseId.replace(/[^A-Za-z0-9]/g, '').slice(-20),
      sellingPartyId: 'ACRNV',
      items: [
        { itemSequenceNumber: '1', vendorProductIdentifier: 'ACORN-DRIP-01', orderedQuantity: 48 },
      ],
      orderValueCents: 120_000,
      allLinesInStock,
    },
    reviews,
  });

function acknowledgedCode(caseId: string) {
  const number = caseId.replace(/[^A-Za-z0-9]/g, '').slice(-20);
  const received = stack.emulator.controls
    .acknowledgements()
    .flatMap((call) => call.acknowledgements as { purchaseOrderNumber: string; items: unknown[] }[])
    .filter((ack) => ack.purchaseOrderNumber === number);
  expect(received).toHaveLength(1);
  const items = (received[0]?.items ?? []) as { itemAcknowledgements: Record<string, unknown>[] }[];
  return items[0]?.itemAcknowledgements[0];
}

describe('the shipped vendor PO acknowledgement policy', () => {
  it('accepts an order fully in stock at once, backorders or rejects the rest as decided', async () => {
    const [auto, backordered, rejected] = await Promise.all([
      purchaseOrder(`po-auto-${runId}`, true),
      purchaseOrder(`po-back-${runId}`, false, {
        approvePo: [{ by: 'ann', verdict: 'approve', form: { code: 'Backordered' } }],
      }),
      purchaseOrder(`po-reject-${runId}`, false, {
        approvePo: [{ by: 'ben', verdict: 'reject' }],
      }),
    ]);
    expect([auto.outcome, backordered.outcome, rejected.outcome]).toEqual([
      'acknowledged',
      'acknowledged',
      'acknowledged',
    ]);
    expect(acknowledgedCode(`po-auto-${runId}`)).toMatchObject({
      acknowledgementCode: 'Accepted',
      acknowledgedQuantity: { amount: 48, unitOfMeasure: 'Eaches' },
    });
    expect(acknowledgedCode(`po-back-${runId}`)).toMatchObject({
      acknowledgementCode: 'Backordered',
    });
    expect(acknowledgedCode(`po-reject-${runId}`)).toEqual({
      acknowledgementCode: 'Rejected',
      acknowledgedQuantity: { amount: 0, unitOfMeasure: 'Eaches' },
      rejectionReason: 'TemporarilyUnavailable',
    });
  });
});
