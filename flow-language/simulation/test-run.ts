import { Branch, initialVariables } from '../branch.ts';
import { validateCaseInput } from '../case-input.ts';
import { FlowGraph } from '../flow-graph.ts';
import { HANDLE } from '../handles.ts';
import type { NodeOfKind } from '../nodes.ts';
import type { FlowDefinition } from '../schema.ts';
import type { ApprovalSettlement, BranchSettled } from '../stepping.ts';
import { branchesInTurn } from '../walk/branches-in-turn.ts';
import type {
  ApprovalAnswer,
  SubflowAnswer,
  TaskOpening,
  WalkEffects,
  WalkEventFields,
  WalkEventType,
  WalkStop,
} from '../walk/effects.ts';
import { FlowWalk } from '../walk/walk-flow.ts';
import type { SampleApproval, SampleVerdict, TestRunSample } from './sample.ts';
import {
  type SimulatedRule,
  type SimulatedStep,
  type SimulationResult,
  SimulationStopped,
  StepLimitReached,
} from './trace.ts';

const SETTLEMENTS: Record<SampleVerdict, ApprovalSettlement> = {
  approve: 'approved',
  reject: 'rejected',
  timeout: 'timed-out',
};

/** The sample's answer that an activity or subflow failed: the flow may route it by its error edge. */
class AnsweredFailure extends Error {
  override name = 'AnsweredFailure';
}

/**
 * Runs a flow against a sample case without side effects, through the same walk a live run
 * takes (walk-flow.ts): activities, approvals and subflows are answered from the sample, waits
 * are skipped (an "until" rule is still evaluated and checked), and parallel branches are
 * walked one after the other in edge order (so in a "first" join the first branch in edge
 * order wins).
 */
export async function simulateFlow(
  flow: FlowDefinition,
  sample: TestRunSample,
): Promise<SimulationResult> {
  const effects = new TestRunEffects(new FlowGraph(flow), sample);
  const main = new Branch(initialVariables(flow));
  try {
    const problems = validateCaseInput(flow, sample.caseInput);
    if (problems.length > 0) {
      throw new SimulationStopped(undefined, problems.map((problem) => problem.message).join('; '));
    }
    const walk = new FlowWalk(effects.graph, sample, effects);
    const stop = await walk.walk(startNode(effects.graph), main);
    if (stop.kind !== 'end') throw new SimulationStopped(undefined, 'stopped at a join');
    return {
      ...effects.trace(stop.branch),
      status: 'completed',
      outcome: stop.outcome,
      endNodeId: stop.nodeId,
    };
  } catch (error) {
    if (!(error instanceof SimulationStopped)) throw error;
    return {
      ...effects.trace(main),
      status: 'failed',
      error: { ...(error.nodeId && { nodeId: error.nodeId }), message: error.message },
    };
  }
}

function startNode(graph: FlowGraph): string {
  try {
    return graph.start().id;
  } catch (error) {
    throw new SimulationStopped(undefined, (error as Error).message);
  }
}

/** Answers from the sample and keeps the trail as the steps, edges and rules the panel shows. */
class TestRunEffects implements WalkEffects {
  private readonly steps: SimulatedStep[] = [];
  private readonly rules: SimulatedRule[] = [];
  private readonly edgeIds: string[] = [];
  private readonly visits: Record<string, number> = {};

  constructor(
    readonly graph: FlowGraph,
    private readonly sample: TestRunSample,
  ) {}

  trace(branch: Branch): Pick<SimulationResult, 'steps' | 'edgeIds' | 'rules' | 'variables'> {
    return {
      steps: this.steps,
      edgeIds: this.edgeIds,
      rules: this.rules,
      variables: branch.variables,
    };
  }

  record(type: WalkEventType, { nodeId = '', details = {} }: WalkEventFields, lane: string): void {
    if (type === 'node.entered') this.entered(nodeId, lane);
    else if (type === 'node.left') this.left(nodeId, details.handle as string, lane);
    else if (type === 'rule.evaluated') this.rules.push(simulatedRule(nodeId, details));
    else if (type === 'branch.merged') {
      // A live run passes through its join without entering it; the panel shows it as a step.
      this.entered(nodeId, lane);
      this.left(nodeId, HANDLE.next, lane);
    }
  }

  failure(nodeId: string, reason: string): Error {
    return new SimulationStopped(nodeId, reason);
  }

  unknownNode(error: Error): Error {
    return new SimulationStopped(undefined, error.message);
  }

  atSafePoint(): undefined {
    return undefined;
  }

  async callActivity(node: NodeOfKind<'action'>): Promise<unknown> {
    const answer = this.sample.actions[node.id];
    if (!answer)
      throw new SimulationStopped(node.id, `the sample gives no result for ${node.activity}`);
    if ('error' in answer) throw new AnsweredFailure(answer.error);
    return answer.output;
  }

  failedCall(error: unknown): string | undefined {
    return error instanceof AnsweredFailure ? error.message : undefined;
  }

  async awaitApproval(
    node: NodeOfKind<'approval'>,
    _visit: number,
    opening: TaskOpening,
    then: (answer: ApprovalAnswer) => string,
  ): Promise<string> {
    const step = this.steps.findLast((entry) => entry.nodeId === node.id);
    if (step) step.task = opening;
    const answer = this.sample.approvals[node.id];
    if (!answer) throw new SimulationStopped(node.id, 'the sample gives no verdict for this task');
    return then(approvalAnswer(node, answer));
  }

  async runSubflow(node: NodeOfKind<'subflow'>): Promise<SubflowAnswer> {
    const answer = this.sample.subflows[node.id];
    if (!answer) {
      throw new SimulationStopped(
        node.id,
        `the sample gives no outcome for subflow ${node.flowKey}`,
      );
    }
    if ('error' in answer) throw new AnsweredFailure(answer.error);
    return { outcome: answer.outcome, variables: answer.variables };
  }

  async sleepFor(): Promise<void> {}

  sleepUntil(): undefined {
    return undefined;
  }

  /** One branch after the other, in edge order; a runaway loop stops the whole test run. */
  async runBranches(
    starts: (() => Promise<WalkStop>)[],
    _mode: 'all' | 'first',
    then: (settled: BranchSettled<WalkStop>[]) => string | WalkStop,
  ): Promise<string | WalkStop> {
    return then(
      await branchesInTurn(
        starts,
        (error) => error instanceof SimulationStopped && !(error instanceof StepLimitReached),
      ),
    );
  }

  private entered(nodeId: string, lane: string): void {
    if (this.steps.length >= this.sample.maxSteps) {
      throw new StepLimitReached(
        nodeId,
        `the test run stopped after ${this.sample.maxSteps} steps; the flow may loop forever`,
      );
    }
    this.visits[nodeId] = (this.visits[nodeId] ?? 0) + 1;
    const node = this.graph.node(nodeId);
    const step: SimulatedStep = {
      nodeId,
      kind: node.kind,
      branch: lane,
      visit: this.visits[nodeId] as number,
    };
    if (node.kind === 'parallel') {
      step.branchEdgeIds = this.graph.branchEdgeIds(nodeId);
      this.edgeIds.push(...step.branchEdgeIds);
    }
    this.steps.push(step);
  }

  private left(nodeId: string, handle: string, lane: string): void {
    const step = this.steps.findLast((entry) => entry.nodeId === nodeId && entry.branch === lane);
    if (!step) return;
    step.handle = handle;
    step.edgeId = this.graph.edgeId(nodeId, handle);
    if (step.edgeId) this.edgeIds.push(step.edgeId);
  }
}

function simulatedRule(nodeId: string, details: Record<string, unknown>): SimulatedRule {
  const { purpose, rule, read } = details as Pick<SimulatedRule, 'purpose' | 'rule' | 'read'>;
  return 'error' in details
    ? {
        nodeId,
        purpose,
        rule,
        read,
        ok: false,
        error: (details.error as { message: string }).message,
      }
    : { nodeId, purpose, rule, read, ok: true, result: details.result };
}

/** A bare "approve" stands for the required number of approvers, named as placeholders. */
function approvalAnswer(node: NodeOfKind<'approval'>, sample: SampleApproval): ApprovalAnswer {
  const answer = typeof sample === 'string' ? { verdict: sample, form: {} } : sample;
  const approvers =
    answer.verdict !== 'approve'
      ? []
      : ('approvers' in answer && answer.approvers) ||
        Array.from(
          { length: node.approvalsRequired },
          (_, index) => `sample-approver-${index + 1}`,
        );
  return {
    settlement: SETTLEMENTS[answer.verdict],
    approvers,
    comment: ('comment' in answer && answer.comment) || null,
    form: answer.form,
  };
}
