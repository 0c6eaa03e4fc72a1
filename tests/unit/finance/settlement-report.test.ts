import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSettlementReport } from '../../../worker/activities/finance/index.ts';
import { minorUnits } from '../../../worker/activities/finance/settlement-report.ts';

const sample = readFileSync(
  new URL('../../fixtures/settlement/settlement-14123456789.tsv', import.meta.url),
  'utf8',
);

describe('settlement report (V2 flat file)', () => {
  it('reads the summary row and every amount line', () => {
    const report = parseSettlementReport(sample);
    expect(report).toMatchObject({
      settlementId: '14123456789',
      currency: 'USD',
      totalAmount: 123456,
      startDate: '2026-11-01 07:00:00 UTC',
    });
    expect(report.lines).toHaveLength(12);
    expect(report.lines.filter((line) => line.transactionType === 'Refund')).toHaveLength(10);
    expect(report.lines[2]).toMatchObject({
      merchantAdjustmentItemId: 'RR-case-a-1',
      amountDescription: 'Principal',
      amount: -2999,
    });
  });

  it('turns decimal amounts into minor units without float error', () => {
    expect(minorUnits('-29.99')).toBe(-2999);
    expect(minorUnits('0.1')).toBe(10);
    expect(minorUnits('1234')).toBe(123400);
    expect(() => minorUnits('12.345')).toThrow(/not an amount/);
  });

  it('names what is wrong with a file that is not a settlement report', () => {
    expect(() => parseSettlementReport('')).toThrow(/empty/);
    expect(() => parseSettlementReport('order-id\tamount\n1\t2')).toThrow(/lacks columns/);
  });
});
