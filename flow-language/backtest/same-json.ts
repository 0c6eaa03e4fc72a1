/**
 * Deep equality of JSON values (key order ignored; a key holding undefined counts as absent),
 * without serialising either side. Written as plain loops: it runs on every activity a
 * backtest answers, and the version with key lists and callbacks was a twentieth of a walk.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const isArray = Array.isArray(a);
  if (isArray !== Array.isArray(b)) return false;
  if (isArray) return sameArrays(a as unknown[], b as unknown[]);
  return sameObjects(a as Record<string, unknown>, b as Record<string, unknown>);
}

function sameArrays(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (!sameJson(a[i], b[i])) return false;
  return true;
}

function sameObjects(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  let keys = 0;
  for (const key in a) {
    if (!Object.hasOwn(a, key) || a[key] === undefined) continue;
    if (!Object.hasOwn(b, key) || !sameJson(a[key], b[key])) return false;
    keys += 1;
  }
  for (const key in b) {
    if (Object.hasOwn(b, key) && b[key] !== undefined) keys -= 1;
  }
  return keys === 0;
}
