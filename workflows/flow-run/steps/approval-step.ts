import {
  CancellationScope,
  condition,
  isCancellation,
  patched,
  workflowInfo,
} from '@temporalio/workflow';
import {
  type ApprovalAnswer,
  type ApprovalSettlement,
  type NodeOfKind,
  type TaskOpening,
  type TaskPurpose,
  taskPurpose,
} from '#flow-language';
import { approvals } from '../approval-book.ts';
import type { RunContext } from '../run-context.ts';
import type { ApprovalTaskView, RecordedDecision } from '../types.ts';
import { engineActivities } from './engine-activities.ts';

type Settlement = ApprovalSettlement;

/**
 * Opens a human task and waits for decisions (they arrive through the decideApprovalTask
 * Update). An SLA breach escalates to another role once, or leaves by the timeout edge.
 */
export async function awaitApproval(
  context: RunContext,
  node: NodeOfKind<'approval'>,
  visit: number,
  opening: TaskOpening,
  then: (answer: ApprovalAnswer) => string,
): Promise<string> {
  // Not cancellable: a cancelled open could still land after a close and leave a task open.
  const task = await CancellationScope.nonCancellable(() =>
    openTask(context, node, visit, opening),
  );
  try {
    const settlement = await settle(context, node, task);
    await closeTask(context, task, settlement);
    return then(approvalAnswer(task, settlement));
  } catch (error) {
    if (isCancellation(error)) {
      await CancellationScope.nonCancellable(() => closeTask(context, task, 'cancelled'));
    }
    throw error;
  }
}

async function openTask(
  context: RunContext,
  node: NodeOfKind<'approval'>,
  visit: number,
  opening: TaskOpening,
): Promise<ApprovalTaskView> {
  const openedAt = Date.now();
  // A role or a named group is the node's own; a computed group is resolved by now.
  const { assignee } = opening;
  // Tasks opened before they carried the run's amount replay without it.
  const amount = patched('approval-task-records-amount') ? opening.amount : undefined;
  const view: ApprovalTaskView = {
    taskId: `${node.id}#${visit}`,
    nodeId: node.id,
    title: node.title,
    assignee,
    approvalsRequired: node.approvalsRequired,
    openedAt: new Date(openedAt).toISOString(),
    dueAt: node.sla
      ? new Date(openedAt + node.sla.durationSeconds * 1_000).toISOString()
      : undefined,
    decisions: [],
  };
  context.book.open(view, node.form, node.forbidRequester);
  const { flow, caseContext } = context.input;
  await engineActivities.openApprovalTask({
    workflowId: workflowInfo().workflowId,
    taskId: view.taskId,
    caseId: caseContext.id,
    flowKey: flow.key,
    flowVersion: flow.version,
    nodeId: node.id,
    title: node.title,
    assigneeRole: 'role' in assignee ? assignee.role : undefined,
    assigneeGroup: 'group' in assignee ? assignee.group : undefined,
    ...(amount && { amount }),
    approvalsRequired: node.approvalsRequired,
    requestedBy: caseContext.requestedBy,
    openedAt: view.openedAt,
    dueAt: view.dueAt,
  });
  context.trail.record('task.opened', {
    nodeId: node.id,
    details: {
      taskId: view.taskId,
      assignee,
      ...('groupFrom' in node.assignee && { assigneeFrom: node.assignee.groupFrom }),
      ...(amount && { amount }),
      dueAt: view.dueAt,
      purpose: taskPurpose(node),
    },
  });
  return view;
}

async function settle(
  context: RunContext,
  node: NodeOfKind<'approval'>,
  task: ApprovalTaskView,
): Promise<Settlement> {
  let recorded = 0;
  let deadline = task.dueAt ? Date.parse(task.dueAt) : undefined;
  for (;;) {
    const arrived = await waitForDecision(() => task.decisions.length > recorded, deadline);
    if (!arrived) {
      if (!node.sla?.escalateToRole || task.escalatedTo) return 'timed-out';
      await escalate(context, task, node.sla.escalateToRole);
      deadline = undefined;
      continue;
    }
    recorded = await recordNewDecisions(context, task, taskPurpose(node), recorded);
    if (task.decisions.some((decision) => decision.verdict === 'reject')) return 'rejected';
    if (approvals(task) >= task.approvalsRequired) return 'approved';
  }
}

/**
 * Records every decision not yet in the trail and the inbox, including those that arrive while
 * an earlier one is being recorded. Runs started before the patch keep the old bookkeeping,
 * which skipped such late arrivals, so their histories still replay.
 */
async function recordNewDecisions(
  context: RunContext,
  task: ApprovalTaskView,
  purpose: TaskPurpose,
  recorded: number,
): Promise<number> {
  if (!patched('record-decisions-arriving-while-recording')) {
    for (const decision of task.decisions.slice(recorded))
      await recordDecision(context, task, purpose, decision);
    return task.decisions.length;
  }
  let next = recorded;
  for (let decision = task.decisions[next]; decision; decision = task.decisions[next]) {
    await recordDecision(context, task, purpose, decision);
    next += 1;
  }
  return next;
}

async function waitForDecision(arrived: () => boolean, deadline?: number): Promise<boolean> {
  if (deadline === undefined) {
    await condition(arrived);
    return true;
  }
  const remaining = deadline - Date.now();
  return remaining > 0 ? condition(arrived, remaining) : arrived();
}

async function escalate(context: RunContext, task: ApprovalTaskView, role: string): Promise<void> {
  context.book.escalate(task.taskId, role);
  await engineActivities.escalateApprovalTask({
    workflowId: workflowInfo().workflowId,
    taskId: task.taskId,
    role,
  });
  context.trail.record('task.escalated', {
    nodeId: task.nodeId,
    details: { taskId: task.taskId, to: role, reason: 'SLA breached' },
  });
}

/** The trail says whether the task was a decision or work, so closing can tell them apart. */
async function recordDecision(
  context: RunContext,
  task: ApprovalTaskView,
  purpose: TaskPurpose,
  decision: RecordedDecision,
): Promise<void> {
  await engineActivities.recordApprovalDecision({
    workflowId: workflowInfo().workflowId,
    taskId: task.taskId,
    userId: decision.actor.userId,
    verdict: decision.verdict,
    comment: decision.comment,
    form: decision.form,
    at: decision.at,
  });
  context.trail.record('task.decided', {
    nodeId: task.nodeId,
    actor: decision.actor.userId,
    details: {
      taskId: task.taskId,
      verdict: decision.verdict,
      comment: decision.comment,
      form: decision.form,
      purpose,
    },
  });
}

async function closeTask(
  context: RunContext,
  task: ApprovalTaskView,
  status: Settlement | 'cancelled',
): Promise<void> {
  context.book.close(task.taskId);
  const at = new Date().toISOString();
  await engineActivities.closeApprovalTask({
    workflowId: workflowInfo().workflowId,
    taskId: task.taskId,
    status,
    at,
  });
  context.trail.record(status === 'timed-out' ? 'task.timed-out' : 'task.closed', {
    nodeId: task.nodeId,
    details: { taskId: task.taskId, status },
  });
}

function approvalAnswer(task: ApprovalTaskView, settlement: Settlement): ApprovalAnswer {
  const last = task.decisions.at(-1);
  return {
    settlement,
    approvers: task.decisions
      .filter((decision) => decision.verdict === 'approve')
      .map((decision) => decision.actor.userId),
    comment: last?.comment ?? null,
    form: Object.assign({}, ...task.decisions.map((decision) => decision.form ?? {})),
  };
}
