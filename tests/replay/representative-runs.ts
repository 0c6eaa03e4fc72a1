import type { FlowDefinition } from '#flow-language';
import { buildFlow, end, probe, start } from '../support/flow-builder.ts';
import type { FlowRunHandle, InterpreterHarness } from '../support/interpreter-harness.ts';
import { reviewer } from '../support/interpreter-harness.ts';

/**
 * Runs that together touch every node kind and the interpreter's main code paths. Their
 * recorded histories are replayed against the current workflow code on every test run.
 */
export interface RepresentativeRun {
  name: string;
  /** Drives one run under `workflowId` to its end and returns its handle. */
  drive(harness: InterpreterHarness, workflowId: string): Promise<FlowRunHandle>;
}

const refundDecision: FlowDefinition = buildFlow('replay-refund', {
  inputs: {
    amount: { type: 'number', required: true },
    unopened: { type: 'boolean', required: true },
  },
  variables: { refundTotal: { type: 'number' } },
  nodes: [
    start,
    {
      id: 'policy',
      kind: 'decision',
      cases: [
        {
          id: 'auto',
          when: { and: [{ '<=': [{ var: 'amount' }, 50] }, { var: 'unopened' }] },
        },
      ],
    },
    { id: 'total', kind: 'set', assignments: { refundTotal: { '*': [{ var: 'amount' }, 1] } } },
    probe('refund', 'refund', { resultVariable: 'refund' }),
    {
      id: 'review',
      kind: 'approval',
      title: 'Second approver for a large refund',
      assignee: { role: 'refund-reviewer' },
      approvalsRequired: 2,
      form: [{ name: 'reason', label: 'Reason', type: 'string', required: true }],
      sla: { durationSeconds: 2, escalateToRole: 'refund-supervisor' },
      resultVariable: 'review',
    },
    end('refunded'),
    end('rejected'),
  ],
  edges: [
    ['start', 'policy'],
    ['policy', 'total', 'auto'],
    ['policy', 'review', 'default'],
    ['review', 'total', 'approved'],
    ['review', 'rejected', 'rejected'],
    ['total', 'refund'],
    ['refund', 'refunded'],
  ],
});

const grading = buildFlow('replay-grading', {
  inputs: { grade: { type: 'string', required: true } },
  nodes: [
    start,
    { id: 'sellable', kind: 'decision', condition: { '==': [{ var: 'grade' }, 'new'] } },
    end('restocked'),
    end('outlet'),
  ],
  edges: [
    ['start', 'sellable'],
    ['sellable', 'restocked', 'true'],
    ['sellable', 'outlet', 'false'],
  ],
});

const returnHandling = buildFlow('replay-return', {
  variables: { notified: { type: 'boolean' } },
  nodes: [
    start,
    { id: 'split', kind: 'parallel' },
    {
      id: 'grade',
      kind: 'subflow',
      flowKey: 'replay-grading',
      version: 1,
      inputs: { grade: 'open-box' },
      resultVariable: 'grading',
    },
    {
      id: 'notify',
      kind: 'action',
      activity: 'notify.alwaysFails',
      inputs: { label: 'notify' },
      timeoutSeconds: 10,
    },
    { id: 'noted', kind: 'set', assignments: { notified: false } },
    { id: 'join', kind: 'join', mode: 'all' },
    { id: 'cool-off', kind: 'wait', durationSeconds: 1 },
    end('handled'),
  ],
  edges: [
    ['start', 'split'],
    ['split', 'grade'],
    ['split', 'notify'],
    ['grade', 'join'],
    ['notify', 'join'],
    ['notify', 'noted', 'error'],
    ['noted', 'join'],
    ['join', 'cool-off'],
    ['cool-off', 'handled'],
  ],
});

/** Counts to `polls` with a one-second wait per round: a loop that continues as new. */
export function pollingLoop(key: string, polls: number): FlowDefinition {
  return buildFlow(key, {
    variables: { polls: { type: 'integer', initial: 0 } },
    nodes: [
      start,
      { id: 'count', kind: 'set', assignments: { polls: { '+': [{ var: 'polls' }, 1] } } },
      { id: 'more', kind: 'decision', condition: { '<': [{ var: 'polls' }, polls] } },
      { id: 'pause', kind: 'wait', durationSeconds: 1 },
      end('done'),
    ],
    edges: [
      ['start', 'count'],
      ['count', 'more'],
      ['more', 'pause', 'true'],
      ['more', 'done', 'false'],
      ['pause', 'count'],
    ],
  });
}

async function settled(handle: FlowRunHandle): Promise<FlowRunHandle> {
  await handle.result().catch(() => undefined);
  return handle;
}

export const representativeRuns: RepresentativeRun[] = [
  {
    name: 'refund-auto-approved',
    drive: async (harness, workflowId) =>
      settled(await harness.start(refundDecision, { amount: 30, unopened: true }, { workflowId })),
  },
  {
    name: 'refund-four-eyes-escalated',
    async drive(harness, workflowId) {
      const run = await harness.start(
        refundDecision,
        { amount: 900, unopened: false },
        { workflowId },
      );
      const taskId = await harness.openTask(run, 'review');
      await harness.decide(run, {
        taskId,
        verdict: 'approve',
        actor: reviewer('ann'),
        form: { reason: 'photos show a defect' },
      });
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      await harness.decide(run, {
        taskId,
        verdict: 'approve',
        actor: reviewer('sam', 'refund-supervisor'),
        form: { reason: 'agreed' },
      });
      return settled(run);
    },
  },
  {
    name: 'refund-rejected',
    async drive(harness, workflowId) {
      const run = await harness.start(
        refundDecision,
        { amount: 900, unopened: true },
        { workflowId },
      );
      const taskId = await harness.openTask(run, 'review');
      await harness.decide(run, {
        taskId,
        verdict: 'reject',
        actor: reviewer('ann'),
        comment: 'outside the return window',
      });
      return settled(run);
    },
  },
  {
    name: 'return-parallel-subflow-error-edge',
    drive: async (harness, workflowId) =>
      settled(
        await harness.start(
          returnHandling,
          {},
          { subflows: { 'replay-grading@1': grading }, workflowId },
        ),
      ),
  },
  {
    name: 'polling-loop-continued-as-new',
    drive: async (harness, workflowId) =>
      settled(
        await harness.start(
          pollingLoop('replay-polling', 3),
          {},
          { continueAsNewAfterEvents: 8, workflowId },
        ),
      ),
  },
  {
    name: 'review-cancelled',
    async drive(harness, workflowId) {
      const run = await harness.start(
        refundDecision,
        { amount: 900, unopened: true },
        { workflowId },
      );
      await harness.openTask(run, 'review');
      await run.cancel();
      return settled(run);
    },
  },
];
