import { describe, expect, it } from 'vitest';
import {
  allowedValuesText,
  parseAllowedValues,
} from '../../../designer/src/flows/inspector/allowed-values.ts';

describe('allowed values typed in the inspector', () => {
  it('reads a comma-separated list as the input’s enum, dropping blanks and repeats', () => {
    expect(parseAllowedValues(' no-reason, quality-problem,,no-reason ', 'string')).toEqual({
      ok: true,
      values: ['no-reason', 'quality-problem'],
    });
    expect(parseAllowedValues('1, 2, 3', 'integer')).toEqual({ ok: true, values: [1, 2, 3] });
    expect(parseAllowedValues('0.5, 2', 'number')).toEqual({ ok: true, values: [0.5, 2] });
  });

  it('takes an empty text as "any value" and refuses non-numbers for a number field', () => {
    expect(parseAllowedValues('  ', 'string')).toEqual({ ok: true, values: undefined });
    expect(parseAllowedValues('1, two', 'integer')).toEqual({ ok: false });
    expect(parseAllowedValues('1.5', 'integer')).toEqual({ ok: false });
  });

  it('shows a declared list the way it is typed', () => {
    expect(allowedValuesText({ enum: ['unopened', 'opened'] })).toBe('unopened, opened');
    expect(allowedValuesText({})).toBe('');
  });
});
