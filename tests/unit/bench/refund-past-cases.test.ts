import { describe, expect, it } from 'vitest';
import { refundPolicy } from '../../../bench/support/in-memory-backtest.ts';
import { refundPastCase } from '../../../bench/support/refund-past-cases.ts';

describe("the backtest bench's refund past cases", () => {
  it('each run the whole shipped policy to an end: the bench measures every step', async () => {
    const v1 = refundPolicy();
    const outcomes = new Map<string, number>();
    // 120 cases take every branch the generator varies (late, high value, quality, channels).
    for (let i = 0; i < 120; i += 1) {
      const pastCase = await refundPastCase(v1, i);
      expect(pastCase.status, `case ${i}`).toBe('completed');
      const outcome = pastCase.outcome ?? '';
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    expect([...outcomes.keys()].sort()).toEqual([
      'already-refunded',
      'refunded',
      'rejected',
      'rejected-late',
    ]);
  });
});
