import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalTaskModel } from '#platform/approval-tasks/approval-task-record';
import { waitUntil } from '../../../scripts/embedded/managed-process.ts';
import { pollingLoop } from '../../replay/representative-runs.ts';
import { buildFlow, end, probe, start } from '../../support/flow-builder.ts';
import { InterpreterHarness, reviewer } from '../../support/interpreter-harness.ts';
import { probeCallModel } from '../../support/probe-activities.ts';
import { savedTrailLines } from '../../support/saved-trails.ts';
import { startWorkerProcess } from '../../support/worker-process.ts';

const databaseName = 'interpreter-durability';
let harness: InterpreterHarness;

beforeAll(async () => {
  harness = await InterpreterHarness.open(databaseName);
});
afterAll(async () => {
  await harness?.close();
});

describe('a worker killed mid-flow', () => {
  let logDir: string;
  beforeAll(async () => {
    logDir = await mkdtemp(join(tmpdir(), 'acorn-probe-worker-'));
  });
  afterAll(async () => {
    await rm(logDir, { recursive: true, force: true });
  });

  const startProbeWorker = (taskQueue: string) =>
    startWorkerProcess({
      entry: 'tests/support/probe-worker-process.ts',
      databaseName,
      taskQueue,
      logDir,
    });

  it('resumes where it stopped: finished steps are not redone, the cut one runs again', async () => {
    const flow = buildFlow('kill-mid-flow', {
      nodes: [
        start,
        probe('before', 'before'),
        probe('slow', 'slow', {
          inputs: { label: 'slow', holdMs: 4_000 },
          retry: {
            maximumAttempts: 5,
            initialIntervalSeconds: 0.5,
            backoffCoefficient: 1,
            maximumIntervalSeconds: 1,
          },
        }),
        probe('after', 'after'),
        end('done'),
      ],
      edges: [
        ['start', 'before'],
        ['before', 'slow'],
        ['slow', 'after'],
        ['after', 'done'],
      ],
    });
    // This test's runs go to a worker in another process, not the harness's in-process one.
    const taskQueue = `${harness.taskQueue}-killable`;
    let worker = await startProbeWorker(taskQueue);
    const run = await harness.client.workflow.start('runFlow', {
      taskQueue,
      workflowId: `kill-mid-flow-${Date.now()}`,
      args: [
        {
          flow,
          subflows: {},
          caseInput: {},
          caseContext: { id: 'kill', requestedBy: 'rita', startedAt: new Date().toISOString() },
        },
      ],
    });
    const ProbeCall = probeCallModel(harness.database);
    await waitUntil(
      'the slow step to be running',
      async () =>
        (await ProbeCall.countDocuments({ workflowId: run.workflowId, label: 'slow' })) > 0,
      60_000,
    );
    process.kill(worker.pid, 'SIGKILL');
    await worker.exited;
    worker = await startProbeWorker(taskQueue);
    try {
      expect((await run.result()).outcome).toBe('done');
    } finally {
      await worker.stop();
    }
    const calls = await ProbeCall.find({ workflowId: run.workflowId }).lean();
    const attempts = Object.fromEntries(calls.map((call) => [call.label, call.attempts]));
    expect(attempts).toEqual({ before: 1, slow: 2, after: 1 });
  });
});

describe('pinned versions', () => {
  const reviewFlow = (version: number, outcome: string) =>
    buildFlow('pinned-review', {
      version,
      nodes: [
        start,
        { id: 'review', kind: 'approval', title: 'Review', assignee: { role: 'refund-reviewer' } },
        end('approved', outcome),
        end('rejected'),
      ],
      edges: [
        ['start', 'review'],
        ['review', 'approved', 'approved'],
        ['review', 'rejected', 'rejected'],
      ],
    });

  it('a later version does not change a running case', async () => {
    const running = await harness.start(reviewFlow(1, 'refunded'));
    const taskId = await harness.openTask(running, 'review');
    const later = await harness.start(reviewFlow(2, 'store-credit'));
    const laterTask = await harness.openTask(later, 'review');
    await harness.decide(running, { taskId, verdict: 'approve', actor: reviewer('ann') });
    await harness.decide(later, { taskId: laterTask, verdict: 'approve', actor: reviewer('ann') });
    expect((await running.result()).outcome).toBe('refunded');
    expect((await later.result()).outcome).toBe('store-credit');
    expect((await harness.state(running)).flowVersion).toBe(1);
  });
});

describe('parallel branches with a failing branch', () => {
  it('fails the run naming the node, and cancels the sibling branch and its open task', async () => {
    const flow = buildFlow('parallel-failing-branch', {
      nodes: [
        start,
        { id: 'split', kind: 'parallel' },
        {
          id: 'charge',
          kind: 'action',
          activity: 'notify.alwaysFails',
          inputs: { label: 'charge' },
          timeoutSeconds: 10,
        },
        { id: 'review', kind: 'approval', title: 'Review', assignee: { role: 'refund-reviewer' } },
        { id: 'join', kind: 'join', mode: 'all' },
        end('done'),
        end('rejected'),
      ],
      edges: [
        ['start', 'split'],
        ['split', 'review'],
        ['split', 'charge'],
        ['charge', 'join'],
        ['review', 'join', 'approved'],
        ['review', 'rejected', 'rejected'],
        ['join', 'done'],
      ],
    });
    const run = await harness.start(flow);
    const failure = await run.result().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect(String((failure as WorkflowFailedError).cause?.message)).toContain('Node "charge"');
    const tasks = await approvalTaskModel(harness.database)
      .find({ workflowId: run.workflowId })
      .lean();
    expect(tasks.map((task) => task.status)).toEqual(['cancelled']);
  });
});

describe('long and looping flows', () => {
  it('continue as new with their variables, visit counts and trail intact', async () => {
    const flow = pollingLoop('polling-loop', 4);
    const run = await harness.start(flow, {}, { continueAsNewAfterEvents: 8 });
    const result = await run.result();
    expect(result.variables.polls).toBe(4);

    const trail = await savedTrailLines(harness.database, { workflowId: run.workflowId });
    const runIds = new Set(trail.map((event) => event.runId));
    expect(runIds.size).toBeGreaterThan(1);
    expect(trail.filter((event) => event.type === 'run.resumed').length).toBe(runIds.size - 1);
    expect(trail.map((event) => event.sequence)).toEqual(trail.map((_, index) => index + 1));
    expect(trail.filter((e) => e.type === 'node.entered' && e.nodeId === 'count')).toHaveLength(4);
  });
});
