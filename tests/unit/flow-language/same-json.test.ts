import { describe, expect, it } from 'vitest';
import { sameJson } from '../../../flow-language/backtest/same-json.ts';

/** The comparison as first written (key lists and callbacks): the reference for the faster one. */
function reference(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((value, index) => reference(value, other[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left).filter((key) => left[key] !== undefined);
  if (keys.length !== Object.keys(right).filter((key) => right[key] !== undefined).length)
    return false;
  return keys.every((key) => reference(left[key], right[key]));
}

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const KEYS = ['a', 'b', 'c', 'toString', 'constructor', '__proto__'];
const LEAVES: unknown[] = [undefined, null, 0, 1, -0, '', 'x', '1', true, false];

/** A JSON-like value; small, so that two values are often equal or nearly so. */
function value(next: () => number, depth: number): unknown {
  const roll = next();
  if (depth > 2 || roll < 0.5) return LEAVES[Math.floor(next() * LEAVES.length)];
  if (roll < 0.7) {
    return Array.from({ length: Math.floor(next() * 3) }, () => value(next, depth + 1));
  }
  const object: Record<string, unknown> = {};
  for (const key of KEYS) {
    if (next() < 0.35) {
      Object.defineProperty(object, key, {
        value: value(next, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return object;
}

/** A copy with its keys in another order, sometimes with one leaf changed. */
function variant(next: () => number, of: unknown): unknown {
  if (Array.isArray(of)) return of.map((item) => variant(next, item));
  if (of !== null && typeof of === 'object') {
    const entries = Object.entries(of).reverse();
    const copy: Record<string, unknown> = {};
    for (const [key, item] of entries) {
      Object.defineProperty(copy, key, {
        value: variant(next, item),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    if (next() < 0.15) copy[KEYS[Math.floor(next() * 3)] as string] = undefined;
    return copy;
  }
  return next() < 0.1 ? LEAVES[Math.floor(next() * LEAVES.length)] : of;
}

describe('sameJson (activity inputs in a backtest)', () => {
  it('answers as the reference comparison on generated values', () => {
    let same = 0;
    for (let seed = 1; seed <= 20_000; seed += 1) {
      const next = random(seed);
      const a = value(next, 0);
      const b = next() < 0.6 ? variant(next, a) : value(next, 0);
      const expected = reference(a, b);
      expect(sameJson(a, b), `seed ${seed}`).toBe(expected);
      expect(sameJson(b, a), `seed ${seed}, swapped`).toBe(reference(b, a));
      if (expected) same += 1;
    }
    expect(same).toBeGreaterThan(2_000);
    expect(same).toBeLessThan(18_000);
  });

  it.each([
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: 1 }, { b: 1 }, false],
    [{ toString: 1 }, { a: 1 }, false],
    [[1, 2], { 0: 1, 1: 2 }, false],
    [{ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] }, true],
    [{ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] }, false],
    [null, {}, false],
  ])('%j and %j: %s', (a, b, expected) => {
    expect(sameJson(a, b)).toBe(expected);
    expect(sameJson(b, a)).toBe(expected);
  });
});
