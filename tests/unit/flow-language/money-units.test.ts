import { describe, expect, it } from 'vitest';
import {
  addMajorAmounts,
  amountAsMinorUnits,
  majorAsMinorUnits,
  minorUnitDigits,
  minorUnitsAsAmount,
  minorUnitsAsMajor,
} from '#flow-language';
import { convertMinor } from '../../../server/metrics/group-view.ts';

describe('money in each currency’s minor unit (ISO 4217, as Intl knows it)', () => {
  it.each([
    ['USD', 2, 2499, 24.99, '24.99'],
    ['JPY', 0, 1500, 1500, '1500'],
    ['BHD', 3, 1500, 1.5, '1.500'],
    ['KWD', 3, -25, -0.025, '-0.025'],
  ])('%s has %i digits: %i minor is %d, read %s', (currency, digits, minor, major, text) => {
    expect(minorUnitDigits(currency)).toBe(digits);
    expect(minorUnitsAsMajor(minor, currency)).toBe(major);
    expect(majorAsMinorUnits(major, currency)).toBe(minor);
    expect(minorUnitsAsAmount(minor, currency)).toBe(text);
    expect(amountAsMinorUnits(text, currency)).toBe(minor);
  });

  it('keeps two digits for no currency or an unknown code, as before', () => {
    expect(minorUnitDigits(undefined)).toBe(2);
    expect(minorUnitDigits('not a code')).toBe(2);
    expect(minorUnitsAsAmount(20000)).toBe('200.00');
  });

  it('adds amounts without drift and without losing a third digit', () => {
    expect(addMajorAmounts(0.1, 0.2, 'USD')).toBe(0.3);
    expect(addMajorAmounts(0.005, 0.005, 'BHD')).toBe(0.01);
    expect(addMajorAmounts(1500, 250, 'JPY')).toBe(1750);
  });

  it('converts the group view’s minor units between currencies of different exponents', () => {
    // ¥1500 at 0.0067 USD a yen is $10.05; $10.05 at 149.25 yen a dollar is ¥1500.
    expect(convertMinor(1500, 'JPY', 'USD', 0.0067)).toBe(1005);
    expect(convertMinor(1005, 'USD', 'JPY', 149.25)).toBe(1500);
    expect(convertMinor(1500, 'BHD', 'USD', 2.6)).toBe(390);
  });
});
