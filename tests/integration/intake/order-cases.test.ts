import { randomUUID } from 'node:crypto';
import { Client, Connection as TemporalConnection } from '@temporalio/client';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CaseOrders } from '#platform/case-start/case-orders';
import { connectDatabase } from '#platform/database';
import { sellerAccountModel } from '../../../worker/activities/marketplace/seller-accounts.ts';
import { OrderCaseNotices } from '../../../worker/intake/order-case-notices.ts';

let database: Connection;
let temporal: TemporalConnection;
let notices: OrderCaseNotices;

beforeAll(async () => {
  database = await connectDatabase(`${inject('mongoBaseUri')}/order-cases-${randomUUID()}`);
  temporal = await TemporalConnection.connect({ address: inject('temporalAddress') });
  notices = new OrderCaseNotices({ database, temporal: new Client({ connection: temporal }) });
});
afterAll(async () => {
  await database?.close();
  await temporal?.close();
});

/** The intake account a notification's seller is: an admin-configured one, or the environment's. */
const intakeAccount = (caseAccount?: string) => (caseAccount ? { caseAccount } : {});

describe('the cases of an order', () => {
  it('notes every case of an order once, even when many start at the same moment', async () => {
    const orders = new CaseOrders(database);
    const orderId = `111-${randomUUID()}`;
    const caseIds = Array.from({ length: 12 }, (_, index) => `case-${index}`);
    // Each case twice, all at once: a resubmission racing its first submission.
    await Promise.all(
      [...caseIds, ...caseIds].map((caseId) => orders.note(orderId, { caseId, marketplace: 'US' })),
    );
    const noted = await orders.of(orderId);
    expect(noted.map((entry) => entry.caseId).sort()).toEqual([...caseIds].sort());
    expect(await orders.of(`${orderId}|0`)).toEqual([]);
  });

  it("goes to the account each case goes through, never to another seller's order of the same id", async () => {
    await sellerAccountModel(database).create({
      _id: 'eu-main',
      kind: 'seller',
      displayName: 'EU',
      region: 'eu',
      merchantId: 'A1EUMAIN',
      marketplaces: [{ code: 'DE', marketplaceId: 'A1PA6795UKMFR9', currency: 'EUR' }],
      credentials: {},
      updatedAt: new Date(),
      updatedBy: 'admin-ada',
    });
    const orders = new CaseOrders(database);
    const orderId = `302-${randomUUID()}`;
    await orders.note(orderId, { caseId: 'named-eu', account: 'eu-main', marketplace: 'DE' });
    await orders.note(orderId, { caseId: 'sold-in-de', marketplace: 'DE' });
    await orders.note(orderId, { caseId: 'sold-in-us', marketplace: 'US' });
    await orders.note(orderId, { caseId: 'named-default', account: 'default' });

    const casesOf = async (account: { caseAccount?: string }) =>
      (await notices.casesFor(account, orderId)).map((entry) => entry.caseId);
    expect(await casesOf(intakeAccount('eu-main'))).toEqual(['named-eu', 'sold-in-de']);
    expect(await casesOf(intakeAccount())).toEqual(['sold-in-us', 'named-default']);
    expect(await casesOf(intakeAccount('jp-main'))).toEqual([]);
  });
});
