import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../designer/src/flows/flow-graph.ts';
import { ruleFields } from '../../../designer/src/flows/rule-fields.ts';
import {
  amountAsCents,
  centsAsAmount,
  isAmountInCents,
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
