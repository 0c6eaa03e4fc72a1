import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../../../scripts/embedded/managed-process.ts';
import {
  loadMarketplaceConfig,
  SpApiMarketplaceAdapter,
} from '../../../worker/activities/marketplace/index.ts';
import { issueRefund } from '../../../worker/activities/marketplace/issue-refund.ts';
import {
  accountKey,
  type RefundContext,
} from '../../../worker/activities/marketplace/refund-context.ts';
import {
  type RefundDrivers,
  sweepStrandedRefunds,
} from '../../../worker/activities/marketplace/refund-custody.ts';
import { refundEvidenceStore } from '../../../worker/activities/marketplace/refund-evidence.ts';
import { RefundIntents } from '../../../worker/activities/marketplace/refund-intents.ts';
import { SubmissionLocks } from '../../../worker/activities/marketplace/submission-lock.ts';
import { ApiHarness } from '../../support/api-harness.ts';
import { MarketplaceHarness } from './marketplace-harness.ts';

// The API and the sweeper share one database; Amazon is the emulator.
const databaseName = `refunds-needing-a-person-${randomUUID()}`;
let marketplace: MarketplaceHarness;
let api: ApiHarness;
let context: () => RefundContext;
let intents: RefundIntents;

/** No run drives any refund here: each one's run has stopped. */
const noRun: RefundDrivers = { isDriven: async () => false };

beforeAll(async () => {
  marketplace = await MarketplaceHarness.open(databaseName, false);
  api = await ApiHarness.open(databaseName);
  const config = loadMarketplaceConfig(marketplace.env);
  intents = new RefundIntents(marketplace.database);
  const base = {
    adapter: new SpApiMarketplaceAdapter(config),
    intents,
    locks: new SubmissionLocks(marketplace.database),
    settings: config.refunds,
  };
  context = () => ({
    ...base,
    runtime: {
      heartbeat: () => {},
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      deadline: Date.now() + 30_000,
    },
  });
});
afterAll(async () => {
  await api?.close();
  await marketplace?.close();
});

const sweep = () =>
  sweepStrandedRefunds(context(), noRun, refundEvidenceStore(marketplace.database));

/** Sweeps until the refund leaves `state` (the sweeper first gives a run the settle time). */
async function sweptOutOf(refundId: string, state: string) {
  await waitUntil(
    `refund ${refundId} to leave ${state}`,
    async () => {
      await sweep();
      return (await intents.get(refundId)).state !== state;
    },
    30_000,
    500,
  );
  return intents.get(refundId);
}

const refundCase = (orderItemId: string, principal: number) => ({
  caseId: randomUUID(),
  orderId: '113-4827361-0192837',
  reason: 'CustomerReturn',
  items: [{ orderItemId, principal }],
});

describe('refunds no run drives any more', () => {
  it('adopts and follows a feed whose createFeed answer was lost after its run stopped', async () => {
    const request = refundCase('52840173620911', 4);
    marketplace.emulator.controls.addFault({
      method: 'POST',
      path: '/feeds/2021-06-30/feeds',
      drop: true,
    });
    await expect(issueRefund(context(), request)).rejects.toThrow();
    const refundId = `RR-${request.caseId}`;
    expect((await intents.get(refundId)).state).toBe('submitting');

    const settled = await sweptOutOf(refundId, 'submitting');
    if (settled.state === 'submitted') await sweptOutOf(refundId, 'submitted');

    expect((await intents.get(refundId)).state).toBe('done');
    expect(marketplace.adjustmentsFor(refundId)).toHaveLength(1);
  });

  it('closes a refund that never reached Amazon as not sent, and never sends it', async () => {
    const request = refundCase('52840173620922', 2);
    const refundId = `RR-${request.caseId}`;
    await intents.createIfAbsent({
      _id: refundId,
      caseId: request.caseId,
      orderId: request.orderId,
      account: 'A3EMULATEDSELLER:ATVPDKIKX0DER',
      currency: 'USD',
      reason: 'CustomerReturn',
      lines: [],
      fingerprint: 'never-sent',
      createdAt: new Date(),
    });

    const closed = await sweptOutOf(refundId, 'prepared');

    expect(closed.state).toBe('failed');
    expect(closed.outcome).toMatch(/not sent/);
    expect(marketplace.adjustmentsFor(refundId)).toHaveLength(0);
  });
});

describe('the refunds needing a person', () => {
  it("lists a refund in doubt with Amazon's records; an admin resends it, audited, and it is sent once", async () => {
    const request = refundCase('52840173620911', 3);
    const refundId = `RR-${request.caseId}`;
    const account = accountKey(context().adapter.account);
    await intents.createIfAbsent({
      _id: refundId,
      caseId: request.caseId,
      orderId: request.orderId,
      account,
      currency: 'USD',
      reason: 'CustomerReturn',
      lines: [
        {
          adjustmentItemId: `${refundId}-1`,
          orderItemId: '52840173620911',
          components: { Principal: 300 },
        },
      ],
      fingerprint: 'in-doubt',
      createdAt: new Date(),
    });
    await intents.move(refundId, 'prepared', 'submitting', 'sending createFeed', {
      set: { submittingAt: new Date() },
    });
    await intents.move(refundId, 'submitting', 'needs-review', 'two feeds could be ours');
    await sweep();

    const listed = await api.call('get', '/api/refunds/needing-a-person', 'admin');
    expect(listed.status).toBe(200);
    const inDoubt = listed.body.refunds.find((r: { refundId: string }) => r.refundId === refundId);
    expect(inDoubt).toMatchObject({
      state: 'needs-review',
      amount: 3,
      reason: 'two feeds could be ours',
      amazonRecords: { feeds: [], financialEvents: expect.any(Array) },
      resolution: null,
    });
    expect((await api.call('get', '/api/refunds/needing-a-person', 'auditor')).status).toBe(200);
    expect((await api.call('get', '/api/refunds/needing-a-person', 'reviewer')).status).toBe(403);

    const path = `/api/refunds/${refundId}/resolution`;
    const answer = { action: 'resend', note: 'Seller Central shows no refund for this item' };
    expect((await api.call('post', path, 'auditor', answer)).status).toBe(403);
    expect((await api.call('post', path, 'admin', { action: 'resend' })).status).toBe(400);
    const resolved = await api.call('post', path, 'admin', answer);
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      state: 'prepared',
      resolution: { action: 'resend', by: 'admin-ada' },
    });
    expect((await api.call('post', path, 'admin', answer)).status).toBe(409);

    const sent = await sweptOutOf(refundId, 'prepared');
    if (sent.state === 'submitted') await sweptOutOf(refundId, 'submitted');
    expect((await intents.get(refundId)).state).toBe('done');
    expect(marketplace.adjustmentsFor(refundId)).toHaveLength(1);

    const log = await api.services.auditLog.search({
      action: 'refund.resolved',
      page: 1,
      pageSize: 10,
    });
    expect(log.entries).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ userId: 'admin-ada' }),
        details: expect.objectContaining({ refundId, resolution: 'resend' }),
      }),
    ]);
  });
});
