import { describe, expect, it } from 'vitest';
import { chainVerdictText } from '../../../designer/src/audit/chain-verdict.ts';

const head = 'ab'.repeat(32);
const publishedHead = {
  sequence: 7,
  hash: head,
  keyId: 'k1',
  publishedAt: '2026-12-06T05:00:00.000Z',
};

describe('the audit log page’s chain verdict', () => {
  it('says the chain is intact and which head was published', () => {
    expect(chainVerdictText({ ok: true, entries: 7, headHash: head, publishedHead })).toBe(
      'Chain intact and signed: 7 entries, head abababababab…, published head #7 of 2026-12-06T05:00:00.000Z',
    );
  });

  it('names the missing tail when the log ends before its published head', () => {
    expect(
      chainVerdictText({
        ok: false,
        entries: 5,
        headHash: head,
        publishedHead,
        brokenAt: { sequence: 6, reason: 'entries 6 to 7 missing' },
        missingTail: { from: 6, to: 7 },
      }),
    ).toBe(
      'Tail cut: entries #6 to #7 are missing (the log ends at #5, published head #7 of 2026-12-06T05:00:00.000Z)',
    );
  });

  it('names the first broken entry otherwise', () => {
    expect(
      chainVerdictText({
        ok: false,
        entries: 0,
        headHash: head,
        brokenAt: { sequence: 1, reason: 'not signed: written without the audit key' },
      }),
    ).toBe('Chain broken at #1: not signed: written without the audit key');
  });
});
