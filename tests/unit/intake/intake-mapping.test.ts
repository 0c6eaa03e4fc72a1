import { describe, expect, it } from 'vitest';
import { claimCaseId, claimEvents, claimSubmission } from '../../../worker/intake/claim-cases.ts';
import type { IntakeAccount } from '../../../worker/intake/intake-account.ts';
import { tabSeparatedRows } from '../../../worker/intake/report-download.ts';
import {
  fbaReturnRow,
  intakeCaseId,
  mfnReturnRow,
  returnReasonOf,
} from '../../../worker/intake/return-cases.ts';

describe('reading Amazon returns reports', () => {
  it('reads a tab-separated report by its header names, skipping blank lines', () => {
    const text =
      'Order ID\tAmazon RMA ID\tMerchant SKU\tReturn quantity\tReturn reason\n' +
      '113-1\tDabc\tSKU-1\t2\tCR-DEFECTIVE\r\n\n';
    const [row, ...more] = tabSeparatedRows(text);
    expect(more).toEqual([]);
    expect(mfnReturnRow(row ?? {})).toEqual({
      rowId: 'Dabc',
      orderId: '113-1',
      sku: 'SKU-1',
      quantity: 2,
      reasonCode: 'CR-DEFECTIVE',
    });
    expect(tabSeparatedRows('')).toEqual([]);
  });

  it('ignores a row without its id, order or SKU', () => {
    expect(mfnReturnRow({ 'Order ID': '113-1', 'Merchant SKU': 'A' })).toBeUndefined();
    expect(fbaReturnRow({ 'order-id': '113-1', sku: 'A' })).toBeUndefined();
  });

  it("maps Amazon's reason codes, with or without the CR- prefix, to the policy's reasons", () => {
    expect(returnReasonOf('CR-DEFECTIVE')).toBe('quality-problem');
    expect(returnReasonOf('QUALITY_UNACCEPTABLE')).toBe('quality-problem');
    expect(returnReasonOf('CR-DAMAGED_BY_CARRIER')).toBe('damaged-in-transit');
    expect(returnReasonOf('AMZ-PG-BAD-DESC')).toBe('not-as-described');
    expect(returnReasonOf('CR-UNWANTED_ITEM')).toBe('no-reason');
    expect(returnReasonOf('')).toBe('no-reason');
  });

  it('makes case ids the API accepts from any row id', () => {
    expect(intakeCaseId('return', 'D1x/ä 9')).toBe('return-D1x___9');
    expect(intakeCaseId('return', 'x'.repeat(300))).toHaveLength(100);
  });
});

describe('reading financial events', () => {
  it('names each A-to-Z claim and chargeback by its order and first adjusted item', () => {
    const event = (order: string, item?: string) => ({
      AmazonOrderId: order,
      PostedDate: '2026-12-01T10:00:00Z',
      ...(item && { ShipmentItemAdjustmentList: [{ OrderAdjustmentItemId: item }] }),
    });
    const claims = claimEvents({
      RefundEventList: [event('111-1', '9')],
      GuaranteeClaimEventList: [event('112-2', '50001')],
      ChargebackEventList: [event('113-3')],
    });
    expect(claims).toEqual([
      {
        kind: 'guaranteeClaim',
        eventId: '112-2-50001',
        orderId: '112-2',
        adjustmentId: '50001',
        postedDate: '2026-12-01T10:00:00Z',
      },
      {
        kind: 'chargeback',
        eventId: `113-3-${Date.parse('2026-12-01T10:00:00Z')}`,
        orderId: '113-3',
        postedDate: '2026-12-01T10:00:00Z',
      },
    ]);
    expect(claims.map(claimCaseId)).toEqual([
      'a-to-z-112-2-50001',
      `chargeback-113-3-${Date.parse('2026-12-01T10:00:00Z')}`,
    ]);
  });

  it("gives a chargeback case its event's adjustment id and posting time, under the same case id", () => {
    const [chargeback] = claimEvents({
      ChargebackEventList: [
        {
          AmazonOrderId: '113-3',
          PostedDate: '2026-12-01T10:00:00Z',
          ShipmentItemAdjustmentList: [
            { OrderAdjustmentItemId: '70001' },
            { OrderAdjustmentItemId: '70002' },
          ],
        },
      ],
    });
    if (!chargeback) throw new Error('one chargeback expected');
    const account = { accountId: 'acct-1', marketplaceId: 'ATVPDKIKX0DER' } as IntakeAccount;
    expect(claimSubmission(account, chargeback, undefined)).toEqual({
      caseId: 'chargeback-113-3-70001',
      requestedBy: 'amazon-intake:acct-1',
      trigger: 'chargeback.received',
      input: {
        orderId: '113-3',
        chargebackId: 'chargeback-113-3-70001',
        adjustmentId: '70001',
        postedDate: '2026-12-01T10:00:00Z',
      },
    });
  });
});
