import type { Branch } from '../branch.ts';
import type { NodeOfKind, TaskAssignee } from '../nodes.ts';
import type { ApprovalSettlement, BranchSettled } from '../stepping.ts';

/** Where a walk stopped: at an end node, or (inside a parallel branch) at its join. */
export type WalkStop =
  | { kind: 'end'; outcome: string; nodeId: string; branch: Branch }
  | { kind: 'join'; branch: Branch };

export type WalkEventType =
  | 'node.entered'
  | 'node.left'
  | 'rule.evaluated'
  | 'variable.set'
  | 'activity.completed'
  | 'activity.failed'
  | 'branch.merged';

export interface WalkEventFields {
  nodeId?: string;
  details?: Record<string, unknown>;
}

/** How an approval task settled, and what its result variable holds. */
export interface ApprovalAnswer {
  settlement: ApprovalSettlement;
  approvers: string[];
  comment: string | null;
  form: Record<string, unknown>;
}

/** What a task opens with, read from the run at that moment: who it is for, what amount it shows. */
export interface TaskOpening {
  assignee: TaskAssignee;
  /** Whole minor units, named by the variable the node's `amount` read (or "amount"). */
  amount?: { field: string; cents: number; currency?: string };
}

export interface SubflowAnswer {
  outcome: string;
  variables: Record<string, unknown>;
}

/** The walk's own state that outlives one walk: visit counts (ids per visit) and active nodes. */
export interface WalkState {
  readonly visits: Record<string, number>;
  /** The nodes running now, for a live run's queries; walks nobody asks (test runs, backtests) keep none. */
  readonly activeNodes?: Map<string, number>;
}

/** Where a walk went, for effects that keep no trail lines: what node.entered and node.left say. */
export interface WalkRoute {
  entered(nodeId: string): void;
  /** `visit`: which visit of the node this is (1 for the first), as activity ids count them. */
  left(nodeId: string, handle: string, visit: number): void;
}

/**
 * Everything a walk asks of the world. The walk (walk-flow.ts) owns the graph, the rules and
 * the trail's content; an implementation only answers: live (Temporal), a test run (a sample
 * case) or a backtest (a past case's own record).
 *
 * Effects that span several awaits take the walk's continuation (`then`) and call it at their
 * last step, so the live run issues its Temporal commands tick for tick in the order it did
 * before the walk moved here (parallel branches interleave by microtask order).
 */
export interface WalkEffects {
  /**
   * False: rules are evaluated without their `rule.evaluated` trail line (what a backtest's
   * first pass needs: the path, not what each rule read). Live runs and test runs trace.
   */
  readonly tracesRules?: boolean;
  /**
   * Set: only this node's rules are traced (a backtest walking a diverged case again, to say
   * what the rules read where it parted from the record).
   */
  readonly tracesRulesOf?: string;
  /**
   * Set by effects that keep where the walk went and no trail lines (a backtest): the walk then
   * reports each node entered and each edge taken here, calls `record` for rule traces alone
   * (unless `tracesRules` is false), and builds no other line.
   */
  readonly route?: WalkRoute;
  /** A line of the business trail; `lane` is "main" or a parallel branch path such as "main/split:1". */
  record(type: WalkEventType, fields: WalkEventFields, lane: string): void;
  /** The error that stops the walk at a node (a rule without data, a failure without error edge). */
  failure(nodeId: string, reason: string, cause?: unknown): Error;
  /** The error for an edge to a node the flow does not have. */
  unknownNode(error: Error): Error;
  /** Called on the main path before a wait or an approval: the live run may continue-as-new here. */
  atSafePoint(nodeId: string, branch: Branch): Promise<void> | undefined;
  callActivity(
    node: NodeOfKind<'action'>,
    input: Record<string, unknown>,
    visit: number,
  ): Promise<unknown>;
  /**
   * The reason when `error` is the called activity or subflow failing (a failure the flow may
   * route by its error edge); undefined for anything else, which the walk lets through.
   */
  failedCall(error: unknown, kind: 'activity' | 'subflow'): string | undefined;
  awaitApproval(
    node: NodeOfKind<'approval'>,
    visit: number,
    opening: TaskOpening,
    then: (answer: ApprovalAnswer) => string,
  ): Promise<string>;
  runSubflow(
    node: NodeOfKind<'subflow'>,
    caseInput: Record<string, unknown>,
    visit: number,
  ): Promise<SubflowAnswer>;
  sleepFor(milliseconds: number): Promise<void>;
  /** Undefined when the moment has passed (nothing to wait for). */
  sleepUntil(epochMilliseconds: number): Promise<void> | undefined;
  /**
   * Runs the branches of a parallel block (each in its own cancellable scope where that means
   * something), decides the join as joinIsDecided/settleJoin say, and hands what each branch
   * did (undefined: cancelled before it arrived) to `then`.
   */
  runBranches(
    starts: (() => Promise<WalkStop>)[],
    mode: 'all' | 'first',
    then: (settled: (BranchSettled<WalkStop> | undefined)[]) => string | WalkStop,
  ): Promise<string | WalkStop>;
}
