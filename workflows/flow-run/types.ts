import type { AmazonNews, FlowDefinition } from '#flow-language';

/** Who opened the case; rules read it as `case.*`, and four-eyes checks use `requestedBy`. */
export interface CaseContext {
  id: string;
  requestedBy: string;
  startedAt: string;
  brand?: string;
  marketplace?: string;
  store?: string;
  /** The marketplace account the case named; its marketplace steps go through it. */
  account?: string;
}

/**
 * Everything a run needs, pinned when it starts: later edits to the flow, or new versions of
 * its subflows, never change a running case. Workflow code never reads the database.
 */
export interface FlowRunInput {
  flow: FlowDefinition;
  /** Published subflows this flow calls, keyed by subflowKey(node). */
  subflows: Record<string, FlowDefinition>;
  caseInput: Record<string, unknown>;
  caseContext: CaseContext;
  /** Set by continue-as-new: where the previous run stopped. */
  resume?: ResumePoint;
  /** Tests lower this to exercise continue-as-new without thousands of events. */
  continueAsNewAfterEvents?: number;
}

export interface ResumePoint {
  nodeId: string;
  variables: Record<string, unknown>;
  visits: Record<string, number>;
  trailSequence: number;
  generation: number;
  /** What Amazon's notifications had said so far; absent when none had arrived. */
  amazon?: AmazonNews;
}

export interface FlowRunResult {
  outcome: string;
  variables: Record<string, unknown>;
}

export type TrailEventType =
  | 'run.started'
  | 'run.resumed'
  | 'run.completed'
  | 'run.failed'
  | 'run.cancelled'
  | 'node.entered'
  | 'node.left'
  | 'rule.evaluated'
  | 'variable.set'
  | 'activity.completed'
  | 'activity.failed'
  | 'task.opened'
  | 'task.decided'
  | 'task.escalated'
  | 'task.timed-out'
  | 'task.closed'
  | 'branch.merged'
  | 'amazon.notified';

/** One line of the business trail auditors read: who or what did what, when and why. */
export interface TrailEvent {
  sequence: number;
  at: string;
  type: TrailEventType;
  nodeId?: string;
  actor?: string;
  details?: Record<string, unknown>;
}

export type ApprovalVerdict = 'approve' | 'reject';

export interface ApprovalActor {
  userId: string;
  roles: string[];
  groups?: string[];
}

export interface ApprovalDecision {
  taskId: string;
  verdict: ApprovalVerdict;
  actor: ApprovalActor;
  comment?: string;
  form?: Record<string, unknown>;
}

export interface RecordedDecision extends ApprovalDecision {
  at: string;
}

export interface ApprovalTaskView {
  taskId: string;
  nodeId: string;
  title: string;
  assignee: { role?: string; group?: string };
  escalatedTo?: string;
  approvalsRequired: number;
  openedAt: string;
  dueAt?: string;
  decisions: RecordedDecision[];
}

export interface FlowRunState {
  flowKey: string;
  flowVersion: number;
  status: 'running' | 'completed' | 'failed' | 'cancelled';
  activeNodes: string[];
  variables: Record<string, unknown>;
  openTasks: ApprovalTaskView[];
  trail: TrailEvent[];
  outcome?: string;
}
