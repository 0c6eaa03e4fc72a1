import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseModel } from '#platform/cases/case-record';
import { AccountDirectory } from '../../../server/accounts/account-directory.ts';
import { ExchangeRates } from '../../../server/accounts/exchange-rates.ts';
import { postClaim, postRefundEntry } from '../../../worker/activities/finance/claim-posting.ts';
import { MongoLedger } from '../../../worker/activities/finance/index.ts';
import { refundEntry } from '../../../worker/activities/finance/refund-posting.ts';
import type { ApiHarness } from '../../support/api-harness.ts';
import { callAs, openCaseApi } from '../api/case-api-support.ts';
import { DE_MARKETPLACE_ID, deAccount, usAccount } from './account-stack.ts';

const runId = randomUUID().slice(0, 8);
const US_MARKETPLACE_ID = 'ATVPDKIKX0DER';
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
let harness: ApiHarness;

const usCase = `gv-us-${runId}`;
const deCase = `gv-de-${runId}`;

async function openCase(caseId: string, marketplace: string, account: string) {
  await caseModel(harness.services.database).create({
    _id: caseId,
    workflowId: `case-${caseId}`,
    flowKey: 'marketplace-refund',
    flowVersion: 1,
    requestedBy: 'amazon-intake',
    marketplace,
    account,
    submittedAt: new Date(),
    status: 'completed',
  });
}

function refund(caseId: string, currency: string, account: string, marketplace: string) {
  return refundEntry({
    caseId,
    orderId: `order-${caseId}`,
    orderItemIds: ['item-1'],
    currency,
    adjustmentItemIds: [`RR-${caseId}-1`],
    principal: 2_000,
    tax: 380,
    shipping: 0,
    shippingTax: 0,
    referralFeeRefunded: 300,
    restockingFee: 0,
    postedAt: new Date(),
    account,
    marketplace,
  });
}

beforeAll(async () => {
  harness = await openCaseApi(`group-view-scope-${runId}`);
  const { database } = harness.services;
  const directory = new AccountDirectory(database);
  await directory.save('us-main', usAccount('https://sellingpartnerapi-na.amazon.com'), 'test');
  await directory.save('eu-main', deAccount('https://sellingpartnerapi-eu.amazon.com'), 'test');
  await new ExchangeRates(database).save({
    from: 'EUR',
    to: 'USD',
    date: yesterday,
    rate: 1.1,
    source: 'ECB',
  });
  await new ExchangeRates(database).save({
    from: 'USD',
    to: 'EUR',
    date: yesterday,
    rate: 0.9,
    source: 'ECB',
  });
  await openCase(usCase, 'US', 'us-main');
  await openCase(deCase, 'DE', 'eu-main');
  const ledger = new MongoLedger(database);
  await postRefundEntry(ledger, refund(usCase, 'USD', 'us-main', US_MARKETPLACE_ID));
  await postRefundEntry(ledger, refund(deCase, 'EUR', 'eu-main', DE_MARKETPLACE_ID));
  // Amazon paid an A-to-Z claim on the German order's other item, and a chargeback in the US.
  await postClaim(ledger, {
    caseId: deCase,
    claimId: `AZ-${runId}`,
    orderId: `order-${deCase}`,
    orderItemIds: ['item-2'],
    currency: 'EUR',
    amount: 1_500,
    postedAt: new Date(),
  });
  await postClaim(ledger, {
    kind: 'chargeback',
    caseId: usCase,
    claimId: `CB-${runId}`,
    orderId: `order-${usCase}`,
    orderItemIds: ['item-2'],
    currency: 'USD',
    amount: 999,
    postedAt: new Date(),
  });
}, 120_000);
afterAll(async () => {
  await harness?.close();
});

describe('the group view', () => {
  it('counts A-to-Z claims and chargebacks paid beside refunds, each in its account and marketplace', async () => {
    const answer = await harness.call('get', '/api/metrics/group?currency=USD', 'admin');
    expect(answer.status).toBe(200);
    expect(answer.body.scope).toBeUndefined();
    expect(answer.body.lines).toEqual([
      expect.objectContaining({
        accountId: 'eu-main',
        marketplace: DE_MARKETPLACE_ID,
        currency: 'EUR',
        refunds: 1,
        refundedMinor: 2_380,
        guaranteeClaims: 1,
        guaranteeClaimsMinor: 1_500,
        chargebacks: 0,
        paidMinor: 3_880,
        convertedMinor: Math.round(3_880 * 1.1),
      }),
      expect.objectContaining({
        accountId: 'us-main',
        marketplace: US_MARKETPLACE_ID,
        currency: 'USD',
        refunds: 1,
        refundedMinor: 2_380,
        guaranteeClaims: 0,
        chargebacks: 1,
        chargebacksMinor: 999,
        paidMinor: 3_379,
        convertedMinor: 3_379,
      }),
    ]);
    expect(answer.body.totalMinor).toBe(Math.round(3_880 * 1.1) + 3_379);
  });

  it("shows a scoped caller their marketplaces' part only, converted, and says it is scoped", async () => {
    const answer = await callAs(harness, 'usRequester', 'get', '/api/metrics/group?currency=EUR');
    expect(answer.status).toBe(200);
    expect(answer.body.scope).toEqual({ marketplaces: ['US'] });
    expect(answer.body.lines).toHaveLength(1);
    expect(answer.body.lines[0]).toMatchObject({
      accountId: 'us-main',
      paidMinor: 3_379,
      convertedMinor: Math.round(3_379 * 0.9),
      ratesUsed: [{ date: yesterday, rate: 0.9, source: 'ECB' }],
    });
    expect(JSON.stringify(answer.body)).not.toContain('eu-main');
  });
});
