import { describe, expect, it } from 'vitest';
import { buildRuleData } from '#flow-language';

describe('buildRuleData', () => {
  it('gives what spreading the parts gives: later parts win, the case under "case"', () => {
    const input = { orderId: 'o-1', amount: 5, shared: 'input' };
    const variables = { shared: 'variable', facts: { delivered: true } };
    const results = { refund: { id: 'r-1' } };
    const context = { id: 'case-1', marketplace: 'amazon.com' };
    const data = buildRuleData({ input, variables, results, context });
    expect(data).toEqual({ ...input, ...variables, ...results, case: { ...context } });
    expect(Object.keys(data)).toEqual(['orderId', 'amount', 'shared', 'facts', 'refund', 'case']);
    expect(data.case).not.toBe(context);
  });

  it('keeps a "__proto__" field as data, as a spread does, not as the prototype', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<
      string,
      unknown
    >;
    const data = buildRuleData({ input });
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.hasOwn(data, '__proto__')).toBe(true);
    expect((data as { polluted?: unknown }).polluted).toBeUndefined();
    expect(data).toEqual({ ...input, case: {} });
  });
});
