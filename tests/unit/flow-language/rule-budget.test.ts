import { describe, expect, it } from 'vitest';
import { evaluateRule } from '#flow-language';
import { RULE_BUDGET } from '../../../flow-language/rule-budget.ts';

// Each doubles its accumulator per element: 2^40 elements (or characters) unbounded.
const items = Array.from({ length: 40 }, (_, index) => index);
const doublingMerge = {
  reduce: [{ var: 'items' }, { merge: [{ var: 'accumulator' }, { var: 'accumulator' }] }, [1]],
};
const doublingCat = {
  reduce: [{ var: 'items' }, { cat: [{ var: 'accumulator' }, { var: 'accumulator' }] }, 'x'],
};

describe('the rule budget', () => {
  it('stops a doubling reduce/merge by name instead of growing the array without end', () => {
    const result = evaluateRule(doublingMerge, { items });
    expect(result).toMatchObject({ ok: false, error: { code: 'rule.budget-exceeded' } });
    if (result.ok) return;
    expect(result.error.message).toContain('"merge"');
    expect(result.error.message).toContain(`at most ${RULE_BUDGET.arrayLength}`);
  });

  it('stops a doubling reduce/cat on the string it builds', () => {
    const result = evaluateRule(doublingCat, { items });
    expect(result).toMatchObject({ ok: false, error: { code: 'rule.budget-exceeded' } });
    if (!result.ok) expect(result.error.message).toContain('"cat"');
  });

  it('stops a rule that takes too many steps', () => {
    const many = Array.from({ length: RULE_BUDGET.arrayLength }, (_, index) => index);
    // Eleven operator applications per element: the sum, then five products of the element.
    const current = { var: 'current' };
    const products = Array.from({ length: 5 }, () => ({ '*': [current, 1] }));
    const heavy = { reduce: [{ var: 'many' }, { '+': [{ var: 'accumulator' }, ...products] }, 0] };
    const result = evaluateRule(heavy, { many });
    expect(result).toMatchObject({ ok: false, error: { code: 'rule.budget-exceeded' } });
    if (!result.ok) expect(result.error.message).toContain(`more than ${RULE_BUDGET.steps} steps`);
    expect(evaluateRule(heavy, { many: many.slice(0, 100) })).toEqual({
      ok: true,
      value: 5 * 4_950,
    });
  });

  it('gives each evaluation a fresh budget, and leaves ordinary rules alone', () => {
    for (let round = 0; round < 3; round++) {
      expect(evaluateRule(doublingMerge, { items: items.slice(0, 10) })).toMatchObject({
        ok: true,
        value: expect.any(Array),
      });
    }
    const refund = { if: [{ '>': [{ var: 'amount' }, 100] }, 'review', 'auto'] };
    expect(evaluateRule(refund, { amount: 349 })).toEqual({ ok: true, value: 'review' });
  });
});
