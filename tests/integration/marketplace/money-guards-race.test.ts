import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadMarketplaceConfig,
  SpApiMarketplaceAdapter,
} from '../../../worker/activities/marketplace/index.ts';
import { issueRefund } from '../../../worker/activities/marketplace/issue-refund.ts';
import type { RefundContext } from '../../../worker/activities/marketplace/refund-context.ts';
import { RefundIntents } from '../../../worker/activities/marketplace/refund-intents.ts';
import { SubmissionLocks } from '../../../worker/activities/marketplace/submission-lock.ts';
import { MarketplaceHarness } from './marketplace-harness.ts';

// Forty attempts at once, on the embedded database: FerretDB v1 does not make a conditional
// update atomic, so only guards built on unique inserts pass these.
const RACERS = 40;
const ROUNDS = 10;

let harness: MarketplaceHarness;
let context: () => RefundContext;
beforeAll(async () => {
  harness = await MarketplaceHarness.open(`money-guards-${randomUUID()}`, false);
  const config = loadMarketplaceConfig(harness.env);
  const adapter = new SpApiMarketplaceAdapter(config);
  const intents = new RefundIntents(harness.database);
  const locks = new SubmissionLocks(harness.database);
  context = () => ({
    adapter,
    intents,
    locks,
    settings: config.refunds,
    runtime: {
      heartbeat: () => {},
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      deadline: Date.now() + 60_000,
    },
  });
});
afterAll(async () => {
  await harness?.close();
});

/** Retries an attempt the way Temporal would, until it settles or fails for good. */
async function untilSettled(attempt: () => Promise<unknown>): Promise<unknown> {
  for (let round = 0; round < 200; round += 1) {
    try {
      return await attempt();
    } catch (error) {
      const failure = error as { nonRetryable?: boolean; nextRetryDelay?: unknown };
      if (failure.nonRetryable) return error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
  throw new Error('the attempt never settled');
}

const feedsFor = (orderId: string) =>
  harness.refundFeeds().filter((feed) => feed.content?.includes(`>${orderId}<`));

describe('money guards under forty concurrent writers', () => {
  it('sends one feed for one refund however many attempts race, round after round', async () => {
    const items = ['52840173620911', '52840173620922'];
    for (const [round, orderItemId] of items.entries()) {
      const request = {
        caseId: randomUUID(),
        orderId: '113-4827361-0192837',
        reason: 'CustomerReturn',
        items: [{ orderItemId, principal: 1 }],
      };
      const feedsBefore = feedsFor(request.orderId).length;
      await Promise.all(
        Array.from({ length: RACERS }, () =>
          issueRefund(context(), request).catch((error: unknown) => error),
        ),
      );
      await untilSettled(() => issueRefund(context(), request));

      expect(feedsFor(request.orderId), `round ${round}`).toHaveLength(feedsBefore + 1);
      expect(harness.adjustmentsFor(`RR-${request.caseId}`)).toHaveLength(1);
      expect((await harness.intent(`RR-${request.caseId}`)).state).toBe('done');
    }
  });

  it('never sends more for one order line than the buyer paid', async () => {
    const orderId = '114-7719024-5530126';
    // Item 349.00 plus 28.79 sales tax: three refunds of 100.00 fit, a fourth does not.
    const paid = 377.79;
    const refunds = Array.from({ length: RACERS }, () => ({
      caseId: randomUUID(),
      orderId,
      reason: 'CustomerReturn',
      items: [{ orderItemId: '61039475518204', principal: 100 }],
    }));
    await Promise.all(
      refunds.map((request) => untilSettled(() => issueRefund(context(), request))),
    );

    const sent = feedsFor(orderId).length * 100;
    expect(sent).toBeLessThanOrEqual(paid);
    expect(sent).toBe(300);
  });

  it('gives an account lock to exactly one of forty takers, round after round', async () => {
    const locks = new SubmissionLocks(harness.database);
    for (let round = 0; round < ROUNDS; round += 1) {
      const account = `SELLER-${randomUUID()}:ATVPDKIKX0DER`;
      // The lock has been held and let go before: the racers meet an existing lock record.
      expect(await locks.tryAcquire(account, 'earlier')).toEqual({ acquired: true });
      await locks.release(account, 'earlier');

      const takers = Array.from({ length: RACERS }, (_, index) => `taker-${index}`);
      const attempts = await Promise.all(takers.map((taker) => locks.tryAcquire(account, taker)));

      expect(attempts.filter((attempt) => attempt.acquired)).toHaveLength(1);
    }
  });

  it('lets exactly one of forty writers take a refund step, round after round', async () => {
    const intents = new RefundIntents(harness.database);
    for (let round = 0; round < ROUNDS; round += 1) {
      const refundId = `RR-${randomUUID()}`;
      await intents.createIfAbsent({
        _id: refundId,
        caseId: refundId,
        orderId: '113-4827361-0192837',
        account: 'SELLER:ATVPDKIKX0DER',
        currency: 'USD',
        reason: 'CustomerReturn',
        lines: [],
        fingerprint: 'f',
        createdAt: new Date(),
      });
      const moves = await Promise.all(
        Array.from({ length: RACERS }, () =>
          intents.move(refundId, 'prepared', 'submitting', 'sending createFeed'),
        ),
      );
      expect(moves.filter(Boolean)).toHaveLength(1);
      const intent = await intents.get(refundId);
      expect(intent.state).toBe('submitting');
      expect(intent.history.map((change) => change.state)).toEqual(['prepared', 'submitting']);
    }
  });
});
