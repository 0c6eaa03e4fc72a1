import {
  ApplicationFailure,
  allHandlersFinished,
  CancellationScope,
  ContinueAsNew,
  condition,
  continueAsNew,
  isCancellation,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  AmazonNotices,
  type AmazonNotification,
  FlowGraph,
  FlowWalk,
  initialVariables,
  validateCaseInput,
} from '#flow-language';
import { ApprovalBook, DecisionRefused } from './approval-book.ts';
import { BusinessTrail } from './business-trail.ts';
import {
  amazonNotificationSignal,
  decideApprovalTaskUpdate,
  flowStateQuery,
} from './definitions.ts';
import { LiveEffects } from './live-effects.ts';
import { Branch, type RunContext } from './run-context.ts';
import { engineActivities, localEngineActivities } from './steps/engine-activities.ts';
import type { FlowRunInput, FlowRunResult, FlowRunState } from './types.ts';

/**
 * The one workflow that runs any valid flow. The definition is part of the input, so a run
 * keeps the exact version it started with, and replaying its history needs nothing else.
 */
export async function runFlow(input: FlowRunInput): Promise<FlowRunResult> {
  const context = createContext(input);
  const state: Pick<FlowRunState, 'status' | 'outcome'> = { status: 'running' };
  const branch = new Branch(input.resume?.variables ?? initialVariables(input.flow));
  registerHandlers(context, state, branch);
  const effects = new LiveEffects(context, (nodeId, current) =>
    continueIfHistoryIsLong(context, nodeId, current),
  );
  const { caseInput } = input;
  // The same facts object all run long: rules read the latest notification's status.
  const caseContext = { ...input.caseContext, amazon: context.amazon.facts };
  const walk = new FlowWalk(context.graph, { caseInput, caseContext }, effects, context);

  try {
    const from = startingNode(context);
    const stop = await walk.walk(from, branch);
    if (stop.kind !== 'end') throw new Error('a walk outside a parallel block stopped at a join');
    Object.assign(state, { status: 'completed', outcome: stop.outcome });
    context.trail.record('run.completed', {
      nodeId: stop.nodeId,
      details: { outcome: stop.outcome, ...subflowEndVariables(stop.branch.variables) },
    });
    return { outcome: stop.outcome, variables: stop.branch.variables };
  } catch (error) {
    if (error instanceof ContinueAsNew) throw error;
    state.status = isCancellation(error) ? 'cancelled' : 'failed';
    context.trail.record(isCancellation(error) ? 'run.cancelled' : 'run.failed', {
      details: { reason: error instanceof Error ? error.message : String(error) },
    });
    throw error;
  } finally {
    await CancellationScope.nonCancellable(() => saveTrail(context));
  }
}

/** A subflow's final variables, kept on its end line: its parent's backtest answers from them. */
function subflowEndVariables(variables: Record<string, unknown>) {
  if (!workflowInfo().workflowId.includes('/') || !patched('subflow-end-variables')) return {};
  return { variables };
}

function createContext(input: FlowRunInput): RunContext {
  const trail = new BusinessTrail(input.resume?.trailSequence);
  trail.record(input.resume ? 'run.resumed' : 'run.started', {
    actor: input.caseContext.requestedBy,
    details: {
      flowKey: input.flow.key,
      flowVersion: input.flow.version,
      caseId: input.caseContext.id,
      ...(input.resume ? { atNode: input.resume.nodeId, generation: input.resume.generation } : {}),
    },
  });
  return {
    input,
    graph: new FlowGraph(input.flow),
    trail,
    book: new ApprovalBook(input.caseContext.requestedBy),
    amazon: new AmazonNotices(input.resume?.amazon),
    visits: { ...input.resume?.visits },
    activeNodes: new Map(),
  };
}

function startingNode(context: RunContext): string {
  if (context.input.resume) return context.input.resume.nodeId;
  const problems = validateCaseInput(context.input.flow, context.input.caseInput);
  if (problems.length > 0) {
    // Rules must never run on missing or ill-typed data (a missing number compares as 0).
    throw ApplicationFailure.create({
      type: 'InvalidCaseInput',
      message: problems.map((problem) => problem.message).join('; '),
      nonRetryable: true,
      details: [problems],
    });
  }
  return context.graph.start().id;
}

function registerHandlers(
  context: RunContext,
  state: Pick<FlowRunState, 'status' | 'outcome'>,
  branch: Branch,
): void {
  setHandler(flowStateQuery, () => ({
    flowKey: context.input.flow.key,
    flowVersion: context.input.flow.version,
    ...state,
    activeNodes: [...context.activeNodes.keys()],
    variables: branch.variables,
    openTasks: context.book.openTasks(),
    trail: context.trail.all(),
  }));
  setHandler(amazonNotificationSignal, (notice) => takeAmazonNotice(context, notice));
  setHandler(
    decideApprovalTaskUpdate,
    (decision) => {
      const { settled } = context.book.record(decision, new Date().toISOString());
      const task = context.book.get(decision.taskId);
      const approvals = task?.decisions.filter((entry) => entry.verdict === 'approve').length ?? 0;
      return {
        taskId: decision.taskId,
        approvals,
        approvalsRequired: task?.approvalsRequired ?? 0,
        closed: settled,
      };
    },
    {
      // Synchronous on purpose: the SDK does not await validators.
      validator: (decision) => {
        try {
          context.book.check(decision);
        } catch (refusal) {
          if (refusal instanceof DecisionRefused) {
            throw ApplicationFailure.create({ type: 'DecisionRefused', message: refusal.message });
          }
          throw refusal;
        }
      },
    },
  );
}

/** Applies a notification once and says so in the trail; no commands, so replay-safe. */
function takeAmazonNotice(context: RunContext, notice: AmazonNotification): void {
  const verdict = context.amazon.take(notice);
  if (verdict === 'duplicate') return;
  const { notificationId, type, orderId, orderStatus, shipmentStatus, eventTime } = notice;
  context.trail.record('amazon.notified', {
    actor: 'amazon',
    details: {
      notificationId,
      notificationType: type,
      orderId,
      ...(orderStatus !== undefined && { orderStatus }),
      ...(shipmentStatus !== undefined && { shipmentStatus }),
      eventTime,
      ...(verdict === 'older' && { superseded: true }),
    },
  });
}

async function continueIfHistoryIsLong(
  context: RunContext,
  nodeId: string,
  branch: Branch,
): Promise<void> {
  const info = workflowInfo();
  const limit = context.input.continueAsNewAfterEvents;
  if (!info.continueAsNewSuggested && !(limit && info.historyLength >= limit)) return;
  // Decisions still being handled would be lost with this run; the trail is saved on the way out.
  await condition(allHandlersFinished);
  const generation = (context.input.resume?.generation ?? 0) + 1;
  const amazon = context.amazon.news();
  await continueAsNew<typeof runFlow>({
    ...context.input,
    resume: {
      nodeId,
      variables: branch.variables,
      visits: context.visits,
      trailSequence: context.trail.sequence,
      generation,
      ...(amazon && { amazon }),
    },
  });
}

async function saveTrail(context: RunContext): Promise<void> {
  const info = workflowInfo();
  const { flow, caseContext } = context.input;
  const save = patched('save-trail-in-local-activity')
    ? localEngineActivities.saveCaseTrail
    : engineActivities.saveCaseTrail;
  await save({
    workflowId: info.workflowId,
    runId: info.runId,
    caseId: caseContext.id,
    flowKey: flow.key,
    flowVersion: flow.version,
    events: context.trail.all(),
  });
}
