import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFlow, end, probe, start } from '../../support/flow-builder.ts';
import { InterpreterHarness, reviewer } from '../../support/interpreter-harness.ts';
import { probeCallModel } from '../../support/probe-activities.ts';

let harness: InterpreterHarness;

beforeAll(async () => {
  harness = await InterpreterHarness.open('interpreter-node-kinds');
});
afterAll(async () => {
  await harness?.close();
});

const amountInput = { amount: { type: 'number', required: true } } as const;

describe('decision', () => {
  const flow = buildFlow('decision-condition', {
    inputs: amountInput,
    nodes: [
      start,
      { id: 'small', kind: 'decision', condition: { '<': [{ var: 'amount' }, 100] } },
      end('auto'),
      end('manual'),
    ],
    edges: [
      ['start', 'small'],
      ['small', 'auto', 'true'],
      ['small', 'manual', 'false'],
    ],
  });

  it('takes the true and the false edge by the rule, recording what it read', async () => {
    const yes = await harness.start(flow, { amount: 40 });
    const no = await harness.start(flow, { amount: 400 });
    expect((await yes.result()).outcome).toBe('auto');
    expect((await no.result()).outcome).toBe('manual');
    const trail = (await harness.state(no)).trail;
    expect(trail.find((event) => event.type === 'rule.evaluated')?.details).toMatchObject({
      read: [{ path: 'amount', value: 400 }],
      result: false,
    });
  });

  it('takes the first matching case, else the default edge', async () => {
    const cases = buildFlow('decision-cases', {
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
    const outcomes = await Promise.all(
      [5, 50, 500].map(
        async (amount) => (await (await harness.start(cases, { amount })).result()).outcome,
      ),
    );
    expect(outcomes).toEqual(['tiny', 'small', 'large']);
  });

  it('refuses a case whose input does not match the declared inputs, before any rule runs', async () => {
    const run = await harness.start(flow, { amount: 'forty' });
    await expect(run.result()).rejects.toBeInstanceOf(WorkflowFailedError);
    const trail = (await harness.state(run)).trail;
    expect(trail.some((event) => event.type === 'rule.evaluated')).toBe(false);
  });
});

describe('set and action', () => {
  it('assigns variables, maps inputs into an activity and stores its result', async () => {
    const flow = buildFlow('set-and-action', {
      inputs: amountInput,
      variables: { doubled: { type: 'number' } },
      nodes: [
        start,
        { id: 'double', kind: 'set', assignments: { doubled: { '*': [{ var: 'amount' }, 2] } } },
        probe('call', 'doubling', {
          inputs: { label: 'doubling', value: { merge: [{ var: 'doubled' }] } },
          resultVariable: 'probeResult',
        }),
        end('done'),
      ],
      edges: [
        ['start', 'double'],
        ['double', 'call'],
        ['call', 'done'],
      ],
    });
    const run = await harness.start(flow, { amount: 21 });
    const result = await run.result();
    expect(result.variables).toMatchObject({ doubled: 42, probeResult: { value: [42] } });
    const calls = await probeCallModel(harness.database)
      .find({ workflowId: run.workflowId })
      .lean();
    expect(calls).toEqual([expect.objectContaining({ label: 'doubling', attempts: 1 })]);
  });

  it('leaves by the error edge once the activity has failed for good', async () => {
    const flow = buildFlow('action-error-edge', {
      nodes: [
        start,
        {
          id: 'fail',
          kind: 'action',
          activity: 'notify.alwaysFails',
          inputs: { label: 'doomed' },
          timeoutSeconds: 10,
        },
        end('ok'),
        end('handled'),
      ],
      edges: [
        ['start', 'fail'],
        ['fail', 'ok'],
        ['fail', 'handled', 'error'],
      ],
    });
    const run = await harness.start(flow);
    expect((await run.result()).outcome).toBe('handled');
    const failed = (await harness.state(run)).trail.find(
      (event) => event.type === 'activity.failed',
    );
    expect(failed?.details?.error).toContain('doomed failed on purpose');
  });
});

describe('wait', () => {
  it('waits for a duration, and until a date taken from the data', async () => {
    const flow = buildFlow('waits', {
      inputs: { resumeAt: { type: 'date', required: true } },
      nodes: [
        start,
        { id: 'pause', kind: 'wait', durationSeconds: 1 },
        { id: 'until', kind: 'wait', untilExpression: { var: 'resumeAt' } },
        end('done'),
      ],
      edges: [
        ['start', 'pause'],
        ['pause', 'until'],
        ['until', 'done'],
      ],
    });
    const began = Date.now();
    const resumeAt = new Date(began + 2_500).toISOString().replace(/\.\d+Z$/, 'Z');
    const run = await harness.start(flow, { resumeAt });
    expect((await run.result()).outcome).toBe('done');
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(resumeAt));
  });
});

describe('parallel and join', () => {
  const branches = (mode: 'all' | 'first') =>
    buildFlow(`parallel-${mode}`, {
      variables: { left: { type: 'string' }, right: { type: 'string' } },
      nodes: [
        start,
        { id: 'split', kind: 'parallel' },
        { id: 'setLeft', kind: 'set', assignments: { left: 'L' } },
        { id: 'slow', kind: 'wait', durationSeconds: 2 },
        { id: 'setRight', kind: 'set', assignments: { right: 'R' } },
        { id: 'join', kind: 'join', mode },
        end('done'),
      ],
      edges: [
        ['start', 'split'],
        ['split', 'setLeft'],
        ['split', 'slow'],
        ['setLeft', 'join'],
        ['slow', 'setRight'],
        ['setRight', 'join'],
        ['join', 'done'],
      ],
    });

  it('"all" waits for every branch and merges what each assigned', async () => {
    const result = await (await harness.start(branches('all'))).result();
    expect(result.variables).toMatchObject({ left: 'L', right: 'R' });
  });

  it('"first" takes the first branch to arrive and cancels the others', async () => {
    const run = await harness.start(branches('first'));
    const result = await run.result();
    expect(result.variables).toMatchObject({ left: 'L', right: null });
  });
});

describe('subflow', () => {
  it('runs the pinned child flow and takes its outcome', async () => {
    const child = buildFlow('child-grading', {
      inputs: { grade: { type: 'string', required: true } },
      nodes: [
        start,
        { id: 'sellable', kind: 'decision', condition: { '==': [{ var: 'grade' }, 'new'] } },
        end('restocked'),
        end('scrapped'),
      ],
      edges: [
        ['start', 'sellable'],
        ['sellable', 'restocked', 'true'],
        ['sellable', 'scrapped', 'false'],
      ],
    });
    const parent = buildFlow('parent-return', {
      nodes: [
        start,
        {
          id: 'grade',
          kind: 'subflow',
          flowKey: 'child-grading',
          version: 1,
          inputs: { grade: 'new' },
          resultVariable: 'grading',
        },
        {
          id: 'restocked',
          kind: 'decision',
          condition: { '==': [{ var: 'grading.outcome' }, 'restocked'] },
        },
        end('resold'),
        end('written-off'),
      ],
      edges: [
        ['start', 'grade'],
        ['grade', 'restocked'],
        ['restocked', 'resold', 'true'],
        ['restocked', 'written-off', 'false'],
      ],
    });
    const run = await harness.start(parent, {}, { subflows: { 'child-grading@1': child } });
    expect((await run.result()).outcome).toBe('resold');
  });
});

describe('approval', () => {
  it('opens a task, takes the approved edge and stores who approved', async () => {
    const flow = buildFlow('single-approval', {
      nodes: [
        start,
        {
          id: 'review',
          kind: 'approval',
          title: 'Approve refund',
          assignee: { role: 'refund-reviewer' },
          resultVariable: 'review',
        },
        end('approved'),
        end('rejected'),
      ],
      edges: [
        ['start', 'review'],
        ['review', 'approved', 'approved'],
        ['review', 'rejected', 'rejected'],
      ],
    });
    const run = await harness.start(flow);
    const taskId = await harness.openTask(run, 'review');
    await harness.decide(run, { taskId, verdict: 'approve', actor: reviewer('rev-ann') });
    const result = await run.result();
    expect(result.outcome).toBe('approved');
    expect(result.variables.review).toMatchObject({ outcome: 'approved', approvers: ['rev-ann'] });
  });
});
