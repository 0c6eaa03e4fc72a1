import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../designer/src/flows/flow-graph.ts';
import { ruleFields } from '../../../designer/src/flows/rule-fields.ts';
import {
  amountAsCents,
  amountLabel,
  amountsIn,
  centsAsAmount,
  displayValue,
  isAmountInCents,
  isAmountName,
  withAmountsInUnits,
} from '../../../designer/src/flows/rule-money.ts';
import { shippedPolicyDocument } from '../../../policies/shipped-policies.ts';

describe('amounts in the rule builder', () => {
  it('shows cents in the currency’s units', () => {
    expect(centsAsAmount(20000)).toBe('200.00');
    expect(centsAsAmount(2500000)).toBe('25000.00');
    expect(centsAsAmount(5)).toBe('0.05');
    expect(centsAsAmount(-1050)).toBe('-10.50');
    expect(centsAsAmount('')).toBe('');
  });

  it('reads what is typed in the currency’s units back as whole cents, exactly', () => {
    expect(amountAsCents('200')).toBe(20000);
    expect(amountAsCents('250.5')).toBe(25050);
    expect(amountAsCents(' 0.29 ')).toBe(29);
    expect(amountAsCents('1.10')).toBe(110);
    expect(amountAsCents('-10.50')).toBe(-1050);
    for (const notAnAmount of ['', '1.234', '12,50', 'abc', '1e3', '.5']) {
      expect(amountAsCents(notAnAmount), notAnAmount).toBeUndefined();
    }
  });

  it('treats numeric fields named …Cents as amounts, nothing else', () => {
    expect(isAmountInCents('refundTotalCents', 'integer')).toBe(true);
    expect(isAmountInCents('amount', 'number')).toBe(false);
    expect(isAmountInCents('principalCents', 'string')).toBe(false);
    const fields = ruleFields(shippedPolicyDocument('marketplace-refund') as FlowDocument);
    const amounts = fields.filter((field) => field.amountInCents).map((field) => field.name);
    expect(amounts).toEqual(
      expect.arrayContaining(['principalCents', 'taxCents', 'refundTotalCents']),
    );
    expect(amounts).not.toContain('daysSinceDelivery');
  });
});

describe('amounts outside the rule builder (task facts, run pages, test runs)', () => {
  it('shows a value named in cents in the currency’s units, and anything else as it is', () => {
    expect(displayValue('giftAndCouponCents', 15000)).toBe('150.00');
    expect(displayValue('facts.principalCents', 2999)).toBe('29.99');
    expect(displayValue('quantity', 15000)).toBe('15000');
    expect(displayValue('giftAndCouponCents', 'n/a')).toBe('n/a');
    expect(displayValue('giftAndCouponCents', 1.5)).toBe('1.5');
    expect(displayValue('missing', undefined)).toBe('—');
    expect(displayValue('order', { totalCents: 500, sku: 'K-1' })).toBe(
      '{"totalCents":"5.00","sku":"K-1"}',
    );
  });

  it('rewrites every …Cents amount in nested data and leaves the rest untouched', () => {
    const answer = {
      output: {
        principalCents: 15000,
        taxCents: 1200,
        currency: 'USD',
        lines: [{ unitCents: 99 }],
      },
      read: { refundTotalCents: 20000, daysSinceDelivery: 3 },
    };
    expect(withAmountsInUnits(answer)).toEqual({
      output: {
        principalCents: '150.00',
        taxCents: '12.00',
        currency: 'USD',
        lines: [{ unitCents: '0.99' }],
      },
      read: { refundTotalCents: '200.00', daysSinceDelivery: 3 },
    });
    expect(answer.output.principalCents).toBe(15000);
  });

  it('lists the amounts in a test run’s sample answer with their paths', () => {
    const answer = { output: { principalCents: 15000, lines: [{ taxCents: 120 }], sku: 'K-1' } };
    expect(amountsIn(answer)).toEqual([
      ['output.principalCents', '150.00'],
      ['output.lines[0].taxCents', '1.20'],
    ]);
  });

  it('names an amount without its cents suffix', () => {
    expect(amountLabel('orderValueCents')).toBe('orderValue');
    expect(amountLabel('orderId')).toBe('orderId');
    expect(isAmountName('Cents')).toBe(false);
  });
});
