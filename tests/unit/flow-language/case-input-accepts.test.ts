import { describe, expect, it } from 'vitest';
import { validateCaseInput } from '#flow-language';
import { acceptsCaseInput } from '../../../flow-language/case-input.ts';
import { FIELD_TYPES, type FieldSpec } from '../../../flow-language/primitives.ts';
import { shippedPolicyDocument } from '../../../policies/shipped-policies.ts';

/** A small deterministic generator (mulberry32), so a failure names its seed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const envelope = { piiEnvelope: 'v1', keyId: 'case-1', iv: 'aXY=', data: 'ZGF0YQ==' };
const VALUES: unknown[] = [
  undefined,
  null,
  '',
  'text',
  'a',
  '2026-03-01',
  '2026-03-01T10:00:00Z',
  '2026-13-01',
  0,
  1,
  2.5,
  -3,
  Number.NaN,
  true,
  false,
  {},
  { a: 1 },
  [],
  [1, 2],
  envelope,
  { ...envelope, extra: 'x' },
];

const GOOD: Record<FieldSpec['type'], unknown[]> = {
  string: ['a', 'text', 'other'],
  number: [0, 1, 2.5, 7],
  integer: [0, 1, 7],
  boolean: [true, false],
  date: ['2026-03-01', '2026-03-01T10:00:00Z'],
  object: [{}, { a: 1 }],
  array: [[], [1, 2]],
};

function field(next: () => number): FieldSpec {
  const type = FIELD_TYPES[Math.floor(next() * FIELD_TYPES.length)] ?? 'string';
  const spec: FieldSpec = { type, required: next() < 0.5 };
  if (next() < 0.3) spec.pii = true;
  if (next() < 0.3 && type === 'string') spec.enum = ['a', 'text'];
  if (next() < 0.3 && (type === 'number' || type === 'integer')) spec.enum = [0, 1, 2.5];
  return spec;
}

function pick<T>(next: () => number, values: readonly T[]): T {
  return values[Math.floor(next() * values.length)] as T;
}

function generatedCase(seed: number) {
  const next = random(seed);
  const inputs: Record<string, FieldSpec> = {};
  const names = ['amount', 'email', 'reason', 'when', 'items', 'flag'];
  for (const name of names) if (next() < 0.7) inputs[name] = field(next);
  const input: Record<string, unknown> = {};
  for (const name of [...names, 'unknown', 'toString', '__proto__']) {
    const spec = Object.hasOwn(inputs, name) ? inputs[name] : undefined;
    const chance = spec ? 0.8 : 0.05;
    if (next() >= chance) continue;
    // Mostly a value of the declared type, so that both answers occur.
    const value = spec && next() < 0.8 ? pick(next, GOOD[spec.type]) : pick(next, VALUES);
    Object.defineProperty(input, name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { inputs, input };
}

const refund = shippedPolicyDocument('marketplace-refund') as {
  inputs: Record<string, FieldSpec>;
};

describe('acceptsCaseInput (the backtest check that builds no issue list)', () => {
  it('accepts exactly the inputs validateCaseInput finds nothing wrong with (generated)', () => {
    let accepted = 0;
    for (let seed = 1; seed <= 4_000; seed += 1) {
      const { inputs, input } = generatedCase(seed);
      const flow = { inputs };
      const plain = validateCaseInput(flow, input).length === 0;
      expect(acceptsCaseInput(flow, input), `seed ${seed}`).toBe(plain);
      // Asked twice: what it keeps per flow must not change the answer.
      expect(acceptsCaseInput(flow, input), `seed ${seed}, again`).toBe(plain);
      if (plain) accepted += 1;
    }
    // Both answers occur often enough for the comparison to mean something.
    expect(accepted).toBeGreaterThan(200);
    expect(accepted).toBeLessThan(3_800);
  });

  it.each([
    ['not an object', 'text'],
    ['an array', []],
    ['null', null],
  ])('refuses a case input that is %s', (_name, input) => {
    expect(acceptsCaseInput(refund, input)).toBe(false);
  });

  it("agrees with validateCaseInput on the refund policy's inputs, field by field", () => {
    const valid = {
      orderId: '111-0000001-0000001',
      orderItemId: 'item-1',
      sku: 'SKU-1',
      quantity: 1,
      returnReason: 'no-reason',
      itemCondition: 'unopened',
      buyerEmail: 'buyer@example.com',
      buyerPostcode: '10001',
    };
    expect(acceptsCaseInput(refund, valid)).toBe(true);
    expect(validateCaseInput(refund, valid)).toEqual([]);
    for (const [name] of Object.entries(refund.inputs)) {
      for (const value of VALUES) {
        const input = { ...valid, [name]: value };
        expect(acceptsCaseInput(refund, input), `${name} = ${JSON.stringify(value)}`).toBe(
          validateCaseInput(refund, input).length === 0,
        );
      }
    }
    expect(acceptsCaseInput(refund, { ...valid, note: 'undeclared' })).toBe(false);
  });
});
