import { amazonFactsOfTrail } from '../amazon-notices.ts';

/** One line of a past case's business trail, as the saved trail reads it (platform/case-trail/). */
export interface PastTrailEvent {
  /** The run's workflow id; a subflow's events carry its child workflow id. */
  workflowId: string;
  sequence: number;
  at?: string;
  type: string;
  nodeId?: string;
  actor?: string;
  details?: Record<string, unknown>;
}

/** A closed case as the cases projection and its trail remember it. */
export interface PastCase {
  caseId: string;
  workflowId: string;
  flowVersion: number;
  status: 'completed' | 'failed' | 'cancelled' | 'running';
  outcome?: string;
  caseInput: Record<string, unknown>;
  caseContext: Record<string, unknown>;
  trail: PastTrailEvent[];
}

export interface RecordedCall {
  activity: string;
  input: unknown;
  output?: unknown;
  /** Set when the activity failed for good. */
  error?: string;
}

export interface RecordedDecisionLine {
  actor: string;
  verdict: string;
  comment?: string;
  form: Record<string, unknown>;
}

export interface RecordedTask {
  role: string;
  slaHours: number;
  decisions: RecordedDecisionLine[];
  /** How the task closed: approved, rejected, timed-out, cancelled; undefined while open. */
  status?: string;
}

/**
 * How a subflow's run ended: its outcome and final variables (runs that recorded them), or why
 * it failed.
 */
export type SubflowEnd =
  | { outcome: string; variables?: Record<string, unknown> }
  | { error: string };

export interface RecordedRule {
  purpose: string;
  rule: unknown;
  read: unknown;
  result?: unknown;
  error?: unknown;
}

/**
 * What a past case's own record answers, indexed once per case: each node's activity results
 * and tasks in the order they happened, its subflows' outcomes, the edges it left by, the
 * rules it evaluated, what it refunded and which reviewers it needed.
 */
export class CaseRecordIndex {
  readonly calls = new Map<string, RecordedCall[]>();
  readonly tasks = new Map<string, RecordedTask[]>();
  /** Keyed `${nodeId}#${visit}`, as the child workflow id ends. */
  readonly subflows = new Map<string, SubflowEnd>();
  readonly handles = new Map<string, string[]>();
  readonly path: string[] = [];
  /** Whether the trail keeps activity results at all (older trails did not). */
  keepsResults = false;
  /** Where the answers came from: the compact record kept at close, or the trail itself. */
  source: 'record' | 'trail' = 'trail';
  private readonly parsedRules = new Map<string, RecordedRule[]>();
  private pendingRules: string | undefined;

  /**
   * `rulesText`: a record's rules, the JSON text of `[nodeId, RecordedRule[]][]` (its trail is
   * then empty), parsed on first read of `rules`.
   */
  constructor(
    readonly pastCase: PastCase,
    rulesText?: string,
  ) {
    this.pendingRules = rulesText;
    const tasksById = new Map<string, RecordedTask>();
    for (const event of pastCase.trail) {
      if (event.workflowId !== pastCase.workflowId) this.indexChild(event);
      else this.index(event, tasksById);
    }
    // Rules read Amazon's notifications as `case.amazon`, as the run knew them when it ended
    // (only a case's own run is told, never its subflows).
    const amazon = amazonFactsOfTrail(pastCase.trail);
    if (amazon) this.pastCase = { ...pastCase, caseContext: { ...pastCase.caseContext, amazon } };
  }

  /**
   * The rules each node evaluated. From a record they stay its JSON text until asked for: only
   * a diverging case's explanation reads them, and they are two thirds of a record's bytes.
   */
  get rules(): Map<string, RecordedRule[]> {
    if (this.pendingRules !== undefined) {
      for (const [nodeId, rules] of JSON.parse(this.pendingRules) as [string, RecordedRule[]][])
        this.parsedRules.set(nodeId, rules);
      this.pendingRules = undefined;
    }
    return this.parsedRules;
  }

  /** The record's rules as its JSON text, while nobody has asked for them (else undefined). */
  get rulesText(): string | undefined {
    return this.pendingRules;
  }

  private index(event: PastTrailEvent, tasksById: Map<string, RecordedTask>): void {
    const nodeId = event.nodeId ?? '';
    const details = event.details ?? {};
    switch (event.type) {
      case 'node.entered':
        this.path.push(nodeId);
        return;
      case 'node.left':
        push(this.handles, nodeId, details.handle as string);
        return;
      case 'rule.evaluated':
        push(this.parsedRules, nodeId, details as unknown as RecordedRule);
        return;
      case 'activity.completed':
        this.keepsResults ||= 'output' in details;
        push(this.calls, nodeId, {
          activity: details.activity as string,
          input: details.input,
          output: details.output,
        });
        return;
      case 'activity.failed':
        push(this.calls, nodeId, {
          activity: details.activity as string,
          input: details.input,
          error: String(details.error),
        });
        return;
      case 'task.opened': {
        const assignee = (details.assignee ?? {}) as { role?: string; group?: string };
        const task: RecordedTask = {
          role: assignee.role ?? assignee.group ?? 'unassigned',
          slaHours: slaHours(event.at, details.dueAt),
          decisions: [],
        };
        tasksById.set(details.taskId as string, task);
        push(this.tasks, nodeId, task);
        return;
      }
      case 'task.decided':
        tasksById.get(details.taskId as string)?.decisions.push({
          actor: event.actor ?? '',
          verdict: details.verdict as string,
          comment: details.comment as string | undefined,
          form: (details.form ?? {}) as Record<string, unknown>,
        });
        return;
      case 'task.timed-out':
      case 'task.closed': {
        const task = tasksById.get(details.taskId as string);
        if (task) task.status = details.status as string;
        return;
      }
    }
  }

  /** A subflow runs as the child workflow `${parent}/${nodeId}#${visit}`; its end is its answer. */
  private indexChild(event: PastTrailEvent): void {
    const child = event.workflowId.slice(this.pastCase.workflowId.length + 1);
    const end = subflowEnd(event);
    if (end) this.subflows.set(child, end);
  }

  /** Every node the case entered, with how often: the path independent of branch interleaving. */
  visitsByNode(): Map<string, number> {
    return countVisits(this.path);
  }
}

/** The subflow calls in a run's own trail lines, as `${nodeId}#${visit}` (the child's id suffix). */
export function subflowCalls(trail: readonly PastTrailEvent[], workflowId: string): string[] {
  const visits = new Map<string, number>();
  const calls: string[] = [];
  for (const event of trail) {
    if (event.workflowId !== workflowId || event.type !== 'node.entered') continue;
    const nodeId = event.nodeId ?? '';
    const visit = (visits.get(nodeId) ?? 0) + 1;
    visits.set(nodeId, visit);
    if (event.details?.kind === 'subflow') calls.push(`${nodeId}#${visit}`);
  }
  return calls;
}

/** A subflow run's end, from its terminal trail line; undefined for any other line. */
export function subflowEnd(
  event: Pick<PastTrailEvent, 'type' | 'details'>,
): SubflowEnd | undefined {
  if (event.type === 'run.completed') {
    const variables = event.details?.variables as Record<string, unknown> | undefined;
    return { outcome: String(event.details?.outcome), ...(variables && { variables }) };
  }
  if (event.type === 'run.failed') return { error: String(event.details?.reason) };
  return undefined;
}

export function countVisits(path: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const nodeId of path) counts.set(nodeId, (counts.get(nodeId) ?? 0) + 1);
  return counts;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function slaHours(openedAt: string | undefined, dueAt: unknown): number {
  if (!openedAt || typeof dueAt !== 'string') return 0;
  return Math.max(0, (Date.parse(dueAt) - Date.parse(openedAt)) / 3_600_000);
}
