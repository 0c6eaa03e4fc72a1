import { decideApprovalTask } from '../../../server/cases/approval-decisions.ts';
import { submitCase } from '../../../server/cases/case-submission.ts';
import { flowStateQuery } from '../../../workflows/flow-run/definitions.ts';
import type { FlowRunResult } from '../../../workflows/flow-run/types.ts';
import type { PolicyStack } from './policy-stack.ts';
import { deciderOf, decisionComment, type ReviewScript } from './refund-scenarios.ts';

export interface ScriptedCase {
  trigger: string;
  caseId: string;
  input: Record<string, unknown>;
  reviews: ReviewScript;
  /** The case's marketplace, as intake or a requester names it (e.g. `JP`). */
  marketplace?: string;
}

/** Submits the case as the API does, then plays the reviewers' script until the run ends. */
export async function runScriptedCase(
  stack: PolicyStack,
  scripted: ScriptedCase,
): Promise<FlowRunResult> {
  const submitted = await submitCase(stack, {
    trigger: scripted.trigger,
    input: scripted.input,
    requestedBy: 'ops-olga',
    caseId: scripted.caseId,
    ...(scripted.marketplace && { marketplace: scripted.marketplace }),
  });
  const handle = stack.temporal.workflow.getHandle(submitted.workflowId);
  const pending = Object.entries(scripted.reviews).flatMap(([nodeId, decisions]) =>
    (decisions ?? []).map((decision) => ({ nodeId, decision })),
  );
  for (;;) {
    const done = await Promise.race([
      handle.result().then((result: FlowRunResult) => ({ result })),
      new Promise<undefined>((resolve) => setTimeout(resolve, 500)),
    ]);
    if (done) return done.result;
    const state = await handle.query(flowStateQuery);
    for (const task of state.openTasks) {
      // Like a person, wait until the previous decision shows on the task before adding one:
      // the interpreter leaves a decision that lands while it records the one before out of
      // the trail (reported with issue 7).
      const recorded = state.trail.filter(
        (event) => event.type === 'task.decided' && event.details?.taskId === task.taskId,
      );
      if (recorded.length < task.decisions.length) continue;
      const next = pending.findIndex((entry) => entry.nodeId === task.nodeId);
      const entry = pending[next];
      const reviewer = entry && deciderOf(entry.decision.by);
      if (!entry || !reviewer || task.decisions.some((d) => d.actor.userId === reviewer.userId))
        continue;
      pending.splice(next, 1);
      const comment = decisionComment(entry.decision);
      await decideApprovalTask(stack.temporal, submitted.workflowId, {
        taskId: task.taskId,
        verdict: entry.decision.verdict,
        actor: reviewer,
        ...(comment ? { comment } : {}),
        ...(entry.decision.form ? { form: entry.decision.form } : {}),
      });
    }
  }
}
