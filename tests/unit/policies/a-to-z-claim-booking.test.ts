import { describe, expect, it } from 'vitest';
import { type SimulationResult, simulateFlow, TestRunSampleSchema } from '#flow-language';
import type { FlowDocument } from '../../../designer/src/flows/flow-graph.ts';
import { sampleScenario } from '../../../designer/src/flows/test-run-sample.ts';
import { shippedPolicy } from '../../../policies/shipped-policies.ts';
import { activityCatalog } from '../../../worker/activities/catalog.ts';

const flow = () => shippedPolicy('a-to-z-claim', activityCatalog);

/** One item of a guarantee claim as marketplace.listFinancialEvents lists it. */
const claimItem = (orderItemId: string, eventAdjustmentId: string, postedDate: string) => ({
  kind: 'guaranteeClaim',
  orderItemId,
  eventAdjustmentId,
  postedDate,
  buyerRefund: 10,
  currency: 'USD',
  charges: {},
  fees: {},
});

const FIRST = claimItem('item-1', 'adj-1', '2026-05-01T10:00:00Z');
const FIRST_OTHER_ITEM = claimItem('item-2', 'adj-1', '2026-05-01T10:00:00Z');
const SECOND = claimItem('item-2', 'adj-2', '2026-05-03T10:00:00Z');

/** The answer of marketplace.readClaim for the claim it was asked about. */
const readClaimAnswer = (amount: number) => ({
  orderId: 'order-1',
  kind: 'guaranteeClaim',
  orderItemIds: ['item-1'],
  adjustmentIds: ['adj-1'],
  amount,
  currency: 'USD',
  postedDate: '2026-05-01T10:00:00Z',
});

/**
 * The designer's starting scenario for the A-to-Z policy, with the case's input and what
 * Amazon lists on the order; readClaim answers `claim` (or fails).
 */
function walk(
  caseInput: Record<string, string>,
  guaranteeClaims: unknown[],
  claim: { output: unknown } | { error: string } = { output: readClaimAnswer(1_000) },
) {
  const policy = flow();
  const { forms: _forms, ...scenario } = sampleScenario(
    policy as unknown as FlowDocument,
    activityCatalog,
  );
  const events = {
    orderId: 'order-1',
    refunds: [],
    guaranteeClaims,
    chargebacks: [],
    refundedTotal: 0,
    hasGuaranteeClaim: guaranteeClaims.length > 0,
    guaranteeClaimedCents: guaranteeClaims.length * 1_000,
    hasChargeback: false,
  };
  return simulateFlow(
    policy,
    TestRunSampleSchema.parse({
      ...scenario,
      caseInput: {
        orderId: 'order-1',
        claimId: 'a-to-z-order-1-adj-1',
        claimReason: 'item-not-received',
        buyerEmail: 'buyer@example.com',
        ...caseInput,
      },
      actions: { ...scenario.actions, readEvents: { output: events }, readClaim: claim },
      approvals: {},
    }),
  );
}

const visited = (run: SimulationResult) => run.steps.map((step) => step.nodeId);
const given = (run: SimulationResult, nodeId: string, input: string) =>
  run.rules.find((rule) => rule.nodeId === nodeId && rule.purpose === `input ${input}`)?.result;

describe('the A-to-Z policy books the claim Amazon paid, never the sum of several', () => {
  it('reads and books the claim the case names, though the order has another', async () => {
    const run = await walk({ adjustmentId: 'adj-1', postedDate: '2026-05-01T10:00:00Z' }, [
      FIRST,
      SECOND,
    ]);
    expect(run.outcome).toBe('granted-by-amazon');
    expect(given(run, 'readClaim', 'adjustmentId')).toBe('adj-1');
    expect(given(run, 'postClaim', 'amount')).toBe(1_000);
    expect(given(run, 'postClaim', 'orderItemIds')).toEqual(['item-1']);
  });

  it('names a claim without adjustment ids by its posting time', async () => {
    const run = await walk({ postedDate: '2026-05-01T10:00:00Z' }, [FIRST, SECOND]);
    expect(run.outcome).toBe('granted-by-amazon');
    expect(given(run, 'readClaim', 'adjustmentId')).toBe('');
    expect(given(run, 'readClaim', 'postedDate')).toBe('2026-05-01T10:00:00Z');
  });

  it("books the order's only claim when the case names none, all its items one claim", async () => {
    const run = await walk({}, [FIRST, FIRST_OTHER_ITEM], { output: readClaimAnswer(2_000) });
    expect(run.outcome).toBe('granted-by-amazon');
    expect(visited(run)).toContain('theOnlyClaim');
    expect(given(run, 'readClaim', 'adjustmentId')).toBe('adj-1');
    expect(given(run, 'postClaim', 'amount')).toBe(2_000);
  });

  it('hands an order with several claims and none named to the team, booking nothing', async () => {
    const run = await walk({}, [FIRST, SECOND]);
    expect(run.outcome).toBe('manual-handling');
    expect(visited(run)).not.toContain('readClaim');
    expect(visited(run)).not.toContain('postClaim');
  });

  it('hands a named claim Amazon does not list to the team', async () => {
    const run = await walk({ adjustmentId: 'adj-9' }, [FIRST], {
      error: 'No guaranteeClaim event with adjustment id adj-9',
    });
    expect(run.outcome).toBe('manual-handling');
    expect(visited(run)).not.toContain('postClaim');
  });

  it('still refunds or asks a reviewer when Amazon paid nothing', async () => {
    const run = await walk({}, []);
    expect(visited(run)).not.toContain('readClaim');
    expect(visited(run)).toContain('autoRefund');
  });
});
