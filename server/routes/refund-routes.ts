import { z } from 'zod';
import {
  refundNeedingAPersonSchema,
  refundResolutionSchema,
  refundsNeedingAPersonSchema,
} from '#api-contract/refunds';
import type { ApiServices } from '../api-services.ts';
import { type ApiRoute, defineRoute } from '../http/api-route.ts';
import { refundsNeedingAPerson, resolveRefund } from '../refunds/refunds-needing-a-person.ts';

export function refundRoutes(services: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/refunds/needing-a-person',
      tag: 'Refunds',
      summary: "Refunds Amazon's records did not settle, with what those records say",
      access: ['admin', 'auditor'],
      success: {
        description: 'Refunds in doubt, oldest first',
        schema: refundsNeedingAPersonSchema,
      },
      handle: async ({ caller }) => ({ refunds: await refundsNeedingAPerson(services, caller) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/refunds/:refundId/resolution',
      tag: 'Refunds',
      summary: 'Resolve a refund in doubt: done, not sent, or resend (audited)',
      access: ['admin'],
      params: z.object({ refundId: z.string().min(1).max(200) }),
      body: refundResolutionSchema,
      success: { description: 'The refund as resolved', schema: refundNeedingAPersonSchema },
      handle: ({ caller, params, body }) => resolveRefund(services, caller, params.refundId, body),
    }),
  ];
}
