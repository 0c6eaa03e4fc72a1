import { describe, expect, it } from 'vitest';
import { isRecordMapping } from '#flow-language';
import {
  addField,
  EMPTY_RECORD,
  newFieldProblem,
  withField,
  withoutField,
} from '../../../designer/src/flows/record-input.ts';

describe('editing a record input field by field', () => {
  it('builds a record the flow language reads as one, each new field reading its own name', () => {
    const record = addField(addField(EMPTY_RECORD, 'orderId'), 'refundAmount');
    expect(isRecordMapping(record)).toBe(true);
    expect(record).toEqual({
      fields: { orderId: { var: 'orderId' }, refundAmount: { var: 'refundAmount' } },
    });
  });

  it('changes and removes one field, leaving the others and their order', () => {
    const record = addField(addField(addField(EMPTY_RECORD, 'a'), 'b'), 'c');
    const changed = withField(record, 'b', { var: 'refund.amount' });
    expect(Object.keys(changed.fields)).toEqual(['a', 'b', 'c']);
    expect(changed.fields.b).toEqual({ var: 'refund.amount' });
    expect(withoutField(changed, 'a')).toEqual({
      fields: { b: { var: 'refund.amount' }, c: { var: 'c' } },
    });
    expect(record.fields.b).toEqual({ var: 'b' });
  });

  it('refuses a new field name the activity could not read, or one already there', () => {
    const record = addField(EMPTY_RECORD, 'orderId');
    expect(newFieldProblem(record, 'orderId')).toBe('taken');
    expect(newFieldProblem(record, 'order-id')).toBe('invalid');
    expect(newFieldProblem(record, '1st')).toBe('invalid');
    expect(newFieldProblem(record, 'claimId')).toBeUndefined();
  });
});
