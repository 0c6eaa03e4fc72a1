import { Branch, initialVariables } from '../branch.ts';
import { acceptsCaseInput, validateCaseInput } from '../case-input.ts';
import type { FlowGraph } from '../flow-graph.ts';
import { addMajorAmounts } from '../money-units.ts';
import { FlowWalk } from '../walk/walk-flow.ts';
import {
  BacktestEffects,
  BacktestFailed,
  NoRecordedAnswer,
  type PartedEdge,
  type UnknownKind,
} from './backtest-effects.ts';
import { type CaseRecordIndex, countVisits, type RecordedRule } from './past-case.ts';
import { type UnknownAnswer, unknownAnswerInEnglish } from './unknown-answers.ts';

export type CaseVerdict = 'same' | 'path-changed' | 'flipped' | 'unknown';

export interface RuleChange {
  purpose: string;
  rule: unknown;
  read: unknown;
  result: unknown;
  recordedRule?: unknown;
  recordedResult?: unknown;
}

/** Where the flow now parts from what the case did, and the rules it evaluated there. */
export interface Divergence {
  nodeId: string;
  recordedHandle?: string;
  replayedHandle?: string;
  rules: RuleChange[];
}

export interface ReplayedCase {
  status: 'completed' | 'failed' | 'unknown';
  /** The end's outcome; "failed"; or, where the walk stopped, "review:<node>" / "unknown:<node>". */
  outcome: string;
  path: string[];
  unknown?: {
    nodeId: string;
    kind: UnknownKind;
    /** `why` in English, for readers of the API without a language of their own. */
    reason: string;
    why: UnknownAnswer;
    moneyStep: boolean;
  };
  failure?: string;
}

export interface CaseBacktest {
  caseId: string;
  currency: string;
  verdict: CaseVerdict;
  /** The outcome changed (including: now waits for a review, or stops where the case went on). */
  flipped: boolean;
  recorded: { outcome: string; path: string[] };
  replayed: ReplayedCase;
  divergence?: Divergence;
  refunds: {
    recorded: Record<string, number>;
    replayed: Record<string, number>;
    replayedUnknown: boolean;
  };
  tasks: {
    recorded: { role: string; slaHours: number }[];
    replayed: { role: string; slaHours: number }[];
  };
}

/**
 * Walks `graph`'s flow over one past case, answering from the case's own record, and compares
 * the path and outcome with what the case did.
 */
export async function backtestCase(
  graph: FlowGraph,
  index: CaseRecordIndex,
): Promise<CaseBacktest> {
  const pastCase = index.pastCase;
  const recorded = recordedFacts(index);
  const effects = new BacktestEffects(index, false);
  const replayed = await replay(graph, index, effects);
  const walked = effects.walked;
  const recordedOutcome =
    pastCase.status === 'completed' ? (pastCase.outcome ?? '') : pastCase.status;
  const samePath =
    replayed.status !== 'unknown' &&
    sameVisits(index.path, walked.path) &&
    !walked.parted &&
    walked.edgesTaken === recorded.edgesTaken;
  const divergence = walked.parted && (await divergenceAt(graph, index, walked.parted));
  const flipped =
    replayed.outcome !== recordedOutcome &&
    (replayed.status !== 'unknown' || divergence !== undefined);
  const verdict: CaseVerdict =
    replayed.status === 'unknown' && !flipped
      ? 'unknown'
      : flipped
        ? 'flipped'
        : samePath
          ? 'same'
          : 'path-changed';
  return {
    caseId: pastCase.caseId,
    currency: recorded.currency,
    verdict,
    flipped,
    recorded: { outcome: recordedOutcome, path: index.path },
    replayed,
    ...(divergence && { divergence }),
    refunds: {
      recorded: recorded.refunds,
      replayed: walked.refunds,
      replayedUnknown: replayed.unknown?.moneyStep ?? false,
    },
    tasks: {
      recorded: recorded.tasks,
      replayed: walked.tasks,
    },
  };
}

/**
 * The latest walk's objects, kept alive on purpose. V8 frees the hidden classes of objects that
 * have all died, and deoptimizes every function compiled against them: with no walk alive, each
 * full garbage collection during a backtest threw away the walk's optimized code (about 40
 * functions) and the cases after it ran at half speed (PERFORMANCE.md, "Full collections and
 * the walk's optimized code").
 */
const latest: Record<string, unknown> = {};

async function replay(
  graph: FlowGraph,
  index: CaseRecordIndex,
  effects: BacktestEffects,
): Promise<ReplayedCase> {
  const { pastCase } = index;
  const path = effects.walked.path;
  if (!acceptsCaseInput(graph.flow, pastCase.caseInput)) {
    const problems = validateCaseInput(graph.flow, pastCase.caseInput);
    const why: UnknownAnswer = {
      code: 'input-not-accepted',
      values: {
        problems: problems.map((problem) => problem.message).join('; '),
        fields: problems.map((problem) => problem.field ?? '—').join(', '),
      },
    };
    return {
      status: 'unknown',
      outcome: 'unknown:input',
      path,
      unknown: {
        nodeId: '',
        kind: 'input',
        reason: unknownAnswerInEnglish(why),
        why,
        moneyStep: false,
      },
    };
  }
  const walk = new FlowWalk(graph, pastCase, effects);
  const branch = new Branch(startingVariables(graph));
  latest[effects.tracesRulesOf ?? ''] = { walk, branch, effects };
  try {
    const stop = await walk.walk(graph.start().id, branch);
    return stop.kind === 'end'
      ? { status: 'completed', outcome: stop.outcome, path }
      : { status: 'failed', outcome: 'failed', path, failure: 'stopped at a join' };
  } catch (error) {
    if (error instanceof NoRecordedAnswer) {
      const { nodeId, kind, message, why, moneyStep } = error;
      const outcome = error.review ? `review:${nodeId}` : `unknown:${nodeId}`;
      return {
        status: 'unknown',
        outcome,
        path,
        unknown: { nodeId, kind, reason: message, why, moneyStep },
      };
    }
    if (error instanceof BacktestFailed)
      return { status: 'failed', outcome: 'failed', path, failure: error.message };
    throw error;
  }
}

/** A flow's variables at their initial values, worked out once per flow a backtest walks. */
const initialOfFlow = new WeakMap<FlowGraph, Record<string, unknown>>();

function startingVariables(graph: FlowGraph): Record<string, unknown> {
  let initial = initialOfFlow.get(graph);
  if (!initial) {
    initial = initialVariables(graph.flow);
    initialOfFlow.set(graph, initial);
  }
  // Each walk sets its own copy; the values themselves are the flow's, as initialVariables gives.
  // Copied key by key: V8 gives a spread's copy a shape of its own, so each variable the walk
  // then adds made new shapes (~1 µs a store, most of Branch.set's time).
  return Object.assign({}, initial);
}

function sameVisits(recorded: readonly string[], replayed: readonly string[]): boolean {
  if (recorded.length !== replayed.length) return false;
  if (recorded.every((nodeId, i) => nodeId === replayed[i])) return true;
  // Parallel branches may have been walked in another order than they ran.
  const counts = countVisits(recorded);
  for (const nodeId of replayed) {
    const left = (counts.get(nodeId) ?? 0) - 1;
    if (left < 0) return false;
    counts.set(nodeId, left);
  }
  return true;
}

/**
 * The edge where the walk parted from the case, with what the node's rules read: the case is
 * walked again, tracing that node's rules this time (few cases diverge).
 */
async function divergenceAt(
  graph: FlowGraph,
  index: CaseRecordIndex,
  parted: PartedEdge,
): Promise<Divergence> {
  const { nodeId } = parted;
  const traced = new BacktestEffects(index, true, nodeId);
  await replay(graph, index, traced);
  return {
    ...parted,
    rules: ruleChanges(index.rules.get(nodeId) ?? [], traced.walked.rules.get(nodeId) ?? []),
  };
}

function ruleChanges(recorded: RecordedRule[], replayed: RecordedRule[]): RuleChange[] {
  return replayed.map((rule) => {
    const before = recorded.find((entry) => entry.purpose === rule.purpose);
    return {
      purpose: rule.purpose,
      rule: rule.rule,
      read: rule.read,
      result: rule.result ?? null,
      ...(before && { recordedRule: before.rule, recordedResult: before.result ?? null }),
    };
  });
}

interface RecordedFacts {
  currency: string;
  /** Every edge the case took, counted over its nodes. */
  edgesTaken: number;
  refunds: Record<string, number>;
  tasks: { role: string; slaHours: number }[];
}

/** What the case itself did, worked out once however many flows are walked over it. */
const factsOfCase = new WeakMap<CaseRecordIndex, RecordedFacts>();

function recordedFacts(index: CaseRecordIndex): RecordedFacts {
  let facts = factsOfCase.get(index);
  if (!facts) {
    facts = {
      currency: caseCurrency(index),
      edgesTaken: [...index.handles.values()].reduce((sum, handles) => sum + handles.length, 0),
      refunds: recordedRefunds(index),
      tasks: [...index.tasks.values()].flat().map(({ role, slaHours }) => ({ role, slaHours })),
    };
    factsOfCase.set(index, facts);
  }
  return facts;
}

function recordedRefunds(index: CaseRecordIndex): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const call of [...index.calls.values()].flat()) {
    if (call.activity !== 'marketplace.issueRefund' || call.error !== undefined) continue;
    const { amount, currency } = (call.output ?? {}) as { amount?: unknown; currency?: unknown };
    if (typeof amount !== 'number' || typeof currency !== 'string') continue;
    totals[currency] = addMajorAmounts(totals[currency] ?? 0, amount, currency);
  }
  return totals;
}

/** The currency a backtest files a case under when nothing in its record names one. */
export const NO_RECORDED_CURRENCY = 'unknown';

/** The case's currency: its refund's, else the first one an activity answered or the input gave. */
function caseCurrency(index: CaseRecordIndex): string {
  for (const call of [...index.calls.values()].flat()) {
    const output = call.output as { currency?: unknown } | undefined;
    if (typeof output?.currency === 'string') return output.currency;
  }
  const fromInput = index.pastCase.caseInput.currency;
  return typeof fromInput === 'string' ? fromInput : NO_RECORDED_CURRENCY;
}
