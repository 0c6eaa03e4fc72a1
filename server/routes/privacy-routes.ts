import { caseIdParamsSchema } from '#api-contract/cases';
import {
  casePrivacySchema,
  legalHoldRequestSchema,
  privacyReportQuerySchema,
  privacyReportSchema,
  revealedCaseSchema,
  revealRequestSchema,
} from '#api-contract/privacy';
import type { ApiServices } from '../api-services.ts';
import { type ApiRoute, defineRoute } from '../http/api-route.ts';
import { describeCasePrivacy } from '../privacy/case-privacy.ts';
import { placeLegalHold, releaseLegalHold } from '../privacy/legal-hold.ts';
import { revealCaseInput } from '../privacy/pii-reveal.ts';
import { loadPrivacyConfig } from '../privacy/privacy-config.ts';
import { privacyReport } from '../privacy/privacy-report.ts';

const TAG = 'Buyer data';

export function privacyRoutes(services: ApiServices): ApiRoute[] {
  const { retentionSeconds } = loadPrivacyConfig();
  return [
    defineRoute({
      method: 'get',
      path: '/api/privacy/report',
      tag: TAG,
      summary:
        'Data-protection report for a period: cases with buyer data, erased, on hold, keys rotated, who saw it',
      access: ['admin', 'auditor'],
      query: privacyReportQuerySchema,
      success: { description: 'The report', schema: privacyReportSchema },
      handle: ({ caller, query }) =>
        privacyReport(services.database, caller.scope, query, retentionSeconds),
    }),
    defineRoute({
      method: 'get',
      path: '/api/privacy/cases/:caseId',
      tag: TAG,
      summary: "Where a case's buyer data stands: key present or erased, legal hold, erase date",
      access: ['admin', 'auditor'],
      params: caseIdParamsSchema,
      success: { description: 'The case', schema: casePrivacySchema },
      handle: ({ caller, params }) =>
        describeCasePrivacy(services, caller, params.caseId, retentionSeconds),
    }),
    defineRoute({
      method: 'post',
      path: '/api/privacy/cases/:caseId/reveal',
      tag: TAG,
      summary: "Show a case's buyer data in clear, giving a reason (kept in the audit log)",
      access: ['admin', 'auditor'],
      params: caseIdParamsSchema,
      body: revealRequestSchema,
      success: { description: 'The case input in clear', schema: revealedCaseSchema },
      handle: ({ caller, params, body }) =>
        revealCaseInput(services, caller, params.caseId, body.reason),
    }),
    defineRoute({
      method: 'post',
      path: '/api/privacy/cases/:caseId/legal-hold',
      tag: TAG,
      summary: "Keep a case's buyer data past retention (audited)",
      access: ['admin'],
      params: caseIdParamsSchema,
      body: legalHoldRequestSchema,
      success: { description: 'The case', schema: casePrivacySchema },
      handle: async ({ caller, params, body }) => {
        await placeLegalHold(services, caller, params.caseId, body.reason);
        return describeCasePrivacy(services, caller, params.caseId, retentionSeconds);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/privacy/cases/:caseId/legal-hold/release',
      tag: TAG,
      summary: 'Release a legal hold: retention applies again (audited)',
      access: ['admin'],
      params: caseIdParamsSchema,
      body: legalHoldRequestSchema,
      success: { description: 'The case', schema: casePrivacySchema },
      handle: async ({ caller, params, body }) => {
        await releaseLegalHold(services, caller, params.caseId, body.reason);
        return describeCasePrivacy(services, caller, params.caseId, retentionSeconds);
      },
    }),
  ];
}
