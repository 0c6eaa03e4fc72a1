import { describe, expect, it } from 'vitest';
import {
  addToSummary,
  type BacktestSummary,
  backtestCase,
  CaseRecordIndex,
  emptyTotals,
  type FlowDefinition,
  FlowGraph,
  type PastCase,
  parseFlowDefinition,
  selfCheckFault,
} from '#flow-language';
import { shippedPolicyDocument } from '../../../policies/shipped-policies.ts';
import { buildFlow, end, probe, start } from '../../support/flow-builder.ts';
import { type CaseHistorySample, recordCase } from './support/recorded-case.ts';

function policy(edit?: (document: Record<string, unknown>) => void, version = 1): FlowDefinition {
  const document = structuredClone(shippedPolicyDocument('marketplace-refund')) as Record<
    string,
    unknown
  >;
  edit?.(document);
  const parsed = parseFlowDefinition({ ...document, version });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.flow;
}

/** The high-value case of the refund policy's decision, in cents. */
function highValueAt(cents: number) {
  return (document: Record<string, unknown>) => {
    const nodes = document.nodes as { id: string; cases?: { id: string; when: unknown }[] }[];
    const highValue = nodes
      .find((node) => node.id === 'policy')
      ?.cases?.find((c) => c.id === 'highValue');
    if (!highValue) throw new Error('the refund policy has no highValue case');
    highValue.when = { '>=': [{ var: 'refundTotalCents' }, cents] };
  };
}

const buyer = {
  orderId: '111-0000001-0000001',
  orderItemId: 'item-1',
  sku: 'SKU-1',
  quantity: 1,
  buyerEmail: 'buyer@example.com',
  buyerPostcode: '10001',
};

function refundCase(
  principalCents: number,
  approvals: CaseHistorySample['approvals'] = {},
): CaseHistorySample {
  const amount = (principalCents + 1_000) / 100;
  return {
    caseInput: { ...buyer, returnReason: 'no-reason', itemCondition: 'unopened' },
    actions: {
      readOrder: [
        {
          output: {
            delivered: true,
            shipped: true,
            alreadyRefunded: false,
            daysSinceDelivery: 3,
            principalCents,
            taxCents: 1_000,
            fulfillmentChannel: 'AFN',
            currency: 'USD',
          },
        },
      ],
      refund: [{ output: { refundId: 'RR-1', amount, currency: 'USD', adjustmentItemIds: ['a'] } }],
      postLedger: [{ output: { entryId: 'refund:RR-1' } }],
      tellRefunded: [{ output: { sent: true } }],
      tellRejected: [{ output: { sent: true } }],
    },
    approvals,
  };
}

const twoApprovers = {
  fourEyesReview: [
    [
      { actor: 'rev-1', verdict: 'approve' as const },
      { actor: 'rev-2', verdict: 'approve' as const },
    ],
  ],
};
const rejectedByReviewer = {
  fourEyesReview: [[{ actor: 'rev-1', verdict: 'reject' as const, comment: 'worn' }]],
};

async function backtest(flow: FlowDefinition, cases: PastCase[]) {
  const graph = new FlowGraph(flow);
  return Promise.all(cases.map((pastCase) => backtestCase(graph, new CaseRecordIndex(pastCase))));
}

describe('backtest of the shipped refund policy', () => {
  it('reproduces every recorded path and outcome under the version that ran (the self-check)', async () => {
    const v1 = policy();
    const cases = await Promise.all([
      recordCase(v1, refundCase(15_000)),
      recordCase(v1, refundCase(24_000, twoApprovers)),
      recordCase(v1, refundCase(30_000, rejectedByReviewer)),
    ]);
    expect(cases.map((c) => c.outcome)).toEqual(['refunded', 'refunded', 'rejected']);
    const results = await backtest(v1, cases);
    expect(results.map((result) => result.verdict)).toEqual(['same', 'same', 'same']);
    expect(results.map(selfCheckFault)).toEqual([undefined, undefined, undefined]);
  });

  it('a lower high-value threshold sends an auto-approved refund to two reviewers', async () => {
    const v1 = policy();
    const autoApproved = await recordCase(v1, refundCase(15_000));
    const [result] = await backtest(policy(highValueAt(15_000), 2), [autoApproved]);
    expect(result).toMatchObject({
      verdict: 'flipped',
      flipped: true,
      recorded: { outcome: 'refunded' },
      replayed: {
        status: 'unknown',
        outcome: 'review:fourEyesReview',
        unknown: { kind: 'approval' },
      },
      divergence: { nodeId: 'policy', recordedHandle: 'autoApprove', replayedHandle: 'highValue' },
      refunds: { recorded: { USD: 160 }, replayed: {} },
    });
    const highValue = result?.divergence?.rules.find((rule) => rule.purpose === 'case highValue');
    expect(highValue).toMatchObject({ result: true, recordedResult: false });
    const summary: BacktestSummary = { total: emptyTotals(), byCurrency: {} };
    if (result) addToSummary(summary, result);
    expect(summary.byCurrency.USD).toMatchObject({
      flipped: 1,
      money: { paidBefore: 160, paidAfter: 0, heldForReview: { cases: 1, amount: 160 } },
      people: { reviewer: { before: 0, after: 1, created: 1, slaHoursAfter: 24 } },
    });
  });

  it('a higher threshold auto-approves what two reviewers approved, answering the refund from the record', async () => {
    const v1 = policy();
    const approved = await recordCase(v1, refundCase(24_000, twoApprovers));
    const rejected = await recordCase(v1, refundCase(24_000, rejectedByReviewer));
    const [same, flipped] = await backtest(policy(highValueAt(30_000), 2), [approved, rejected]);
    expect(same).toMatchObject({ verdict: 'path-changed', replayed: { outcome: 'refunded' } });
    expect(same?.tasks).toMatchObject({ recorded: [{ role: 'reviewer' }], replayed: [] });
    // The rejected case never refunded: the draft would, and the record cannot price it.
    expect(flipped).toMatchObject({
      verdict: 'flipped',
      replayed: {
        status: 'unknown',
        unknown: { nodeId: 'refund', kind: 'activity', moneyStep: true },
      },
      refunds: { replayedUnknown: true },
    });
  });

  it('says so when the trail predates recorded activity results', async () => {
    const pastCase = await recordCase(policy(), refundCase(15_000));
    const withoutResults = {
      ...pastCase,
      trail: pastCase.trail.filter((event) => event.type !== 'activity.completed'),
    };
    const [result] = await backtest(policy(), [withoutResults]);
    expect(result).toMatchObject({
      verdict: 'unknown',
      flipped: false,
      replayed: { unknown: { nodeId: 'readOrder' } },
    });
    expect(result?.replayed.unknown?.reason).toContain('predates');
    // The same, as a code and values a reader in another language words for themselves.
    expect(result?.replayed.unknown?.why).toEqual({
      code: 'results-not-recorded',
      values: { activity: 'marketplace.readReturnFacts' },
    });
  });

  it('reports an engine fault when its own version does not reproduce the record', async () => {
    const pastCase = await recordCase(policy(), refundCase(15_000));
    // A record the walk cannot have produced: the policy decision left by another edge.
    const tampered = {
      ...pastCase,
      trail: pastCase.trail.map((event) =>
        event.type === 'node.left' && event.nodeId === 'policy'
          ? { ...event, details: { handle: 'default' } }
          : event,
      ),
    };
    const [result] = await backtest(policy(), [tampered]);
    expect(selfCheckFault(result as NonNullable<typeof result>)).toContain('another path');
  });
});

const approvalNode = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  kind: 'approval' as const,
  title: id,
  assignee: { role: 'reviewer' },
  ...extra,
});

describe('backtest of generated flows reproduces their recorded runs', () => {
  const parallel = (mode: 'all' | 'first') =>
    buildFlow(`bt-parallel-${mode}`, {
      variables: { a: { type: 'number', initial: 0 } },
      nodes: [
        start,
        { id: 'split', kind: 'parallel' },
        probe('left', 'left', { resultVariable: 'leftResult' }),
        { id: 'right', kind: 'set', assignments: { a: 2 } },
        { id: 'join', kind: 'join', mode },
        end('done'),
      ],
      edges: [
        ['start', 'split'],
        ['split', 'left'],
        ['split', 'right'],
        ['left', 'join'],
        ['right', 'join'],
        ['join', 'done'],
      ],
    });

  const withTimeout = buildFlow('bt-timeout', {
    nodes: [
      start,
      approvalNode('check', { sla: { durationSeconds: 60 } }),
      end('ok'),
      end('no'),
      end('late'),
    ],
    edges: [
      ['start', 'check'],
      ['check', 'ok', 'approved'],
      ['check', 'no', 'rejected'],
      ['check', 'late', 'timeout'],
    ],
  });

  const subflowAndError = buildFlow('bt-subflow', {
    nodes: [
      start,
      { id: 'child', kind: 'subflow', flowKey: 'stock-check', version: 1, resultVariable: 'stock' },
      probe('call', 'call'),
      end('done'),
      end('broken'),
    ],
    edges: [
      ['start', 'child'],
      ['child', 'call'],
      ['child', 'broken', 'error'],
      ['call', 'done'],
      ['call', 'broken', 'error'],
    ],
  });

  const pollingLoop = buildFlow('bt-loop', {
    variables: { tries: { type: 'number', initial: 0 } },
    nodes: [
      start,
      { id: 'count', kind: 'set', assignments: { tries: { '+': [{ var: 'tries' }, 1] } } },
      probe('poll', 'poll', { resultVariable: 'status' }),
      { id: 'ready', kind: 'decision', condition: { '==': [{ var: 'status.value' }, 'ready'] } },
      { id: 'pause', kind: 'wait', durationSeconds: 3_600 },
      end('done'),
    ],
    edges: [
      ['start', 'count'],
      ['count', 'poll'],
      ['poll', 'ready'],
      ['ready', 'done', 'true'],
      ['ready', 'pause', 'false'],
      ['pause', 'count'],
    ],
  });

  const runs: [string, FlowDefinition, CaseHistorySample][] = [
    [
      'parallel, join all',
      parallel('all'),
      { caseInput: {}, actions: { left: [{ output: { x: 1 } }] } },
    ],
    [
      'parallel, join first',
      parallel('first'),
      { caseInput: {}, actions: { left: [{ error: 'down' }] } },
    ],
    ['approval that timed out', withTimeout, { caseInput: {}, approvals: { check: ['timeout'] } }],
    [
      'approval rejected',
      withTimeout,
      { caseInput: {}, approvals: { check: [[{ actor: 'r', verdict: 'reject', comment: 'no' }]] } },
    ],
    [
      'subflow then error edge',
      subflowAndError,
      {
        caseInput: {},
        subflows: { child: { outcome: 'in-stock' } },
        actions: { call: [{ error: 'boom' }] },
      },
    ],
    [
      'failed subflow',
      subflowAndError,
      { caseInput: {}, subflows: { child: { error: 'no stock system' } } },
    ],
    [
      'a loop through a wait',
      pollingLoop,
      {
        caseInput: {},
        actions: {
          poll: [
            { output: { label: 'p', value: 'busy' } },
            { output: { label: 'p', value: 'busy' } },
            { output: { label: 'p', value: 'ready' } },
          ],
        },
      },
    ],
  ];

  for (const [name, flow, sample] of runs) {
    it(name, async () => {
      const pastCase = await recordCase(flow, sample);
      const [result] = await backtest(flow, [pastCase]);
      expect(result?.replayed.outcome).toBe(pastCase.outcome);
      expect(result?.verdict).toBe('same');
    });
  }

  it('an approval that now needs two approvers stops where the record has one', async () => {
    const pastCase = await recordCase(withTimeout, {
      caseInput: {},
      approvals: { check: [[{ actor: 'r', verdict: 'approve' }]] },
    });
    const stricter = buildFlow('bt-timeout', {
      nodes: [
        start,
        approvalNode('check', { approvalsRequired: 2, sla: { durationSeconds: 60 } }),
        end('ok'),
        end('no'),
        end('late'),
      ],
      edges: [
        ['start', 'check'],
        ['check', 'ok', 'approved'],
        ['check', 'no', 'rejected'],
        ['check', 'late', 'timeout'],
      ],
    });
    const [result] = await backtest(stricter, [pastCase]);
    expect(result).toMatchObject({
      verdict: 'unknown',
      replayed: { unknown: { nodeId: 'check', kind: 'approval' } },
    });
    expect(result?.replayed.unknown?.reason).toContain('needs 2 approver(s); the case had 1');
    expect(result?.replayed.unknown?.why).toEqual({
      code: 'too-few-approvers',
      values: { required: 2, had: 1 },
    });
  });
});
