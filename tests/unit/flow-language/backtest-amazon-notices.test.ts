import { describe, expect, it } from 'vitest';
import {
  backtestCase,
  CaseRecordIndex,
  FlowGraph,
  indexOfRecord,
  type PastCase,
  type PastTrailEvent,
  parseFlowDefinition,
  pastCaseRecord,
  selfCheckFault,
} from '#flow-language';
import { shippedPolicyDocument } from '../../../policies/shipped-policies.ts';
import { type CaseHistorySample, recordCase } from './support/recorded-case.ts';

function refundPolicy() {
  const document = shippedPolicyDocument('marketplace-refund') as Record<string, unknown>;
  const parsed = parseFlowDefinition({ ...document, version: 1 });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.flow;
}

// Fulfilled by Amazon, unopened, no reason: the rules approve it without a reviewer.
const autoApproved: CaseHistorySample = {
  caseInput: {
    orderId: '111-0000001-0000001',
    orderItemId: 'item-1',
    sku: 'SKU-1',
    quantity: 1,
    buyerEmail: 'buyer@example.com',
    buyerPostcode: '10001',
    returnReason: 'no-reason',
    itemCondition: 'unopened',
  },
  actions: {
    readOrder: [
      {
        output: {
          delivered: true,
          shipped: true,
          alreadyRefunded: false,
          daysSinceDelivery: 3,
          principalCents: 5_000,
          taxCents: 400,
          fulfillmentChannel: 'AFN',
          currency: 'USD',
        },
      },
    ],
    refund: [
      { output: { refundId: 'RR-1', amount: 54, currency: 'USD', adjustmentItemIds: ['a'] } },
    ],
    postLedger: [{ output: { entryId: 'refund:RR-1' } }],
    tellRefunded: [{ output: { sent: true } }],
    tellRejected: [{ output: { sent: true } }],
  },
};

/**
 * The case as the live run keeps it when Amazon cancelled the order meanwhile: the run read
 * the status from its signal, so the case's context as submitted does not have it; the trail
 * has the notification's line.
 */
async function cancelledMeanwhile(): Promise<PastCase> {
  const ran = await recordCase(refundPolicy(), {
    ...autoApproved,
    caseContext: { amazon: { orderStatus: 'Canceled' } },
  });
  const { amazon: _told, ...submitted } = ran.caseContext;
  const notified: PastTrailEvent = {
    workflowId: ran.workflowId,
    sequence: 2,
    at: '2026-03-01T00:00:01.000Z',
    type: 'amazon.notified',
    actor: 'amazon',
    details: {
      notificationId: 'n-1',
      notificationType: 'ORDER_CHANGE',
      orderId: '111-0000001-0000001',
      orderStatus: 'Canceled',
      eventTime: '2026-03-01T00:00:01.000Z',
    },
  };
  const [first, ...rest] = ran.trail;
  const trail = [first, notified, ...rest].flatMap((event) => (event ? [event] : []));
  return { ...ran, caseContext: submitted, trail };
}

describe("a backtest and what Amazon's notifications told a past case", () => {
  it('walks the case with the order status its run was told, so the self-check holds', async () => {
    const pastCase = await cancelledMeanwhile();
    expect(pastCase.outcome).toBe('order-cancelled');
    const graph = new FlowGraph(refundPolicy());
    const fromTrail = new CaseRecordIndex(pastCase);
    // The compact record kept at close answers the same.
    const fromRecord = indexOfRecord(pastCaseRecord(fromTrail));
    for (const index of [fromTrail, fromRecord]) {
      const result = await backtestCase(graph, index);
      expect(result.verdict).toBe('same');
      expect(result.replayed.outcome).toBe('order-cancelled');
      expect(selfCheckFault(result)).toBeUndefined();
    }
  });

  it('keeps the latest status by Amazon event time, a late older one aside', () => {
    const line = (id: string, orderStatus: string, eventTime: string): PastTrailEvent => ({
      workflowId: 'flow-run-x',
      sequence: 1,
      type: 'amazon.notified',
      details: { notificationId: id, notificationType: 'ORDER_CHANGE', orderStatus, eventTime },
    });
    const index = new CaseRecordIndex({
      caseId: 'x',
      workflowId: 'flow-run-x',
      flowVersion: 1,
      status: 'completed',
      caseInput: {},
      caseContext: { id: 'x' },
      trail: [
        line('n-2', 'Canceled', '2026-03-01T10:00:00Z'),
        line('n-1', 'Shipped', '2026-03-01T09:00:00Z'),
        line('n-2', 'Canceled', '2026-03-01T10:00:00Z'),
      ],
    });
    expect(index.pastCase.caseContext).toEqual({
      id: 'x',
      amazon: { orderStatus: 'Canceled', orderStatusAt: '2026-03-01T10:00:00Z' },
    });
  });
});
