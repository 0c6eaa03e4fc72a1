import type { NodeKind } from '../nodes.ts';
import type { RuleRead } from '../stepping.ts';
import type { TaskOpening } from '../walk/effects.ts';

/** One node entered, and the edge it left by (none for an end, or where the run stopped). */
export interface SimulatedStep {
  nodeId: string;
  kind: NodeKind;
  /** "main", or the parallel branch path such as "split/1". */
  branch: string;
  /** The how-manieth time this node was entered. */
  visit: number;
  handle?: string;
  edgeId?: string;
  /** For a parallel split: the edge of every branch, all walked in this order. */
  branchEdgeIds?: string[];
  /** For an approval: who its task is for and the amount it shows, as read from the sample. */
  task?: TaskOpening;
}

/** A rule as the run evaluated it: what it read and what it gave. */
export interface SimulatedRule {
  nodeId: string;
  /** "condition", "case <id>", "assign <name>", "input <name>", "wait until". */
  purpose: string;
  rule: unknown;
  read: RuleRead[];
  ok: boolean;
  result?: unknown;
  error?: string;
}

export interface SimulationFailure {
  nodeId?: string;
  message: string;
}

export interface SimulationResult {
  status: 'completed' | 'failed';
  steps: SimulatedStep[];
  /** The ids of the edges taken, in the order they were taken, for highlighting. */
  edgeIds: string[];
  rules: SimulatedRule[];
  variables: Record<string, unknown>;
  outcome?: string;
  endNodeId?: string;
  error?: SimulationFailure;
}

/** Stops a test run; the message names the node as a workflow failure would. */
export class SimulationStopped extends Error {
  override name = 'SimulationStopped';

  constructor(
    readonly nodeId: string | undefined,
    reason: string,
  ) {
    super(nodeId === undefined ? reason : `Node "${nodeId}": ${reason}`);
  }
}

export class StepLimitReached extends SimulationStopped {
  override name = 'StepLimitReached';
}
