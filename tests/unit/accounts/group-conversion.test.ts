import { describe, expect, it } from 'vitest';
import type { ExchangeRate } from '../../../api-contract/accounts.ts';
import { type RateTable, rateOn } from '../../../server/accounts/exchange-rates.ts';
import { convertMinor } from '../../../server/metrics/group-view.ts';

const rate = (date: string, value: number): ExchangeRate => ({
  from: 'EUR',
  to: 'USD',
  date,
  rate: value,
  source: 'ECB reference rate',
});
const table: RateTable = new Map([
  ['EUR', [rate('2026-11-02', 1.07), rate('2026-11-09', 1.08), rate('2026-11-16', 1.06)]],
]);

describe('dated exchange rates', () => {
  it('uses the rate in force on the day: the latest dated on or before it', () => {
    expect(rateOn(table, 'EUR', '2026-11-09')?.rate).toBe(1.08);
    expect(rateOn(table, 'EUR', '2026-11-15')?.rate).toBe(1.08);
    expect(rateOn(table, 'EUR', '2026-12-31')?.rate).toBe(1.06);
  });

  it('has none before the first rate, or for a currency without rates: never guessed', () => {
    expect(rateOn(table, 'EUR', '2026-11-01')).toBeUndefined();
    expect(rateOn(table, 'GBP', '2026-11-09')).toBeUndefined();
  });
});

describe('converting minor units', () => {
  it('converts cents to cents, half up', () => {
    expect(convertMinor(4_748, 'EUR', 'USD', 1.08)).toBe(5_128);
    expect(convertMinor(1, 'EUR', 'USD', 1.5)).toBe(2);
  });

  it('respects currencies without minor units (yen)', () => {
    expect(convertMinor(10_000, 'USD', 'JPY', 150.25)).toBe(15_025);
    expect(convertMinor(15_025, 'JPY', 'USD', 0.00665)).toBe(9_992);
  });
});
