import { describe, expect, it } from 'vitest';
import type { JsonValue } from '#flow-language';
import { fromBuilder, representExactly } from '../../../designer/src/flows/rule-conversion.ts';
import { ruleFields } from '../../../designer/src/flows/rule-fields.ts';
import { refundFlow } from './sample-flows.ts';

const fields = ruleFields(refundFlow());

describe('rule builder fields and json-logic', () => {
  it('offers inputs, variables, results and the case context as var paths', () => {
    const names = fields.map((field) => field.name);
    expect(names).toEqual(expect.arrayContaining(['orderId', 'amount', 'refund', 'case.store']));
    expect(fields.find((f) => f.name === 'amount')?.inputType).toBe('number');
  });

  it('round-trips a rule through the visual builder unchanged', () => {
    const rule: JsonValue = {
      and: [{ '<=': [{ var: 'amount' }, 50] }, { '==': [{ var: 'case.marketplace' }, 'DE'] }],
    };
    const drawn = representExactly(rule, fields);
    if (!drawn.ok) throw new Error(drawn.reason);
    expect(drawn.builder.query.rules).toHaveLength(2);
    expect(fromBuilder(drawn.builder, fields)).toEqual(rule);
  });

  it('refuses rules it cannot show, naming why', () => {
    expect(representExactly({ reduce: [[1, 2], { '+': [1] }, 0] }, fields)).toEqual({
      ok: false,
      reason: expect.stringContaining('"reduce"'),
    });
  });

  it('treats an empty builder as "always" (true), not false', () => {
    const drawn = representExactly(true, fields);
    if (!drawn.ok) throw new Error(drawn.reason);
    expect(drawn.builder.query.rules).toEqual([]);
    expect(fromBuilder(drawn.builder, fields)).toBe(true);
  });

  it('writes what is typed into a number field as a number, text fields as text', () => {
    const typed = {
      combinator: 'and',
      rules: [
        { field: 'amount', operator: '<=', value: '50' },
        { field: 'orderId', operator: '=', value: '123' },
      ],
    };
    expect(fromBuilder({ query: typed, lone: false }, fields)).toEqual({
      and: [{ '<=': [{ var: 'amount' }, 50] }, { '==': [{ var: 'orderId' }, '123'] }],
    });
  });

  it('offers an input with allowed values as a dropdown of exactly those values', () => {
    const document = refundFlow();
    document.inputs = {
      ...document.inputs,
      reason: { type: 'string', required: true, enum: ['no-reason', 'quality-problem'] },
      units: { type: 'integer', required: true, enum: [1, 2] },
    };
    const withEnums = ruleFields(document);
    const reason = withEnums.find((f) => f.name === 'reason');
    expect(reason).toMatchObject({
      valueEditorType: 'select',
      allowed: ['no-reason', 'quality-problem'],
      values: [
        { name: 'no-reason', value: 'no-reason', label: 'no-reason' },
        { name: 'quality-problem', value: 'quality-problem', label: 'quality-problem' },
      ],
    });
    expect(withEnums.find((f) => f.name === 'orderId')?.valueEditorType).toBeUndefined();
    // A number picked from the dropdown is written back as a number.
    const picked = { combinator: 'and', rules: [{ field: 'units', operator: '=', value: '2' }] };
    expect(fromBuilder({ query: picked, lone: true }, withEnums)).toEqual({
      '==': [{ var: 'units' }, 2],
    });
  });
});
