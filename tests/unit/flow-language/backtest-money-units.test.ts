import { describe, expect, it } from 'vitest';
import { addToSummary, type BacktestSummary, emptyTotals } from '#flow-language';

type CaseResult = Parameters<typeof addToSummary>[1];

/** A case the flow would now refund `after` instead of the `before` it paid. */
function refunded(currency: string, before: number, after: number): CaseResult {
  return {
    caseId: `c-${currency}-${before}-${after}`,
    currency,
    verdict: 'same',
    flipped: false,
    recorded: { outcome: 'refunded', path: ['start', 'refund', 'end'] },
    replayed: { status: 'completed', outcome: 'refunded', path: ['start', 'refund', 'end'] },
    refunds: {
      recorded: { [currency]: before },
      replayed: { [currency]: after },
      replayedUnknown: false,
    },
    tasks: { recorded: [], replayed: [] },
  } as CaseResult;
}

describe('backtest money in each currency’s minor unit', () => {
  it('keeps a 3-digit currency’s thousandths and adds yen whole', () => {
    const summary: BacktestSummary = { total: emptyTotals(), byCurrency: {} };
    addToSummary(summary, refunded('BHD', 1.005, 1.5));
    addToSummary(summary, refunded('BHD', 0.005, 0.012));
    addToSummary(summary, refunded('JPY', 1500, 2250));
    addToSummary(summary, refunded('USD', 10.1, 10.3));
    expect(summary.byCurrency.BHD?.money).toMatchObject({
      paidBefore: 1.01,
      paidAfter: 1.512,
      wouldBePaid: { cases: 2, amount: 0.502 },
      net: 0.502,
    });
    expect(summary.byCurrency.JPY?.money).toMatchObject({
      paidBefore: 1500,
      wouldBePaid: { cases: 1, amount: 750 },
    });
    expect(summary.byCurrency.USD?.money.wouldBePaid.amount).toBe(0.2);
  });
});
