import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '#platform/database';
import { ACCOUNT } from '../../../worker/activities/finance/chart-of-accounts.ts';
import {
  createFinanceActivities,
  financeCatalog,
  MongoLedger,
} from '../../../worker/activities/finance/index.ts';
import {
  type CatalogFlowWorker,
  catalogFlow,
  startCatalogFlowWorker,
} from '../../support/catalog-flow-worker.ts';

let database: Connection;
let worker: CatalogFlowWorker;

beforeAll(async () => {
  database = await connectDatabase(`${inject('mongoBaseUri')}/finance-flow-${randomUUID()}`);
  worker = await startCatalogFlowWorker(database, createFinanceActivities({ database }));
});
afterAll(async () => {
  await worker?.close();
  await database?.close();
});

const amount = { type: 'integer', required: true } as const;
const postingFlow = catalogFlow('post-refund', financeCatalog, {
  inputs: {
    caseId: { type: 'string', required: true },
    orderId: { type: 'string', required: true },
    principal: amount,
    tax: amount,
    referralFee: amount,
  },
  nodes: [
    { id: 'start', kind: 'start', trigger: 'refund.issued' },
    {
      id: 'post',
      kind: 'action',
      activity: 'finance.postRefund',
      timeoutSeconds: 30,
      inputs: {
        caseId: { var: 'caseId' },
        orderId: { var: 'orderId' },
        currency: 'USD',
        adjustmentItemIds: { merge: [{ cat: ['RR-', { var: 'caseId' }, '-1'] }] },
        principal: { var: 'principal' },
        tax: { var: 'tax' },
        shipping: 0,
        shippingTax: 0,
        referralFeeRefunded: { var: 'referralFee' },
        restockingFee: 0,
      },
      resultVariable: 'posting',
    },
    { id: 'posted', kind: 'end', outcome: 'posted' },
  ],
  edges: [
    ['start', 'post'],
    ['post', 'posted'],
  ],
});

const postingOf = (refundId: string, principal: number) => ({
  caseId: { var: 'caseId' },
  refundId,
  orderId: { var: 'orderId' },
  currency: 'USD',
  adjustmentItemIds: [`${refundId}-1`],
  principal,
  tax: 0,
  shipping: 0,
  shippingTax: 0,
  referralFeeRefunded: 0,
  restockingFee: 0,
});

/** A case refunded in two parts: the item first, the shipping after the carrier's report. */
const twoRefundsFlow = catalogFlow('post-two-refunds', financeCatalog, {
  inputs: {
    caseId: { type: 'string', required: true },
    orderId: { type: 'string', required: true },
  },
  nodes: [
    { id: 'start', kind: 'start', trigger: 'refund.issued' },
    {
      id: 'postItem',
      kind: 'action',
      activity: 'finance.postRefund',
      timeoutSeconds: 30,
      inputs: postingOf('RR-item', 2_500),
      resultVariable: 'item',
    },
    {
      id: 'postShipping',
      kind: 'action',
      activity: 'finance.postRefund',
      timeoutSeconds: 30,
      inputs: postingOf('RR-shipping', 599),
      resultVariable: 'shipping',
    },
    { id: 'posted', kind: 'end', outcome: 'posted' },
  ],
  edges: [
    ['start', 'postItem'],
    ['postItem', 'postShipping'],
    ['postShipping', 'posted'],
  ],
});

describe('finance.postRefund in a flow', () => {
  it('books each refund of a case once: two refunds, two entries, a balanced ledger', async () => {
    const caseInput = { caseId: `case-${randomUUID()}`, orderId: '112-8888888-8888888' };
    const runs = await Promise.all([
      worker.run(twoRefundsFlow, caseInput),
      worker.run(twoRefundsFlow, caseInput),
    ]);
    expect(runs.map((run) => run.outcome)).toEqual(['posted', 'posted']);
    const ledger = new MongoLedger(database);
    const entries = await ledger.entries({ caseId: caseInput.caseId });
    expect(entries.map((entry) => entry.key).sort()).toEqual([
      'refund:RR-item',
      'refund:RR-shipping',
    ]);
    const paidOut = entries.flatMap((entry) =>
      entry.lines.filter((line) => line.account === ACCOUNT.marketplaceClearing),
    );
    expect(paidOut.reduce((sum, line) => sum + line.credit - line.debit, 0)).toBe(2_500 + 599);
    for (const entry of entries) {
      const debits = entry.lines.reduce((sum, line) => sum + line.debit, 0);
      expect(entry.lines.reduce((sum, line) => sum + line.credit, 0)).toBe(debits);
    }
  });

  it('posts the refund once even when two runs post the same case', async () => {
    const caseInput = {
      caseId: `case-${randomUUID()}`,
      orderId: '112-7777777-7777777',
      principal: 3_000,
      tax: 240,
      referralFee: 3_000,
    };
    const [first, second] = await Promise.all([
      worker.run(postingFlow, caseInput),
      worker.run(postingFlow, caseInput),
    ]);
    expect([first.variables.posting, second.variables.posting]).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ created: true, administrationFee: 500 }),
        expect.objectContaining({ created: false, administrationFee: 500 }),
      ]),
    );
    const entries = await new MongoLedger(database).entries({ caseId: caseInput.caseId });
    expect(entries).toHaveLength(1);
  });
});
