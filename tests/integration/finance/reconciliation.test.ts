import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '#platform/database';
import {
  MongoLedger,
  type RefundPosting,
  refundEntry,
  settlementReconciler,
} from '../../../worker/activities/finance/index.ts';

const report = readFileSync(
  new URL('../../fixtures/settlement/settlement-14123456789.tsv', import.meta.url),
  'utf8',
);

const refund = (
  caseId: string,
  orderId: string,
  amounts: Partial<RefundPosting>,
): RefundPosting => ({
  caseId,
  orderId,
  currency: 'USD',
  adjustmentItemIds: [`RR-${caseId}-1`],
  principal: 0,
  tax: 0,
  shipping: 0,
  shippingTax: 0,
  referralFeeRefunded: 0,
  restockingFee: 0,
  postedAt: new Date('2026-11-05T09:00:00Z'),
  ...amounts,
});

let database: Connection;

beforeAll(async () => {
  database = await connectDatabase(`${inject('mongoBaseUri')}/finance-recon-${randomUUID()}`);
  const ledger = new MongoLedger(database);
  const postings = [
    refund('case-a', '112-0000001-0000001', {
      principal: 2999,
      tax: 240,
      shipping: 499,
      referralFeeRefunded: 450,
    }),
    refund('case-b', '112-0000002-0000002', {
      principal: 5999,
      tax: 480,
      referralFeeRefunded: 900,
    }),
    refund('case-c', '112-0000004-0000004', { principal: 1500, referralFeeRefunded: 225 }),
    refund('case-later', '112-0000005-0000005', {
      principal: 800,
      postedAt: new Date('2026-11-20T09:00:00Z'),
    }),
  ];
  for (const posting of postings) await ledger.post(refundEntry(posting));
});
afterAll(async () => {
  await database?.close();
});

describe('settlement reconciliation', () => {
  it('finds exactly the deliberate mismatch, the unknown refund and the unsettled one', async () => {
    const reconcile = settlementReconciler(database, new MongoLedger(database));
    const result = await reconcile(report);

    expect(result.matched.map((refund) => refund.caseId)).toEqual(['case-a']);
    expect(result.amountMismatch).toEqual([
      expect.objectContaining({
        caseId: 'case-b',
        expected: -5759,
        settled: -4759,
        difference: 1000,
      }),
    ]);
    expect(result.missingInLedger).toEqual([
      expect.objectContaining({ orderId: '112-0000003-0000003', settled: -1000 }),
    ]);
    expect(result.missingInSettlement.map((refund) => refund.caseId)).toEqual(['case-c']);
  });

  it('imports a settlement once: the second import returns the stored result', async () => {
    const reconcile = settlementReconciler(database, new MongoLedger(database));
    const first = await reconcile(report);
    const second = await reconcile(report);
    expect(second).toEqual(first);
    const stored = await database.collection('settlement_reconciliations').countDocuments();
    expect(stored).toBe(1);
  });
});
