import { describe, expect, it } from 'vitest';
import { simulateFlow, TestRunSampleSchema } from '#flow-language';
import { RULE_BUDGET } from '../../../flow-language/rule-budget.ts';
import { evaluatePrepared, evaluateRule, prepareRule } from '../../../flow-language/rules.ts';
import { buildFlow, end, start } from '../../support/flow-builder.ts';

/** What the engine itself gives (no missing-data check, no shortcut). */
const engine = (rule: unknown, data: unknown) => evaluateRule(rule, data, { missingData: 'allow' });

describe('prepared rules', () => {
  const data = {
    amount: 0,
    name: '',
    flag: false,
    facts: { principalCents: 1_250, lines: [1, 2], nested: { deep: 'x' } },
    list: [{ a: 1 }],
    text: 'abc',
    dotted: { 'a.b': 7 },
  };

  it.each([
    { var: 'amount' },
    { var: 'name' },
    { var: 'flag' },
    { var: 'facts' },
    { var: 'facts.principalCents' },
    { var: 'facts.lines' },
    { var: 'facts.lines.1' },
    { var: 'facts.nested.deep' },
    { var: 'list.0.a' },
    { var: 'text.length' },
    { var: 'dotted.a\\.b' },
    { var: ['amount'] },
    { var: ['absent', 5] },
    { '+': [{ var: 'amount' }, 1] },
  ])('a present read gives what the engine gives: %j', (rule) => {
    expect(evaluatePrepared(prepareRule(rule), data)).toEqual(engine(rule, data));
  });

  it('still refuses a bare read of missing or null data', () => {
    const result = evaluatePrepared(prepareRule({ var: 'facts.missing' }), data);
    expect(result).toMatchObject({ ok: false, error: { code: 'rule.missing-data' } });
    const nulls = evaluatePrepared(prepareRule({ var: 'x' }), { x: null });
    expect(nulls).toMatchObject({ ok: false, error: { paths: ['x'] } });
  });

  it('leaves values over the size budget to the engine, which names the overrun', () => {
    const big = { items: Array.from({ length: RULE_BUDGET.arrayLength + 1 }, (_, i) => i) };
    const result = evaluatePrepared(prepareRule({ var: 'items' }), big);
    expect(result).toMatchObject({ ok: false, error: { code: 'rule.budget-exceeded' } });
  });

  it('reports an invalid rule however often it is evaluated', () => {
    const prepared = prepareRule({ nope: [1] });
    expect(evaluatePrepared(prepared, {})).toMatchObject({ error: { code: 'rule.invalid' } });
    expect(evaluatePrepared(prepared, {})).toMatchObject({ error: { code: 'rule.invalid' } });
  });
});

describe('the walk keeps rule data up to date across assignments', () => {
  // Each set node reads what the one before wrote: rule data cached per branch must follow.
  const flow = buildFlow('walk-rule-data', {
    inputs: { amount: { type: 'number', required: true } },
    variables: { total: { type: 'number', initial: 0 } },
    nodes: [
      start,
      { id: 'first', kind: 'set', assignments: { total: { '+': [{ var: 'amount' }, 1] } } },
      { id: 'second', kind: 'set', assignments: { total: { '*': [{ var: 'total' }, 10] } } },
      {
        id: 'check',
        kind: 'decision',
        condition: { '==': [{ var: 'total' }, 30] },
      },
      end('thirty'),
      end('other'),
    ],
    edges: [
      ['start', 'first'],
      ['first', 'second'],
      ['second', 'check'],
      ['check', 'thirty', 'true'],
      ['check', 'other', 'false'],
    ],
  });

  it('reads each assignment in the next rule', async () => {
    const result = await simulateFlow(
      flow,
      TestRunSampleSchema.parse({ caseInput: { amount: 2 } }),
    );
    expect(result.outcome).toBe('thirty');
    expect(result.rules.map((rule) => rule.read)).toEqual([
      [{ path: 'amount', value: 2 }],
      [{ path: 'total', value: 3 }],
      [{ path: 'total', value: 30 }],
    ]);
  });
});
