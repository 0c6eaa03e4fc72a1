import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savedTrailLines } from '../../support/saved-trails.ts';
import { MarketplaceHarness } from './marketplace-harness.ts';
import { guardedRefundFlow, refundFlow } from './refund-flows.ts';

let harness: MarketplaceHarness;
beforeAll(async () => {
  harness = await MarketplaceHarness.open('marketplace-amazon-refunds');
});
afterAll(async () => {
  await harness?.close();
});

const FBA_ORDER = '112-3058816-7741209';
const newCase = (orderId: string) => ({ caseId: randomUUID(), orderId, reason: 'CustomerReturn' });

describe('refunds Amazon already made on its own', () => {
  beforeAll(() => {
    harness.emulator.controls.postAmazonEvent(FBA_ORDER, 'guaranteeClaim', [
      {
        orderItemId: '70315582046617',
        components: [
          { type: 'Principal', amount: 32.5 },
          { type: 'Tax', amount: 2.68 },
        ],
      },
    ]);
  });

  it('a flow that reads the order and its financial events sees the A-to-Z claim', async () => {
    const result = await (await harness.start(guardedRefundFlow(), newCase(FBA_ORDER))).result();
    expect(result.outcome).toBe('amazon-refunded');
    expect(result.variables.order).toMatchObject({ fulfillmentChannel: 'AFN', orderTotal: 35.18 });
    expect(result.variables.events).toMatchObject({
      hasGuaranteeClaim: true,
      hasChargeback: false,
      refundedTotal: 35.18,
    });
  });

  it('a flow that refunds blindly is refused before anything reaches Amazon', async () => {
    const refundCase = newCase(FBA_ORDER);
    const run = await harness.start(refundFlow({ itemized: false }), refundCase);
    expect((await run.result()).outcome).toBe('refused');
    expect(harness.refundFeeds()).toHaveLength(0);
    const intent = await harness.intent(`RR-${refundCase.caseId}`);
    expect(intent.state).toBe('prepared');
    const trail = (await savedTrailLines(harness.database, { workflowId: run.workflowId })).find(
      (line) => line.type === 'activity.failed',
    );
    expect(String(trail?.details?.error)).toMatch(/would exceed the 35.18 paid \(35.18 already/);
  });

  it('an order without claims is refunded in full and its status read back', async () => {
    const refundCase = newCase('113-4827361-0192837');
    const result = await (await harness.start(guardedRefundFlow(), refundCase)).result();
    expect(result.outcome).toBe('refunded');
    expect(result.variables.refund).toMatchObject({ status: 'done', amount: 47.58 });
    expect(result.variables.status).toMatchObject({
      refundId: `RR-${refundCase.caseId}`,
      status: 'done',
      amount: 47.58,
      outcome: expect.stringMatching(/processed: 1 adjustment message/),
    });
    expect(harness.adjustmentsFor(`RR-${refundCase.caseId}`)).toHaveLength(2);
  });
});
