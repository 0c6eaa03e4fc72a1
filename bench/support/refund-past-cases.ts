import type { FlowDefinition, PastCase, TestRunSample } from '#flow-language';
import { TestRunSampleSchema } from '#flow-language';
import {
  type CaseHistorySample,
  recordCase,
} from '../../tests/unit/flow-language/support/recorded-case.ts';

const TAX_RATE = 0.0825;
const sent = [{ output: { sent: true } }];

/**
 * The i-th past case of the shipped refund policy, with what the world answered it. Every
 * branch of the policy is taken by some i: late, high value (two approvers, some rejected),
 * quality problems, auto-approvals, standard reviews, Amazon- and merchant-fulfilled, two
 * currencies, already refunded.
 */
export function refundHistory(i: number): CaseHistorySample {
  const principalCents = 2_000 + ((i * 977) % 30_000);
  const taxCents = Math.round(principalCents * TAX_RATE);
  const currency = i % 4 === 1 ? 'EUR' : 'USD';
  const amount = (principalCents + taxCents) / 100;
  const approve = (actor: string) => ({ actor, verdict: 'approve' as const });
  return {
    caseContext: { marketplace: refundMarketplace(i) },
    caseInput: {
      orderId: `111-${String(i).padStart(7, '0')}-0000001`,
      orderItemId: `item-${i}`,
      sku: `SKU-${i % 50}`,
      quantity: 1,
      returnReason: i % 4 === 0 ? 'quality-problem' : 'no-reason',
      itemCondition: i % 5 === 0 ? 'opened' : 'unopened',
      buyerEmail: `buyer-${i}@example.com`,
      buyerPostcode: '10001',
    },
    actions: {
      readOrder: [
        {
          output: {
            delivered: true,
            shipped: true,
            alreadyRefunded: i % 29 === 0,
            daysSinceDelivery: i % 20,
            principalCents,
            taxCents,
            fulfillmentChannel: i % 3 === 0 ? 'MFN' : 'AFN',
            currency,
          },
        },
      ],
      // As finance.issueCompensationCoupon answers: the mail reads the coupon's value and currency.
      issueCoupon: [{ output: { couponCode: `C-${i}`, value: 1_000, currency, created: true } }],
      createRma: [{ output: { rmaId: `RMA-${i}` } }],
      routeReturn: [{ output: { storeId: 's1', storeName: 'Store 1', city: 'Springfield' } }],
      receiveReturn: [{ output: { received: true } }],
      gradeReturn: [{ output: { disposition: 'sellable' } }],
      refund: [
        {
          output: {
            refundId: `RR-${i}`,
            amount,
            currency,
            adjustmentItemIds: [`RR-${i}-1`],
            account: 'default',
            marketplaceId: refundMarketplace(i),
          },
        },
      ],
      postLedger: [{ output: { entryId: `refund:RR-${i}` } }],
      tellLate: sent,
      tellRejected: sent,
      sendLabel: sent,
      tellNotReceived: sent,
      tellRefunded: sent,
      tellManual: sent,
      interceptShipment: sent,
      cancelUnshipped: sent,
    },
    approvals: {
      fourEyesReview: [
        i % 7 === 0
          ? [{ actor: 'ann', verdict: 'reject', comment: 'worn' }]
          : [approve('ann'), approve('ben')],
      ],
      photoReview: [[approve('ann')]],
      review: [[approve('ben')]],
      inspect: [[{ actor: 'clerk', verdict: 'approve', form: { grade: 'new' } }]],
    },
  };
}

/** Amazon.com for dollar cases, Amazon.de for euro ones. */
export function refundMarketplace(i: number): string {
  return i % 4 === 1 ? 'A1PA6795UKMFR9' : 'ATVPDKIKX0DER';
}

export function refundPastCase(flow: FlowDefinition, i: number): Promise<PastCase> {
  return recordCase(flow, refundHistory(i));
}

const VERDICTS = { approved: 'approve', rejected: 'reject', 'timed-out': 'timeout' } as const;

/** The same case as a test-run sample, for the simulator the walk replaced (one answer per node). */
export function sampleOf(pastCase: PastCase): TestRunSample {
  const actions: Record<string, { output: unknown } | { error: string }> = {};
  const approvals: Record<string, 'approve' | 'reject' | 'timeout'> = {};
  for (const event of pastCase.trail) {
    const nodeId = event.nodeId ?? '';
    if (event.type === 'activity.completed') actions[nodeId] = { output: event.details?.output };
    if (event.type === 'task.closed' || event.type === 'task.timed-out') {
      approvals[nodeId] = VERDICTS[event.details?.status as keyof typeof VERDICTS];
    }
  }
  return TestRunSampleSchema.parse({
    caseInput: pastCase.caseInput,
    caseContext: pastCase.caseContext,
    actions,
    approvals,
  });
}
