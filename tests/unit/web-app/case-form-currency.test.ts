import { describe, expect, it } from 'vitest';
import type { CaseForm } from '#api-contract/cases';
import { caseInputOf } from '../../../designer/src/requests/case-form-fields.ts';

const form: Pick<CaseForm, 'inputs'> = {
  inputs: {
    refundCents: { type: 'integer', required: true },
    currency: { type: 'string', required: true },
  },
};

describe('a requester types an amount in the units of the currency the form names', () => {
  it.each([
    ['USD', '150.25', 15_025],
    ['JPY', '1500', 1_500],
    ['BHD', '1.500', 1_500],
  ])('%s: %s is %i minor units', (currency, typed, minor) => {
    const { input, problems } = caseInputOf(form, { refundCents: typed, currency });
    expect(problems).toEqual([]);
    expect(input).toEqual({ refundCents: minor, currency });
  });

  it('refuses yen with decimals', () => {
    const { problems } = caseInputOf(form, { refundCents: '1500.50', currency: 'JPY' });
    expect(problems).toEqual([{ field: 'refundCents', problem: 'amount' }]);
  });
});
