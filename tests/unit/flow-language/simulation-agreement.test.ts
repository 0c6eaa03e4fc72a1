import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Branch,
  FlowGraph,
  type NodeOfKind,
  simulateFlow,
  TestRunSampleSchema,
} from '#flow-language';
import type { RunContext } from '../../../workflows/flow-run/run-context.ts';
import { decide } from '../../../workflows/flow-run/steps/decision-step.ts';
import { buildFlow, end, start } from '../../support/flow-builder.ts';

// The size bands of a refund triage: cases in order, then a default. Boundaries, nulls and
// strings are where an interpreter and a look-alike simulator would part ways.
const triage = buildFlow('sim-agreement', {
  inputs: {
    amount: { type: 'number', required: true },
    channel: { type: 'string', required: true },
  },
  nodes: [
    start,
    {
      id: 'band',
      kind: 'decision',
      cases: [
        { id: 'tiny', when: { '<': [{ var: 'amount' }, 10] } },
        {
          id: 'store',
          when: {
            and: [{ '==': [{ var: 'channel' }, 'store'] }, { '<=': [{ var: 'amount' }, 500] }],
          },
        },
        { id: 'round', when: { '==': [{ '%': [{ var: 'amount' }, 100] }, 0] } },
      ],
    },
    end('tiny'),
    end('store'),
    end('round'),
    end('other'),
  ],
  edges: [
    ['start', 'band'],
    ['band', 'tiny', 'tiny'],
    ['band', 'store', 'store'],
    ['band', 'round', 'round'],
    ['band', 'other', 'default'],
  ],
});
const band = triage.nodes.find((node) => node.id === 'band') as NodeOfKind<'decision'>;

/** The workflow's own decision step, outside Temporal: it only reads the input and records. */
function interpreterChoice(caseInput: Record<string, unknown>): string {
  const context = {
    input: {
      flow: triage,
      subflows: {},
      caseInput,
      caseContext: { id: 'c', requestedBy: 'r', startedAt: '2026-01-01T00:00:00.000Z' },
    },
    graph: new FlowGraph(triage),
    trail: { record: () => undefined },
    visits: {},
    activeNodes: new Map(),
  } as unknown as RunContext;
  return decide(context, new Branch({}), band);
}

describe('test run agrees with the interpreter', () => {
  it('leaves every decision by the edge the workflow step chooses', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -50, max: 1_000 }),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
        ),
        fc.constantFrom('store', 'online', 'Store'),
        (amount, channel) => {
          const caseInput = { amount, channel };
          const simulated = simulateFlow(triage, TestRunSampleSchema.parse({ caseInput }));
          const step = simulated.steps.find((entry) => entry.nodeId === 'band');
          expect(step?.handle).toBe(interpreterChoice(caseInput));
          expect(simulated.outcome).toBe(step?.handle === 'default' ? 'other' : step?.handle);
        },
      ),
      { numRuns: 300 },
    );
  });
});
