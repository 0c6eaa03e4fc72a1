import {
  ActivityFailure,
  CancellationScope,
  ChildWorkflowFailure,
  condition,
  isCancellation,
  sleep,
} from '@temporalio/workflow';
import {
  type ApprovalAnswer,
  type Branch,
  type BranchSettled,
  joinIsDecided,
  type NodeOfKind,
  type TaskOpening,
  type WalkEffects,
  type WalkEventFields,
  type WalkEventType,
  type WalkStop,
} from '#flow-language';
import { flowFailure } from './flow-failure.ts';
import type { RunContext } from './run-context.ts';
import { callActivity } from './steps/action-step.ts';
import { awaitApproval } from './steps/approval-step.ts';
import { startSubflow } from './steps/subflow-step.ts';

/** Lets the run continue-as-new at a safe point (only on the main path, before a wait). */
export type SafePointHook = (nodeId: string, branch: Branch) => Promise<void>;

type Settled = BranchSettled<WalkStop>;

/**
 * The walk's effects inside the Temporal workflow: activities, human tasks, child workflows,
 * durable timers and cancellation scopes. Each returns the very promise the SDK call gave, so
 * the walk awaits exactly what the interpreter awaited before it moved into the flow language.
 */
export class LiveEffects implements WalkEffects {
  constructor(
    private readonly context: RunContext,
    private readonly safePoint: SafePointHook,
  ) {}

  record(type: WalkEventType, fields: WalkEventFields): void {
    this.context.trail.record(type, fields);
  }

  failure(nodeId: string, reason: string, cause?: unknown): Error {
    return flowFailure(nodeId, reason, cause);
  }

  unknownNode(error: Error): Error {
    return error;
  }

  atSafePoint(nodeId: string, branch: Branch): Promise<void> {
    return this.safePoint(nodeId, branch);
  }

  callActivity(node: NodeOfKind<'action'>, input: Record<string, unknown>, visit: number) {
    return callActivity(node, input, visit);
  }

  failedCall(error: unknown, kind: 'activity' | 'subflow'): string | undefined {
    if (isCancellation(error)) return undefined;
    if (kind === 'activity') {
      return error instanceof ActivityFailure ? (error.cause?.message ?? error.message) : undefined;
    }
    return error instanceof ChildWorkflowFailure ? String(error.cause?.message) : undefined;
  }

  awaitApproval(
    node: NodeOfKind<'approval'>,
    visit: number,
    opening: TaskOpening,
    then: (answer: ApprovalAnswer) => string,
  ): Promise<string> {
    return awaitApproval(this.context, node, visit, opening, then);
  }

  runSubflow(node: NodeOfKind<'subflow'>, caseInput: Record<string, unknown>, visit: number) {
    return startSubflow(this.context, node, caseInput, visit);
  }

  sleepFor(milliseconds: number): Promise<void> {
    return sleep(milliseconds);
  }

  sleepUntil(epochMilliseconds: number): Promise<void> | undefined {
    const remaining = epochMilliseconds - Date.now();
    return remaining > 0 ? sleep(remaining) : undefined;
  }

  /**
   * Every branch in its own cancellation scope. "first" cancels the branches still running
   * once one arrives; a failing branch cancels its siblings.
   */
  async runBranches(
    starts: (() => Promise<WalkStop>)[],
    mode: 'all' | 'first',
    then: (settled: (Settled | undefined)[]) => string | WalkStop,
  ): Promise<string | WalkStop> {
    const scopes = starts.map((start) => ({ scope: new CancellationScope(), start }));
    const settled: (Settled | undefined)[] = scopes.map(() => undefined);
    const runs = scopes.map(({ scope, start }, index) =>
      scope.run(start).then(
        (stop) => {
          settled[index] = { ok: true, stop };
        },
        (error: unknown) => {
          settled[index] = { ok: false, error };
        },
      ),
    );
    await condition(() => joinIsDecided(settled, mode));
    // Snapshot before cancelling, so the losers' cancellations are not mistaken for failures.
    const decided = [...settled];
    for (const [index, { scope }] of scopes.entries()) if (!decided[index]) scope.cancel();
    await Promise.all(runs);
    return then(decided);
  }
}
