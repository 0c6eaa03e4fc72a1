import { XMLBuilder } from 'fast-xml-parser';
import type { MessageResult } from './payment-adjustments.ts';

const builder = new XMLBuilder({ ignoreAttributes: false, format: true });

/** The XML processing report Amazon writes for an XML feed (summary plus one Result per error). */
export function processingReport(
  feedId: string,
  sellerId: string,
  results: MessageResult[],
  fatal?: string,
): string {
  const errors = results.filter((result) => result.error);
  const report = {
    DocumentTransactionID: feedId,
    StatusCode: 'Complete',
    ProcessingSummary: {
      MessagesProcessed: results.length,
      MessagesSuccessful: results.length - errors.length,
      MessagesWithError: fatal ? 1 : errors.length,
      MessagesWithWarning: 0,
    },
    Result: fatal
      ? [{ MessageID: 0, ResultCode: 'Fatal', ResultMessageCode: 5001, ResultDescription: fatal }]
      : errors.map((result) => ({
          MessageID: result.messageId,
          ResultCode: 'Error',
          ResultMessageCode: result.error?.code,
          ResultDescription: result.error?.description,
        })),
  };
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    AmazonEnvelope: {
      '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@_xsi:noNamespaceSchemaLocation': 'amzn-envelope.xsd',
      Header: { DocumentVersion: '1.02', MerchantIdentifier: sellerId },
      MessageType: 'ProcessingReport',
      Message: { MessageID: 1, ProcessingReport: report },
    },
  }) as string;
}
