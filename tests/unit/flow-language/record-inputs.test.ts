import { describe, expect, it } from 'vitest';
import {
  type FlowDefinition,
  ISSUE,
  parseFlowDefinition,
  validateFlow,
  type WalkEffects,
  walkFlow,
} from '#flow-language';
import { buildFlow, end, probe, start } from '../../support/flow-builder.ts';
import { probeCatalog } from '../../support/probe-activities.ts';

const values = {
  fields: {
    orderId: { var: 'orderId' },
    refundAmountCents: { '*': [{ var: 'amountCents' }, 2] },
    note: 'as promised',
  },
};

function sketch(mapping: unknown) {
  return {
    key: 'record-inputs',
    name: 'record-inputs',
    version: 1,
    inputs: {
      orderId: { type: 'string' as const, required: true },
      amountCents: { type: 'integer' as const, required: true },
    },
    variables: {},
    nodes: [
      start,
      probe('tell', 'tell', { inputs: { label: 'tell', value: mapping } }),
      end('done'),
    ],
    edges: [
      { id: 'e0', source: 'start', target: 'tell' },
      { id: 'e1', source: 'tell', target: 'done' },
    ],
  };
}

function parsed(mapping: unknown): FlowDefinition {
  const result = parseFlowDefinition(sketch(mapping));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.flow;
}

/** Walks the flow, answering each activity with nothing, and keeps what each was called with. */
async function calledWith(flow: FlowDefinition, caseInput: Record<string, unknown>) {
  const calls: Record<string, unknown>[] = [];
  const rules: { purpose: unknown; result: unknown }[] = [];
  const effects = {
    record: (type: string, fields: { details?: Record<string, unknown> }) => {
      if (type === 'rule.evaluated')
        rules.push({ purpose: fields.details?.purpose, result: fields.details?.result });
    },
    failure: (nodeId: string, reason: string) => new Error(`${nodeId}: ${reason}`),
    unknownNode: (error: Error) => error,
    atSafePoint: () => undefined,
    callActivity: async (_node: unknown, input: Record<string, unknown>) => {
      calls.push(input);
      return {};
    },
    failedCall: () => undefined,
  } as unknown as WalkEffects;
  await walkFlow(flow, effects, { caseInput, caseContext: {} });
  return { calls, rules };
}

describe('record input mappings: validation', () => {
  it('a record of rules is a valid input of an object', () => {
    expect(validateFlow(parsed(values), probeCatalog)).toEqual([]);
  });

  it('names each field that reads undeclared data', () => {
    const issues = validateFlow(
      parsed({ fields: { orderId: { var: 'orderNumber' }, total: { var: 'amountCents' } } }),
      probeCatalog,
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      nodeId: 'tell',
      code: ISSUE.ruleUnknownVariable,
      field: 'inputs.value.fields.orderId',
    });
    expect(issues[0]?.message).toMatch(/inputs\.value\.fields\.orderId: reads "orderNumber"/);
  });

  it('names each field whose rule is malformed or uses an operator outside the language', () => {
    const issues = validateFlow(
      parsed({ fields: { a: { and: [] }, b: { '??': [{ var: 'orderId' }, 'x'] } } }),
      probeCatalog,
    );
    expect(issues.map(({ code, field }) => ({ code, field }))).toEqual([
      { code: ISSUE.ruleMalformed, field: 'inputs.value.fields.a' },
      { code: ISSUE.ruleUnknownOperator, field: 'inputs.value.fields.b' },
    ]);
  });

  it('names each field that reads a result before the step that writes it has run', () => {
    const flow = parsed({
      fields: { orderId: { var: 'orderId' }, echoed: { var: 'later.label' } },
    });
    flow.nodes.push(
      probe('later', 'later', { resultVariable: 'later' }) as FlowDefinition['nodes'][number],
    );
    flow.edges = [
      { id: 'e0', source: 'start', target: 'tell' },
      { id: 'e1', source: 'tell', target: 'later' },
      { id: 'e2', source: 'later', target: 'done' },
    ];
    const issues = validateFlow(flow, probeCatalog);
    expect(issues).toEqual([
      expect.objectContaining({
        nodeId: 'tell',
        code: ISSUE.ruleReadBeforeSet,
        field: 'inputs.value.fields.echoed',
      }),
    ]);
    expect(issues[0]?.message).toMatch(
      /reads "later\.label" when the step runs, but .*does not run before this step/,
    );
  });

  it('refuses a record for an input the catalog does not type as an object', () => {
    const flow = parsed(values);
    const tell = flow.nodes.find((node) => node.id === 'tell');
    if (tell?.kind !== 'action') throw new Error('no action');
    tell.inputs.label = { fields: { text: 'hello' } };
    const issues = validateFlow(flow, probeCatalog);
    expect(issues).toEqual([
      expect.objectContaining({
        nodeId: 'tell',
        code: ISSUE.actionRecordNotObject,
        field: 'inputs.label',
      }),
    ]);
  });

  it('does not parse a record whose field names are not identifiers, naming the field', () => {
    const result = parseFlowDefinition(sketch({ fields: { 'order-id': { var: 'orderId' } } }));
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result.ok ? [] : result.issues)).toMatch(/fields\.order-id/);
  });
});

describe('record input mappings: evaluation', () => {
  const flow = buildFlow('record-walk', {
    inputs: sketch(values).inputs,
    nodes: sketch(values).nodes,
    edges: [
      ['start', 'tell'],
      ['tell', 'done'],
    ],
  });

  it('passes the activity an object of the fields’ values', async () => {
    const { calls } = await calledWith(flow, { orderId: '111-2', amountCents: 1250 });
    expect(calls).toEqual([
      {
        label: 'tell',
        value: { orderId: '111-2', refundAmountCents: 2500, note: 'as promised' },
      },
    ]);
  });

  it('traces each field’s rule on its own', async () => {
    const { rules } = await calledWith(flow, { orderId: '111-2', amountCents: 1250 });
    expect(rules).toEqual([
      { purpose: 'input label', result: 'tell' },
      { purpose: 'input value.orderId', result: '111-2' },
      { purpose: 'input value.refundAmountCents', result: 2500 },
      { purpose: 'input value.note', result: 'as promised' },
    ]);
  });

  it('fails the node naming the field whose data is missing', async () => {
    await expect(calledWith(flow, { amountCents: 1250 })).rejects.toThrow(
      /tell: input "value\.orderId"/,
    );
  });
});
