import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOWED_OPERATORS, collectVars } from '#flow-language';
import { compileRule } from '../../../flow-language/rule-compiler.ts';
import {
  evaluatePrepared,
  type PreparedRule,
  type RuleResult,
} from '../../../flow-language/rules.ts';

// The compiled rule must answer exactly what json-logic-engine's `run` answers (value, or the
// failure it names), or refuse to compile. Both go through evaluatePrepared, so the failure
// shaping and the budget are the production ones; only the evaluator differs.

const allow = { missingData: 'allow' as const };

function viaEngine(rule: unknown, data: unknown): RuleResult {
  return evaluatePrepared({ rule, paths: [], required: [] }, data, allow);
}

function viaCompiled(rule: unknown, data: unknown): RuleResult | undefined {
  const compiled = compileRule(rule);
  if (!compiled) return undefined;
  const prepared: PreparedRule = { rule, paths: [], required: [], compiled };
  return evaluatePrepared(prepared, data, allow);
}

/** Compares on data; answers whether the rule compiled. */
function agrees(rule: unknown, data: unknown): boolean {
  const compiled = viaCompiled(rule, data);
  if (compiled === undefined) return false;
  const expected = viaEngine(rule, data);
  expect(
    compiled,
    `${JSON.stringify(rule)} on ${JSON.stringify(data, (_k, v) => (v === undefined ? '<undefined>' : v))}`,
  ).toEqual(expected);
  return true;
}

/** mulberry32: the same generated cases on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EDGE_VALUES: unknown[] = [
  0,
  -0,
  1,
  -1,
  2.5,
  15,
  20_000,
  '',
  '0',
  '1',
  '12',
  '2.5',
  ' 3 ',
  'abc',
  'no-reason',
  'MFN',
  'USD',
  '2025-01-02',
  true,
  false,
  null,
  undefined,
  [],
  [0],
  [1, 2],
  ['a', 'b'],
  ['MFN'],
  {},
  { a: 1 },
  { amount: 0, currency: 'EUR' },
];

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)] as T;
}

const PATHS = ['a', 'b', 'facts.amount', 'facts.currency', 'list', 'case.id', 'a.b.c', 'x\\.y'];

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split(/(?<!\\)\./).map((segment) => segment.replace('\\.', '.'));
  let current = target;
  for (const segment of segments.slice(0, -1)) {
    const next = current[segment];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) current[segment] = {};
    current = current[segment] as Record<string, unknown>;
  }
  const last = segments.at(-1) as string;
  if (value !== undefined) current[last] = value;
}

function randomData(random: () => number, paths: readonly string[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const path of paths) {
    if (random() < 0.15) continue; // absent
    setPath(data, path, structuredClone(pick(random, EDGE_VALUES)));
  }
  return data;
}

const GENERATED_OPERATORS = [
  '==',
  '===',
  '!=',
  '!==',
  '<',
  '<=',
  '>',
  '>=',
  '!',
  '!!',
  'and',
  'or',
  'if',
  '?:',
  '+',
  '-',
  '*',
  '/',
  '%',
  'max',
  'min',
  'cat',
  'merge',
  'in',
  'substr',
  // Refused by the compiler: checked to fall back, not to differ.
  'missing',
  'map',
];

function randomLeaf(random: () => number): unknown {
  const roll = random();
  if (roll < 0.45) return { var: pick(random, PATHS) };
  if (roll < 0.6) return { var: [pick(random, PATHS), pick(random, [0, '', 'dflt', null, false])] };
  const value = pick(random, EDGE_VALUES);
  // A literal object in a rule is an operation to the engine; keep literals JSON primitives/arrays.
  return value === undefined || (typeof value === 'object' && !Array.isArray(value)) ? 0 : value;
}

function randomRule(random: () => number, depth: number): unknown {
  if (depth === 0 || random() < 0.3) return randomLeaf(random);
  const operator = pick(random, GENERATED_OPERATORS);
  const count = Math.floor(random() * 4) + (random() < 0.9 ? 1 : 0);
  const args = Array.from({ length: count }, () => randomRule(random, depth - 1));
  // Sometimes a single non-array argument, as JsonLogic allows.
  return { [operator]: count === 1 && random() < 0.3 ? args[0] : args };
}

/** Every operation in a document, nested ones included. */
function operationsIn(value: unknown, out: unknown[]): unknown[] {
  if (Array.isArray(value)) {
    for (const item of value) operationsIn(item, out);
  } else if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && ALLOWED_OPERATORS.includes(keys[0] as string)) out.push(value);
    for (const item of Object.values(value)) operationsIn(item, out);
  }
  return out;
}

function shippedRules(): unknown[] {
  const dir = join(import.meta.dirname, '../../../policies');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.flow.json'))
    .flatMap((name) => operationsIn(JSON.parse(readFileSync(join(dir, name), 'utf8')), []));
}

describe('compiled rules answer as json-logic-engine does', () => {
  it('compiles every shipped rule without iterators and agrees on generated data', () => {
    const rules = shippedRules();
    expect(rules.length).toBeGreaterThan(100);
    const random = seeded(18);
    for (const rule of rules) {
      const paths = collectVars(rule);
      // Iterating operators (map, reduce…) stay with the engine, which meters their steps.
      const compiles = !/"(map|filter|reduce|all|some|none)"/.test(JSON.stringify(rule));
      for (let i = 0; i < 60; i += 1) {
        expect(agrees(rule, randomData(random, paths)), JSON.stringify(rule)).toBe(compiles);
      }
    }
  });

  it('agrees on generated rules over edge-case data, or refuses them', () => {
    const random = seeded(1_800);
    let compiled = 0;
    const total = 4_000;
    for (let i = 0; i < total; i += 1) {
      const rule = randomRule(random, 3);
      for (let j = 0; j < 8; j += 1) {
        if (agrees(rule, randomData(random, PATHS)) && j === 0) compiled += 1;
      }
    }
    expect(compiled / total).toBeGreaterThan(0.6);
  });

  it.each([
    [
      'truthiness of [] and {}',
      { if: [{ var: 'a' }, 'yes', 'no'] },
      [{ a: [] }, { a: {} }, { a: '0' }, { a: 0 }],
    ],
    [
      'null and absent vars',
      { '==': [{ var: 'a' }, null] },
      [{}, { a: null }, { a: 0 }, { a: '' }],
    ],
    [
      'var with a default',
      { var: ['a.b', 5] },
      [{}, { a: null }, { a: { b: null } }, { a: { b: 0 } }],
    ],
    [
      'dotted and escaped paths',
      { cat: [{ var: 'a.b.c' }, { var: 'x\\.y' }] },
      [{ a: { b: { c: 1 } }, 'x.y': 2 }, { a: 'str' }],
    ],
    [
      'numeric strings',
      { '>': [{ var: 'a' }, { var: 'b' }] },
      [
        { a: '10', b: '9' },
        { a: '10', b: 9 },
        { a: 'x', b: 1 },
        { a: null, b: 0 },
        { a: 0, b: null },
      ],
    ],
    [
      'in on strings and arrays',
      { in: [{ var: 'a' }, { var: 'b' }] },
      [{ a: 'pr', b: 'spring' }, { a: 1, b: [1, 2] }, { a: '1', b: [1] }, { a: 1 }, { b: 'x' }],
    ],
    [
      '== against ===',
      { and: [{ '==': [{ var: 'a' }, 1] }, { '===': [{ var: 'a' }, 1] }] },
      [{ a: '1' }, { a: 1 }, { a: true }, { a: [1] }],
    ],
    [
      'missing data',
      { '+': [{ var: 'a' }, 1] },
      [{}, { a: null }, { a: 'x' }, { a: [] }, { a: {} }],
    ],
    [
      'division by zero',
      { '/': [{ var: 'a' }, { var: 'b' }] },
      [
        { a: 1, b: 0 },
        { a: 0, b: 0 },
        { a: 1, b: '0' },
        { a: 1, b: null },
      ],
    ],
    ['modulo by zero', { '%': [{ var: 'a' }, 0] }, [{ a: 1 }, { a: 'x' }]],
    [
      'the value a var reads is size-checked',
      { merge: [{ var: 'a' }] },
      [{ a: Array.from({ length: 10_001 }, () => 1) }],
    ],
    [
      'a concatenation over the size budget',
      { cat: [{ var: 'a' }, { var: 'a' }] },
      [{ a: 'x'.repeat(60_000) }, { a: 'x'.repeat(40_000) }],
    ],
    [
      '! reads the first element of an array result',
      { '!': { var: 'a' } },
      [{ a: [] }, { a: [0] }, { a: [1] }, { a: 0 }],
    ],
    ['literals and literal arrays', [1, { var: 'a' }, 'x'], [{ a: 2 }, {}]],
  ])('%s', (_name, rule, datasets) => {
    for (const data of datasets) expect(agrees(rule, data)).toBe(true);
  });
});
