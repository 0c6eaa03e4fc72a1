import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { approvalTaskModel } from '#platform/approval-tasks/approval-task-record';
import { loadConfig } from '#platform/config';
import { payloadCodec, sealedDataConverter } from '#platform/temporal';
import { waitUntil } from '../../../scripts/embedded/managed-process.ts';
import { openHistory } from '../../../server/audit/open-history.ts';
import { decideApprovalTaskUpdate } from '../../../workflows/flow-run/definitions.ts';
import type { FlowRunInput } from '../../../workflows/flow-run/types.ts';
import { buildFlow, end, start } from '../../support/flow-builder.ts';
import {
  type FlowRunHandle,
  InterpreterHarness,
  reviewer,
} from '../../support/interpreter-harness.ts';

/**
 * Temporal is not a side door: everything the worker and the API send is sealed with the
 * payload keys, so a client that reaches the Temporal frontend without them can neither start a
 * run nor write a decision the worker accepts, and Temporal's history holds no clear text.
 */
const BUYER_EMAIL = `sealed-buyer-${randomUUID()}@example.com`;
const REQUESTER = `requester-${randomUUID()}`;
const MALLORY = `mallory-${randomUUID()}`;

const fourEyes = buildFlow('sealed-four-eyes', {
  inputs: { buyerEmail: { type: 'string', required: true, description: 'Where mail goes' } },
  nodes: [
    start,
    {
      id: 'review',
      kind: 'approval',
      title: 'Approve refund',
      assignee: { role: 'refund-reviewer' },
      resultVariable: 'review',
      approvalsRequired: 2,
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

let harness: InterpreterHarness;
let keyless: Client;
const started: WorkflowHandle[] = [];

beforeAll(async () => {
  harness = await InterpreterHarness.open('temporal-payloads-sealed');
  // What anyone who reaches the frontend has: the address, the namespace, no payload key.
  keyless = new Client({
    connection: await Connection.connect({ address: inject('temporalAddress') }),
  });
});
afterAll(async () => {
  await Promise.all(started.map((run) => run.terminate('test over').catch(() => undefined)));
  await keyless?.connection.close();
  await harness?.close();
});

async function openFourEyesCase(): Promise<{ run: FlowRunHandle; taskId: string }> {
  const run = await harness.start(
    fourEyes,
    { buyerEmail: BUYER_EMAIL },
    { requestedBy: REQUESTER },
  );
  started.push(run);
  return { run, taskId: await harness.openTask(run, 'review') };
}

/** The history as Temporal stores it, in its wire format: any clear-text payload shows verbatim. */
async function storedHistory(workflowId: string): Promise<Buffer> {
  const history = await keyless.workflow.getHandle(workflowId).fetchHistory();
  return Buffer.from(temporal.api.history.v1.History.encode(history).finish());
}

async function eventsOf(workflowId: string) {
  return (await keyless.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
}

async function firstWorkflowTaskFailure(workflowId: string): Promise<string> {
  await waitUntil(
    `the worker to refuse ${workflowId}`,
    async () =>
      (await eventsOf(workflowId)).some((event) => event.workflowTaskFailedEventAttributes),
    30_000,
  );
  const failed = (await eventsOf(workflowId)).find(
    (event) => event.workflowTaskFailedEventAttributes,
  );
  return openedFailureMessage(failed?.workflowTaskFailedEventAttributes?.failure);
}

/** A failure's message as a keyed reader sees it: history shows only "Encoded failure". */
async function openedFailureMessage(
  failure: temporal.api.failure.v1.IFailure | null | undefined,
): Promise<string> {
  if (!failure?.encodedAttributes) return failure?.message ?? '';
  const [opened] = await payloadCodec(loadConfig(), 'replay').decode([failure.encodedAttributes]);
  return defaultPayloadConverter.fromPayload<{ message: string }>(opened as Payload).message;
}

/** A keyed decision, retried while the server refuses Updates after the refused one. */
async function decideWhenAccepted(run: FlowRunHandle, taskId: string, userId: string) {
  const decision = { taskId, verdict: 'approve' as const, actor: reviewer(userId) };
  const updateId = randomUUID();
  await waitUntil(
    `${userId}'s decision accepted`,
    async () => {
      try {
        await run.executeUpdate(decideApprovalTaskUpdate, { args: [decision], updateId });
        return true;
      } catch (error) {
        if (/Workflow Task in failed state/.test(String((error as Error).cause))) return false;
        throw error;
      }
    },
    60_000,
  );
}

describe('sealed payloads', () => {
  it('Temporal’s stored history holds no buyer e-mail, requester or reviewer in clear text', async () => {
    const { run, taskId } = await openFourEyesCase();
    const decider = `reviewer-${randomUUID()}`;
    await harness.decide(run, {
      taskId,
      verdict: 'approve',
      actor: reviewer(decider),
      comment: 'photos fine',
    });

    const stored = await storedHistory(run.workflowId);
    expect(stored.includes('binary/encrypted')).toBe(true);
    for (const secret of [BUYER_EMAIL, REQUESTER, decider, 'photos fine']) {
      expect(stored.includes(secret), secret).toBe(false);
    }
    // The keyed client reads it all back: the seal is a codec, not a loss.
    const state = await harness.state(run);
    expect(state.openTasks[0]?.decisions.map((decision) => decision.actor.userId)).toEqual([
      decider,
    ]);
  });

  it('failure messages and stack traces are sealed too: an activity error quoting buyer data', async () => {
    const postcode = `SW1A-${randomUUID().slice(0, 8)}`;
    const quotesItsInput = buildFlow('sealed-failure', {
      inputs: { postcode: { type: 'string', required: true, description: 'Where it goes' } },
      nodes: [
        start,
        {
          id: 'route',
          kind: 'action',
          activity: 'notify.alwaysFails',
          inputs: { label: { var: 'postcode' } },
          timeoutSeconds: 10,
        },
        end('routed'),
        end('unroutable'),
      ],
      edges: [
        ['start', 'route'],
        ['route', 'routed'],
        ['route', 'unroutable', 'error'],
      ],
    });
    const run = await harness.start(quotesItsInput, { postcode });
    started.push(run);
    expect((await run.result()).outcome).toBe('unroutable');

    const stored = await storedHistory(run.workflowId);
    expect(stored.includes(postcode)).toBe(false);
    expect(stored.includes('failed on purpose')).toBe(false);
    const failed = (await eventsOf(run.workflowId)).find(
      (event) => event.activityTaskFailedEventAttributes,
    );
    const failure = failed?.activityTaskFailedEventAttributes?.failure;
    expect(failure?.message).toBe('Encoded failure');
    expect(failure?.stackTrace ?? '').toBe('');
    // The workflow and a keyed reader still read the message.
    expect(await openedFailureMessage(failure)).toBe(`${postcode} failed on purpose`);
    const trailed = (await harness.state(run)).trail.find(
      (event) => event.type === 'activity.failed',
    );
    expect(trailed?.details?.error).toContain(`${postcode} failed on purpose`);
  });

  it('a client without the key cannot start a run the worker accepts', async () => {
    const caseId = randomUUID();
    const input: FlowRunInput = {
      flow: fourEyes,
      subflows: {},
      caseInput: { buyerEmail: BUYER_EMAIL },
      caseContext: { id: caseId, requestedBy: MALLORY, startedAt: new Date().toISOString() },
    };
    const run = await keyless.workflow.start('runFlow', {
      taskQueue: harness.taskQueue,
      workflowId: `case-${caseId}`,
      args: [input],
    });
    started.push(run);

    expect(await firstWorkflowTaskFailure(run.workflowId)).toMatch(/not sealed/);
    const events = await eventsOf(run.workflowId);
    expect(events.some((event) => event.activityTaskScheduledEventAttributes)).toBe(false);
    expect(events.some((event) => event.workflowTaskCompletedEventAttributes)).toBe(false);
    expect(
      await approvalTaskModel(harness.database).countDocuments({ workflowId: run.workflowId }),
    ).toBe(0);
  });

  it('a sealed start input copied into a new run is refused: a case cannot be started twice', async () => {
    const { run } = await openFourEyesCase();
    const [startEvent] = await eventsOf(run.workflowId);
    const sealedInput = startEvent?.workflowExecutionStartedEventAttributes?.input;
    expect(sealedInput?.payloads?.length).toBe(1);
    const copyId = `case-${randomUUID()}`;
    await keyless.workflowService.startWorkflowExecution({
      namespace: 'default',
      workflowId: copyId,
      workflowType: { name: 'runFlow' },
      taskQueue: { name: harness.taskQueue },
      input: sealedInput,
      requestId: randomUUID(),
    });
    started.push(keyless.workflow.getHandle(copyId));
    const failure = await firstWorkflowTaskFailure(copyId);
    expect(failure).toMatch(/sealed for another workflow/);
    const events = await eventsOf(copyId);
    expect(events.some((event) => event.workflowTaskCompletedEventAttributes)).toBe(false);
  });

  it('a client without the key cannot write a decision: nothing is decided, the run goes on', async () => {
    const { run, taskId } = await openFourEyesCase();
    const side = keyless.workflow.getHandle(run.workflowId);
    const attempt = keyless.connection.withDeadline(Date.now() + 15_000, () =>
      side.executeUpdate(decideApprovalTaskUpdate, {
        args: [
          { taskId, verdict: 'approve', actor: { userId: MALLORY, roles: ['refund-reviewer'] } },
        ],
        updateId: randomUUID(),
      }),
    );
    await expect(attempt).rejects.toThrow();

    const updates = (await eventsOf(run.workflowId)).filter(
      (event) => event.workflowExecutionUpdateAcceptedEventAttributes,
    );
    expect(updates).toEqual([]);
    // Two real reviewers still close the task once the server has dropped the refused Update
    // (until then it answers FAILED_PRECONDITION: the failed workflow task is being retried).
    await decideWhenAccepted(run, taskId, 'rev-ann');
    await decideWhenAccepted(run, taskId, 'rev-bob');
    const result = await run.result();
    expect(result.outcome).toBe('approved');
    expect(JSON.stringify(result.variables)).toContain('rev-bob');
    expect(JSON.stringify(result.variables)).not.toContain(MALLORY);
  });
});

describe('histories recorded before sealing', () => {
  it('are what a sealed run looks like once opened: recorded fixtures replay without a key', async () => {
    const { run, taskId } = await openFourEyesCase();
    await harness.decide(run, {
      taskId,
      verdict: 'reject',
      actor: reviewer('rev-ann'),
      comment: 'no proof',
    });
    await run.result();
    const sealed = await run.fetchHistory();
    const opened = await openHistory(sealed, payloadCodec(loadConfig()));
    const fixture = historyFromJSON(JSON.parse(historyToJSON(opened)));
    const input = opened.events?.[0]?.workflowExecutionStartedEventAttributes?.input;
    expect(Buffer.from(input?.payloads?.[0]?.data ?? []).toString()).toContain(BUYER_EMAIL);
    await Worker.runReplayHistory(
      { workflowBundle: { codePath: inject('workflowBundlePath') } },
      fixture,
      run.workflowId,
    );
  });

  const legacy = new URL(
    '../../fixtures/histories/replay-refund-auto-approved.json',
    import.meta.url,
  );

  it('replay through the audit codec, and are refused by the live one', async () => {
    const history = historyFromJSON(JSON.parse(await readFile(legacy, 'utf8')));
    const replay = (use: 'live' | 'replay') =>
      Worker.runReplayHistory(
        {
          workflowBundle: { codePath: inject('workflowBundlePath') },
          dataConverter: sealedDataConverter(payloadCodec(loadConfig(), use)),
        },
        history,
        'replay-refund-auto-approved',
      );
    await expect(replay('replay')).resolves.toBeUndefined();
    await expect(replay('live')).rejects.toThrow();
  });
});
