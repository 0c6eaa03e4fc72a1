import { HANDLE } from './handles.ts';
import type { NodeOfKind } from './nodes.ts';
import { collectVars } from './rule-analysis.ts';
import { isTruthy, readPath } from './rules.ts';

// The pure choices a step makes. The workflow interpreter and the designer's test-run
// simulator both call these, so a test run takes the edge a real case would take.

/** Evaluates a rule for a step; a rule that cannot be evaluated must throw (never guess). */
export type StepEvaluator = (rule: unknown, purpose: string) => unknown;

/** A condition leaves by true/false; cases leave by the first truthy case, else by default. */
export function decisionHandle(node: NodeOfKind<'decision'>, evaluate: StepEvaluator): string {
  if (node.condition !== undefined) {
    return isTruthy(evaluate(node.condition, 'condition')) ? HANDLE.true : HANDLE.false;
  }
  for (const decisionCase of node.cases ?? []) {
    if (isTruthy(evaluate(decisionCase.when, `case ${decisionCase.id}`))) {
      return decisionCase.id;
    }
  }
  return HANDLE.default;
}

export type ApprovalSettlement = 'approved' | 'rejected' | 'timed-out';

export function approvalHandle(settlement: ApprovalSettlement): string {
  return settlement === 'timed-out' ? HANDLE.timeout : settlement;
}

export interface RuleRead {
  path: string;
  value: unknown;
}

// A flow's rules are read-only once parsed (runs, test runs, backtests walk them many times).
const varsOfRule = new WeakMap<object, string[]>();

function varsOf(rule: unknown): string[] {
  if (typeof rule !== 'object' || rule === null) return collectVars(rule);
  let vars = varsOfRule.get(rule);
  if (!vars) {
    vars = collectVars(rule);
    varsOfRule.set(rule, vars);
  }
  return vars;
}

/** What a rule read, as a list (MongoDB refuses field names with dots like "order.total"). */
export function ruleReads(rule: unknown, data: unknown): RuleRead[] {
  return varsOf(rule).map((path) => ({ path, value: readPath(data, path) ?? null }));
}

/** How one branch of a parallel block finished: at a stop (end or join), or with an error. */
export type BranchSettled<Stop> = { ok: true; stop: Stop } | { ok: false; error: unknown };
type WalkStopLike = { kind: 'end' | 'join' };

/** "all": every branch arrived, or one failed or ended the run. "first": one arrived or all failed. */
export function joinIsDecided<Stop extends WalkStopLike>(
  settled: readonly (BranchSettled<Stop> | undefined)[],
  mode: 'all' | 'first',
): boolean {
  const done = settled.filter((result): result is BranchSettled<Stop> => result !== undefined);
  const endedOrFailed = done.some((result) => !result.ok || result.stop.kind === 'end');
  if (mode === 'first') {
    return done.some((result) => result.ok) || done.length === settled.length;
  }
  return endedOrFailed || done.length === settled.length;
}

export type JoinVerdict<Stop> =
  | { kind: 'ended'; stop: Stop }
  | { kind: 'failed'; error: unknown }
  /** `arrived`: every branch that reached the join; `merged`: those whose variables are kept. */
  | { kind: 'merge'; arrived: Stop[]; merged: Stop[] };

/**
 * What a decided parallel block does: an end inside a branch ends the run; a failure fails
 * an "all" block (or a "first" block no branch survived); otherwise the arrivals merge, all
 * of them in "all" mode, the first to arrive in "first" mode.
 */
export function settleJoin<Stop extends WalkStopLike>(
  mode: 'all' | 'first',
  settled: readonly (BranchSettled<Stop> | undefined)[],
): JoinVerdict<Stop> {
  const finished = settled.filter((result): result is BranchSettled<Stop> => result !== undefined);
  const failure = finished.find((result) => !result.ok);
  const arrived = finished.flatMap((result) => (result.ok ? [result.stop] : []));
  const ended = arrived.find((stop) => stop.kind === 'end');
  if (ended) return { kind: 'ended', stop: ended };
  if (failure && !failure.ok && (mode === 'all' || arrived.length === 0)) {
    return { kind: 'failed', error: failure.error };
  }
  return { kind: 'merge', arrived, merged: mode === 'first' ? arrived.slice(0, 1) : arrived };
}
