import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { historyDigest } from '../../../server/audit/run-history.ts';

const recorded = readFileSync(
  new URL('../../fixtures/histories/replay-refund-four-eyes-escalated.json', import.meta.url),
  'utf8',
);

/** Rewrites every payload's `metadata` with its keys in reverse order, as a later fetch may. */
function withMetadataReordered(historyJson: string): string {
  return JSON.stringify(JSON.parse(historyJson), (key, value) =>
    key === 'metadata' && value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).reverse())
      : value,
  );
}

describe('a history digest', () => {
  it('is the same for two fetches that differ only in map key order and layout', () => {
    const refetched = withMetadataReordered(recorded);
    expect(refetched).not.toBe(recorded);
    expect(historyDigest(refetched)).toBe(historyDigest(recorded));
  });

  it('changes when any value in the history changes', () => {
    const altered = recorded.replace('"identity": "28233@vm"', '"identity": "28234@vm"');
    expect(altered).not.toBe(recorded);
    expect(historyDigest(altered)).not.toBe(historyDigest(recorded));
  });
});
