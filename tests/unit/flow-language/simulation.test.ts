import { describe, expect, it } from 'vitest';
import {
  type FlowDefinition,
  simulateFlow,
  type TestRunSampleInput,
  TestRunSampleSchema,
} from '#flow-language';
import { buildFlow, end, probe, start } from '../../support/flow-builder.ts';
import { autoRefundCase, refundFlow } from './fixtures/refund-flow.ts';

const run = (flow: FlowDefinition, sample: TestRunSampleInput) =>
  simulateFlow(flow, TestRunSampleSchema.parse(sample));

const nodesEntered = (result: Awaited<ReturnType<typeof run>>) =>
  result.steps.map((step) => step.nodeId);

const amountInput = { amount: { type: 'number', required: true } } as const;

describe('test run: start, decision and end', () => {
  it('takes the auto-refund path of the refund policy, with the rule and what it read', async () => {
    const result = await run(refundFlow, {
      caseInput: autoRefundCase,
      actions: { refund: { output: { refundId: 'R-1' } } },
    });
    expect(result.status).toBe('completed');
    expect(result.outcome).toBe('refunded');
    expect(nodesEntered(result)).toEqual(['start', 'policy', 'refund', 'end-refunded']);
    expect(result.edgeIds).toEqual(['e-start', 'e-auto', 'e-refunded']);
    expect(result.rules[0]).toMatchObject({
      nodeId: 'policy',
      purpose: 'condition',
      read: [
        { path: 'daysSinceDelivery', value: 3 },
        { path: 'unopened', value: true },
      ],
      ok: true,
      result: true,
    });
    expect(result.variables.refundResult).toEqual({ refundId: 'R-1' });
  });

  it('takes the first matching decision case, else the default edge', async () => {
    const flow = buildFlow('sim-cases', {
      inputs: amountInput,
      nodes: [
        start,
        {
          id: 'size',
          kind: 'decision',
          cases: [
            { id: 'tiny', when: { '<': [{ var: 'amount' }, 10] } },
            { id: 'small', when: { '<': [{ var: 'amount' }, 100] } },
          ],
        },
        end('tiny'),
        end('small'),
        end('large'),
      ],
      edges: [
        ['start', 'size'],
        ['size', 'tiny', 'tiny'],
        ['size', 'small', 'small'],
        ['size', 'large', 'default'],
      ],
    });
    const small = await run(flow, { caseInput: { amount: 50 } });
    expect(small.outcome).toBe('small');
    expect(small.rules.map((rule) => [rule.purpose, rule.result])).toEqual([
      ['case tiny', false],
      ['case small', true],
    ]);
    expect((await run(flow, { caseInput: { amount: 500 } })).outcome).toBe('large');
  });

  it('stops with the node named when a rule reads missing data', async () => {
    const flow = buildFlow('sim-missing', {
      inputs: { amount: { type: 'number', required: false } },
      nodes: [
        start,
        { id: 'big', kind: 'decision', condition: { '>': [{ var: 'amount' }, 5] } },
        end('yes'),
        end('no'),
      ],
      edges: [
        ['start', 'big'],
        ['big', 'yes', 'true'],
        ['big', 'no', 'false'],
      ],
    });
    const result = await run(flow, { caseInput: {} });
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ nodeId: 'big' });
    expect(result.error?.message).toContain('missing data');
    expect(result.rules[0]).toMatchObject({ ok: false, read: [{ path: 'amount', value: null }] });
  });

  it('refuses a case input that does not match the declared inputs', async () => {
    const result = await run(refundFlow, { caseInput: { orderId: 'x' } });
    expect(result.status).toBe('failed');
    expect(result.steps).toEqual([]);
  });
});

describe('test run: set and wait', () => {
  const flow = buildFlow('sim-set-wait', {
    inputs: amountInput,
    variables: { doubled: { type: 'number', initial: 0 } },
    nodes: [
      start,
      { id: 'double', kind: 'set', assignments: { doubled: { '*': [{ var: 'amount' }, 2] } } },
      { id: 'pause', kind: 'wait', durationSeconds: 86_400 },
      { id: 'until', kind: 'wait', untilExpression: { var: 'case.startedAt' } },
      end('done'),
    ],
    edges: [
      ['start', 'double'],
      ['double', 'pause'],
      ['pause', 'until'],
      ['until', 'done'],
    ],
  });

  it('assigns variables and skips waits, still checking an "until" rule', async () => {
    const result = await run(flow, { caseInput: { amount: 21 } });
    expect(result.status).toBe('completed');
    expect(result.variables.doubled).toBe(42);
    expect(nodesEntered(result)).toEqual(['start', 'double', 'pause', 'until', 'done']);
    expect(result.rules.find((rule) => rule.nodeId === 'until')).toMatchObject({
      purpose: 'wait until',
      result: '2026-01-01T00:00:00.000Z',
    });
  });
});

describe('test run: action', () => {
  const flow = buildFlow('sim-action', {
    nodes: [start, probe('call', 'call', { resultVariable: 'called' }), end('ok'), end('failed')],
    edges: [
      ['start', 'call'],
      ['call', 'ok'],
      ['call', 'failed', 'error'],
    ],
  });

  it('stores the sample output and leaves by next', async () => {
    const result = await run(flow, { actions: { call: { output: { label: 'call' } } } });
    expect(result.outcome).toBe('ok');
    expect(result.variables.called).toEqual({ label: 'call' });
    expect(result.rules[0]).toMatchObject({ purpose: 'input label', result: 'call' });
  });

  it('leaves by the error edge when the sample says the activity failed', async () => {
    expect((await run(flow, { actions: { call: { error: 'SP-API 503' } } })).outcome).toBe(
      'failed',
    );
  });

  it('stops naming the node when the sample has no answer for it', async () => {
    const result = await run(flow, {});
    expect(result.error).toMatchObject({ nodeId: 'call' });
    expect(result.error?.message).toContain('no result for notify.probe');
  });

  it('fails the run when the activity fails and there is no error edge', async () => {
    const bare = buildFlow('sim-action-bare', {
      nodes: [start, probe('call', 'call'), end('ok')],
      edges: [
        ['start', 'call'],
        ['call', 'ok'],
      ],
    });
    const result = await run(bare, { actions: { call: { error: 'boom' } } });
    expect(result.status).toBe('failed');
    expect(result.error?.message).toBe('Node "call": notify.probe failed: boom');
  });
});

describe('test run: approval', () => {
  it('follows the verdict and stores the approval result', async () => {
    const base = { caseInput: { ...autoRefundCase, unopened: false } };
    const approved = await run(refundFlow, {
      ...base,
      approvals: { review: 'approve' },
      actions: { refund: { output: {} } },
    });
    expect(nodesEntered(approved)).toEqual(['start', 'policy', 'review', 'refund', 'end-refunded']);
    expect(approved.variables.review).toMatchObject({ outcome: 'approved' });
    const rejected = await run(refundFlow, { ...base, approvals: { review: 'reject' } });
    expect(rejected.outcome).toBe('rejected');
    expect(rejected.edgeIds).toEqual(['e-start', 'e-manual', 'e-rejected']);
  });

  it('answers an approval with the form, approvers and comment the sample gives, as a live task would', async () => {
    const result = await run(refundFlow, {
      caseInput: { ...autoRefundCase, unopened: false },
      approvals: {
        review: {
          verdict: 'approve',
          approvers: ['rev-ann'],
          comment: 'fine',
          form: { grade: 'new' },
        },
      },
      actions: { refund: { output: {} } },
    });
    expect(result.variables.review).toEqual({
      outcome: 'approved',
      approvers: ['rev-ann'],
      comment: 'fine',
      form: { grade: 'new' },
    });
  });

  it('names the approval that has no verdict in the sample', async () => {
    const result = await run(refundFlow, { caseInput: { ...autoRefundCase, unopened: false } });
    expect(result.error).toMatchObject({ nodeId: 'review' });
  });
});

describe('test run: parallel and join', () => {
  const flow = buildFlow('sim-parallel', {
    variables: { a: { type: 'number', initial: 0 }, b: { type: 'number', initial: 0 } },
    nodes: [
      start,
      { id: 'split', kind: 'parallel' },
      { id: 'left', kind: 'set', assignments: { a: 1 } },
      { id: 'right', kind: 'set', assignments: { b: 2 } },
      { id: 'join', kind: 'join', mode: 'all' },
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

  it('walks every branch on its own copy and merges what each assigned', async () => {
    const result = await run(flow, {});
    expect(result.status).toBe('completed');
    expect(result.variables).toEqual({ a: 1, b: 2 });
    expect(nodesEntered(result)).toEqual(['start', 'split', 'left', 'right', 'join', 'done']);
    expect(result.steps.find((step) => step.nodeId === 'split')?.branchEdgeIds).toEqual([
      'e1',
      'e2',
    ]);
    expect(result.steps.find((step) => step.nodeId === 'right')?.branch).toBe('main/split:1');
    expect(result.edgeIds).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5']);
  });
});

describe('test run: a "first" join', () => {
  it('keeps the first arriving branch and ignores a failing sibling, as the interpreter does', async () => {
    const flow = buildFlow('sim-first', {
      variables: { a: { type: 'number', initial: 0 } },
      nodes: [
        start,
        { id: 'split', kind: 'parallel' },
        { id: 'quick', kind: 'set', assignments: { a: 1 } },
        probe('slow', 'slow'),
        { id: 'join', kind: 'join', mode: 'first' },
        end('done'),
      ],
      edges: [
        ['start', 'split'],
        ['split', 'quick'],
        ['split', 'slow'],
        ['quick', 'join'],
        ['slow', 'join'],
        ['join', 'done'],
      ],
    });
    const result = await run(flow, { actions: { slow: { error: 'down' } } });
    expect(result).toMatchObject({ status: 'completed', outcome: 'done', variables: { a: 1 } });
  });
});

describe('test run: subflow', () => {
  const flow = buildFlow('sim-subflow', {
    nodes: [
      start,
      { id: 'check', kind: 'subflow', flowKey: 'stock-check', version: 1, resultVariable: 'stock' },
      {
        id: 'inStock',
        kind: 'decision',
        condition: { '==': [{ var: 'stock.outcome' }, 'in-stock'] },
      },
      end('ship'),
      end('backorder'),
      end('broken'),
    ],
    edges: [
      ['start', 'check'],
      ['check', 'inStock'],
      ['check', 'broken', 'error'],
      ['inStock', 'ship', 'true'],
      ['inStock', 'backorder', 'false'],
    ],
  });

  it('answers the subflow from the sample outcome', async () => {
    const result = await run(flow, {
      subflows: { check: { outcome: 'in-stock', variables: { units: 3 } } },
    });
    expect(result.outcome).toBe('ship');
    expect(result.variables.stock).toEqual({ outcome: 'in-stock', variables: { units: 3 } });
  });

  it('leaves by the error edge when the sample subflow fails', async () => {
    expect((await run(flow, { subflows: { check: { error: 'no stock system' } } })).outcome).toBe(
      'broken',
    );
  });
});

describe('test run: loops', () => {
  const loop = (limit: number) =>
    buildFlow('sim-loop', {
      variables: { tries: { type: 'number', initial: 0 } },
      nodes: [
        start,
        { id: 'count', kind: 'set', assignments: { tries: { '+': [{ var: 'tries' }, 1] } } },
        { id: 'again', kind: 'decision', condition: { '<': [{ var: 'tries' }, limit] } },
        { id: 'pause', kind: 'wait', durationSeconds: 3_600 },
        end('done'),
      ],
      edges: [
        ['start', 'count'],
        ['count', 'again'],
        ['again', 'pause', 'true'],
        ['pause', 'count'],
        ['again', 'done', 'false'],
      ],
    });

  it('walks a bounded loop, counting visits', async () => {
    const result = await run(loop(3), {});
    expect(result.outcome).toBe('done');
    expect(result.variables.tries).toBe(3);
    expect(
      result.steps.filter((step) => step.nodeId === 'count').map((step) => step.visit),
    ).toEqual([1, 2, 3]);
  });

  it('stops a loop that never ends at the step limit, naming where', async () => {
    const result = await run(loop(Number.MAX_SAFE_INTEGER), { maxSteps: 50 });
    expect(result.status).toBe('failed');
    expect(result.steps).toHaveLength(50);
    expect(result.error?.message).toContain('stopped after 50 steps');
  });
});
