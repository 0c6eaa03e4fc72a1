import { describe, expect, it } from 'vitest';
import { ISSUE, validateCaseInput } from '#flow-language';
import { autoRefundCase, refundFlow } from './fixtures/refund-flow.ts';

function issuesFor(change: Record<string, unknown>) {
  return validateCaseInput(refundFlow, { ...autoRefundCase, ...change });
}

describe('validateCaseInput', () => {
  it('accepts a complete case, with optional inputs absent', () => {
    expect(validateCaseInput(refundFlow, autoRefundCase)).toEqual([]);
    const { deliveredAt: _omitted, ...withoutOptional } = autoRefundCase;
    expect(validateCaseInput(refundFlow, withoutOptional)).toEqual([]);
  });

  it('reports a missing required input by field', () => {
    const { daysSinceDelivery: _omitted, ...input } = autoRefundCase;
    expect(validateCaseInput(refundFlow, input)).toEqual([
      {
        field: 'daysSinceDelivery',
        code: ISSUE.inputMissing,
        message: 'Input "daysSinceDelivery" is required but missing',
      },
    ]);
  });

  it('treats null and the empty string as missing', () => {
    expect(issuesFor({ unopened: null })).toMatchObject([
      { field: 'unopened', code: ISSUE.inputMissing },
    ]);
    expect(issuesFor({ orderId: '' })).toMatchObject([
      { field: 'orderId', code: ISSUE.inputMissing },
    ]);
  });

  it.each([
    ['daysSinceDelivery', 2.5],
    ['daysSinceDelivery', '3'],
    ['orderTotal', Number.POSITIVE_INFINITY],
    ['unopened', 'yes'],
    ['orderId', 113],
  ])('rejects %s = %j as the wrong type', (field, value) => {
    expect(issuesFor({ [field]: value })).toMatchObject([{ field, code: ISSUE.inputWrongType }]);
  });

  it.each([
    ['2025-03-01', true],
    ['2025-03-01T10:00:00Z', true],
    ['2025-03-01T10:00:00.123Z', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-13-01', false],
    ['2025-03-01T10:00:00+02:00', false],
    ['2025-03-01 10:00:00', false],
    ['March 1st', false],
  ])('date %s valid: %s', (deliveredAt, valid) => {
    const issues = issuesFor({ deliveredAt });
    expect(issues).toEqual(valid ? [] : [expect.objectContaining({ code: ISSUE.inputWrongType })]);
  });

  it('checks enums', () => {
    expect(issuesFor({ currency: 'CNY' })).toMatchObject([
      { field: 'currency', code: ISSUE.inputNotInEnum },
    ]);
  });

  it('rejects undeclared fields, so a misspelt optional field is not silently absent', () => {
    expect(issuesFor({ deliverdAt: '2025-03-01' })).toMatchObject([
      { field: 'deliverdAt', code: ISSUE.inputUndeclared },
    ]);
  });

  it('rejects a case that is not an object', () => {
    for (const input of [null, [], 'case']) {
      expect(validateCaseInput(refundFlow, input)).toMatchObject([{ code: ISSUE.inputNotObject }]);
    }
  });
});
