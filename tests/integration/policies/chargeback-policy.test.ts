import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { order } from '../../../emulators/sp-api/index.ts';
import { MongoLedger } from '../../../worker/activities/finance/index.ts';
import { refundEntry } from '../../../worker/activities/finance/refund-posting.ts';
import { outboxModel } from '../../../worker/activities/notify/index.ts';
import { runScriptedCase } from './case-driver.ts';
import { openPolicyStack, type PolicyStack } from './policy-stack.ts';
import type { ReviewScript } from './refund-scenarios.ts';

const runId = randomUUID()
  .replace(/[^0-9]/g, '')
  .padEnd(7, '7')
  .slice(0, 7);
let stack: PolicyStack;

beforeAll(async () => {
  stack = await openPolicyStack(`chargeback-policy-${runId}`);
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

/**
 * A one-item order in the emulator with a chargeback Amazon posted on it; a negative `charged`
 * gives the money back to the seller (a reversed chargeback).
 */
function orderCharged(suffix: string, price: number, charged = price) {
  const orderId = `114-${runId}-${suffix.padStart(7, '0')}`;
  const itemId = `7${runId}${suffix.padStart(6, '0')}`;
  const item = { id: itemId, sku: `CB-${suffix}`, asin: 'B0CHARGE01', title: 'Charged item' };
  stack.emulator.controls.addOrders([
    order(orderId, 30, 'MFN', 'Shipped', [{ ...item, quantity: 1, price, tax: 0 }], new Date()),
  ]);
  const postedDate = new Date(Date.now() - 60 * 60_000);
  const [adjustmentId] = stack.emulator.controls.postAmazonEvent(
    orderId,
    'chargeback',
    [{ orderItemId: itemId, components: [{ type: 'Principal', amount: charged }] }],
    postedDate,
  );
  return { itemId, input: { orderId, adjustmentId, postedDate: postedDate.toISOString() } };
}

const chargebackCase = (
  caseId: string,
  input: { orderId: string; adjustmentId?: string; postedDate: string },
  reviews: ReviewScript = {},
) =>
  runScriptedCase(stack, {
    trigger: 'chargeback.received',
    caseId,
    input: { ...input, chargebackId: caseId },
    reviews,
  });

const teamSubjects = async (chargebackId: string) =>
  (await outboxModel(stack.database).find().lean())
    .map((message) => message.email?.subject ?? '')
    .filter((subject) => subject.includes(chargebackId));

describe('the shipped chargeback policy', () => {
  it('books a large chargeback, reverses the refund of its item, and asks whether to dispute it', async () => {
    const charged = orderCharged('1', 250);
    const ledger = new MongoLedger(stack.database);
    await ledger.post(
      refundEntry({
        caseId: `refund-${charged.itemId}`,
        refundId: `RR-${charged.itemId}`,
        orderId: charged.input.orderId,
        orderItemIds: [charged.itemId],
        currency: 'USD',
        adjustmentItemIds: [`RR-${charged.itemId}-1`],
        principal: 25_000,
        tax: 0,
        shipping: 0,
        shippingTax: 0,
        referralFeeRefunded: 3_750,
        restockingFee: 0,
        postedAt: new Date(),
      }),
    );
    const caseId = `cb-large-${runId}`;
    const run = await chargebackCase(caseId, charged.input, {
      disputeReview: [{ by: 'ann', verdict: 'approve' }],
    });
    expect(run.outcome).toBe('dispute-requested');
    expect((await ledger.find(`chargeback:${caseId}`))?.lines).toEqual([
      expect.objectContaining({ account: '5300', debit: 25_000, credit: 0 }),
      expect.objectContaining({ account: '1200', debit: 0, credit: 25_000 }),
    ]);
    expect(await ledger.find(`reversal:refund:RR-${charged.itemId}`)).toMatchObject({
      reverses: `refund:RR-${charged.itemId}`,
    });
    const subjects = await teamSubjects(caseId);
    // Team mails carry each team language in turn (English and Chinese here).
    expect(
      subjects.filter((subject) => subject.includes(`Chargeback ${caseId} booked`)),
    ).toHaveLength(1);
    expect(
      subjects.filter((subject) => subject.includes(`Dispute chargeback ${caseId}`)),
    ).toHaveLength(1);
  });

  it('books nothing and hands the case to the team when Amazon lists no such chargeback', async () => {
    const charged = orderCharged('2', 15);
    const caseId = `cb-unknown-${runId}`;
    const run = await chargebackCase(caseId, {
      ...charged.input,
      adjustmentId: 'no-such-adjustment',
    });
    expect(run.outcome).toBe('manual-handling');
    expect(await new MongoLedger(stack.database).find(`chargeback:${caseId}`)).toBeUndefined();
    expect(await teamSubjects(caseId)).toEqual([
      expect.stringContaining(`Chargeback ${caseId} needs manual handling`),
    ]);
  });

  it('books nothing for a chargeback Amazon reversed to the seller and hands it to the team', async () => {
    const reversed = orderCharged('3', 15, -15);
    const caseId = `cb-reversed-${runId}`;
    expect((await chargebackCase(caseId, reversed.input)).outcome).toBe('manual-handling');
    expect(await new MongoLedger(stack.database).find(`chargeback:${caseId}`)).toBeUndefined();
  });
});
