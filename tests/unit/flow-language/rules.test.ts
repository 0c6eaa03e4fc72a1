import { describe, expect, it, vi } from 'vitest';
import {
  ALLOWED_OPERATORS,
  collectVars,
  evaluateCondition,
  evaluateRule,
  isTruthy,
} from '#flow-language';

function value(rule: unknown, data: unknown = {}) {
  const result = evaluateRule(rule, data, { missingData: 'allow' });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('evaluateRule: published JsonLogic semantics of the allowed operators', () => {
  // Representative cases per operator, written against the semantics documented at
  // jsonlogic.com (operations and truthiness pages) and its shared test suite.
  const cases: [string, unknown, unknown, unknown][] = [
    ['loose ==', { '==': [1, '1'] }, {}, true],
    ['strict ===', { '===': [1, '1'] }, {}, false],
    ['!= coerces', { '!=': [1, '1'] }, {}, false],
    ['!== does not', { '!==': [1, '1'] }, {}, true],
    ['> with a numeric string', { '>': ['2', 1] }, {}, true],
    ['between, exclusive', { '<': [1, 1, 3] }, {}, false],
    ['between, inclusive', { '<=': [1, 1, 3] }, {}, true],
    ['ISO dates compare as strings', { '<': ['2025-01-02', '2025-01-10'] }, {}, true],
    ['! of an empty array', { '!': [[]] }, {}, true],
    ['!! of "0" (non-empty string)', { '!!': ['0'] }, {}, true],
    ['and returns the first falsy', { and: [1, 0, 3] }, {}, 0],
    ['and returns the last truthy', { and: [1, 3] }, {}, 3],
    ['or returns the first truthy', { or: [false, 3] }, {}, 3],
    ['or treats [] as falsy', { or: [[], 'x'] }, {}, 'x'],
    ['if/elseif/else', { if: [false, 'a', true, 'b', 'c'] }, {}, 'b'],
    ['if without else', { if: [false, 'a'] }, {}, null],
    ['?: ternary', { '?:': [{ '>': [3, 1] }, 'yes', 'no'] }, {}, 'yes'],
    ['in array', { in: ['US', ['US', 'CA']] }, {}, true],
    ['in string', { in: ['Spring', 'Springfield'] }, {}, true],
    ['cat', { cat: ['RR-', 42, '-', 1] }, {}, 'RR-42-1'],
    ['substr negative start', { substr: ['jsonlogic', -5] }, {}, 'logic'],
    ['+ coerces strings', { '+': ['1', 1] }, {}, 2],
    ['unary + casts', { '+': '3.5' }, {}, 3.5],
    ['unary - negates', { '-': [3] }, {}, -3],
    ['%', { '%': [7, 4] }, {}, 3],
    ['max', { max: [1, 3, 2] }, {}, 3],
    ['min', { min: [1, 3, 2] }, {}, 1],
    ['var dotted', { var: 'order.total' }, { order: { total: 9 } }, 9],
    ['var default', { var: ['order.tax', 0] }, { order: {} }, 0],
    ['var array index', { var: '1' }, ['a', 'b'], 'b'],
    ['var through null', { var: 'a.b.c' }, { a: null }, null],
    ['missing', { missing: ['a', 'b.c'] }, { a: 1, b: {} }, ['b.c']],
    ['missing_some satisfied', { missing_some: [1, ['a', 'b']] }, { b: 2 }, []],
    ['missing_some short', { missing_some: [2, ['a', 'b', 'c']] }, { a: 1 }, ['b', 'c']],
    ['merge flattens one level', { merge: [[1], 2, [3, [4]]] }, {}, [1, 2, 3, [4]]],
    ['map', { map: [{ var: 'xs' }, { '*': [{ var: '' }, 2] }] }, { xs: [1, 2] }, [2, 4]],
    ['filter', { filter: [{ var: 'xs' }, { '>': [{ var: '' }, 1] }] }, { xs: [1, 2, 3] }, [2, 3]],
    [
      'reduce',
      { reduce: [{ var: 'xs' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 0] },
      { xs: [1, 2, 3] },
      6,
    ],
    ['all of [] is false', { all: [[], true] }, {}, false],
    ['some of [] is false', { some: [[], true] }, {}, false],
    ['none of [] is true', { none: [[], true] }, {}, true],
    [
      'all over objects',
      { all: [{ var: 'items' }, { '>=': [{ var: 'qty' }, 1] }] },
      { items: [{ qty: 1 }, { qty: 2 }] },
      true,
    ],
  ];

  it.each(cases)('%s', (_name, rule, data, expected) => {
    expect(value(rule, data)).toEqual(expected);
  });

  it('whitelists the published operators only', () => {
    expect([...ALLOWED_OPERATORS].sort()).toEqual(
      [
        '!',
        '!!',
        '!=',
        '!==',
        '%',
        '*',
        '+',
        '-',
        '/',
        '<',
        '<=',
        '==',
        '===',
        '>',
        '>=',
        '?:',
        'all',
        'and',
        'cat',
        'filter',
        'if',
        'in',
        'map',
        'max',
        'merge',
        'min',
        'missing',
        'missing_some',
        'none',
        'or',
        'reduce',
        'some',
        'substr',
        'var',
      ].sort(),
    );
  });
});

describe('evaluateRule: where json-logic-engine 5.0.7 differs from json-logic-js', () => {
  // Pinned here so an engine upgrade that changes them fails loudly: that is a workflow change.
  it('{"==":[null,0]} is true (null is coerced to 0; JavaScript null == 0 is false)', () => {
    expect(value({ '==': [null, 0] })).toBe(true);
    expect(value({ '===': [null, 0] })).toBe(false);
    expect(value({ '==': [null, ''] })).toBe(false);
  });

  it('an empty object is falsy', () => {
    expect(isTruthy({})).toBe(false);
  });

  it('missing counts only absent keys, not null or ""', () => {
    expect(value({ missing: ['a', 'b'] }, { a: null, b: '' })).toEqual([]);
  });
});

describe('evaluateRule: missing data is a failure, not a zero', () => {
  const within7Days = { '<=': [{ var: 'daysSinceDelivery' }, 7] };

  it('the engine alone says an absent field is within 7 days (the trap)', () => {
    expect(evaluateRule(within7Days, {}, { missingData: 'allow' })).toEqual({
      ok: true,
      value: true,
    });
  });

  it('fails with rule.missing-data when the field is absent or null', () => {
    for (const data of [{}, { daysSinceDelivery: null }]) {
      const result = evaluateRule(within7Days, data);
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'rule.missing-data', paths: ['daysSinceDelivery'] },
      });
    }
  });

  it('an explicit default makes absence deliberate', () => {
    const rule = { '<=': [{ var: ['daysSinceDelivery', 999] }, 7] };
    expect(evaluateCondition(rule, {})).toEqual({ ok: true, value: false });
  });

  it('missing and missing_some test presence, so they do not fail', () => {
    const rule = { if: [{ missing: ['buyerNote'] }, 'no note', 'note'] };
    expect(evaluateRule(rule, {})).toEqual({ ok: true, value: 'no note' });
  });

  it('reads through nested paths', () => {
    const rule = { '>': [{ var: 'refund.amount' }, 0] };
    expect(evaluateRule(rule, { refund: {} })).toMatchObject({
      ok: false,
      error: { code: 'rule.missing-data', paths: ['refund.amount'] },
    });
    expect(evaluateCondition(rule, { refund: { amount: 5 } })).toEqual({ ok: true, value: true });
  });
});

describe('evaluateRule: errors are failures, never throws', () => {
  it.each([
    ['division by zero', { '/': [1, { var: 'zero' }] }, { zero: 0 }],
    ['arithmetic on text', { '+': [{ var: 'amount' }, 1] }, { amount: 'ten' }],
    ['comparing a number with text', { '<': [{ var: 'days' }, 'x'] }, { days: 1 }],
    ['max over text', { max: [{ var: 'a' }, 1] }, { a: 'x' }],
  ])('%s → rule.evaluation-error', (_name, rule, data) => {
    const result = evaluateRule(rule, data);
    expect(result).toMatchObject({ ok: false, error: { code: 'rule.evaluation-error' } });
  });

  it.each([
    ['unknown operator', { log: 1 }],
    ['engine extension', { val: 'a' }],
    ['empty and', { and: [] }],
    ['two operators', { '==': [1, 1], '!=': [1, 2] }],
    ['computed var', { var: { cat: ['a', 'b'] } }],
  ])('%s → rule.invalid', (_name, rule) => {
    expect(evaluateRule(rule, { a: 1, ab: 1 })).toMatchObject({
      ok: false,
      error: { code: 'rule.invalid' },
    });
  });

  it('never compiles with eval (forbidden in the workflow sandbox)', () => {
    const evalSpy = vi.spyOn(globalThis, 'eval').mockImplementation(() => {
      throw new Error('eval is forbidden');
    });
    try {
      const rule = { and: [{ '<=': [{ var: 'd' }, 7] }, { in: [{ var: 'c' }, ['US']] }] };
      expect(evaluateCondition(rule, { d: 3, c: 'US' })).toEqual({ ok: true, value: true });
      expect(evalSpy).not.toHaveBeenCalled();
    } finally {
      evalSpy.mockRestore();
    }
  });

  it('gives the same answer when the same rule object is edited in place', () => {
    const rule = { '<=': [{ var: 'd' }, 7] };
    expect(evaluateCondition(rule, { d: 5 })).toEqual({ ok: true, value: true });
    rule['<='][1] = 3;
    expect(evaluateCondition(rule, { d: 5 })).toEqual({ ok: true, value: false });
  });
});

describe('evaluateCondition and isTruthy', () => {
  it.each([
    [[], false],
    [[0], true],
    ['', false],
    ['0', true],
    [0, false],
    [-1, true],
    [null, false],
  ])('isTruthy(%j) is %s', (input, expected) => {
    expect(isTruthy(input)).toBe(expected);
  });

  it('treats an empty filter result as false', () => {
    const rule = { filter: [{ var: 'items' }, { '==': [{ var: 'damaged' }, true] }] };
    const data = { items: [{ damaged: false }] };
    expect(evaluateCondition(rule, data)).toEqual({ ok: true, value: false });
  });
});

describe('collectVars', () => {
  it('lists the flow paths a rule reads, once each, in order', () => {
    const rule = {
      and: [
        { '<=': [{ var: 'daysSinceDelivery' }, 7] },
        { '==': [{ var: 'unopened' }, true] },
        { '<': [{ var: 'order.total' }, { var: ['limit', 100] }] },
        { '>': [{ var: 'daysSinceDelivery' }, 0] },
      ],
    };
    expect(collectVars(rule)).toEqual(['daysSinceDelivery', 'unopened', 'order.total', 'limit']);
  });

  it('includes missing paths and skips iterator element reads', () => {
    const rule = {
      or: [
        { missing: ['buyerNote'] },
        { missing_some: [1, ['photoUrl', 'videoUrl']] },
        { some: [{ var: 'items' }, { '==': [{ var: 'grade' }, 'A'] }] },
        {
          reduce: [
            { var: 'lines' },
            { '+': [{ var: 'current.qty' }, { var: 'accumulator' }] },
            { var: 'base' },
          ],
        },
      ],
    };
    expect(collectVars(rule)).toEqual([
      'buyerNote',
      'photoUrl',
      'videoUrl',
      'items',
      'lines',
      'base',
    ]);
  });

  it('returns nothing for literals', () => {
    expect(collectVars(true)).toEqual([]);
    expect(collectVars({ '+': [1, 2] })).toEqual([]);
  });
});
