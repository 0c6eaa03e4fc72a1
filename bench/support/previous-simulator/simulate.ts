// The test-run simulator as it was before the walk moved into the flow language (commit
// 4acb7b2): kept only as the baseline bench/backtest.ts measures the one walk against.

import { Branch, initialVariables } from '../../../flow-language/branch.ts';
import { validateCaseInput } from '../../../flow-language/case-input.ts';
import { FlowGraph } from '../../../flow-language/flow-graph.ts';
import { HANDLE } from '../../../flow-language/handles.ts';
import type { FlowNode, NodeOfKind } from '../../../flow-language/nodes.ts';
import type { FlowDefinition } from '../../../flow-language/schema.ts';
import type { SampleVerdict, TestRunSample } from '../../../flow-language/simulation/sample.ts';
import {
  type SimulatedStep,
  type SimulationResult,
  SimulationStopped,
  StepLimitReached,
} from '../../../flow-language/simulation/trace.ts';
import {
  type ApprovalSettlement,
  approvalHandle,
  type BranchSettled,
  decisionHandle,
  settleJoin,
} from '../../../flow-language/stepping.ts';
import { SimulatedRules } from './simulated-rules.ts';

type Stop =
  | { kind: 'end'; outcome: string; nodeId: string; branch: Branch }
  | { kind: 'join'; branch: Branch };

const SETTLEMENTS: Record<SampleVerdict, ApprovalSettlement> = {
  approve: 'approved',
  reject: 'rejected',
  timeout: 'timed-out',
};

/**
 * Runs a flow against a sample case without side effects: activities, approvals and subflows
 * are answered from the sample, waits are skipped, parallel branches are walked one after the
 * other in edge order (so in a "first" join the first branch in edge order wins). Edge choices and rule evaluation are the interpreter's own (stepping.ts,
 * rules.ts), so the path shown is the path a real case with these answers would take.
 */
export function simulateFlow(flow: FlowDefinition, sample: TestRunSample): SimulationResult {
  const simulation = new Simulation(flow, sample);
  const main = new Branch(initialVariables(flow));
  try {
    const problems = validateCaseInput(flow, sample.caseInput);
    if (problems.length > 0) {
      throw new SimulationStopped(undefined, problems.map((problem) => problem.message).join('; '));
    }
    const stop = simulation.walk(simulation.graph.start().id, main, 'main');
    if (stop.kind !== 'end') throw new SimulationStopped(undefined, 'stopped at a join');
    return {
      ...simulation.trace(stop.branch),
      status: 'completed',
      outcome: stop.outcome,
      endNodeId: stop.nodeId,
    };
  } catch (error) {
    if (!(error instanceof SimulationStopped)) throw error;
    return {
      ...simulation.trace(main),
      status: 'failed',
      error: { ...(error.nodeId && { nodeId: error.nodeId }), message: error.message },
    };
  }
}

class Simulation {
  readonly graph: FlowGraph;
  private readonly steps: SimulatedStep[] = [];
  private readonly rules: SimulatedRules;
  private readonly visits: Record<string, number> = {};
  private readonly edgeIds: string[] = [];

  constructor(
    flow: FlowDefinition,
    private readonly sample: TestRunSample,
  ) {
    this.graph = new FlowGraph(flow);
    this.rules = new SimulatedRules(sample);
  }

  trace(branch: Branch): Pick<SimulationResult, 'steps' | 'edgeIds' | 'rules' | 'variables'> {
    return {
      steps: this.steps,
      edgeIds: this.edgeIds,
      rules: this.rules.all,
      variables: branch.variables,
    };
  }

  walk(fromNodeId: string, branch: Branch, path: string, joinId?: string): Stop {
    let nodeId = fromNodeId;
    for (;;) {
      if (nodeId === joinId) return { kind: 'join', branch };
      const node = this.nodeAt(nodeId);
      const step = this.enter(node, path);
      if (node.kind === 'end') return { kind: 'end', outcome: node.outcome, nodeId, branch };
      if (node.kind === 'parallel') {
        const next = this.split(node, branch, path, step);
        if (typeof next !== 'string') return next;
        nodeId = next;
        continue;
      }
      const handle = this.step(node, branch);
      step.handle = handle;
      nodeId = this.follow(node.id, handle, step);
    }
  }

  private nodeAt(nodeId: string): FlowNode {
    try {
      return this.graph.node(nodeId);
    } catch (error) {
      throw new SimulationStopped(undefined, (error as Error).message);
    }
  }

  private enter(node: FlowNode, branch: string): SimulatedStep {
    if (this.steps.length >= this.sample.maxSteps) {
      throw new StepLimitReached(
        node.id,
        `the test run stopped after ${this.sample.maxSteps} steps; the flow may loop forever`,
      );
    }
    this.visits[node.id] = (this.visits[node.id] ?? 0) + 1;
    const step: SimulatedStep = {
      nodeId: node.id,
      kind: node.kind,
      branch,
      visit: this.visits[node.id] as number,
    };
    this.steps.push(step);
    return step;
  }

  private follow(nodeId: string, handle: string, step: SimulatedStep): string {
    const target = this.graph.target(nodeId, handle);
    if (!target) throw new SimulationStopped(nodeId, `has no "${handle}" edge`);
    step.edgeId = this.graph.edgeId(nodeId, handle);
    if (step.edgeId) this.edgeIds.push(step.edgeId);
    return target;
  }

  private step(node: Exclude<FlowNode, { kind: 'end' | 'parallel' }>, branch: Branch): string {
    switch (node.kind) {
      case 'start':
      case 'join':
        return HANDLE.next;
      case 'decision':
        return decisionHandle(node, (rule, purpose) =>
          this.rules.evaluate(node.id, rule, purpose, branch),
        );
      case 'set':
        this.assign(node, branch);
        return HANDLE.next;
      case 'wait':
        this.skipWait(node, branch);
        return HANDLE.next;
      case 'action':
        return this.act(node, branch);
      case 'approval':
        return this.approve(node, branch);
      case 'subflow':
        return this.callSubflow(node, branch);
    }
  }

  /** Like the interpreter: every assignment reads the data as it was before the node. */
  private assign(node: NodeOfKind<'set'>, branch: Branch): void {
    const values = Object.entries(node.assignments).map(
      ([name, rule]) =>
        [name, this.rules.evaluate(node.id, rule, `assign ${name}`, branch)] as const,
    );
    for (const [name, value] of values) branch.set(name, value);
  }

  /** The wait itself is skipped, but an "until" rule is still evaluated and checked. */
  private skipWait(node: NodeOfKind<'wait'>, branch: Branch): void {
    if (node.untilExpression === undefined) return;
    const until = this.rules.evaluate(node.id, node.untilExpression, 'wait until', branch);
    if (typeof until !== 'string' || Number.isNaN(Date.parse(until))) {
      throw new SimulationStopped(
        node.id,
        `"wait until" gave ${JSON.stringify(until)}, not a date`,
      );
    }
  }

  private act(node: NodeOfKind<'action'>, branch: Branch): string {
    this.rules.mapInputs(node.id, node.inputs, branch);
    const answer = this.sample.actions[node.id];
    if (!answer) {
      throw new SimulationStopped(node.id, `the sample gives no result for ${node.activity}`);
    }
    if ('error' in answer) return this.failed(node.id, `${node.activity} failed: ${answer.error}`);
    if (node.resultVariable) branch.set(node.resultVariable, answer.output);
    return HANDLE.next;
  }

  private approve(node: NodeOfKind<'approval'>, branch: Branch): string {
    const verdict = this.sample.approvals[node.id] as SampleVerdict | undefined;
    if (!verdict) throw new SimulationStopped(node.id, 'the sample gives no verdict for this task');
    const settlement = SETTLEMENTS[verdict];
    if (node.resultVariable) {
      branch.set(node.resultVariable, {
        outcome: settlement,
        approvers:
          verdict === 'approve'
            ? Array.from(
                { length: node.approvalsRequired },
                (_, index) => `sample-approver-${index + 1}`,
              )
            : [],
        comment: null,
        form: {},
      });
    }
    return approvalHandle(settlement);
  }

  private callSubflow(node: NodeOfKind<'subflow'>, branch: Branch): string {
    this.rules.mapInputs(node.id, node.inputs, branch);
    const answer = this.sample.subflows[node.id];
    if (!answer) {
      throw new SimulationStopped(
        node.id,
        `the sample gives no outcome for subflow ${node.flowKey}`,
      );
    }
    if ('error' in answer)
      return this.failed(node.id, `subflow ${node.flowKey} failed: ${answer.error}`);
    if (node.resultVariable) {
      branch.set(node.resultVariable, { outcome: answer.outcome, variables: answer.variables });
    }
    return HANDLE.next;
  }

  /** A failure leaves by the error edge when the node has one, and stops the run otherwise. */
  private failed(nodeId: string, reason: string): string {
    if (this.graph.has(nodeId, HANDLE.error)) return HANDLE.error;
    throw new SimulationStopped(nodeId, reason);
  }

  /** Every branch is walked, in edge order, on its own copy of the variables. */
  private split(
    node: NodeOfKind<'parallel'>,
    branch: Branch,
    path: string,
    fork: SimulatedStep,
  ): string | Stop {
    const join = this.graph.joinOf(node.id);
    if (join?.kind !== 'join') {
      throw new SimulationStopped(node.id, 'has no join that all branches reach');
    }
    fork.branchEdgeIds = this.graph.branchEdgeIds(node.id);
    this.edgeIds.push(...fork.branchEdgeIds);
    const settled = this.graph.branches(node.id).map((target, index): BranchSettled<Stop> => {
      try {
        const stop = this.walk(target, branch.fork(), `${path}/${node.id}:${index}`, join.id);
        return { ok: true, stop };
      } catch (error) {
        // A runaway loop stops the whole test run, whatever the join mode.
        if (!(error instanceof SimulationStopped) || error instanceof StepLimitReached) throw error;
        return { ok: false, error };
      }
    });
    const verdict = settleJoin(join.mode, settled);
    if (verdict.kind === 'ended') return verdict.stop;
    if (verdict.kind === 'failed') throw verdict.error;
    for (const stop of verdict.merged) {
      for (const name of stop.branch.assigned) branch.set(name, stop.branch.variables[name]);
    }
    const step = this.enter(join, path);
    step.handle = HANDLE.next;
    return this.follow(join.id, HANDLE.next, step);
  }
}
