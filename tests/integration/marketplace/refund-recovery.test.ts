import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '#platform/database';
import {
  type SpApiEmulator,
  spApiEmulatorEnv,
  startSpApiEmulator,
} from '../../../emulators/sp-api/index.ts';
import { paymentAdjustmentXml } from '../../../worker/activities/marketplace/adjustment-feed.ts';
import {
  loadMarketplaceConfig,
  SpApiMarketplaceAdapter,
} from '../../../worker/activities/marketplace/index.ts';
import { issueRefund } from '../../../worker/activities/marketplace/issue-refund.ts';
import type { RefundContext } from '../../../worker/activities/marketplace/refund-context.ts';
import { RefundIntents } from '../../../worker/activities/marketplace/refund-intents.ts';
import { SubmissionLocks } from '../../../worker/activities/marketplace/submission-lock.ts';
import { FAST_REFUND_ENV } from './marketplace-worker.ts';

// The refund state machine called directly (no Temporal): each call is one activity attempt.
let emulator: SpApiEmulator;
let database: Connection;
let context: RefundContext;

beforeAll(async () => {
  emulator = await startSpApiEmulator({ feedStepMs: 100 });
  database = await connectDatabase(`${inject('mongoBaseUri')}/marketplace-recovery`);
  const config = loadMarketplaceConfig({ ...spApiEmulatorEnv(emulator.url), ...FAST_REFUND_ENV });
  context = {
    adapter: new SpApiMarketplaceAdapter(config),
    intents: new RefundIntents(database),
    locks: new SubmissionLocks(database),
    settings: config.refunds,
    runtime: {
      heartbeat() {},
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      deadline: Number.POSITIVE_INFINITY,
    },
  };
});
afterAll(async () => {
  await database?.close();
  await emulator?.close();
});
beforeEach(() => emulator.controls.clearFaults());

const refund = (orderId: string, orderItemId: string, principal: number) => ({
  caseId: randomUUID(),
  orderId,
  reason: 'CustomerReturn',
  items: [{ orderItemId, principal }],
});
const loseNextCreateFeedAnswer = () =>
  emulator.controls.addFault({ method: 'POST', path: '/feeds/2021-06-30/feeds', drop: true });

describe('a refund abandoned mid-submission', () => {
  it('is reconciled by the next refund that needs the submission lock', async () => {
    const abandoned = refund('113-4827361-0192837', '52840173620922', 3);
    loseNextCreateFeedAnswer();
    await expect(issueRefund(context, abandoned)).rejects.toMatchObject({
      type: 'SpApiNoResponse',
    });
    const abandonedId = `RR-${abandoned.caseId}`;
    expect((await context.intents.get(abandonedId)).state).toBe('submitting');

    const next = await issueRefund(context, refund('114-7719024-5530126', '61039475518204', 4));
    expect(next.status).toBe('done');
    const reconciled = await context.intents.get(abandonedId);
    expect(reconciled.state).toBe('submitted');
    expect(reconciled.feedId).not.toBe(next.feedId);

    await expect(issueRefund(context, abandoned)).resolves.toMatchObject({ status: 'done' });
    expect(emulator.controls.adjustments()).toHaveLength(2);
  });

  it('goes to review, never resubmits, when another feed makes its own unrecognisable', async () => {
    const lost = refund('113-6620139-4407715', '94417705213389', 5);
    loseNextCreateFeedAnswer();
    await expect(issueRefund(context, lost)).rejects.toMatchObject({ type: 'SpApiNoResponse' });
    // Someone else (Seller Central tooling, another app) submits an adjustment meanwhile.
    const { adapter } = context;
    const foreignXml = paymentAdjustmentXml({
      sellerId: adapter.account.sellerId,
      orderId: '113-6620139-4407715',
      reason: 'GeneralAdjustment',
      currency: 'USD',
      lines: [
        {
          adjustmentItemId: 'OTHER-1',
          orderItemId: '94417705213390',
          components: { Principal: 100 },
        },
      ],
    });
    await adapter.submitAdjustmentFeed(await adapter.uploadAdjustmentDocument(foreignXml));
    const feedsBefore = emulator.controls.feeds().length;

    await expect(issueRefund(context, lost)).rejects.toMatchObject({
      type: 'RefundNeedsReview',
      nonRetryable: true,
    });
    const intent = await context.intents.get(`RR-${lost.caseId}`);
    expect(intent.state).toBe('needs-review');
    expect(intent.candidateFeedIds).toHaveLength(2);
    expect(emulator.controls.feeds()).toHaveLength(feedsBefore);

    // The candidates belong to that review now; the next refund is not confused by them.
    const after = await issueRefund(context, refund('111-9402275-1186630', '83092716650408', 6));
    expect(after.status).toBe('done');
  });

  it('refuses the same refund id with different amounts', async () => {
    const first = refund('112-3058816-7741209', '70315582046617', 1);
    await issueRefund(context, first);
    const changed = { ...first, items: [{ orderItemId: '70315582046617', principal: 2 }] };
    await expect(issueRefund(context, changed)).rejects.toMatchObject({ type: 'RefundConflict' });
  });
});

describe('the submission lock on FerretDB', () => {
  it('is exclusive, re-entrant for its holder, and released only by its holder', async () => {
    const locks = new SubmissionLocks(database);
    const account = `lock-test-${randomUUID()}`;
    expect(await locks.tryAcquire(account, 'A')).toEqual({ acquired: true });
    expect(await locks.tryAcquire(account, 'A')).toEqual({ acquired: true });
    expect(await locks.tryAcquire(account, 'B')).toMatchObject({ acquired: false, holder: 'A' });
    await locks.release(account, 'B');
    expect(await locks.tryAcquire(account, 'B')).toMatchObject({ acquired: false });
    await locks.release(account, 'A');
    expect(await locks.tryAcquire(account, 'B')).toEqual({ acquired: true });
  });
});
