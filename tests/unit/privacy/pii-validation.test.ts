import { describe, expect, it } from 'vitest';
import { flowWarnings, parseFlowDefinition, validateCaseInput, validateFlow } from '#flow-language';
import { sealPii } from '#platform/pii-envelope';
import { newDataKey } from '#platform/pii-keyring';
import { SHIPPED_POLICY_KEYS, shippedPolicy } from '../../../policies/shipped-policies.ts';
import { activityCatalog } from '../../../worker/activities/catalog.ts';

function flowWith(
  inputs: Record<string, unknown>,
  emailTo: unknown,
  condition: unknown = { '==': [1, 1] },
) {
  const parsed = parseFlowDefinition({
    key: 'pii-check',
    name: 'PII check',
    version: 1,
    inputs,
    nodes: [
      { id: 'start', kind: 'start', trigger: 'pii.test' },
      { id: 'check', kind: 'decision', condition },
      {
        id: 'tell',
        kind: 'action',
        activity: 'notify.sendEmail',
        inputs: { to: emailTo, subject: 'Hello', text: 'Your refund' },
        timeoutSeconds: 30,
      },
      { id: 'done', kind: 'end', outcome: 'done' },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'check' },
      { id: 'e2', source: 'check', target: 'tell', handle: 'true' },
      { id: 'e3', source: 'check', target: 'done', handle: 'false' },
      { id: 'e4', source: 'tell', target: 'done' },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.flow;
}

const email = { type: 'string', required: true, pii: true } as const;

describe('buyer data in the flow language', () => {
  it('warns (without blocking) when an input named like PII is not marked pii', () => {
    const flow = flowWith(
      {
        buyerEmail: { type: 'string', required: true },
        buyerPostcode: email,
        amount: { type: 'number', required: true },
      },
      { var: 'buyerEmail' },
    );
    expect(validateFlow(flow, activityCatalog)).toEqual([]);
    const warnings = flowWarnings(flow);
    expect(warnings).toEqual([
      expect.objectContaining({
        code: 'pii.not-marked',
        severity: 'warning',
        field: 'inputs.buyerEmail',
      }),
    ]);
  });

  it.each(['email', 'e_mail', 'phone', 'buyerName', 'shipAddress', 'postcode', 'zipCode'])(
    'asks for pii on %s',
    (name) => {
      const flow = flowWith({ [name]: { type: 'string', required: false } }, 'ops@example.com');
      expect(flowWarnings(flow).map((w) => w.field)).toEqual([`inputs.${name}`]);
    },
  );

  it('lets a rule pass PII along unchanged to an activity', () => {
    const flow = flowWith({ buyerEmail: email }, { var: 'buyerEmail' });
    expect(validateFlow(flow, activityCatalog)).toEqual([]);
    expect(flowWarnings(flow)).toEqual([]);
  });

  it('refuses rules that compute on PII', () => {
    const computed = flowWith(
      { buyerEmail: email },
      { cat: [{ var: 'buyerEmail' }, ',ops@x.com'] },
    );
    expect(validateFlow(computed, activityCatalog)).toEqual([
      expect.objectContaining({ code: 'pii.in-rule', nodeId: 'tell', field: 'inputs.to' }),
    ]);
    const compared = flowWith({ buyerEmail: email }, 'ops@example.com', {
      in: ['@example.com', { var: 'buyerEmail' }],
    });
    expect(validateFlow(compared, activityCatalog)).toEqual([
      expect.objectContaining({ code: 'pii.in-rule', nodeId: 'check', field: 'condition' }),
    ]);
  });

  it('takes a sealed value for a pii input, and only for one', () => {
    const sealed = sealPii(newDataKey(), 'case-1', 'jane@example.com');
    const flow = {
      inputs: { buyerEmail: email, note: { type: 'string', required: true } },
    } as const;
    expect(validateCaseInput(flow, { buyerEmail: sealed, note: 'x' })).toEqual([]);
    expect(validateCaseInput(flow, { buyerEmail: 'jane@example.com', note: sealed })).toEqual([
      expect.objectContaining({ field: 'note', code: 'input.wrong-type' }),
    ]);
  });
});

describe('the shipped policies', () => {
  it.each(SHIPPED_POLICY_KEYS)('%s marks its buyer data pii and draws no warning', (key) => {
    const flow = shippedPolicy(key, activityCatalog);
    expect(flowWarnings(flow)).toEqual([]);
    for (const name of ['buyerEmail', 'buyerPostcode']) {
      if (flow.inputs[name]) expect(flow.inputs[name]?.pii, `${key}.${name}`).toBe(true);
    }
  });
});
