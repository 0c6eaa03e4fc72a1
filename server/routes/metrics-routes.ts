import { metricsQuerySchema, metricsSchema } from '#api-contract/metrics';
import type { ApiServices } from '../api-services.ts';
import { type ApiRoute, defineRoute } from '../http/api-route.ts';
import { caseMetrics } from '../metrics/case-metrics.ts';

export function metricsRoutes(services: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/metrics',
      tag: 'Metrics',
      summary: 'Per flow: cases, auto-decided share, time to decision, SLA breaches, refunds',
      access: ['admin', 'auditor'],
      query: metricsQuerySchema,
      success: { description: 'Figures per flow', schema: metricsSchema },
      handle: ({ caller, query }) => caseMetrics(services.cases, query, caller.scope),
    }),
  ];
}
