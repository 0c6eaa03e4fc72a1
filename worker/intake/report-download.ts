import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import type { IntakeClients } from './intake-account.ts';

export interface ReportRequest {
  reportType: string;
  marketplaceId: string;
  start: Date;
  end: Date;
}

/** Amazon could not make the report (FATAL): the window is read again next time. */
export class ReportNotMade extends Error {
  override name = 'ReportNotMade';
}

/**
 * `createReport` → `getReport` until DONE → `getReportDocument` → the document's rows, each a
 * record by the report's header names. Amazon's flat files are tab-separated, possibly gzipped.
 */
export async function readReportRows(
  reports: IntakeClients['reports'],
  request: ReportRequest,
  pollMs: number,
): Promise<Record<string, string>[]> {
  const { data: created } = await reports.createReport({
    body: {
      reportType: request.reportType,
      marketplaceIds: [request.marketplaceId],
      dataStartTime: request.start.toISOString(),
      dataEndTime: request.end.toISOString(),
    },
  });
  const documentId = await reportDocumentId(reports, created.reportId, pollMs);
  if (documentId === undefined) return [];
  const { data: document } = await reports.getReportDocument({ reportDocumentId: documentId });
  const response = await fetch(document.url);
  if (!response.ok) throw new Error(`Report document download failed (${response.status})`);
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = (document.compressionAlgorithm === 'GZIP' ? gunzipSync(bytes) : bytes).toString(
    'utf8',
  );
  return tabSeparatedRows(text);
}

async function reportDocumentId(
  reports: IntakeClients['reports'],
  reportId: string,
  pollMs: number,
): Promise<string | undefined> {
  for (;;) {
    const { data: report } = await reports.getReport({ reportId });
    if (report.processingStatus === 'DONE' && report.reportDocumentId) {
      return report.reportDocumentId;
    }
    // Amazon cancels a report on its own when the window holds no data.
    if (report.processingStatus === 'CANCELLED') return undefined;
    if (report.processingStatus === 'FATAL') {
      throw new ReportNotMade(
        `Report ${reportId} (${report.reportType}) ended ${report.processingStatus}`,
      );
    }
    await sleep(pollMs);
  }
}

export function tabSeparatedRows(text: string): Record<string, string>[] {
  const [header, ...lines] = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (!header) return [];
  const columns = header.split('\t').map((column) => column.trim());
  return lines.map((line) => {
    const values = line.split('\t');
    return Object.fromEntries(
      columns.map((column, index) => [column, values[index]?.trim() ?? '']),
    );
  });
}
