import type { Client, WorkflowHandle } from '@temporalio/client';
import { decideApprovalTask } from '../../server/cases/approval-decisions.ts';
import { flowStateQuery } from '../../workflows/flow-run/definitions.ts';
import type { FlowRunResult } from '../../workflows/flow-run/types.ts';
import {
  deciderOf,
  decisionComment,
  type RefundScenarioCase,
  type ScriptedDecision,
} from '../integration/policies/refund-scenarios.ts';

const GIVE_UP_AFTER_MS = 300_000;
const POLL_MS = 500;

type PendingDecision = { nodeId: string; decision: ScriptedDecision };

/** The run is over but did not complete: no amount of asking again changes that. */
class RunEnded extends Error {
  override name = 'RunEnded';
}

/**
 * Plays a case's reviewers through the real Update until the run completes. Any call may fail
 * while a server is down: the driver asks again, and each decision carries a stable request
 * id, so one that went through before its answer was lost counts once. Stops when `stopped()`.
 */
export async function driveThroughOutages(
  temporal: Client,
  workflowId: string,
  scenario: RefundScenarioCase,
  stopped: () => boolean,
): Promise<FlowRunResult> {
  const handle = temporal.workflow.getHandle(workflowId);
  const pending = Object.entries(scenario.reviews).flatMap(([nodeId, decisions]) =>
    (decisions ?? []).map((decision) => ({ nodeId, decision })),
  );
  const deadline = Date.now() + GIVE_UP_AFTER_MS;
  let lastError: unknown;
  while (!stopped() && Date.now() < deadline) {
    try {
      const result = await step(temporal, handle, pending);
      if (result) return result;
    } catch (error) {
      if (error instanceof RunEnded) throw error;
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
  throw new Error(`case ${scenario.caseId} (${scenario.name}) did not finish${reason}`);
}

/** One look at the run: its result once completed, else the decisions now due are made. */
async function step(
  temporal: Client,
  handle: WorkflowHandle,
  pending: PendingDecision[],
): Promise<FlowRunResult | undefined> {
  const { status } = await handle.describe();
  if (status.name === 'COMPLETED') return (await handle.result()) as FlowRunResult;
  if (status.name !== 'RUNNING') {
    const why = await handle.result().then(
      () => '',
      (error: unknown) => causes(error),
    );
    throw new RunEnded(`${handle.workflowId} ended ${status.name}: ${why}`);
  }
  const state = await handle.query(flowStateQuery);
  for (const task of state.openTasks) {
    // As a person would: only once the previous decision shows on the task.
    const recorded = state.trail.filter(
      (event) => event.type === 'task.decided' && event.details?.taskId === task.taskId,
    );
    if (recorded.length < task.decisions.length) continue;
    const decidedBy = new Set(task.decisions.map((decision) => decision.actor.userId));
    const next = pending.findIndex(
      (entry) =>
        entry.nodeId === task.nodeId && !decidedBy.has(deciderOf(entry.decision.by).userId),
    );
    const entry = pending[next];
    if (!entry) continue;
    const reviewer = deciderOf(entry.decision.by);
    const comment = decisionComment(entry.decision);
    await decideApprovalTask(
      temporal,
      handle.workflowId,
      {
        taskId: task.taskId,
        verdict: entry.decision.verdict,
        actor: reviewer,
        ...(comment ? { comment } : {}),
        ...(entry.decision.form ? { form: entry.decision.form } : {}),
      },
      `${handle.workflowId}/${task.taskId}/${reviewer.userId}`,
    );
    pending.splice(next, 1);
  }
  return undefined;
}

/** Temporal wraps the reason a run failed in layers of causes; all of them say what happened. */
function causes(error: unknown): string {
  const messages: string[] = [];
  for (let at = error; at instanceof Error; at = at.cause) messages.push(at.message);
  return messages.join(' <- ');
}
