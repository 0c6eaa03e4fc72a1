import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitUntil } from '../../../scripts/embedded/managed-process.ts';
import { financeCatalog, MongoLedger } from '../../../worker/activities/finance/index.ts';
import { marketplaceCatalog } from '../../../worker/activities/marketplace/index.ts';
import { RefundIntents } from '../../../worker/activities/marketplace/refund-intents.ts';
import { temporalRefundDrivers } from '../../../worker/refund-sweeper.ts';
import { buildFlow } from '../../support/flow-builder.ts';
import { savedTrailLines } from '../../support/saved-trails.ts';
import { MarketplaceHarness } from './marketplace-harness.ts';

let harness: MarketplaceHarness;
beforeAll(async () => {
  harness = await MarketplaceHarness.open(`refund-cancelled-${randomUUID()}`, true, true);
});
afterAll(async () => {
  await harness?.close();
});

const retry = {
  maximumAttempts: 30,
  initialIntervalSeconds: 0.3,
  backoffCoefficient: 1.5,
  maximumIntervalSeconds: 2,
};

/** Refund, book it, then wait for the buyer's feedback: the run is cancelled mid-refund. */
const refundThenBook = buildFlow(
  'refund-then-book',
  {
    inputs: {
      orderId: { type: 'string', required: true },
      reason: { type: 'string', required: true },
    },
    nodes: [
      { id: 'start', kind: 'start', trigger: 'test.started' },
      {
        id: 'refund',
        kind: 'action',
        activity: 'marketplace.issueRefund',
        inputs: {
          caseId: { var: 'case.id' },
          orderId: { var: 'orderId' },
          reason: 'CustomerReturn',
          orderItemId: '61039475518204',
          principal: 49,
        },
        resultVariable: 'refund',
        timeoutSeconds: 30,
        retry,
      },
      {
        id: 'book',
        kind: 'action',
        activity: 'finance.postRefund',
        inputs: {
          caseId: { var: 'case.id' },
          refundId: { var: 'refund.refundId' },
          orderId: { var: 'orderId' },
          currency: { var: 'refund.currency' },
          adjustmentItemIds: { var: 'refund.adjustmentItemIds' },
          principal: 4_900,
          tax: 0,
          shipping: 0,
          shippingTax: 0,
          referralFeeRefunded: 0,
          restockingFee: 0,
        },
        resultVariable: 'posting',
        timeoutSeconds: 30,
        retry,
      },
      { id: 'feedback', kind: 'wait', durationSeconds: 3_600 },
      { id: 'refunded', kind: 'end', outcome: 'refunded' },
    ],
    edges: [
      ['start', 'refund'],
      ['refund', 'book'],
      ['book', 'feedback'],
      ['feedback', 'refunded'],
    ],
  },
  [...marketplaceCatalog, ...financeCatalog],
);

it('finishes a refund and books it when the run is cancelled while createFeed is in flight', async () => {
  harness.emulator.controls.addFault({
    method: 'POST',
    path: '/feeds/2021-06-30/feeds',
    delayMs: 3_000,
  });
  const caseId = randomUUID();
  const refundId = `RR-${caseId}`;
  const run = await harness.start(refundThenBook, {
    caseId,
    orderId: '114-7719024-5530126',
    reason: 'CustomerReturn',
  });
  await waitUntil(
    'createFeed to be sent',
    async () => harness.createFeedCalls().length > 0,
    30_000,
    20,
  );
  const drivers = temporalRefundDrivers(harness.client);
  const inFlight = await new RefundIntents(harness.database).get(refundId);
  // The sweeper leaves a refund alone while its run's issueRefund is pending.
  expect(await drivers.isDriven(inFlight)).toBe(true);
  await run.cancel();

  const failure = await run.result().catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(WorkflowFailedError);
  expect(harness.adjustmentsFor(refundId)).toHaveLength(1);
  expect((await harness.intent(refundId)).state).toBe('done');
  const entry = await new MongoLedger(harness.database).find(`refund:${refundId}`);
  expect(entry?.reference).toMatchObject({ caseId, refundId });

  const trail = await savedTrailLines(harness.database, { workflowId: run.workflowId });
  const told = trail.map((event) => `${event.type}${event.nodeId ? ` ${event.nodeId}` : ''}`);
  expect(told).toEqual(
    expect.arrayContaining([
      'activity.completed refund',
      'activity.completed book',
      'run.cancelled',
    ]),
  );
  expect(told).not.toContain('node.entered refunded');
  expect(await drivers.isDriven(inFlight)).toBe(false);
});
