import { movesMoney } from '../money-steps.ts';
import { addMajorAmounts } from '../money-units.ts';
import type { NodeOfKind } from '../nodes.ts';
import type { BranchSettled } from '../stepping.ts';
import { branchesInTurn } from '../walk/branches-in-turn.ts';
import type {
  ApprovalAnswer,
  SubflowAnswer,
  TaskOpening,
  WalkEffects,
  WalkEventFields,
  WalkEventType,
  WalkRoute,
  WalkStop,
} from '../walk/effects.ts';
import type { CaseRecordIndex, RecordedRule, RecordedTask } from './past-case.ts';
import { sameJson } from './same-json.ts';
import { type UnknownAnswer, unknownAnswerInEnglish } from './unknown-answers.ts';

export type UnknownKind = 'input' | 'activity' | 'approval' | 'subflow';

/** The walk needs an answer the case's record does not have: counted as unknown, never guessed. */
export class NoRecordedAnswer extends Error {
  override name = 'NoRecordedAnswer';

  constructor(
    readonly nodeId: string,
    readonly kind: UnknownKind,
    readonly why: UnknownAnswer,
    /** A review the flow would now ask for: who would do it. */
    readonly review?: { role: string; slaHours: number },
    /** A money step the case never took: its amount is not known. */
    readonly moneyStep = false,
  ) {
    super(unknownAnswerInEnglish(why));
  }
}

/**
 * An expected answer, not a fault: thrown for every case that now needs a review, so it is
 * made without capturing a stack (the capture was a tenth of such a case's walk).
 */
function noRecordedAnswer(
  ...args: ConstructorParameters<typeof NoRecordedAnswer>
): NoRecordedAnswer {
  return withoutStack(() => new NoRecordedAnswer(...args));
}

/** Errors a backtest reports by their message only (an outcome of the case, not a fault). */
function withoutStack<T>(make: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** The flow itself stops here (a rule without data, a failure with no error edge). */
export class BacktestFailed extends Error {
  override name = 'BacktestFailed';

  constructor(
    readonly nodeId: string | undefined,
    reason: string,
  ) {
    super(nodeId === undefined ? reason : `Node "${nodeId}": ${reason}`);
  }
}

class RecordedFailure extends Error {}

/** Where a walk first left a node by another edge than the case did. */
export interface PartedEdge {
  nodeId: string;
  recordedHandle?: string;
  replayedHandle: string;
}

/** What one backtest walk did: the path, where it parted from the case, and what it touched. */
export interface WalkedCase {
  path: string[];
  /** The first edge (in the order the walk took them) that is not the case's; unset while none. */
  parted?: PartedEdge;
  /** How many edges the walk took: all the case's, when none parted and the counts agree. */
  edgesTaken: number;
  rules: Map<string, RecordedRule[]>;
  /** Refunds answered from the record, per currency. */
  refunds: Record<string, number>;
  /** Review tasks the walk opened, by role, with their SLA hours. */
  tasks: { role: string; slaHours: number }[];
}

const REFUND_ACTIVITY = 'marketplace.issueRefund';

/**
 * Answers a walk from one past case's own record: each activity with the result it had (when
 * asked the same question), each approval with the decisions people made, each subflow with
 * its recorded end. Waits take no time; branches are walked one after the other.
 */
export class BacktestEffects implements WalkEffects, WalkRoute {
  readonly walked: WalkedCase = {
    path: [],
    edgesTaken: 0,
    rules: new Map(),
    refunds: {},
    tasks: [],
  };

  /**
   * `tracesRules`: keep what each rule read (the divergence needs it; the verdict does not);
   * `tracesRulesOf`: of that node only.
   */
  constructor(
    private readonly caseRecord: CaseRecordIndex,
    readonly tracesRules = true,
    readonly tracesRulesOf?: string,
  ) {}

  /** The path and the edges are all a backtest keeps of the walk: no trail line is built. */
  readonly route: WalkRoute = this;

  entered(nodeId: string): void {
    this.walked.path.push(nodeId);
  }

  /** Compared as the walk goes: the case's edge out of the same visit of the node. */
  left(nodeId: string, handle: string, visit: number): void {
    const walked = this.walked;
    walked.edgesTaken += 1;
    if (walked.parted) return;
    const recordedHandle = this.caseRecord.handles.get(nodeId)?.[visit - 1];
    if (recordedHandle === handle) return;
    walked.parted = {
      nodeId,
      ...(recordedHandle !== undefined && { recordedHandle }),
      replayedHandle: handle,
    };
  }

  /** Only rule traces come here (see `route`), and only when `tracesRules`. */
  record(type: WalkEventType, { nodeId = '', details }: WalkEventFields): void {
    if (type === 'rule.evaluated')
      append(this.walked.rules, nodeId, details as unknown as RecordedRule);
  }

  failure(nodeId: string, reason: string): Error {
    return withoutStack(() => new BacktestFailed(nodeId, reason));
  }

  unknownNode(error: Error): Error {
    return new BacktestFailed(undefined, error.message);
  }

  atSafePoint(): undefined {
    return undefined;
  }

  async callActivity(
    node: NodeOfKind<'action'>,
    input: Record<string, unknown>,
    visit: number,
  ): Promise<unknown> {
    const call = answerOf(this.caseRecord.calls, node.id, visit);
    const money = movesMoney(node.activity);
    const activity = node.activity;
    if (!call) {
      const code = this.caseRecord.keepsResults ? 'never-called' : 'results-not-recorded';
      throw noRecordedAnswer(node.id, 'activity', { code, values: { activity } }, undefined, money);
    }
    if (call.activity !== activity) {
      const why = {
        code: 'other-activity',
        values: { recorded: call.activity, activity },
      } as const;
      throw noRecordedAnswer(node.id, 'activity', why, undefined, money);
    }
    if (!sameJson(call.input, input)) {
      const why = { code: 'other-inputs', values: { activity } } as const;
      throw noRecordedAnswer(node.id, 'activity', why, undefined, money);
    }
    if (call.error !== undefined) throw new RecordedFailure(call.error);
    if (node.activity === REFUND_ACTIVITY) this.addRefund(call.output);
    return call.output;
  }

  failedCall(error: unknown): string | undefined {
    return error instanceof RecordedFailure ? error.message : undefined;
  }

  async awaitApproval(
    node: NodeOfKind<'approval'>,
    visit: number,
    opening: TaskOpening,
    then: (answer: ApprovalAnswer) => string,
  ): Promise<string> {
    const { assignee } = opening;
    const review = {
      role: 'role' in assignee ? assignee.role : assignee.group,
      slaHours: (node.sla?.durationSeconds ?? 0) / 3_600,
    };
    this.walked.tasks.push(review);
    const task = answerOf(this.caseRecord.tasks, node.id, visit);
    if (!task) {
      const why = { code: 'review-never-had', values: { role: review.role } } as const;
      throw noRecordedAnswer(node.id, 'approval', why, review);
    }
    return then(settle(node, task, review));
  }

  async runSubflow(
    node: NodeOfKind<'subflow'>,
    _input: unknown,
    visit: number,
  ): Promise<SubflowAnswer> {
    const answer = this.caseRecord.subflows.get(`${node.id}#${visit}`);
    if (!answer)
      throw noRecordedAnswer(node.id, 'subflow', {
        code: 'no-subflow-end',
        values: { flowKey: node.flowKey },
      });
    if ('error' in answer) throw new RecordedFailure(answer.error);
    // Children that ended before their trail kept their final variables answer none.
    return { outcome: answer.outcome, variables: answer.variables ?? {} };
  }

  async sleepFor(): Promise<void> {}

  sleepUntil(): undefined {
    return undefined;
  }

  /** In edge order; a branch stopped for want of an answer counts as not arrived. */
  async runBranches(
    starts: (() => Promise<WalkStop>)[],
    _mode: 'all' | 'first',
    then: (settled: BranchSettled<WalkStop>[]) => string | WalkStop,
  ): Promise<string | WalkStop> {
    return then(
      await branchesInTurn(
        starts,
        (error) => error instanceof NoRecordedAnswer || error instanceof BacktestFailed,
      ),
    );
  }

  private addRefund(output: unknown): void {
    const { amount, currency } = (output ?? {}) as { amount?: unknown; currency?: unknown };
    if (typeof amount !== 'number' || typeof currency !== 'string') return;
    const refunds = this.walked.refunds;
    refunds[currency] = addMajorAmounts(refunds[currency] ?? 0, amount, currency);
  }
}

/**
 * The task settles as the flow's node now says, from the decisions people made: a rejection,
 * or enough distinct approvers with the form filled in; a task that ran out of time times out.
 */
function settle(
  node: NodeOfKind<'approval'>,
  task: RecordedTask,
  review: { role: string; slaHours: number },
): ApprovalAnswer {
  const approvers: string[] = [];
  const form: Record<string, unknown> = {};
  for (const decision of task.decisions) {
    Object.assign(form, decision.form);
    if (decision.verdict === 'reject') {
      return { settlement: 'rejected', approvers, comment: decision.comment ?? null, form };
    }
    if (!approvers.includes(decision.actor)) approvers.push(decision.actor);
    if (approvers.length >= node.approvalsRequired) {
      const missing = node.form.find((field) => field.required && isBlank(form[field.name]));
      if (missing) {
        const why = { code: 'new-form-field', values: { field: missing.label } } as const;
        throw noRecordedAnswer(node.id, 'approval', why, review);
      }
      return { settlement: 'approved', approvers, comment: decision.comment ?? null, form };
    }
  }
  if (task.status === 'timed-out' && node.sla) {
    return {
      settlement: 'timed-out',
      approvers,
      comment: task.decisions.at(-1)?.comment ?? null,
      form,
    };
  }
  const why = {
    code: 'too-few-approvers',
    values: { required: node.approvalsRequired, had: approvers.length },
  } as const;
  throw noRecordedAnswer(node.id, 'approval', why, review);
}

/** The case's answer at the same visit of the node (each visit calls or asks once). */
function answerOf<T>(answers: Map<string, T[]>, nodeId: string, visit: number): T | undefined {
  return answers.get(nodeId)?.[visit - 1];
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function append<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
