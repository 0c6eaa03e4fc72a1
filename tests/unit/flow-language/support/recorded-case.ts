import {
  type ApprovalAnswer,
  Branch,
  type BranchSettled,
  type FlowDefinition,
  FlowGraph,
  FlowWalk,
  initialVariables,
  type NodeOfKind,
  type PastCase,
  type PastTrailEvent,
  type TaskOpening,
  type WalkEffects,
  type WalkEventFields,
  type WalkEventType,
  type WalkStop,
} from '#flow-language';

export interface RecordedDecisionSample {
  actor: string;
  verdict: 'approve' | 'reject';
  comment?: string;
  form?: Record<string, unknown>;
}

/** What the world answered a case, by node id (each visit takes the next answer). */
export interface CaseHistorySample {
  caseInput: Record<string, unknown>;
  actions?: Record<string, ({ output: unknown } | { error: string })[]>;
  approvals?: Record<string, (RecordedDecisionSample[] | 'timeout')[]>;
  subflows?: Record<
    string,
    { outcome: string; variables?: Record<string, unknown> } | { error: string }
  >;
  /** Besides id, requestedBy and startedAt: brand, marketplace, store. */
  caseContext?: Record<string, unknown>;
}

class Failed extends Error {}

/**
 * Runs a case through the walk the way a live run does and writes its trail in the live
 * run's words (the lines workflows/flow-run records, task lines included), so backtests can
 * be checked against what the case "did" without a Temporal server.
 */
class RecordingEffects implements WalkEffects {
  readonly trail: PastTrailEvent[] = [];
  private readonly used = new Map<string, number>();

  constructor(
    private readonly workflowId: string,
    private readonly sample: CaseHistorySample,
  ) {}

  line(
    type: string,
    fields: { nodeId?: string; actor?: string; details?: Record<string, unknown> },
    workflowId = this.workflowId,
  ) {
    this.trail.push({
      workflowId,
      sequence: this.trail.length + 1,
      at: '2026-03-01T00:00:00.000Z',
      type,
      ...fields,
    });
  }

  record(type: WalkEventType, fields: WalkEventFields): void {
    // Stored through JSON, as the database keeps it.
    this.line(type, JSON.parse(JSON.stringify(fields)));
  }

  failure(nodeId: string, reason: string): Error {
    return new Error(`Node "${nodeId}": ${reason}`);
  }

  unknownNode(error: Error): Error {
    return error;
  }

  atSafePoint(): undefined {
    return undefined;
  }

  async callActivity(node: NodeOfKind<'action'>): Promise<unknown> {
    const answer = this.next(this.sample.actions ?? {}, node.id);
    if (!answer) throw new Error(`no answer for ${node.id}`);
    if ('error' in answer) throw new Failed(answer.error);
    return answer.output;
  }

  failedCall(error: unknown): string | undefined {
    return error instanceof Failed ? error.message : undefined;
  }

  async awaitApproval(
    node: NodeOfKind<'approval'>,
    visit: number,
    opening: TaskOpening,
    then: (answer: ApprovalAnswer) => string,
  ) {
    const taskId = `${node.id}#${visit}`;
    const dueAt = node.sla
      ? new Date(
          Date.parse('2026-03-01T00:00:00.000Z') + node.sla.durationSeconds * 1_000,
        ).toISOString()
      : undefined;
    this.line('task.opened', {
      nodeId: node.id,
      details: { taskId, assignee: opening.assignee, dueAt },
    });
    const decisions = this.next(this.sample.approvals ?? {}, node.id);
    if (!decisions) throw new Error(`no decisions for ${node.id}`);
    const approvers: string[] = [];
    const form: Record<string, unknown> = {};
    let settlement: ApprovalAnswer['settlement'] = 'timed-out';
    let comment: string | null = null;
    for (const decision of decisions === 'timeout' ? [] : decisions) {
      this.line('task.decided', {
        nodeId: node.id,
        actor: decision.actor,
        details: {
          taskId,
          verdict: decision.verdict,
          comment: decision.comment,
          form: decision.form,
        },
      });
      Object.assign(form, decision.form);
      comment = decision.comment ?? null;
      if (decision.verdict === 'reject') {
        settlement = 'rejected';
        break;
      }
      approvers.push(decision.actor);
      if (approvers.length >= node.approvalsRequired) {
        settlement = 'approved';
        break;
      }
    }
    this.line(settlement === 'timed-out' ? 'task.timed-out' : 'task.closed', {
      nodeId: node.id,
      details: { taskId, status: settlement },
    });
    return then({ settlement, approvers, comment, form });
  }

  async runSubflow(node: NodeOfKind<'subflow'>, _input: unknown, visit: number) {
    const answer = this.sample.subflows?.[node.id];
    if (!answer) throw new Error(`no subflow answer for ${node.id}`);
    const child = `${this.workflowId}/${node.id}#${visit}`;
    if ('error' in answer) {
      this.line('run.failed', { details: { reason: answer.error } }, child);
      throw new Failed(answer.error);
    }
    this.line('run.completed', { details: answer }, child);
    return { outcome: answer.outcome, variables: answer.variables ?? {} };
  }

  async sleepFor(): Promise<void> {}

  sleepUntil(): undefined {
    return undefined;
  }

  async runBranches(
    starts: (() => Promise<WalkStop>)[],
    _mode: 'all' | 'first',
    then: (settled: BranchSettled<WalkStop>[]) => string | WalkStop,
  ) {
    const settled: BranchSettled<WalkStop>[] = [];
    for (const start of starts) {
      try {
        settled.push({ ok: true, stop: await start() });
      } catch (error) {
        settled.push({ ok: false, error });
      }
    }
    return then(settled);
  }

  private next<T>(answers: Record<string, T[]>, nodeId: string): T | undefined {
    const index = this.used.get(nodeId) ?? 0;
    this.used.set(nodeId, index + 1);
    return answers[nodeId]?.[index];
  }
}

let serial = 0;

/** A closed past case of `flow`, with the trail its run would have saved. */
export async function recordCase(
  flow: FlowDefinition,
  sample: CaseHistorySample,
): Promise<PastCase> {
  serial += 1;
  const caseId = `case-${serial}`;
  const workflowId = `flow-run-${caseId}`;
  const caseContext = {
    id: caseId,
    requestedBy: 'agent-1',
    startedAt: '2026-03-01T00:00:00.000Z',
    ...sample.caseContext,
  };
  const effects = new RecordingEffects(workflowId, sample);
  const graph = new FlowGraph(flow);
  const walk = new FlowWalk(graph, { caseInput: sample.caseInput, caseContext }, effects);
  let outcome: string | undefined;
  let status: PastCase['status'] = 'completed';
  try {
    const stop = await walk.walk(graph.start().id, new Branch(initialVariables(flow)));
    outcome = stop.kind === 'end' ? stop.outcome : undefined;
    effects.line('run.completed', {
      nodeId: stop.kind === 'end' ? stop.nodeId : undefined,
      details: { outcome },
    });
  } catch (error) {
    status = 'failed';
    effects.line('run.failed', { details: { reason: (error as Error).message } });
  }
  return {
    caseId,
    workflowId,
    flowVersion: flow.version,
    status,
    outcome,
    caseInput: sample.caseInput,
    caseContext,
    trail: effects.trail,
  };
}
