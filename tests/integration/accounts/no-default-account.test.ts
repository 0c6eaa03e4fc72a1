import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '#platform/database';
import { order, type SpApiEmulator, startSpApiEmulator } from '../../../emulators/sp-api/index.ts';
import { seedShippedPolicies } from '../../../policies/shipped-policies.ts';
import { AccountDirectory } from '../../../server/accounts/account-directory.ts';
import { submitCase } from '../../../server/cases/case-submission.ts';
import { FlowVersions } from '../../../server/flows/flow-versions.ts';
import { activityCatalog, createCatalogActivities } from '../../../worker/activities/catalog.ts';
import {
  type CatalogFlowWorker,
  startCatalogFlowWorker,
} from '../../support/catalog-flow-worker.ts';
import { savedTrailLines } from '../../support/saved-trails.ts';
import { FAST_REFUND_ENV } from '../marketplace/marketplace-worker.ts';
import { DE_CREDENTIALS, deAccount, inGermany } from './account-stack.ts';

const runId = randomUUID()
  .replace(/[^0-9]/g, '')
  .padEnd(7, '7')
  .slice(0, 7);
let de: SpApiEmulator;
let database: Connection;
let flows: FlowVersions;
let worker: CatalogFlowWorker;

// The German account's secrets, by the names its stored references give; no LWA_* / SP_API_*.
const ACCOUNT_SECRETS = {
  DE_LWA_CLIENT_ID: DE_CREDENTIALS.clientId,
  DE_LWA_CLIENT_SECRET: DE_CREDENTIALS.clientSecret,
  DE_LWA_REFRESH_TOKEN: DE_CREDENTIALS.refreshToken,
};

function fbaReturn(prefix: string, index: number) {
  const orderId = `${prefix}-${runId}-000000${index}`;
  const orderItemId = `64${runId}0000${index}`;
  const line = {
    id: orderItemId,
    sku: `NDA-${runId}-${index}`,
    asin: `B0NDA000${index}`,
    title: 'Kettle',
    quantity: 1,
    price: 19.9,
    tax: 3.78,
  };
  return {
    order: order(orderId, 3, 'AFN', 'Shipped', [line], new Date()),
    caseId: `nda-${index}-${runId}`,
    input: {
      orderId,
      orderItemId,
      sku: line.sku,
      quantity: 1,
      returnReason: 'no-reason',
      itemCondition: 'unopened',
      buyerEmail: `buyer-nda-${index}-${runId}@example.com`,
      buyerPostcode: '10115',
    },
  };
}

const german = fbaReturn('304', 1);
const american = fbaReturn('114', 2);

beforeAll(async () => {
  // Stored references resolve against the worker's own environment.
  Object.assign(process.env, ACCOUNT_SECRETS);
  de = await startSpApiEmulator({
    feedStepMs: 50,
    sellerId: 'A1DEACORN',
    credentials: DE_CREDENTIALS,
  });
  de.controls.addOrders([inGermany(german.order)]);
  database = await connectDatabase(`${inject('mongoBaseUri')}/no-default-account-${runId}`);
  await new AccountDirectory(database).save(
    'eu-main',
    {
      ...deAccount(de.url),
      credentials: {
        clientId: { from: 'env', name: 'DE_LWA_CLIENT_ID' },
        clientSecret: { from: 'env', name: 'DE_LWA_CLIENT_SECRET' },
        refreshToken: { from: 'env', name: 'DE_LWA_REFRESH_TOKEN' },
      },
    },
    'test-admin',
  );
  flows = new FlowVersions(database, activityCatalog);
  await seedShippedPolicies(flows);
  // The worker's own start-up path, with admin-configured accounts only.
  const activities = createCatalogActivities(database, { ...FAST_REFUND_ENV, ...ACCOUNT_SECRETS });
  worker = await startCatalogFlowWorker(database, activities);
}, 300_000);
afterAll(async () => {
  await worker?.close();
  await database?.close();
  await de?.close();
});

async function run(scripted: typeof german, marketplace: string) {
  const submitted = await submitCase(
    { temporal: worker.client, taskQueue: worker.taskQueue, flows },
    {
      trigger: 'refund.requested',
      input: scripted.input,
      requestedBy: 'ops-olga',
      caseId: scripted.caseId,
      marketplace,
    },
  );
  return worker.client.workflow.getHandle(submitted.workflowId).result();
}

describe('a worker with no default account', () => {
  it('starts, and refunds a case through the admin-configured account', async () => {
    expect((await run(german, 'DE')).outcome).toBe('refunded');
    expect(de.controls.adjustments().map((a) => a.merchantAdjustmentItemId)).toEqual([
      `RR-${german.caseId}-1`,
    ]);
  });

  it('fails only the Amazon step of a case no account takes, saying why', async () => {
    const result = await run(american, 'US');
    expect(result.outcome).not.toBe('refunded');
    const failed = (await savedTrailLines(database, { caseId: american.caseId })).filter(
      (line) => line.type === 'activity.failed',
    );
    expect(failed.length).toBeGreaterThan(0);
    const reason = String(failed[0]?.details?.error);
    expect(reason).toContain('no configured account sells in marketplace US');
    expect(reason).toContain('no default account');
  });
});
