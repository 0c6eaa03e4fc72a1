import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MarketplaceHarness } from './marketplace-harness.ts';
import { refundFlow } from './refund-flows.ts';

let harness: MarketplaceHarness;
beforeAll(async () => {
  harness = await MarketplaceHarness.open('marketplace-refunds');
});
afterAll(async () => {
  await harness?.close();
});

const newCase = (orderId: string, items?: Record<string, unknown>[]) => ({
  caseId: randomUUID(),
  orderId,
  reason: 'CustomerReturn',
  ...(items ? { items } : {}),
});

describe('marketplace.issueRefund through the flow interpreter', () => {
  it('refunds once, and a second run for the same case does not refund again', async () => {
    const refundCase = newCase('113-4827361-0192837', [
      { orderItemId: '52840173620911', principal: 10, tax: 0.82, restockingFee: 1.5 },
    ]);
    const refundId = `RR-${refundCase.caseId}`;
    const first = await (await harness.start(refundFlow(), refundCase)).result();
    expect(first.outcome).toBe('refunded');
    expect(first.variables.refund).toMatchObject({ refundId, status: 'done', amount: 9.32 });
    const feedsAfterFirst = harness.refundFeeds().length;
    const callsAfterFirst = harness.createFeedCalls().length;

    const second = await (await harness.start(refundFlow(), refundCase)).result();
    expect(second.outcome).toBe('refunded');
    expect(second.variables.refund).toEqual(first.variables.refund);
    expect(harness.refundFeeds()).toHaveLength(feedsAfterFirst);
    expect(harness.createFeedCalls()).toHaveLength(callsAfterFirst);
    const adjustments = harness.adjustmentsFor(refundId);
    expect(adjustments).toHaveLength(1);
    expect(adjustments[0]).toMatchObject({
      merchantAdjustmentItemId: `${refundId}-1`,
      orderItemId: '52840173620911',
      reason: 'CustomerReturn',
      components: [
        { type: 'Principal', amount: 10 },
        { type: 'Tax', amount: 0.82 },
        { type: 'RestockingFee', amount: -1.5 },
      ],
    });
  });

  it('waits out 429 throttling and still refunds exactly once', async () => {
    harness.emulator.controls.addFault({
      method: 'POST',
      path: '/feeds/2021-06-30/feeds',
      status: 429,
      rateLimit: 5,
      times: 2,
    });
    const refundCase = newCase('114-7719024-5530126', [
      { orderItemId: '61039475518204', principal: 20 },
    ]);
    const callsBefore = harness.createFeedCalls().length;
    const result = await (await harness.start(refundFlow(), refundCase)).result();
    expect(result.outcome).toBe('refunded');
    const calls = harness.createFeedCalls().slice(callsBefore);
    expect(calls.map((call) => call.status)).toEqual([429, 429, 202]);
    expect(harness.adjustmentsFor(`RR-${refundCase.caseId}`)).toHaveLength(1);
  });

  it('adopts the feed Amazon accepted when the createFeed answer is lost', async () => {
    harness.emulator.controls.addFault({
      method: 'POST',
      path: '/feeds/2021-06-30/feeds',
      drop: true,
    });
    const refundCase = newCase('113-6620139-4407715', [
      { orderItemId: '94417705213389', principal: 15 },
    ]);
    const result = await (await harness.start(refundFlow(), refundCase)).result();
    expect(result.outcome).toBe('refunded');
    const refundId = `RR-${refundCase.caseId}`;
    const adjustments = harness.adjustmentsFor(refundId);
    expect(adjustments).toHaveLength(1);
    const intent = await harness.intent(refundId);
    expect(intent.feedId).toBe(adjustments[0]?.feedId);
    expect(intent.history.map((change) => change.note)).toContainEqual(
      expect.stringMatching(/^adopted feed/),
    );
  });

  it('resubmits only after proving that a failed createFeed never reached Amazon', async () => {
    // A 503 proves nothing: the refund must wait, look for a feed, find none, then resubmit.
    harness.emulator.controls.addFault({
      method: 'POST',
      path: '/feeds/2021-06-30/feeds',
      status: 503,
    });
    const refundCase = newCase('111-9402275-1186630');
    const flow = refundFlow({ itemized: false });
    const result = await (await harness.start(flow, refundCase)).result();
    expect(result.outcome).toBe('refunded');
    expect(result.variables.refund).toMatchObject({ amount: 47.9 });
    const refundId = `RR-${refundCase.caseId}`;
    expect(harness.adjustmentsFor(refundId)).toHaveLength(1);
    const notes = (await harness.intent(refundId)).history.map((change) => change.note);
    expect(notes).toContain('no feed reached Amazon; may resubmit');
  });
});
