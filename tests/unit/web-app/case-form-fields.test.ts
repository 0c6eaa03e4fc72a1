import { describe, expect, it } from 'vitest';
import type { CaseForm } from '#api-contract/cases';
import { caseInputOf, formFields } from '../../../designer/src/requests/case-form-fields.ts';

// The shape of the shipped refund policy's inputs, with a sale event's coupon value in cents.
const refundForm: Pick<CaseForm, 'inputs'> = {
  inputs: {
    orderId: { type: 'string', required: true },
    sku: { type: 'string', required: true },
    quantity: { type: 'integer', required: true },
    returnReason: {
      type: 'string',
      required: true,
      enum: ['no-reason', 'quality-problem', 'not-as-described', 'damaged-in-transit'],
    },
    saleEvent: { type: 'boolean', required: true },
    giftAndCouponCents: { type: 'integer', required: false },
    photoUrls: { type: 'array', required: false },
    buyerEmail: { type: 'string', required: true, pii: true },
  },
};

describe('the requester’s form, generated from the flow’s declared inputs', () => {
  it('asks for each input with the control its declaration calls for', () => {
    const fields = Object.fromEntries(formFields(refundForm).map((f) => [f.name, f]));
    expect(fields.returnReason).toMatchObject({
      control: 'select',
      required: true,
      options: ['no-reason', 'quality-problem', 'not-as-described', 'damaged-in-transit'],
    });
    expect(fields.giftAndCouponCents).toMatchObject({
      control: 'amount',
      label: 'giftAndCoupon',
      required: false,
    });
    expect(fields.quantity?.control).toBe('number');
    expect(fields.saleEvent?.control).toBe('yes-no');
    expect(fields.photoUrls?.control).toBe('json');
    expect(fields.buyerEmail).toMatchObject({ control: 'text', pii: true });
    const order = formFields(refundForm).map((f) => f.required);
    expect(order.indexOf(false)).toBeGreaterThan(order.lastIndexOf(true));
  });

  it('turns what was typed into the case input: amounts in units to cents, blanks left out', () => {
    const { input, problems } = caseInputOf(refundForm, {
      orderId: ' 114-1 ',
      quantity: '2',
      returnReason: 'quality-problem',
      saleEvent: true,
      giftAndCouponCents: '150.00',
      photoUrls: '["https://cdn.example/p1.jpg"]',
      sku: '',
    });
    expect(problems).toEqual([]);
    expect(input).toEqual({
      orderId: '114-1',
      quantity: 2,
      returnReason: 'quality-problem',
      saleEvent: true,
      giftAndCouponCents: 15000,
      photoUrls: ['https://cdn.example/p1.jpg'],
    });
  });

  it('names the field whose value cannot be read', () => {
    const { problems } = caseInputOf(refundForm, {
      giftAndCouponCents: '1.234',
      quantity: 'two',
      photoUrls: '[',
    });
    expect(problems).toEqual([
      { field: 'quantity', problem: 'number' },
      { field: 'giftAndCouponCents', problem: 'amount' },
      { field: 'photoUrls', problem: 'json' },
    ]);
  });
});
