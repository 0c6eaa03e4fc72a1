import { Branch, initialVariables } from '../branch.ts';
import { CASE_CONTEXT_ROOT } from '../data-scope.ts';
import { FlowGraph } from '../flow-graph.ts';
import { HANDLE } from '../handles.ts';
import { isRecordMapping, type RecordMapping } from '../input-mapping.ts';
import type { FlowNode, NodeOfKind } from '../nodes.ts';
import { buildRuleData } from '../rule-data.ts';
import {
  evaluatePrepared,
  type PreparedRule,
  prepareRule,
  type RuleResult,
  readPath,
} from '../rules.ts';
import type { FlowDefinition } from '../schema.ts';
import { approvalHandle, type BranchSettled, decisionHandle, settleJoin } from '../stepping.ts';
import type { ApprovalAnswer, WalkEffects, WalkState, WalkStop } from './effects.ts';
import { taskOpening } from './task-opening.ts';

/** The case a walk works on: what rules read besides the variables. */
export interface WalkCase {
  caseInput: Readonly<Record<string, unknown>>;
  caseContext: object;
}

export const MAIN_LANE = 'main';

/**
 * The one walk of a flow graph, shared by live runs, test runs and backtests: one step per
 * node until an end (or, inside a parallel branch, its join), with the edge choices, variable
 * merges, input mappings, rule traces and trail lines all decided here. Pure: whatever touches
 * the world goes through `effects`.
 *
 * The async shape (which functions are async, where they await) is the live interpreter's as
 * it was recorded in tests/fixtures/histories/: parallel branches interleave by microtask
 * order, so an extra await here could reorder a live run's commands. Keep it.
 */
export class FlowWalk {
  constructor(
    private readonly graph: FlowGraph,
    private readonly subject: WalkCase,
    private readonly effects: WalkEffects,
    private readonly state: WalkState = { visits: {} },
  ) {}

  /** The rule data of a branch, rebuilt only after an assignment (rules never write to it). */
  private readonly ruleData = new WeakMap<
    Branch,
    { revision: number; data: Record<string, unknown> }
  >();

  async walk(
    fromNodeId: string,
    branch: Branch,
    lane = MAIN_LANE,
    joinId?: string,
  ): Promise<WalkStop> {
    let nodeId = fromNodeId;
    for (;;) {
      if (nodeId === joinId) return { kind: 'join', branch };
      const node = this.node(nodeId);
      if (joinId === undefined && (node.kind === 'wait' || node.kind === 'approval')) {
        await this.effects.atSafePoint(nodeId, branch);
      }
      if (node.kind === 'end') return this.end(node, branch, lane);
      const next = await this.visit(node, branch, lane);
      if (typeof next !== 'string') return next;
      nodeId = next;
    }
  }

  private node(nodeId: string): FlowNode {
    try {
      return this.graph.node(nodeId);
    } catch (error) {
      throw this.effects.unknownNode(error as Error);
    }
  }

  /** Runs one node; answers the next node's id, or a stop reached inside a parallel block. */
  private async visit(node: FlowNode, branch: Branch, lane: string): Promise<string | WalkStop> {
    const visit = this.enter(node, lane);
    try {
      if (node.kind === 'parallel') return await this.split(node, branch, lane);
      const handle = await this.step(node, branch, visit, lane);
      const route = this.effects.route;
      if (route) route.left(node.id, handle, visit);
      else this.effects.record('node.left', { nodeId: node.id, details: { handle } }, lane);
      const target = this.graph.target(node.id, handle);
      if (!target) throw this.effects.failure(node.id, `has no "${handle}" edge`);
      return target;
    } finally {
      this.leave(node.id);
    }
  }

  private async step(node: FlowNode, branch: Branch, visit: number, lane: string): Promise<string> {
    switch (node.kind) {
      case 'start':
      case 'join':
        return HANDLE.next;
      case 'decision':
        return this.decide(node, branch, lane);
      case 'set':
        this.assign(node, branch, lane);
        return HANDLE.next;
      case 'wait':
        await this.wait(node, branch, lane);
        return HANDLE.next;
      case 'action':
        return this.act(node, branch, visit, lane);
      case 'approval':
        return this.effects.awaitApproval(
          node,
          visit,
          taskOpening(
            node,
            (rule, purpose) => this.traced(node.id, preparedRule(rule), purpose, branch, lane),
            (reason) => this.effects.failure(node.id, reason),
          ),
          (answer) => this.approvalSettled(node, branch, answer),
        );
      case 'subflow':
        return this.callSubflow(node, branch, visit, lane);
      default:
        throw this.effects.failure(node.id, `cannot step a ${node.kind} node`);
    }
  }

  /** Leaves by the edge decisionHandle chooses; never guesses a branch on bad data. */
  private decide(node: NodeOfKind<'decision'>, branch: Branch, lane: string): string {
    return decisionHandle(node, (rule, purpose) =>
      this.evaluate(node.id, rule, purpose, branch, lane),
    );
  }

  /** All assignments read the data as it was before the node, so their order does not matter. */
  private assign(node: NodeOfKind<'set'>, branch: Branch, lane: string): void {
    const planned = plannedAssignments(node.assignments);
    const values = planned.map((assignment) =>
      this.evaluatePlanned(node.id, assignment.rule, assignment.purpose, branch, lane),
    );
    const keepsLines = !this.effects.route;
    planned.forEach(({ name }, i) => {
      const value = values[i];
      this.setVariable(branch, name, value);
      if (keepsLines)
        this.effects.record('variable.set', { nodeId: node.id, details: { name, value } }, lane);
    });
  }

  private async wait(node: NodeOfKind<'wait'>, branch: Branch, lane: string): Promise<void> {
    if (node.durationSeconds !== undefined) {
      await this.effects.sleepFor(node.durationSeconds * 1_000);
      return;
    }
    const value = this.evaluate(node.id, node.untilExpression, 'wait until', branch, lane);
    const until = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(until)) {
      throw this.effects.failure(node.id, `"wait until" gave ${JSON.stringify(value)}, not a date`);
    }
    const sleeping = this.effects.sleepUntil(until);
    if (sleeping) await sleeping;
  }

  /** Calls the activity; once it has failed for good, leaves by the error edge if any. */
  private async act(
    node: NodeOfKind<'action'>,
    branch: Branch,
    visit: number,
    lane: string,
  ): Promise<string> {
    const input = this.mapInputs(node.id, node.inputs, branch, lane);
    try {
      const output = await this.effects.callActivity(node, input, visit);
      if (node.resultVariable) this.setVariable(branch, node.resultVariable, output);
      if (!this.effects.route)
        this.effects.record(
          'activity.completed',
          { nodeId: node.id, details: { activity: node.activity, input, output } },
          lane,
        );
      return HANDLE.next;
    } catch (error) {
      const reason = this.effects.failedCall(error, 'activity');
      if (reason === undefined) throw error;
      if (!this.effects.route)
        this.effects.record(
          'activity.failed',
          { nodeId: node.id, details: { activity: node.activity, input, error: reason } },
          lane,
        );
      if (this.graph.has(node.id, HANDLE.error)) return HANDLE.error;
      throw this.effects.failure(node.id, `${node.activity} failed: ${reason}`, error);
    }
  }

  private approvalSettled(
    node: NodeOfKind<'approval'>,
    branch: Branch,
    answer: ApprovalAnswer,
  ): string {
    if (node.resultVariable) {
      this.setVariable(branch, node.resultVariable, {
        outcome: answer.settlement,
        approvers: answer.approvers,
        comment: answer.comment,
        form: answer.form,
      });
    }
    return approvalHandle(answer.settlement);
  }

  /** Runs the pinned subflow and stores { outcome, variables }. */
  private async callSubflow(
    node: NodeOfKind<'subflow'>,
    branch: Branch,
    visit: number,
    lane: string,
  ): Promise<string> {
    const input = this.mapInputs(node.id, node.inputs, branch, lane);
    try {
      const result = await this.effects.runSubflow(node, input, visit);
      if (node.resultVariable) this.setVariable(branch, node.resultVariable, result);
      return HANDLE.next;
    } catch (error) {
      const reason = this.effects.failedCall(error, 'subflow');
      if (reason === undefined) throw error;
      if (this.graph.has(node.id, HANDLE.error)) return HANDLE.error;
      throw this.effects.failure(node.id, `subflow ${node.flowKey} failed: ${reason}`, error);
    }
  }

  /**
   * Every branch walks on its own copy of the variables. A join in "all" mode waits for every
   * branch; "first" takes the first to arrive. A failing branch fails the block; an end inside
   * a branch ends the run.
   */
  private split(
    node: NodeOfKind<'parallel'>,
    branch: Branch,
    lane: string,
  ): Promise<string | WalkStop> {
    const join = this.graph.joinOf(node.id);
    if (join?.kind !== 'join')
      throw this.effects.failure(node.id, 'has no join that all branches reach');
    const starts = this.graph
      .branches(node.id)
      .map(
        (target, index) => () =>
          this.walk(target, branch.fork(), `${lane}/${node.id}:${index}`, join.id),
      );
    return this.effects.runBranches(starts, join.mode, (settled) =>
      this.merge(join, branch, settled, lane),
    );
  }

  private merge(
    join: NodeOfKind<'join'>,
    branch: Branch,
    settled: (BranchSettled<WalkStop> | undefined)[],
    lane: string,
  ): string | WalkStop {
    const verdict = settleJoin(join.mode, settled);
    if (verdict.kind === 'ended') return verdict.stop;
    if (verdict.kind === 'failed') throw verdict.error;
    for (const stop of verdict.merged) {
      for (const name of stop.branch.assigned)
        this.setVariable(branch, name, stop.branch.variables[name]);
    }
    if (!this.effects.route)
      this.effects.record(
        'branch.merged',
        { nodeId: join.id, details: { mode: join.mode, branches: verdict.arrived.length } },
        lane,
      );
    const target = this.graph.target(join.id, HANDLE.next);
    if (!target) throw this.effects.failure(join.id, 'has no "next" edge');
    return target;
  }

  private end(node: NodeOfKind<'end'>, branch: Branch, lane: string): WalkStop {
    this.entered(node, lane);
    return { kind: 'end', outcome: node.outcome, nodeId: node.id, branch };
  }

  private enter(node: FlowNode, lane: string): number {
    const { visits, activeNodes } = this.state;
    visits[node.id] = (visits[node.id] ?? 0) + 1;
    activeNodes?.set(node.id, (activeNodes.get(node.id) ?? 0) + 1);
    this.entered(node, lane);
    return visits[node.id] as number;
  }

  private entered(node: FlowNode, lane: string): void {
    const route = this.effects.route;
    if (route) route.entered(node.id);
    else
      this.effects.record('node.entered', { nodeId: node.id, details: { kind: node.kind } }, lane);
  }

  private leave(nodeId: string): void {
    const { activeNodes } = this.state;
    if (!activeNodes) return;
    const count = (activeNodes.get(nodeId) ?? 1) - 1;
    if (count > 0) activeNodes.set(nodeId, count);
    else activeNodes.delete(nodeId);
  }

  /** Evaluates each mapped input; a mapping that cannot be evaluated fails the node. */
  private mapInputs(
    nodeId: string,
    mappings: Record<string, unknown>,
    branch: Branch,
    lane: string,
  ): Record<string, unknown> {
    const mapped: Record<string, unknown> = {};
    for (const input of plannedInputs(mappings)) {
      mapped[input.key] = input.fields
        ? this.mapRecord(nodeId, input.fields, branch, lane)
        : this.mapInput(nodeId, input, branch, lane);
    }
    return mapped;
  }

  private mapInput(nodeId: string, input: PlannedInput, branch: Branch, lane: string): unknown {
    const result = this.traced(nodeId, input.rule, input.purpose, branch, lane);
    if (!result.ok)
      throw this.effects.failure(nodeId, `input "${input.label}": ${result.error.message}`);
    return result.value;
  }

  /** A record input: an object of its fields' values, each field's rule traced on its own. */
  private mapRecord(
    nodeId: string,
    fields: readonly PlannedInput[],
    branch: Branch,
    lane: string,
  ): Record<string, unknown> {
    const built: Record<string, unknown> = {};
    for (const field of fields) built[field.key] = this.mapInput(nodeId, field, branch, lane);
    return built;
  }

  /** A rule's value; one that cannot be evaluated stops the walk (a guess could auto-approve). */
  private evaluate(
    nodeId: string,
    rule: unknown,
    purpose: string,
    branch: Branch,
    lane: string,
  ): unknown {
    return this.evaluatePlanned(nodeId, preparedRule(rule), purpose, branch, lane);
  }

  private evaluatePlanned(
    nodeId: string,
    prepared: PreparedRule,
    purpose: string,
    branch: Branch,
    lane: string,
  ): unknown {
    const result = this.traced(nodeId, prepared, purpose, branch, lane);
    if (!result.ok) throw this.effects.failure(nodeId, result.error.message);
    return result.value;
  }

  /** Evaluates a rule and writes what it read and what it gave into the trail. */
  private traced(
    nodeId: string,
    prepared: PreparedRule,
    purpose: string,
    branch: Branch,
    lane: string,
  ): RuleResult {
    const data = this.dataOf(branch);
    const result = evaluatePrepared(prepared, data);
    const { tracesRules, tracesRulesOf } = this.effects;
    if (tracesRules === false || (tracesRulesOf !== undefined && tracesRulesOf !== nodeId))
      return result;
    this.effects.record(
      'rule.evaluated',
      {
        nodeId,
        details: {
          purpose,
          rule: prepared.rule,
          read: prepared.paths.map((path) => ({ path, value: readPath(data, path) ?? null })),
          ...(result.ok ? { result: result.value } : { error: result.error }),
        },
      },
      lane,
    );
    return result;
  }

  /**
   * Sets a variable, and writes it into the branch's rule data too when that is up to date:
   * variables override the input as buildRuleData spreads them, so the data stays what a
   * rebuild would give.
   */
  private setVariable(branch: Branch, name: string, value: unknown): void {
    const cached = this.ruleData.get(branch);
    const current = cached?.revision === branch.revision;
    branch.set(name, value);
    if (!cached || !current) return;
    if (name !== CASE_CONTEXT_ROOT) cached.data[name] = value;
    cached.revision = branch.revision;
  }

  /** Built once per branch and kept up to date by setVariable; rebuilt if anything else wrote. */
  private dataOf(branch: Branch): Record<string, unknown> {
    const cached = this.ruleData.get(branch);
    if (cached?.revision === branch.revision) return cached.data;
    const data = buildRuleData({
      input: this.subject.caseInput,
      variables: branch.variables,
      context: { ...this.subject.caseContext },
    });
    this.ruleData.set(branch, { revision: branch.revision, data });
    return data;
  }
}

/** A parsed flow's rules never change: each is analysed once, however many walks evaluate it. */
const preparedRules = new WeakMap<object, PreparedRule>();

function preparedRule(rule: unknown): PreparedRule {
  if (typeof rule !== 'object' || rule === null) return prepareRule(rule);
  let prepared = preparedRules.get(rule);
  if (!prepared) {
    prepared = prepareRule(rule);
    preparedRules.set(rule, prepared);
  }
  return prepared;
}

/** One input of an action or subflow, its rule prepared; a record's fields each likewise. */
interface PlannedInput {
  /** The input's (or the record field's) name in the mapped object. */
  key: string;
  /** How failures name it: "to", or "values.orderId" for a record field. */
  label: string;
  purpose: string;
  rule: PreparedRule;
  fields?: PlannedInput[];
}

const inputPlans = new WeakMap<object, PlannedInput[]>();

/** A node's input mappings, planned once per parsed flow (the walk reads them on every visit). */
function plannedInputs(mappings: Record<string, unknown>): PlannedInput[] {
  let planned = inputPlans.get(mappings);
  if (!planned) {
    planned = Object.entries(mappings).map(([name, mapping]) =>
      isRecordMapping(mapping)
        ? { ...plannedInput(name, name, null), fields: recordFields(name, mapping) }
        : plannedInput(name, name, mapping),
    );
    inputPlans.set(mappings, planned);
  }
  return planned;
}

function recordFields(name: string, record: RecordMapping): PlannedInput[] {
  return Object.entries(record.fields).map(([field, rule]) =>
    plannedInput(field, `${name}.${field}`, rule),
  );
}

function plannedInput(key: string, label: string, rule: unknown): PlannedInput {
  return { key, label, purpose: `input ${label}`, rule: preparedRule(rule) };
}

const assignmentPlans = new WeakMap<
  object,
  { name: string; purpose: string; rule: PreparedRule }[]
>();

function plannedAssignments(assignments: Record<string, unknown>) {
  let planned = assignmentPlans.get(assignments);
  if (!planned) {
    planned = Object.entries(assignments).map(([name, rule]) => ({
      name,
      purpose: `assign ${name}`,
      rule: preparedRule(rule),
    }));
    assignmentPlans.set(assignments, planned);
  }
  return planned;
}

/** Walks a whole flow from its start node with fresh variables; answers where it stopped. */
export function walkFlow(
  flow: FlowDefinition,
  effects: WalkEffects,
  subject: WalkCase,
): Promise<WalkStop> {
  const graph = new FlowGraph(flow);
  const walk = new FlowWalk(graph, subject, effects);
  return walk.walk(graph.start().id, new Branch(initialVariables(flow)));
}
