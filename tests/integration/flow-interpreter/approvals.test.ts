import {
  ApplicationFailure,
  CancelledFailure,
  WorkflowFailedError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDefinition } from '#flow-language';
import {
  approvalTaskModel,
  approvalTaskRecordId,
} from '#platform/approval-tasks/approval-task-record';
import { waitUntil } from '../../../scripts/embedded/managed-process.ts';
import { buildFlow, end, type FlowSketch, start } from '../../support/flow-builder.ts';
import {
  type FlowRunHandle,
  InterpreterHarness,
  reviewer,
  type StartOptions,
} from '../../support/interpreter-harness.ts';
import { savedTrailLines } from '../../support/saved-trails.ts';

type NodeInput = FlowSketch['nodes'][number];
type EdgeSpec = FlowSketch['edges'][number];

let harness: InterpreterHarness;
const started: FlowRunHandle[] = [];

beforeAll(async () => {
  harness = await InterpreterHarness.open('interpreter-approvals');
});
afterAll(async () => {
  // Runs a refusal test left waiting must not outlive the file.
  await Promise.all(
    started.map((run) => run.terminate('approval tests are over').catch(() => undefined)),
  );
  await harness?.close();
});

async function openCase(
  flow: FlowDefinition,
  options: StartOptions = {},
): Promise<{ run: FlowRunHandle; taskId: string }> {
  const run = await harness.start(flow, {}, options);
  started.push(run);
  const taskId = await harness.openTask(run, 'review');
  // The run shows the task as soon as it opens it; the inbox projection follows an activity later.
  await waitUntil('the task in the inbox', async () => !!(await projection(run, taskId)), 15_000);
  return { run, taskId };
}

/** The refund review every flow here starts with; settings override the defaults. */
const refundReview = (settings: Record<string, unknown> = {}) =>
  ({
    id: 'review',
    kind: 'approval',
    title: 'Approve refund',
    assignee: { role: 'refund-reviewer' },
    resultVariable: 'review',
    ...settings,
  }) as NodeInput;

/** start → review → approved | rejected, plus what `more` adds (e.g. the timeout edge). */
function refundReviewFlow(
  key: string,
  settings: Record<string, unknown> = {},
  more: { nodes?: NodeInput[]; edges?: EdgeSpec[] } = {},
): FlowDefinition {
  return buildFlow(key, {
    nodes: [start, refundReview(settings), end('approved'), end('rejected'), ...(more.nodes ?? [])],
    edges: [
      ['start', 'review'],
      ['review', 'approved', 'approved'],
      ['review', 'rejected', 'rejected'],
      ...(more.edges ?? []),
    ],
  });
}

/** Asserts the Update was refused by the validator and answers the reason given. */
async function refusalOf(attempt: Promise<unknown>): Promise<string> {
  const error = await attempt.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  expect((cause as ApplicationFailure).type).toBe('DecisionRefused');
  return cause?.message ?? '';
}

const projection = (run: FlowRunHandle, taskId: string) =>
  approvalTaskModel(harness.database).findById(approvalTaskRecordId(run.workflowId, taskId)).lean();

async function projectedDecisions(run: FlowRunHandle, taskId: string, count: number) {
  await waitUntil(
    `${count} decision(s) projected for ${taskId}`,
    async () => (await projection(run, taskId))?.decisions.length === count,
    15_000,
  );
}

async function decisionsInState(run: FlowRunHandle, taskId: string): Promise<number> {
  const task = (await harness.state(run)).openTasks.find((open) => open.taskId === taskId);
  return task?.decisions.length ?? -1;
}

const supervisor = (userId: string) => reviewer(userId, 'refund-supervisor');

describe('inbox projection', () => {
  it('projects a newly opened task as open, assigned, and with an empty decision list', async () => {
    const { run, taskId } = await openCase(refundReviewFlow('projected-refund'));
    const task = await projection(run, taskId);
    expect(task).toMatchObject({
      workflowId: run.workflowId,
      taskId,
      nodeId: 'review',
      title: 'Approve refund',
      assigneeRole: 'refund-reviewer',
      approvalsRequired: 1,
      requestedBy: 'requester-rita',
      status: 'open',
    });
    expect(task?.dueAt).toBeUndefined();
    // ApprovalTaskRecord promises an array, and openApprovalTask writes `decisions: []`.
    expect(task?.decisions).toEqual([]);
  });
});

describe('four-eyes approval', () => {
  const fourEyes = refundReviewFlow('four-eyes-refund', { approvalsRequired: 2 });

  it('waits for a second, distinct reviewer before the refund is approved', async () => {
    const { run, taskId } = await openCase(fourEyes);

    const first = await harness.decide(run, {
      taskId,
      verdict: 'approve',
      actor: reviewer('rev-ann'),
    });
    expect(first).toEqual({ taskId, approvals: 1, approvalsRequired: 2, closed: false });
    const waiting = await harness.state(run);
    expect(waiting.status).toBe('running');
    expect(waiting.openTasks).toEqual([
      expect.objectContaining({
        taskId,
        decisions: [expect.objectContaining({ verdict: 'approve' })],
      }),
    ]);
    await projectedDecisions(run, taskId, 1);
    expect((await projection(run, taskId))?.status).toBe('open');

    const second = await harness.decide(run, {
      taskId,
      verdict: 'approve',
      actor: reviewer('rev-bob'),
    });
    expect(second).toMatchObject({ approvals: 2, closed: true });
    const result = await run.result();
    expect(result.outcome).toBe('approved');
    expect(result.variables.review).toMatchObject({
      outcome: 'approved',
      approvers: ['rev-ann', 'rev-bob'],
    });

    const task = await projection(run, taskId);
    expect(task).toMatchObject({ status: 'approved', approvalsRequired: 2 });
    expect(task?.decisions.map(({ userId, verdict }) => ({ userId, verdict }))).toEqual([
      { userId: 'rev-ann', verdict: 'approve' },
      { userId: 'rev-bob', verdict: 'approve' },
    ]);
    expect(task?.closedAt).toBeInstanceOf(Date);
  });

  it('records a second decision that arrives while the first is being recorded', async () => {
    const { run, taskId } = await openCase(fourEyes);
    // The Update answers once the decision is booked, before the run has written it down.
    for (const userId of ['rev-ann', 'rev-bob']) {
      await harness.decide(run, { taskId, verdict: 'approve', actor: reviewer(userId) });
    }
    await run.result();
    const decided = (
      await savedTrailLines(harness.database, { workflowId: run.workflowId })
    ).filter((line) => line.type === 'task.decided');
    expect(decided.map((event) => event.actor).sort()).toEqual(['rev-ann', 'rev-bob']);
    const task = await projection(run, taskId);
    expect(task?.decisions.map((decision) => decision.userId).sort()).toEqual([
      'rev-ann',
      'rev-bob',
    ]);
  });

  it('settles as rejected when the second reviewer rejects after a first approval', async () => {
    const { run, taskId } = await openCase(fourEyes);
    await harness.decide(run, { taskId, verdict: 'approve', actor: reviewer('rev-ann') });
    await harness.decide(run, {
      taskId,
      verdict: 'reject',
      actor: reviewer('rev-bob'),
      comment: 'Item was returned used',
    });
    const result = await run.result();
    expect(result.outcome).toBe('rejected');
    expect(result.variables.review).toMatchObject({ outcome: 'rejected', approvers: ['rev-ann'] });
    expect((await projection(run, taskId))?.status).toBe('rejected');
  });

  it('refuses the same reviewer approving twice and records nothing', async () => {
    const { run, taskId } = await openCase(fourEyes);
    await harness.decide(run, { taskId, verdict: 'approve', actor: reviewer('rev-ann') });
    await projectedDecisions(run, taskId, 1);
    const before = await projection(run, taskId);

    const reason = await refusalOf(
      harness.decide(run, { taskId, verdict: 'approve', actor: reviewer('rev-ann') }),
    );
    expect(reason).toContain('rev-ann has already decided');
    expect(await decisionsInState(run, taskId)).toBe(1);
    const trail = (await harness.state(run)).trail;
    expect(trail.filter((event) => event.type === 'task.decided')).toHaveLength(1);
    expect(await projection(run, taskId)).toEqual(before);
  });
});

describe('who may decide', () => {
  const review = refundReviewFlow('requester-refund');

  it("refuses the requester deciding their own case, even with the reviewer's role", async () => {
    const { run, taskId } = await openCase(review, { requestedBy: 'rev-rita' });
    const reason = await refusalOf(
      harness.decide(run, { taskId, verdict: 'approve', actor: reviewer('rev-rita') }),
    );
    expect(reason).toContain('requester may not decide');
    expect(await decisionsInState(run, taskId)).toBe(0);
  });

  it('lets the requester decide when the approval does not forbid it', async () => {
    const selfService = refundReviewFlow('self-service-refund', { forbidRequester: false });
    const { run, taskId } = await openCase(selfService, { requestedBy: 'rev-rita' });
    await harness.decide(run, { taskId, verdict: 'approve', actor: reviewer('rev-rita') });
    const result = await run.result();
    expect(result.outcome).toBe('approved');
    expect(result.variables.review).toMatchObject({ approvers: ['rev-rita'] });
  });

  it('refuses a user without the assignee role', async () => {
    const { run, taskId } = await openCase(review);
    const reason = await refusalOf(
      harness.decide(run, {
        taskId,
        verdict: 'approve',
        actor: reviewer('clerk-carl', 'warehouse-clerk'),
      }),
    );
    expect(reason).toBe('This task is for role "refund-reviewer"; clerk-carl is not in it.');
    expect(await decisionsInState(run, taskId)).toBe(0);
  });

  it('accepts a member of the assignee group and refuses someone outside it', async () => {
    const deskReview = refundReviewFlow('group-refund', { assignee: { group: 'returns-desk' } });
    const { run, taskId } = await openCase(deskReview);
    expect((await projection(run, taskId))?.assigneeGroup).toBe('returns-desk');

    const outsider = { userId: 'rev-ann', roles: ['refund-reviewer'], groups: ['billing'] };
    const reason = await refusalOf(
      harness.decide(run, { taskId, verdict: 'approve', actor: outsider }),
    );
    expect(reason).toContain('group "returns-desk"');

    const member = { userId: 'desk-dana', roles: [], groups: ['returns-desk'] };
    await harness.decide(run, { taskId, verdict: 'approve', actor: member });
    const result = await run.result();
    expect(result.outcome).toBe('approved');
    expect(result.variables.review).toMatchObject({ approvers: ['desk-dana'] });
  });
});

describe('rejection', () => {
  const review = refundReviewFlow('rejectable-refund');

  it('refuses a rejection without a comment, or with only blanks', async () => {
    const { run, taskId } = await openCase(review);
    for (const comment of [undefined, '   ']) {
      const reason = await refusalOf(
        harness.decide(run, { taskId, verdict: 'reject', actor: reviewer('rev-ann'), comment }),
      );
      expect(reason).toContain('needs a comment');
    }
    expect(await decisionsInState(run, taskId)).toBe(0);
  });

  it('leaves by the rejected edge with the reviewer comment in the result', async () => {
    const { run, taskId } = await openCase(review);
    await harness.decide(run, {
      taskId,
      verdict: 'reject',
      actor: reviewer('rev-ann'),
      comment: 'Outside the return window',
    });
    const result = await run.result();
    expect(result.outcome).toBe('rejected');
    expect(result.variables.review).toEqual({
      outcome: 'rejected',
      approvers: [],
      comment: 'Outside the return window',
      form: {},
    });
    const task = await projection(run, taskId);
    expect(task?.status).toBe('rejected');
    expect(task?.decisions).toEqual([
      expect.objectContaining({ userId: 'rev-ann', comment: 'Outside the return window' }),
    ]);
  });
});

describe('a settled task', () => {
  it('refuses a decision once the task has closed, while the case moves on', async () => {
    const flow = buildFlow('two-stage-refund', {
      nodes: [
        start,
        refundReview(),
        {
          id: 'payout',
          kind: 'approval',
          title: 'Release payout',
          assignee: { role: 'refund-supervisor' },
        },
        end('paid'),
        end('rejected'),
      ],
      edges: [
        ['start', 'review'],
        ['review', 'payout', 'approved'],
        ['review', 'rejected', 'rejected'],
        ['payout', 'paid', 'approved'],
        ['payout', 'rejected', 'rejected'],
      ],
    });
    const { run, taskId } = await openCase(flow);
    await harness.decide(run, { taskId, verdict: 'approve', actor: reviewer('rev-ann') });
    const payoutTask = await harness.openTask(run, 'payout');

    const reason = await refusalOf(
      harness.decide(run, { taskId, verdict: 'approve', actor: reviewer('rev-bob') }),
    );
    expect(reason).toBe(`Task "${taskId}" is already closed.`);
    expect((await projection(run, taskId))?.decisions).toHaveLength(1);

    await harness.decide(run, {
      taskId: payoutTask,
      verdict: 'approve',
      actor: supervisor('sup-sam'),
    });
    expect((await run.result()).outcome).toBe('paid');
  });

  it('refuses a decision on a task this case does not have', async () => {
    const { run } = await openCase(refundReviewFlow('unknown-task-refund'));
    const reason = await refusalOf(
      harness.decide(run, { taskId: 'review#7', verdict: 'approve', actor: reviewer('rev-ann') }),
    );
    expect(reason).toContain('There is no task "review#7"');
  });
});

describe('approval form', () => {
  const formReview = refundReviewFlow('form-refund', {
    form: [
      { name: 'refundAmount', label: 'Refund amount', type: 'number', required: true },
      { name: 'reason', label: 'Reason', type: 'select', options: ['damaged', 'late', 'other'] },
      { name: 'note', label: 'Note', type: 'text' },
    ],
  });

  it('refuses an approval with a required field missing', async () => {
    const { run, taskId } = await openCase(formReview);
    const reason = await refusalOf(
      harness.decide(run, {
        taskId,
        verdict: 'approve',
        actor: reviewer('rev-ann'),
        form: { reason: 'damaged' },
      }),
    );
    expect(reason).toBe('The form field "Refund amount" is required.');
    expect(await decisionsInState(run, taskId)).toBe(0);
  });

  it('refuses an approval with an ill-typed or unknown field', async () => {
    const { run, taskId } = await openCase(formReview);
    const attempts: [Record<string, unknown>, string][] = [
      [{ refundAmount: '12.50' }, 'The form field "Refund amount" expects a number.'],
      [{ refundAmount: 12.5, reason: 'bored' }, 'The form field "Reason" expects a select.'],
      [{ refundAmount: 12.5, voucher: 'X1' }, 'The form has no field "voucher".'],
    ];
    for (const [form, expected] of attempts) {
      const reason = await refusalOf(
        harness.decide(run, { taskId, verdict: 'approve', actor: reviewer('rev-ann'), form }),
      );
      expect(reason).toBe(expected);
    }
    expect(await decisionsInState(run, taskId)).toBe(0);
  });

  it('stores a valid form in the result variable and the projection', async () => {
    const { run, taskId } = await openCase(formReview);
    const form = { refundAmount: 12.5, reason: 'damaged', note: 'Box crushed in transit' };
    await harness.decide(run, { taskId, verdict: 'approve', actor: reviewer('rev-ann'), form });
    const result = await run.result();
    expect(result.variables.review).toMatchObject({ outcome: 'approved', form });
    expect((await projection(run, taskId))?.decisions[0]?.form).toEqual(form);
  });
});

describe('SLA escalation', () => {
  const escalating = (seconds: number) =>
    refundReviewFlow(`escalating-refund-${seconds}`, {
      sla: { durationSeconds: seconds, escalateToRole: 'refund-supervisor' },
    });

  async function escalated(run: FlowRunHandle, taskId: string): Promise<void> {
    await waitUntil(
      'the task to be escalated',
      async () => (await projection(run, taskId))?.escalatedTo === 'refund-supervisor',
      20_000,
    );
  }

  it('does not accept the escalation role before the SLA is breached', async () => {
    const { run, taskId } = await openCase(escalating(300));
    const reason = await refusalOf(
      harness.decide(run, { taskId, verdict: 'approve', actor: supervisor('sup-sam') }),
    );
    expect(reason).toContain('role "refund-reviewer"');
  });

  it('reassigns the task to the supervisor on a breach, and the supervisor can approve', async () => {
    const { run, taskId } = await openCase(escalating(2));
    const opened = await projection(run, taskId);
    expect(opened?.dueAt).toBeInstanceOf(Date);
    expect(opened?.escalatedTo).toBeUndefined();

    await escalated(run, taskId);
    const state = await harness.state(run);
    expect(state.trail.filter((event) => event.type === 'task.escalated')).toEqual([
      expect.objectContaining({
        nodeId: 'review',
        details: expect.objectContaining({ taskId, to: 'refund-supervisor' }),
      }),
    ]);
    expect(state.openTasks).toEqual([
      expect.objectContaining({ taskId, escalatedTo: 'refund-supervisor' }),
    ]);
    expect((await projection(run, taskId))?.status).toBe('open');

    await harness.decide(run, { taskId, verdict: 'approve', actor: supervisor('sup-sam') });
    const result = await run.result();
    expect(result.outcome).toBe('approved');
    expect(result.variables.review).toMatchObject({ approvers: ['sup-sam'] });
    expect((await projection(run, taskId))?.status).toBe('approved');
  });

  it('still accepts the original reviewers after the escalation', async () => {
    const { run, taskId } = await openCase(escalating(2));
    await escalated(run, taskId);
    await harness.decide(run, { taskId, verdict: 'approve', actor: reviewer('rev-ann') });
    expect((await run.result()).outcome).toBe('approved');
  });
});

describe('SLA timeout', () => {
  it('leaves by the timeout edge and closes the task as timed out', async () => {
    const flow = refundReviewFlow(
      'timing-out-refund',
      { sla: { durationSeconds: 2 } },
      { nodes: [end('overdue', 'escalated')], edges: [['review', 'overdue', 'timeout']] },
    );
    const { run, taskId } = await openCase(flow);
    const result = await run.result();
    expect(result.outcome).toBe('escalated');
    expect(result.variables.review).toMatchObject({ outcome: 'timed-out', approvers: [] });
    const trail = (await harness.state(run)).trail;
    expect(trail.some((event) => event.type === 'task.timed-out')).toBe(true);
    const task = await projection(run, taskId);
    expect(task?.status).toBe('timed-out');
    // `?? []`: see 'inbox projection' for the missing empty list.
    expect(task?.decisions ?? []).toEqual([]);
  });

  it('refuses a decision on the timed-out task while the case waits elsewhere', async () => {
    const flow = refundReviewFlow(
      'timeout-to-manager-refund',
      { sla: { durationSeconds: 2 } },
      {
        nodes: [
          {
            id: 'managerReview',
            kind: 'approval',
            title: 'Overdue refund',
            assignee: { role: 'refund-manager' },
          },
        ],
        edges: [
          ['review', 'managerReview', 'timeout'],
          ['managerReview', 'approved', 'approved'],
          ['managerReview', 'rejected', 'rejected'],
        ],
      },
    );
    const { run, taskId } = await openCase(flow);
    const managerTask = await harness.openTask(run, 'managerReview');

    const reason = await refusalOf(
      harness.decide(run, { taskId, verdict: 'approve', actor: reviewer('rev-ann') }),
    );
    expect(reason).toBe(`Task "${taskId}" is already closed.`);
    const task = await projection(run, taskId);
    expect(task?.status).toBe('timed-out');
    expect(task?.decisions ?? []).toEqual([]);

    await harness.decide(run, {
      taskId: managerTask,
      verdict: 'approve',
      actor: reviewer('mgr-max', 'refund-manager'),
    });
    expect((await run.result()).outcome).toBe('approved');
  });
});

describe('cancelling a case', () => {
  it('cancels the run, closes its open task as cancelled and keeps run.cancelled in the trail', async () => {
    const { run, taskId } = await openCase(refundReviewFlow('cancelled-refund'));
    await run.cancel();

    const failure = await run.result().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect((failure as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
    expect((await harness.state(run)).status).toBe('cancelled');

    expect((await projection(run, taskId))?.status).toBe('cancelled');
    const trail = await savedTrailLines(harness.database, { workflowId: run.workflowId });
    expect(trail.map((event) => event.type)).toContain('run.cancelled');
    expect(trail.at(-1)?.type).toBe('run.cancelled');
    expect(trail.find((event) => event.type === 'task.closed')?.details).toMatchObject({
      taskId,
      status: 'cancelled',
    });
  });
});
