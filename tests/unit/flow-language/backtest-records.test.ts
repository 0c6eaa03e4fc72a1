import { describe, expect, it } from 'vitest';
import {
  backtestCase,
  CaseRecordIndex,
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
const stored = (index: CaseRecordIndex) =>
  indexOfRecord(JSON.parse(JSON.stringify(pastCaseRecord(index))) as PastCaseRecord);

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
