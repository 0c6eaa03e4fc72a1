import { z } from 'zod';
import type { ApiServices } from '../api-services.ts';
import { notFound } from '../http/api-errors.ts';
import { type ApiRoute, defineRoute } from '../http/api-route.ts';
import {
  describeSystemCheck,
  startSystemCheck,
  systemCheckRequestSchema,
  systemCheckStatusSchema,
} from '../system-checks/system-checks.ts';

export function systemCheckRoutes({ temporal, taskQueue }: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/system-checks',
      tag: 'System',
      summary: 'Start a workflow that proves worker, Temporal and database work together',
      access: ['admin'],
      body: systemCheckRequestSchema,
      success: { status: 202, description: 'Started', schema: systemCheckStatusSchema },
      handle: ({ body }) => startSystemCheck(temporal, taskQueue, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/system-checks/:checkId',
      tag: 'System',
      summary: 'Status and result of a system check',
      access: ['admin'],
      params: z.object({ checkId: z.uuid() }),
      success: { description: 'The check', schema: systemCheckStatusSchema },
      handle: async ({ params }) => {
        const status = await describeSystemCheck(temporal, params.checkId);
        if (!status) throw notFound('system check');
        return status;
      },
    }),
  ];
}
