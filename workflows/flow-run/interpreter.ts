import { CancellationScope, condition } from '@temporalio/workflow';
import {
  type BranchSettled,
  type FlowNode,
  HANDLE,
  joinIsDecided,
  type NodeOfKind,
  settleJoin,
} from '#flow-language';
import { flowFailure } from './flow-failure.ts';
import type { Branch, RunContext } from './run-context.ts';
import { act } from './steps/action-step.ts';
import { awaitApproval } from './steps/approval-step.ts';
import { decide } from './steps/decision-step.ts';
import { assign } from './steps/set-step.ts';
import { runSubflow } from './steps/subflow-step.ts';
import { wait } from './steps/wait-step.ts';

/** Where a walk stopped: at an end node, or (inside a parallel branch) at its join. */
export type WalkStop =
  | { kind: 'end'; outcome: string; nodeId: string; branch: Branch }
  | { kind: 'join'; branch: Branch };

/** Lets the run continue-as-new at a safe point (only on the main path, before a wait). */
export type SafePointHook = (nodeId: string, branch: Branch) => Promise<void>;

type Settled = BranchSettled<WalkStop>;

/** Walks the flow graph from a node, one step per node, until an end (or the branch's join). */
export class Interpreter {
  constructor(
    private readonly context: RunContext,
    private readonly atSafePoint: SafePointHook,
  ) {}

  async walk(fromNodeId: string, branch: Branch, joinId?: string): Promise<WalkStop> {
    let nodeId = fromNodeId;
    for (;;) {
      if (nodeId === joinId) return { kind: 'join', branch };
      const node = this.context.graph.node(nodeId);
      if (joinId === undefined && (node.kind === 'wait' || node.kind === 'approval')) {
        await this.atSafePoint(nodeId, branch);
      }
      if (node.kind === 'end') return this.end(node, branch);
      const next = await this.visit(node, branch);
      if (typeof next !== 'string') return next;
      nodeId = next;
    }
  }

  /** Runs one node; answers the next node's id, or a stop reached inside a parallel block. */
  private async visit(node: FlowNode, branch: Branch): Promise<string | WalkStop> {
    const visit = this.enter(node);
    try {
      if (node.kind === 'parallel') return await this.split(node, branch);
      const handle = await this.step(node, branch, visit);
      this.context.trail.record('node.left', { nodeId: node.id, details: { handle } });
      const target = this.context.graph.target(node.id, handle);
      if (!target) throw flowFailure(node.id, `has no "${handle}" edge`);
      return target;
    } finally {
      this.leave(node.id);
    }
  }

  private async step(node: FlowNode, branch: Branch, visit: number): Promise<string> {
    switch (node.kind) {
      case 'start':
      case 'join':
        return HANDLE.next;
      case 'decision':
        return decide(this.context, branch, node);
      case 'set':
        assign(this.context, branch, node);
        return HANDLE.next;
      case 'wait':
        await wait(this.context, branch, node);
        return HANDLE.next;
      case 'action':
        return act(this.context, branch, node, visit);
      case 'approval':
        return awaitApproval(this.context, branch, node, visit);
      case 'subflow':
        return runSubflow(this.context, branch, node, visit);
      default:
        throw flowFailure(node.id, `cannot step a ${node.kind} node`);
    }
  }

  /**
   * Runs every branch in its own cancellation scope on its own copy of the variables. A join
   * in "all" mode waits for every branch; "first" takes the first to arrive and cancels the
   * rest. A failing branch cancels its siblings and fails the block; an end inside a branch
   * ends the run.
   */
  private async split(node: NodeOfKind<'parallel'>, branch: Branch): Promise<string | WalkStop> {
    const join = this.context.graph.joinOf(node.id);
    if (join?.kind !== 'join') throw flowFailure(node.id, 'has no join that all branches reach');
    const scopes = this.context.graph.branches(node.id).map((target) => ({
      scope: new CancellationScope(),
      target,
    }));
    const settled: (Settled | undefined)[] = scopes.map(() => undefined);
    const runs = scopes.map(({ scope, target }, index) =>
      scope
        .run(() => this.walk(target, branch.fork(), join.id))
        .then(
          (stop) => {
            settled[index] = { ok: true, stop };
          },
          (error: unknown) => {
            settled[index] = { ok: false, error };
          },
        ),
    );
    await condition(() => joinIsDecided(settled, join.mode));
    // Snapshot before cancelling, so the losers' cancellations are not mistaken for failures.
    const decided = [...settled];
    for (const [index, { scope }] of scopes.entries()) if (!decided[index]) scope.cancel();
    await Promise.all(runs);
    return this.merge(join, branch, decided);
  }

  private merge(
    join: NodeOfKind<'join'>,
    branch: Branch,
    settled: (Settled | undefined)[],
  ): string | WalkStop {
    const verdict = settleJoin(join.mode, settled);
    if (verdict.kind === 'ended') return verdict.stop;
    if (verdict.kind === 'failed') throw verdict.error;
    for (const stop of verdict.merged) {
      for (const name of stop.branch.assigned) branch.set(name, stop.branch.variables[name]);
    }
    this.context.trail.record('branch.merged', {
      nodeId: join.id,
      details: { mode: join.mode, branches: verdict.arrived.length },
    });
    const target = this.context.graph.target(join.id, HANDLE.next);
    if (!target) throw flowFailure(join.id, 'has no "next" edge');
    return target;
  }

  private end(node: NodeOfKind<'end'>, branch: Branch): WalkStop {
    this.context.trail.record('node.entered', { nodeId: node.id, details: { kind: 'end' } });
    return { kind: 'end', outcome: node.outcome, nodeId: node.id, branch };
  }

  private enter(node: FlowNode): number {
    const visits = this.context.visits;
    visits[node.id] = (visits[node.id] ?? 0) + 1;
    const active = this.context.activeNodes;
    active.set(node.id, (active.get(node.id) ?? 0) + 1);
    this.context.trail.record('node.entered', { nodeId: node.id, details: { kind: node.kind } });
    return visits[node.id] as number;
  }

  private leave(nodeId: string): void {
    const active = this.context.activeNodes;
    const count = (active.get(nodeId) ?? 1) - 1;
    if (count > 0) active.set(nodeId, count);
    else active.delete(nodeId);
  }
}
