import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../designer/src/flows/flow-graph.ts';
import { ruleFields } from '../../../designer/src/flows/rule-fields.ts';
import {
  amountAsCents,
  amountsIn,
  centsAsAmount,
  displayValue,
  withAmountsInUnits,
} from '../../../designer/src/flows/rule-money.ts';
import { ruleInWords } from '../../../designer/src/inbox/rule-words.ts';

describe('amounts in the currency’s own minor unit', () => {
  it.each([
    ['USD', 150_000, '1500.00', '1500.5', 150_050],
    ['JPY', 1_500, '1500', '250', 250],
    ['BHD', 1_500, '1.500', '2.125', 2_125],
    ['KWD', 20_000, '20.000', '0.5', 500],
  ])('%s: %i minor units read %s; %s typed is %i', (currency, minor, shown, typed, read) => {
    expect(centsAsAmount(minor, currency)).toBe(shown);
    expect(amountAsCents(shown, currency)).toBe(minor);
    expect(amountAsCents(typed, currency)).toBe(read);
  });

  it('refuses more decimals than the currency has', () => {
    expect(amountAsCents('1500.5', 'JPY')).toBeUndefined();
    expect(amountAsCents('1.234', 'USD')).toBeUndefined();
    expect(amountAsCents('1.2345', 'BHD')).toBeUndefined();
    expect(amountAsCents('-0.005', 'BHD')).toBe(-5);
  });

  it('reads amounts in the currency the data names beside them', () => {
    const answer = {
      yen: { principalCents: 1500, currency: 'JPY' },
      dinar: { principalCents: 1500, currency: 'BHD', lines: [{ unitCents: 5 }] },
      dollars: { principalCents: 1500 },
    };
    expect(withAmountsInUnits(answer, 'USD')).toEqual({
      yen: { principalCents: '1500', currency: 'JPY' },
      dinar: { principalCents: '1.500', currency: 'BHD', lines: [{ unitCents: '0.005' }] },
      dollars: { principalCents: '15.00' },
    });
    expect(amountsIn({ refundTotalCents: 1500, currency: 'JPY' })).toEqual([
      ['refundTotalCents', '1500'],
    ]);
    expect(displayValue('refundTotalCents', 1500, 'JPY')).toBe('1500');
    expect(ruleInWords({ '>=': [{ var: 'refundTotalCents' }, 20000] }, 'JPY')).toBe(
      'refundTotal ≥ 20000',
    );
  });

  it('types a flow’s thresholds in the currency its `currency` input allows', () => {
    const flow = (allowed?: string[]) =>
      ({
        key: 'yen-refunds',
        name: 'Yen refunds',
        inputs: {
          refundTotalCents: { type: 'integer', required: true },
          currency: { type: 'string', required: true, ...(allowed && { enum: allowed }) },
        },
        nodes: [],
        edges: [],
      }) as unknown as FlowDocument;
    const currencyOf = (document: FlowDocument) =>
      ruleFields(document).find((field) => field.name === 'refundTotalCents')?.currency;
    expect(currencyOf(flow(['JPY']))).toBe('JPY');
    expect(currencyOf(flow(['USD', 'EUR']))).toBe('USD');
    expect(currencyOf(flow(['USD', 'JPY']))).toBeUndefined();
    expect(currencyOf(flow())).toBeUndefined();
  });
});
