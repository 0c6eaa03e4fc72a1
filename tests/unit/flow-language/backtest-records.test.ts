import { describe, expect, it } from 'vitest';
import {
  backtestCase,
  CaseRecordIndex,
  type FlowDefinition,
  FlowGraph,
  indexOfRecord,
  type PastCaseRecord,
  parseFlowDefinition,
  pastCaseRecord,
} from '#flow-language';
import { refundPastCase } from '../../../bench/support/refund-past-cases.ts';
import { shippedPolicyDocument } from '../../../policies/shipped-policies.ts';
import { buildFlow, end, start } from '../../support/flow-builder.ts';
import { recordCase } from './support/recorded-case.ts';

function refundPolicy(highValueCents?: number) {
  const document = structuredClone(shippedPolicyDocument('marketplace-refund')) as {
    nodes: { id: string; cases?: { id: string; when: unknown }[] }[];
  };
  const highValue = document.nodes
    .find((node) => node.id === 'policy')
    ?.cases?.find((c) => c.id === 'highValue');
  if (highValue && highValueCents !== undefined)
    highValue.when = { '>=': [{ var: 'refundTotalCents' }, highValueCents] };
  const parsed = parseFlowDefinition(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.flow;
}

/** The record as it comes back from the database: JSON text, parsed. */
const stored = (index: CaseRecordIndex) => indexOfRecord(fromDatabase(pastCaseRecord(index)));
const fromDatabase = (record: PastCaseRecord) =>
  JSON.parse(JSON.stringify(record)) as PastCaseRecord;

/** A record as cases closed before 2026-12-06 kept it: the rules as JSON values. */
function formatOne(index: CaseRecordIndex): PastCaseRecord {
  const record = pastCaseRecord(index);
  return fromDatabase({ ...record, format: 1, rules: JSON.parse(record.rules) });
}

/** The rules a trail recorded, as a record keeps them: without what they read. */
const withoutReads = (rules: CaseRecordIndex['rules']) =>
  new Map(
    [...rules].map(([nodeId, evaluated]) => [
      nodeId,
      evaluated.map((rule) => ({ ...rule, read: null })),
    ]),
  );

/** What an index answers a backtest, read through its public maps. */
const answers = (index: CaseRecordIndex) => ({
  pastCase: index.pastCase,
  source: index.source,
  keepsResults: index.keepsResults,
  path: index.path,
  handles: index.handles,
  rules: index.rules,
  calls: index.calls,
  tasks: index.tasks,
  subflows: index.subflows,
});

/** The first refund case the lower threshold flips, from its trail. */
async function flippedCase(v1: FlowDefinition, draft: FlowGraph): Promise<CaseRecordIndex> {
  for (let i = 0; i < 80; i += 1) {
    const fromTrail = new CaseRecordIndex(await refundPastCase(v1, i));
    if ((await backtestCase(draft, fromTrail)).flipped) return fromTrail;
  }
  throw new Error('no refund case flips');
}

describe('past-case records', () => {
  it('answer a backtest exactly as the trail they were made from', async () => {
    const v1 = refundPolicy();
    const draft = new FlowGraph(refundPolicy(15_000));
    const own = new FlowGraph(v1);
    let flipped = 0;
    for (let i = 0; i < 80; i += 1) {
      const fromTrail = new CaseRecordIndex(await refundPastCase(v1, i));
      const fromRecord = stored(fromTrail);
      expect(fromRecord.source).toBe('record');
      for (const graph of [own, draft]) {
        const expected = await backtestCase(graph, fromTrail);
        expect(await backtestCase(graph, fromRecord)).toEqual(expected);
        if (expected.flipped) flipped += 1;
      }
    }
    // The threshold change flips some of these cases, with their divergence and its rules.
    expect(flipped).toBeGreaterThan(0);
  });

  it('written before rule traces were kept as text still index as their trail', async () => {
    const v1 = refundPolicy();
    const draft = new FlowGraph(refundPolicy(15_000));
    for (const i of [0, 1, 2]) {
      const fromTrail = new CaseRecordIndex(await refundPastCase(v1, i));
      const fromRecord = indexOfRecord(formatOne(fromTrail));
      expect(fromRecord.rulesText).toBeUndefined();
      expect(answers(fromRecord)).toEqual(answers(stored(fromTrail)));
      expect(fromRecord.rules).toEqual(withoutReads(fromTrail.rules));
      expect(await backtestCase(draft, fromRecord)).toEqual(await backtestCase(draft, fromTrail));
    }
    const flipped = await flippedCase(v1, draft);
    expect(await backtestCase(draft, indexOfRecord(formatOne(flipped)))).toEqual(
      await backtestCase(draft, flipped),
    );
  });

  it('keep rule traces as JSON text, written again as they were read', async () => {
    const fromTrail = new CaseRecordIndex(await refundPastCase(refundPolicy(), 0));
    const record = pastCaseRecord(fromTrail);
    expect(record.format).toBe(2);
    expect(new Map(JSON.parse(record.rules))).toEqual(withoutReads(fromTrail.rules));
    const fromRecord = indexOfRecord(fromDatabase(record));
    expect(pastCaseRecord(fromRecord)).toEqual(fromDatabase(record));
    expect(fromRecord.rulesText).toBe(record.rules);
    expect(pastCaseRecord(indexOfRecord(formatOne(fromTrail)))).toEqual(fromDatabase(record));
  });

  it('parse rule traces only for a case whose path diverges', async () => {
    const v1 = refundPolicy();
    const draft = new FlowGraph(refundPolicy(15_000));
    const same = stored(new CaseRecordIndex(await refundPastCase(v1, 0)));
    expect((await backtestCase(draft, same)).verdict).toBe('same');
    expect(same.rulesText).toBeDefined();

    const fromTrail = await flippedCase(v1, draft);
    const fromRecord = stored(fromTrail);
    const expected = await backtestCase(draft, fromTrail);
    const divergence = (await backtestCase(draft, fromRecord)).divergence;
    expect(fromRecord.rulesText).toBeUndefined();
    expect(divergence).toEqual(expected.divergence);
    const recorded = divergence?.rules.filter((rule) => 'recordedRule' in rule) ?? [];
    expect(recorded.length).toBeGreaterThan(0);
    const evaluated = fromTrail.rules.get(divergence?.nodeId ?? '') ?? [];
    for (const change of recorded) {
      const rule = evaluated.find(({ purpose }) => purpose === change.purpose);
      expect([change.recordedRule, change.recordedResult]).toEqual([rule?.rule, rule?.result]);
    }
  });

  it("keep a subflow's end, so the case's own version reproduces it", async () => {
    const flow = buildFlow('bt-record-subflow', {
      nodes: [
        start,
        { id: 'child', kind: 'subflow', flowKey: 'stock-check', version: 1, resultVariable: 's' },
        { id: 'check', kind: 'decision', condition: { '==': [{ var: 's.outcome' }, 'in-stock'] } },
        end('ok'),
        end('no'),
      ],
      edges: [
        ['start', 'child'],
        ['child', 'check'],
        ['check', 'ok', 'true'],
        ['check', 'no', 'false'],
      ],
    });
    const past = await recordCase(flow, {
      caseInput: {},
      subflows: { child: { outcome: 'in-stock' } },
    });
    const record = pastCaseRecord(new CaseRecordIndex(past));
    expect(record.subflows).toEqual([['child#1', { outcome: 'in-stock' }]]);
    const result = await backtestCase(new FlowGraph(flow), stored(new CaseRecordIndex(past)));
    expect(result.verdict).toBe('same');
    expect(result.replayed.outcome).toBe('ok');
  });

  it("keep a subflow's final variables, so a flow that reads them is answered", async () => {
    const flow = buildFlow('bt-record-subflow-variables', {
      nodes: [
        start,
        { id: 'child', kind: 'subflow', flowKey: 'stock-check', version: 1, resultVariable: 's' },
        { id: 'check', kind: 'decision', condition: { '>': [{ var: 's.variables.units' }, 2] } },
        end('ok'),
        end('no'),
      ],
      edges: [
        ['start', 'child'],
        ['child', 'check'],
        ['check', 'ok', 'true'],
        ['check', 'no', 'false'],
      ],
    });
    const past = await recordCase(flow, {
      caseInput: {},
      subflows: { child: { outcome: 'in-stock', variables: { units: 3 } } },
    });
    expect(past.outcome).toBe('ok');
    const record = pastCaseRecord(new CaseRecordIndex(past));
    expect(record.subflows).toEqual([
      ['child#1', { outcome: 'in-stock', variables: { units: 3 } }],
    ]);
    const result = await backtestCase(new FlowGraph(flow), stored(new CaseRecordIndex(past)));
    expect(result.verdict).toBe('same');
    expect(result.replayed.outcome).toBe('ok');
  });
});
