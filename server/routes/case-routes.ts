import {
  cancelledRunSchema,
  cancelRunSchema,
  caseIdParamsSchema,
  caseSubmissionSchema,
  runDetailSchema,
  runListQuerySchema,
  runListSchema,
  submittedCaseSchema,
} from '#api-contract/cases';
import type { ApiServices } from '../api-services.ts';
import { submitCaseFor } from '../cases/case-intake.ts';
import { toCaseSummary } from '../cases/case-projection.ts';
import { cancelRun } from '../cases/run-cancellation.ts';
import { describeRun } from '../cases/run-detail.ts';
import { type ApiRoute, defineRoute } from '../http/api-route.ts';

export function caseRoutes(services: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/cases',
      tag: 'Cases',
      summary: 'Submit a case; the same case id twice names the same run (started: false)',
      access: ['requester', 'admin'],
      body: caseSubmissionSchema,
      success: {
        status: 201,
        description: 'The run handling the case',
        schema: submittedCaseSchema,
      },
      handle: ({ caller, body }) => submitCaseFor(services, caller, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/runs',
      tag: 'Cases',
      summary: 'Cases in the caller’s scope, newest first, filtered and paged',
      access: ['admin', 'auditor', 'reviewer'],
      query: runListQuerySchema,
      success: { description: 'One page of cases', schema: runListSchema },
      handle: async ({ caller, query }) => {
        const { records, total } = await services.cases.list(query, caller.scope);
        return {
          items: records.map(toCaseSummary),
          total,
          page: query.page,
          pageSize: query.pageSize,
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/runs/:caseId',
      tag: 'Cases',
      summary: 'A case with its live state while running, or its saved trail once closed',
      access: ['admin', 'auditor', 'reviewer'],
      params: caseIdParamsSchema,
      success: { description: 'The case', schema: runDetailSchema },
      handle: ({ caller, params }) => describeRun(services, caller, params.caseId),
    }),
    defineRoute({
      method: 'post',
      path: '/api/runs/:caseId/cancel',
      tag: 'Cases',
      summary: 'Cancel a running case; its open tasks close as cancelled',
      access: ['admin'],
      params: caseIdParamsSchema,
      body: cancelRunSchema,
      success: { status: 202, description: 'Cancellation requested', schema: cancelledRunSchema },
      handle: ({ caller, params, body }) => cancelRun(services, caller, params.caseId, body.reason),
    }),
  ];
}
