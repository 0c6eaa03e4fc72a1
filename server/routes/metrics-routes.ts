import { metricsQuerySchema, metricsSchema } from '#api-contract/metrics';
import type { ApiServices } from '../api-services.ts';
import { type ApiRoute, defineRoute } from '../http/api-route.ts';
import { approvalTasksSince, caseMetrics } from '../metrics/case-metrics.ts';

export function metricsRoutes(services: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/metrics',
      tag: 'Metrics',
      summary:
        'Per flow and flow version: cases, auto-decided share, time to decision, SLA breaches, refunds, backlog; per reviewer: decisions',
      access: ['admin', 'auditor'],
      query: metricsQuerySchema,
      success: { description: 'Figures per flow', schema: metricsSchema },
      handle: ({ caller, query }) =>
        caseMetrics(
          { cases: services.cases, tasksSince: approvalTasksSince(services.database) },
          query,
          caller.scope,
        ),
    }),
  ];
}
