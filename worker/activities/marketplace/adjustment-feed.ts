import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import type { ProcessingReport } from './marketplace-adapter.ts';
import { centsText } from './money.ts';

export const PAYMENT_ADJUSTMENT_FEED = 'POST_PAYMENT_ADJUSTMENT_DATA';
export const FEED_CONTENT_TYPE = 'text/xml; charset=UTF-8';

/** Feed component types, in the order Amazon's OrderAdjustment schema lists them. */
export const COMPONENT_TYPES = [
  'Principal',
  'Shipping',
  'Tax',
  'ShippingTax',
  'RestockingFee',
  'ReturnShipping',
] as const;
export type ComponentType = (typeof COMPONENT_TYPES)[number];

export interface AdjustmentLine {
  /** Our MerchantAdjustmentItemID: the key that ties Amazon's records back to this refund. */
  adjustmentItemId: string;
  orderItemId: string;
  /** Signed cents as sent: refunds positive, restocking fee and return shipping negative. */
  components: Partial<Record<ComponentType, number>>;
}

export interface AdjustmentDocument {
  sellerId: string;
  orderId: string;
  reason: string;
  currency: string;
  lines: AdjustmentLine[];
}

const builder = new XMLBuilder({ ignoreAttributes: false, format: true });

/** One OrderAdjustment message per refund, so Amazon accepts or rejects it as a whole. */
export function paymentAdjustmentXml(document: AdjustmentDocument): string {
  const adjustedItems = document.lines.map((line) => ({
    AmazonOrderItemCode: line.orderItemId,
    MerchantAdjustmentItemID: line.adjustmentItemId,
    AdjustmentReason: document.reason,
    ItemPriceAdjustments: {
      Component: COMPONENT_TYPES.filter((type) => line.components[type] !== undefined).map(
        (type) => ({
          Type: type,
          Amount: {
            '@_currency': document.currency,
            '#text': centsText(line.components[type] ?? 0),
          },
        }),
      ),
    },
  }));
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    AmazonEnvelope: {
      '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@_xsi:noNamespaceSchemaLocation': 'amzn-envelope.xsd',
      Header: { DocumentVersion: '1.01', MerchantIdentifier: document.sellerId },
      MessageType: 'OrderAdjustment',
      Message: {
        MessageID: 1,
        OrderAdjustment: { AmazonOrderID: document.orderId, AdjustedItem: adjustedItems },
      },
    },
  }) as string;
}

const parser = new XMLParser({
  parseTagValue: false,
  isArray: (name) => name === 'Result' || name === 'Message',
});

type Xml = Record<string, unknown>;

/** Reads the summary and the per-message errors of an XML feed processing report. */
export function parseProcessingReport(xml: string): ProcessingReport {
  const envelope = ((parser.parse(xml) as Xml).AmazonEnvelope ?? {}) as Xml;
  const message = ((envelope.Message as Xml[] | undefined) ?? [])[0] ?? {};
  const report = (message.ProcessingReport ?? {}) as Xml;
  const summary = (report.ProcessingSummary ?? {}) as Xml;
  const results = (report.Result as Xml[] | undefined) ?? [];
  return {
    messagesProcessed: Number(summary.MessagesProcessed ?? 0),
    messagesSuccessful: Number(summary.MessagesSuccessful ?? 0),
    messagesWithError: Number(summary.MessagesWithError ?? 0),
    errors: results
      .filter((result) => result.ResultCode !== 'Warning')
      .map((result) => ({
        messageId: String(result.MessageID ?? ''),
        code: String(result.ResultMessageCode ?? ''),
        description: String(result.ResultDescription ?? ''),
      })),
  };
}
