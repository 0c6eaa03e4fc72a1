import { describe, expect, it } from 'vitest';
import { evaluateRule, type FlowDefinition, validateCaseInput } from '#flow-language';
import {
  type PolicyStore,
  SHIPPED_POLICY_KEYS,
  seedShippedPolicies,
  shippedPolicy,
  shippedPolicyDocument,
} from '../../../policies/shipped-policies.ts';
import { activityCatalog } from '../../../worker/activities/catalog.ts';

const TRIGGERS = {
  'marketplace-refund': 'refund.requested',
  'a-to-z-claim': 'a-to-z.claim-filed',
  'vendor-po-acknowledgement': 'vendor.po-received',
  chargeback: 'chargeback.received',
};

describe('shipped policies', () => {
  it.each(SHIPPED_POLICY_KEYS)('%s validates against the real activity catalog', (key) => {
    const flow = shippedPolicy(key, activityCatalog);
    expect(flow.key).toBe(key);
    expect(flow.nodes.find((node) => node.kind === 'start')).toMatchObject({
      trigger: TRIGGERS[key],
    });
  });

  it.each(SHIPPED_POLICY_KEYS)('%s gives every approval an SLA', (key) => {
    const approvals = shippedPolicy(key, activityCatalog).nodes.filter(
      (node) => node.kind === 'approval',
    );
    expect(approvals.length).toBeGreaterThan(0);
    for (const approval of approvals) expect(approval.sla).toBeDefined();
  });
});

const refund = () => shippedPolicy('marketplace-refund', activityCatalog);

function policyCase(flow: FlowDefinition, id: string): unknown {
  const policy = flow.nodes.find((node) => node.id === 'policy');
  if (policy?.kind !== 'decision') throw new Error('no policy decision');
  return policy.cases?.find((decisionCase) => decisionCase.id === id)?.when;
}

describe('the marketplace refund policy', () => {
  const request = {
    orderId: '113-4827361-0192837',
    orderItemId: '52840173620911',
    sku: 'ACORN-DRIP-01',
    quantity: 1,
    returnReason: 'no-reason',
    itemCondition: 'unopened',
    buyerEmail: 'buyer@example.com',
    buyerPostcode: '60602',
  };

  it("takes the delivery date and the amounts from Amazon's order, never from the request", () => {
    const issues = validateCaseInput(refund(), {
      ...request,
      daysSinceDelivery: -4,
      principalCents: 1,
      taxCents: 0,
    });
    expect(issues.map((issue) => [issue.field, issue.code])).toEqual([
      ['daysSinceDelivery', 'input.undeclared'],
      ['principalCents', 'input.undeclared'],
      ['taxCents', 'input.undeclared'],
    ]);
    const facts = refund().nodes.find((node) => node.id === 'readOrder');
    expect(facts).toMatchObject({ kind: 'action', activity: 'marketplace.readReturnFacts' });
  });

  it("takes the sale event and the gifts from Amazon's order and the seller's calendar", () => {
    const issues = validateCaseInput(refund(), {
      ...request,
      saleEvent: true,
      giftAndCouponCents: 1500,
    });
    expect(issues.map((issue) => [issue.field, issue.code])).toEqual([
      ['saleEvent', 'input.undeclared'],
      ['giftAndCouponCents', 'input.undeclared'],
    ]);
    const facts = refund().nodes.find((node) => node.id === 'factsOfReturn');
    expect(facts).toMatchObject({
      kind: 'set',
      assignments: {
        saleEvent: { var: ['facts.saleEvent', false] },
        giftAndCouponCents: { var: ['facts.giftCents', 0] },
      },
    });
  });

  it('reads a missing day count as no auto-approval, never as day 0', () => {
    const rule = policyCase(refund(), 'autoApprove');
    const data = { ...request, returnWindowDays: 7 };
    expect(evaluateRule(rule, data)).toMatchObject({ ok: false });
  });

  it('refuses ill-typed or unknown data', () => {
    const issues = validateCaseInput(refund(), {
      ...request,
      quantity: '1',
      itemCondition: 'like new',
      approvedByBuyer: true,
    });
    expect(issues.map((issue) => issue.field).sort()).toEqual([
      'approvedByBuyer',
      'itemCondition',
      'quantity',
    ]);
  });

  it.each([
    ['late', { daysSinceDelivery: 16 }, true],
    ['late', { daysSinceDelivery: 15 }, false],
    ['highValue', { refundTotalCents: 20_000 }, true],
    ['highValue', { refundTotalCents: 19_999 }, false],
    ['autoApprove', { daysSinceDelivery: 7, returnWindowDays: 7 }, true],
    ['autoApprove', { daysSinceDelivery: 8, returnWindowDays: 7 }, false],
    ['autoApprove', { daysSinceDelivery: 12, returnWindowDays: 15 }, true],
    ['autoApprove', { itemCondition: 'opened', returnWindowDays: 7 }, false],
  ])('rule %s on %j is %s', (id, changes, expected) => {
    const data = {
      ...request,
      daysSinceDelivery: 3,
      returnWindowDays: 7,
      refundTotalCents: 2705,
      ...changes,
    };
    expect(evaluateRule(policyCase(refund(), id), data)).toEqual({ ok: true, value: expected });
  });
});

/** FlowVersions' seeding surface, in memory. */
function memoryStore(published: Record<string, number> = {}) {
  const drafts = new Map<string, unknown>();
  const store: PolicyStore & { published: Record<string, number> } = {
    published,
    versions: async (key) => Array.from({ length: published[key] ?? 0 }),
    saveDraft: async (document) => {
      drafts.set((document as { key: string }).key, document);
    },
    publish: async (key) => {
      if (!drafts.has(key)) throw new Error(`no draft of ${key}`);
      published[key] = (published[key] ?? 0) + 1;
      return { version: published[key] };
    },
  };
  return store;
}

describe('seeding the shipped policies', () => {
  it('publishes each one on first start and nothing on the next', async () => {
    const store = memoryStore();
    const first = await seedShippedPolicies(store);
    expect(first.map((seeded) => seeded.publishedVersion)).toEqual([1, 1, 1, 1]);
    const second = await seedShippedPolicies(store);
    expect(second.every((seeded) => seeded.publishedVersion === undefined)).toBe(true);
    expect(store.published).toEqual({
      'marketplace-refund': 1,
      'a-to-z-claim': 1,
      'vendor-po-acknowledgement': 1,
      chargeback: 1,
    });
  });

  it('never replaces a version an admin published', async () => {
    const store = memoryStore({ 'marketplace-refund': 4 });
    await seedShippedPolicies(store);
    expect(store.published['marketplace-refund']).toBe(4);
  });

  it('ships the documents as JSON an admin can import', () => {
    for (const key of SHIPPED_POLICY_KEYS) {
      expect(shippedPolicyDocument(key)).toMatchObject({ key, version: 1 });
    }
  });
});
