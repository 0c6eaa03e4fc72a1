import { describe, expect, it } from 'vitest';
import {
  type ApprovalAnswer,
  Branch,
  type BranchSettled,
  type FlowDefinition,
  FlowGraph,
  FlowWalk,
  initialVariables,
  type NodeOfKind,
  parseFlowDefinition,
  type TaskOpening,
  type WalkEffects,
  type WalkEventFields,
  type WalkEventType,
  type WalkStop,
} from '#flow-language';
import { refundHistory } from '../../../bench/support/refund-past-cases.ts';
import type { WalkRoute } from '../../../flow-language/walk/effects.ts';
import { shippedPolicyDocument } from '../../../policies/shipped-policies.ts';
import { buildFlow, end, probe, start } from '../../support/flow-builder.ts';

class Failed extends Error {}

type Line = { type: WalkEventType; lane: string } & WalkEventFields;

/**
 * The same answers for every walk: each activity gives its node id and visit (the node
 * `broken` fails), each approval is approved by two people. With `keepsRoute` the effects keep
 * only the route, as a backtest does.
 */
class AnsweringEffects implements WalkEffects {
  readonly lines: Line[] = [];
  readonly entries: string[] = [];
  readonly exits: [string, string][] = [];
  readonly route?: WalkRoute;

  tracesRulesOf?: string;

  constructor(
    keepsRoute: boolean,
    readonly tracesRules = true,
    private readonly outputs: Record<string, unknown> = {},
  ) {
    if (keepsRoute) {
      this.route = {
        entered: (nodeId) => this.entries.push(nodeId),
        left: (nodeId, handle) => this.exits.push([nodeId, handle]),
      };
    }
  }

  record(type: WalkEventType, fields: WalkEventFields, lane: string): void {
    this.lines.push({ type, lane, ...structuredClone(fields) });
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
  async callActivity(node: NodeOfKind<'action'>, _input: unknown, visit: number) {
    if (node.id === 'broken') throw new Failed('down');
    return this.outputs[node.id] ?? { node: node.id, visit };
  }
  failedCall(error: unknown): string | undefined {
    return error instanceof Failed ? error.message : undefined;
  }
  async awaitApproval(
    _node: NodeOfKind<'approval'>,
    _visit: number,
    _opening: TaskOpening,
    then: (answer: ApprovalAnswer) => string,
  ): Promise<string> {
    return then({
      settlement: 'approved',
      approvers: ['ann', 'ben'],
      comment: null,
      form: { grade: 'new' },
    });
  }
  async runSubflow(): Promise<never> {
    throw new Error('no subflows here');
  }
  async sleepFor(): Promise<void> {}
  sleepUntil(): undefined {
    return undefined;
  }
  async runBranches(
    starts: (() => Promise<WalkStop>)[],
    _mode: 'all' | 'first',
    then: (settled: BranchSettled<WalkStop>[]) => string | WalkStop,
  ): Promise<string | WalkStop> {
    const settled: BranchSettled<WalkStop>[] = [];
    for (const begin of starts) settled.push({ ok: true, stop: await begin() });
    return then(settled);
  }
}

async function walked(
  flow: FlowDefinition,
  effects: AnsweringEffects,
  caseInput: Record<string, unknown> = {},
) {
  const graph = new FlowGraph(flow);
  const walk = new FlowWalk(graph, { caseInput, caseContext: { id: 'case-1' } }, effects);
  const stop = await walk.walk(graph.start().id, new Branch(initialVariables(flow)));
  return stop.kind === 'end' ? stop.outcome : stop.kind;
}

/** Sets, a record input, a parallel block, a failing activity with an error edge, a decision. */
const sampleFlow = () =>
  buildFlow('walk-route', {
    inputs: { amount: { type: 'number', required: true } },
    variables: { doubled: { type: 'number' } },
    nodes: [
      start,
      { id: 'double', kind: 'set', assignments: { doubled: { '*': [{ var: 'amount' }, 2] } } },
      probe('first', 'first', { resultVariable: 'first' }),
      { id: 'split', kind: 'parallel' },
      probe('left', 'left'),
      probe('broken', 'broken'),
      probe('mend', 'mend'),
      { id: 'join', kind: 'join', mode: 'all' },
      { id: 'big', kind: 'decision', condition: { '>': [{ var: 'doubled' }, 10] } },
      end('large'),
      end('small'),
    ],
    edges: [
      ['start', 'double'],
      ['double', 'first'],
      ['first', 'split'],
      ['split', 'left'],
      ['split', 'broken'],
      ['left', 'join'],
      ['broken', 'join'],
      ['broken', 'mend', 'error'],
      ['mend', 'join'],
      ['join', 'big'],
      ['big', 'large', 'true'],
      ['big', 'small', 'false'],
    ],
  });

function refundPolicy(): FlowDefinition {
  const parsed = parseFlowDefinition(shippedPolicyDocument('marketplace-refund'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.flow;
}

type RouteCase = [string, () => FlowDefinition, Record<string, unknown>, Record<string, unknown>];

/** The bench's generated refund cases (every branch of the policy among them), one answer a node. */
const refundCases = [0, 1, 3, 7, 13, 16, 29].map((i): RouteCase => {
  const history = refundHistory(i);
  const outputs = Object.fromEntries(
    Object.entries(history.actions ?? {}).map(([nodeId, [answer]]) => [
      nodeId,
      answer && 'output' in answer ? answer.output : undefined,
    ]),
  );
  return [`the shipped refund policy, case ${i}`, refundPolicy, history.caseInput, outputs];
});

describe('a walk whose effects keep only the route (backtests)', () => {
  it('still writes every trail line for effects that keep them (live runs, test runs)', async () => {
    const effects = new AnsweringEffects(false);
    expect(await walked(sampleFlow(), effects, { amount: 7 })).toBe('large');
    const kinds = effects.lines.map((line) => `${line.type} ${line.nodeId}`);
    expect(kinds).toEqual([
      'node.entered start',
      'node.left start',
      'node.entered double',
      'rule.evaluated double',
      'variable.set double',
      'node.left double',
      'node.entered first',
      'rule.evaluated first',
      'activity.completed first',
      'node.left first',
      'node.entered split',
      'node.entered left',
      'rule.evaluated left',
      'activity.completed left',
      'node.left left',
      'node.entered broken',
      'rule.evaluated broken',
      'activity.failed broken',
      'node.left broken',
      'node.entered mend',
      'rule.evaluated mend',
      'activity.completed mend',
      'node.left mend',
      'branch.merged join',
      'node.entered big',
      'rule.evaluated big',
      'node.left big',
      'node.entered large',
    ]);
    const line = (type: string, nodeId: string) =>
      effects.lines.find((entry) => entry.type === type && entry.nodeId === nodeId);
    expect(line('variable.set', 'double')?.details).toEqual({ name: 'doubled', value: 14 });
    expect(line('activity.completed', 'first')?.details).toEqual({
      activity: 'notify.probe',
      input: { label: 'first' },
      output: { node: 'first', visit: 1 },
    });
    expect(line('activity.failed', 'broken')?.details).toEqual({
      activity: 'notify.probe',
      input: { label: 'broken' },
      error: 'down',
    });
    expect(line('branch.merged', 'join')?.details).toEqual({ mode: 'all', branches: 2 });
    expect(line('node.left', 'broken')?.details).toEqual({ handle: 'error' });
    expect(line('node.entered', 'large')).toMatchObject({ lane: 'main', details: { kind: 'end' } });
    expect(line('node.entered', 'mend')?.lane).toBe('main/split:1');
    expect(line('rule.evaluated', 'double')?.details).toEqual({
      purpose: 'assign doubled',
      rule: { '*': [{ var: 'amount' }, 2] },
      read: [{ path: 'amount', value: 7 }],
      result: 14,
    });
  });

  it.each<RouteCase>([['a generated flow', sampleFlow, { amount: 3 }, {}], ...refundCases])(
    'reports the same route as the trail lines say, and no other line (%s)',
    async (_name, flowOf, input, outputs) => {
      const flow = flowOf();
      const full = new AnsweringEffects(false, true, outputs);
      const outcome = await walked(flow, full, input);
      const entered = full.lines.filter((l) => l.type === 'node.entered').map((l) => l.nodeId);
      const left = full.lines
        .filter((l) => l.type === 'node.left')
        .map((l) => [l.nodeId, l.details?.handle]);
      const rules = full.lines.filter((l) => l.type === 'rule.evaluated');
      expect(entered.length).toBeGreaterThan(4);

      const traced = new AnsweringEffects(true, true, outputs);
      expect(await walked(flow, traced, input)).toBe(outcome);
      expect(traced.entries).toEqual(entered);
      expect(traced.exits).toEqual(left);
      expect(traced.lines).toEqual(rules);

      const untraced = new AnsweringEffects(true, false, outputs);
      expect(await walked(flow, untraced, input)).toBe(outcome);
      expect(untraced.entries).toEqual(entered);
      expect(untraced.exits).toEqual(left);
      expect(untraced.lines).toEqual([]);
    },
  );

  it("traces one node's rules alone when asked (a diverged case walked again)", async () => {
    const full = new AnsweringEffects(true);
    await walked(sampleFlow(), full, { amount: 3 });
    const one = new AnsweringEffects(true);
    one.tracesRulesOf = 'big';
    await walked(sampleFlow(), one, { amount: 3 });
    expect(one.lines).toEqual(full.lines.filter((line) => line.nodeId === 'big'));
    expect(one.lines).toHaveLength(1);
    expect(one.entries).toEqual(full.entries);
  });
});
