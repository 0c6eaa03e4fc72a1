import { describe, expect, it } from 'vitest';
import type { JsonValue } from '#flow-language';
import { queryToRule, ruleFields, ruleToQuery } from '../../../designer/src/flows/rule-fields.ts';
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
    const parsed = ruleToQuery(rule, fields);
    if (!parsed.ok) throw new Error('expected a query');
    expect(parsed.query.rules).toHaveLength(2);
    expect(queryToRule(parsed.query, fields)).toEqual(rule);
  });

  it('sends rules it cannot show to the raw JSON tab', () => {
    expect(ruleToQuery({ reduce: [[1, 2], { '+': [1] }, 0] }, fields)).toEqual({ ok: false });
  });

  it('treats an empty builder as "always" (true), not false', () => {
    const parsed = ruleToQuery(true, fields);
    if (!parsed.ok) throw new Error('expected a query');
    expect(parsed.query.rules).toEqual([]);
    expect(queryToRule(parsed.query, fields)).toBe(true);
  });

  it('writes what is typed into a number field as a number, text fields as text', () => {
    const typed = {
      combinator: 'and',
      rules: [
        { field: 'amount', operator: '<=', value: '50' },
        { field: 'orderId', operator: '=', value: '123' },
      ],
    };
    expect(queryToRule(typed, fields)).toEqual({
      and: [{ '<=': [{ var: 'amount' }, 50] }, { '==': [{ var: 'orderId' }, '123'] }],
    });
  });
});
