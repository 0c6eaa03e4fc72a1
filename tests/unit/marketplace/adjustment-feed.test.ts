import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  parseProcessingReport,
  paymentAdjustmentXml,
} from '../../../worker/activities/marketplace/adjustment-feed.ts';

describe('POST_PAYMENT_ADJUSTMENT_DATA', () => {
  it('writes one OrderAdjustment message with item code, our adjustment id, reason and components', () => {
    const xml = paymentAdjustmentXml({
      sellerId: 'A1SELLER',
      orderId: '113-4827361-0192837',
      reason: 'CustomerReturn',
      currency: 'USD',
      lines: [
        {
          adjustmentItemId: 'RR-c1-1',
          orderItemId: '52840173620911',
          components: { Principal: 2499, ShippingTax: 49, RestockingFee: -500 },
        },
      ],
    });
    const parsed = new XMLParser({ ignoreAttributes: false, parseTagValue: false }).parse(xml);
    const envelope = parsed.AmazonEnvelope;
    expect(envelope.Header).toEqual({ DocumentVersion: '1.01', MerchantIdentifier: 'A1SELLER' });
    expect(envelope.MessageType).toBe('OrderAdjustment');
    expect(envelope.Message.OrderAdjustment).toEqual({
      AmazonOrderID: '113-4827361-0192837',
      AdjustedItem: {
        AmazonOrderItemCode: '52840173620911',
        MerchantAdjustmentItemID: 'RR-c1-1',
        AdjustmentReason: 'CustomerReturn',
        ItemPriceAdjustments: {
          Component: [
            { Type: 'Principal', Amount: { '#text': '24.99', '@_currency': 'USD' } },
            { Type: 'ShippingTax', Amount: { '#text': '0.49', '@_currency': 'USD' } },
            { Type: 'RestockingFee', Amount: { '#text': '-5.00', '@_currency': 'USD' } },
          ],
        },
      },
    });
  });

  it('reads the processing report summary and its error results', () => {
    const report = parseProcessingReport(`<?xml version="1.0"?>
      <AmazonEnvelope><MessageType>ProcessingReport</MessageType><Message><MessageID>1</MessageID>
      <ProcessingReport><DocumentTransactionID>5001</DocumentTransactionID><StatusCode>Complete</StatusCode>
      <ProcessingSummary><MessagesProcessed>1</MessagesProcessed><MessagesSuccessful>0</MessagesSuccessful>
      <MessagesWithError>1</MessagesWithError><MessagesWithWarning>0</MessagesWithWarning></ProcessingSummary>
      <Result><MessageID>1</MessageID><ResultCode>Error</ResultCode><ResultMessageCode>18028</ResultMessageCode>
      <ResultDescription>Too much</ResultDescription></Result></ProcessingReport></Message></AmazonEnvelope>`);
    expect(report).toEqual({
      messagesProcessed: 1,
      messagesSuccessful: 0,
      messagesWithError: 1,
      errors: [{ messageId: '1', code: '18028', description: 'Too much' }],
    });
  });
});
