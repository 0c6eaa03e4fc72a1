import {
  auditCaseParamsSchema,
  auditLogPageSchema,
  auditLogQuerySchema,
  caseExportQuerySchema,
  caseTimelineSchema,
  chainVerdictSchema,
  replayVerdictSchema,
} from '#api-contract/audit';
import type { ApiServices } from '../api-services.ts';
import { type ApiRoute, defineRoute, FileReply } from '../http/api-route.ts';

const AUDITORS = ['auditor', 'admin'] as const;

export function auditRoutes(services: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/audit/cases/:caseId/timeline',
      tag: 'Audit',
      summary: 'A case’s business trail and Temporal history of every run, merged in time order',
      access: AUDITORS,
      params: auditCaseParamsSchema,
      success: { description: 'The case’s timeline', schema: caseTimelineSchema },
      handle: ({ caller, params }) => services.caseAudit.timeline(params.caseId, caller),
    }),
    defineRoute({
      method: 'get',
      path: '/api/audit/cases/:caseId/export',
      tag: 'Audit',
      summary: 'Download a case’s timeline as JSON or CSV; the export is itself audited',
      access: AUDITORS,
      params: auditCaseParamsSchema,
      query: caseExportQuerySchema,
      success: { description: 'The timeline file', files: ['application/json', 'text/csv'] },
      handle: async ({ caller, params, query }) => {
        const names = new Map((await services.users.list()).map((u) => [u._id, u.displayName]));
        const file = await services.caseAudit.export(params.caseId, query.format, caller, {
          language: query.lang,
          nameOf: (who) => names.get(who) ?? who,
        });
        return new FileReply(file.contentType, file.fileName, file.content);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/audit/cases/:caseId/verify-replay',
      tag: 'Audit',
      summary:
        'Replay the case’s recorded history against the current workflow code; a divergence is ok: false',
      access: AUDITORS,
      params: auditCaseParamsSchema,
      success: { description: 'The replay verdict', schema: replayVerdictSchema },
      handle: ({ caller, params }) => services.caseAudit.verifyReplay(params.caseId, caller),
    }),
    defineRoute({
      method: 'get',
      path: '/api/audit/log',
      tag: 'Audit',
      summary:
        'The audit log of human and admin actions, newest first, filtered by action, actor, person’s name or period; entries about cases outside the caller’s scope are left out',
      access: AUDITORS,
      query: auditLogQuerySchema,
      success: { description: 'One page of audit-log entries', schema: auditLogPageSchema },
      handle: async ({ caller, query }) => {
        const { entries, total } = await services.auditLog.search({
          action: query.action,
          actorId: query.actor,
          person: query.person,
          from: query.from,
          to: query.to,
          scope: caller.scope,
          page: query.page,
          pageSize: query.pageSize,
        });
        return { items: entries, total, page: query.page, pageSize: query.pageSize };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/audit/log/verify',
      tag: 'Audit',
      summary: 'Walk the audit log’s hash chain; names the first edited or missing entry',
      access: AUDITORS,
      success: { description: 'The chain verdict', schema: chainVerdictSchema },
      handle: () => services.auditLog.verify(),
    }),
  ];
}
