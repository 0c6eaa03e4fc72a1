import type { Report } from '@sp-api-sdk/reports-api-2021-06-30';
import express, { type Router } from 'express';
import { documentUrl } from './feeds-routes.ts';
import { invalidInput, notFound } from './responses.ts';
import { returnsReportContent } from './returns-reports.ts';
import type { EmulatorStore } from './state.ts';

const BASE = '/reports/2021-06-30';
// Amazon caps a returns report at 60 days of data; a longer window is refused, not truncated.
const MAX_WINDOW_MS = 60 * 86_400_000;
const NEXT_STATUS: Partial<Record<Report['processingStatus'], Report['processingStatus']>> = {
  IN_QUEUE: 'IN_PROGRESS',
  IN_PROGRESS: 'DONE',
};

/**
 * Reports API 2021-06-30: `createReport` → `getReport` until DONE → `getReportDocument`. The
 * content is fixed when the report is created; each `getReport` answers the status and then
 * moves it one step on (IN_QUEUE, IN_PROGRESS, DONE), so a client must wait for DONE.
 */
export function reportsRouter(store: EmulatorStore, baseUrl: () => string): Router {
  const router = express.Router();
  router.use(BASE, express.json());

  router.post(`${BASE}/reports`, (request, response) => {
    const { reportType, marketplaceIds, dataStartTime, dataEndTime } = request.body ?? {};
    if (typeof reportType !== 'string' || reportType === '') {
      return invalidInput(response, 'reportType is required');
    }
    if (!Array.isArray(marketplaceIds) || marketplaceIds.length === 0) {
      return invalidInput(response, 'marketplaceIds is required');
    }
    const end = dataEndTime ? Date.parse(dataEndTime) : Date.now();
    const start = dataStartTime ? Date.parse(dataStartTime) : end - 30 * 86_400_000;
    if (Number.isNaN(start) || Number.isNaN(end) || start > end) {
      return invalidInput(response, 'dataStartTime must be a date before dataEndTime');
    }
    if (end - start > MAX_WINDOW_MS) return invalidInput(response, 'At most 60 days per report');
    const reportId = store.nextId();
    const content = returnsReportContent(store, reportType, start, end);
    const createdTime = new Date().toISOString();
    const reportDocumentId = content ? `amzn1.spdoc.1.4.na.${reportId}` : undefined;
    if (reportDocumentId) {
      store.data.documents[reportDocumentId] = {
        feedDocumentId: reportDocumentId,
        purpose: 'report',
        contentType: 'text/tab-separated-values; charset=UTF-8',
        content,
        createdAt: createdTime,
      };
    }
    store.data.reports = {
      ...store.data.reports,
      [reportId]: {
        reportId,
        reportType,
        marketplaceIds: marketplaceIds.map(String),
        dataStartTime: new Date(start).toISOString(),
        dataEndTime: new Date(end).toISOString(),
        createdTime,
        processingStatus: initialStatus(content),
        ...(reportDocumentId && { pendingDocumentId: reportDocumentId }),
      },
    };
    store.changed();
    response.status(202).json({ reportId });
  });

  router.get(`${BASE}/reports/:reportId`, (request, response) => {
    const record = store.data.reports?.[request.params.reportId];
    if (!record) return notFound(response, `Report ${request.params.reportId}`);
    const { pendingDocumentId: _, ...report } = record;
    response.json(report);
    const next = NEXT_STATUS[record.processingStatus];
    if (!next) return;
    record.processingStatus = next;
    if (next === 'DONE') {
      record.reportDocumentId = record.pendingDocumentId;
      record.processingEndTime = new Date().toISOString();
    }
    store.changed();
  });

  router.get(`${BASE}/documents/:reportDocumentId`, (request, response) => {
    const document = store.data.documents[request.params.reportDocumentId];
    if (document?.purpose !== 'report') {
      return notFound(response, `Report document ${request.params.reportDocumentId}`);
    }
    response.json({
      reportDocumentId: document.feedDocumentId,
      url: documentUrl(baseUrl(), document.feedDocumentId),
    });
  });

  return router;
}

/**
 * Like Amazon: a report with no data in its window is cancelled, one the emulator cannot
 * generate (another report type) ends FATAL, the rest are queued.
 */
function initialStatus(content: string | undefined): Report['processingStatus'] {
  if (content === undefined) return 'FATAL';
  return content === '' ? 'CANCELLED' : 'IN_QUEUE';
}
