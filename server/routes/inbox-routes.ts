import { z } from 'zod';
import {
  decideTaskSchema,
  decisionTallySchema,
  delegateTaskSchema,
  inboxPageSchema,
  inboxQuerySchema,
  taskClaimSchema,
  taskDetailSchema,
  taskIdParamsSchema,
} from '#api-contract/inbox';
import type { ApiServices } from '../api-services.ts';
import { type ApiRoute, defineRoute } from '../http/api-route.ts';
import { claimTask, delegateTask, unclaimTask } from '../inbox/task-claims.ts';
import { decideTask } from '../inbox/task-decision.ts';
import { describeTask } from '../inbox/task-detail.ts';

const access = ['reviewer', 'admin', 'store-staff'] as const;
const tag = 'Inbox';

export function inboxRoutes(services: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/inbox',
      tag,
      summary: 'Open tasks for the caller: claimed or delegated (mine), by role or group, or all',
      access,
      query: inboxQuerySchema,
      success: { description: 'One page of tasks', schema: inboxPageSchema },
      handle: ({ caller, query }) => services.inbox.list(caller, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/tasks/:taskId',
      tag,
      summary: 'A task with its case input and the trail that brought it to a person',
      access,
      params: taskIdParamsSchema,
      success: { description: 'The task', schema: taskDetailSchema },
      handle: ({ caller, params }) => describeTask(services, caller, params.taskId),
    }),
    defineRoute({
      method: 'post',
      path: '/api/tasks/:taskId/claim',
      tag,
      summary: 'Claim a task; one claimed by someone else answers 409',
      access,
      params: taskIdParamsSchema,
      success: { description: 'The claim', schema: taskClaimSchema },
      handle: ({ caller, params }) => claimTask(services, caller, params.taskId),
    }),
    defineRoute({
      method: 'post',
      path: '/api/tasks/:taskId/unclaim',
      tag,
      summary: 'Release a claim (the holder, or an admin)',
      access,
      params: taskIdParamsSchema,
      success: { description: 'Released', schema: z.object({ released: z.boolean() }) },
      handle: ({ caller, params }) => unclaimTask(services, caller, params.taskId),
    }),
    defineRoute({
      method: 'post',
      path: '/api/tasks/:taskId/delegate',
      tag,
      summary: 'Hand a task to another user',
      access,
      params: taskIdParamsSchema,
      body: delegateTaskSchema,
      success: { description: 'The new claim', schema: taskClaimSchema },
      handle: ({ caller, params, body }) => delegateTask(services, caller, params.taskId, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/tasks/:taskId/decide',
      tag,
      summary:
        'Approve or reject; the engine’s refusal answers 409 decision_refused with its reason',
      access,
      params: taskIdParamsSchema,
      body: decideTaskSchema,
      success: { description: 'The task’s tally after the decision', schema: decisionTallySchema },
      handle: ({ caller, params, body }) => decideTask(services, caller, params.taskId, body),
    }),
  ];
}
