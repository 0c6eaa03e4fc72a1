import { z } from 'zod';
import {
  activityCatalogSchema,
  archiveStateSchema,
  diffQuerySchema,
  draftBacktestRequestSchema,
  draftSchema,
  flowDiffSchema,
  flowDocumentSchema,
  flowIntakeSchema,
  flowKeyParamsSchema,
  flowListQuerySchema,
  flowListSchema,
  flowVersionParamsSchema,
  flowVersionSchema,
  pendingPublicationListSchema,
  publicationParamsSchema,
  publishedSchema,
  publishPreviewSchema,
  publishRequestSchema,
  savedDraftSchema,
  testRunRequestSchema,
  testRunSchema,
  validateRequestSchema,
  validationSchema,
  versionListSchema,
} from '#api-contract/flows';
import { changeInEnglish, flowWarnings, validateFlowDocument } from '#flow-language';
import type { ApiServices } from '../api-services.ts';
import { auditActor } from '../audit/audit-log.ts';
import { type ApiIdentity, isPerson } from '../auth/identity.ts';
import { requirePerson } from '../auth/person.ts';
import { backtestRoutes, backtestsOf } from '../backtests/backtest-routes.ts';
import { flowIntake } from '../flows/archive-intake.ts';
import { compareVersions } from '../flows/flow-comparison.ts';
import { describeDraft, listFlows } from '../flows/flow-listing.ts';
import type { FlowVersionRecord, PendingPublicationRecord } from '../flows/flow-records.ts';
import { testRunFlow } from '../flows/flow-test-run.ts';
import { DraftMoved, type SavedDraft } from '../flows/flow-versions.ts';
import { SecondAdminRequired } from '../flows/pending-publications.ts';
import { TriggerTaken } from '../flows/publish-conflicts.ts';
import {
  BacktestRequired,
  backtestDraft,
  type PublishGateDeps,
  publishFlow,
  publishPreview,
} from '../flows/publish-gate.ts';
import { ApiError } from '../http/api-errors.ts';
import { type ApiRoute, defineRoute } from '../http/api-route.ts';

const READERS = ['admin', 'reviewer', 'auditor'] as const;
const ADMINS = ['admin'] as const;
const TAG = 'Flows';

export function flowRoutes(services: ApiServices): ApiRoute[] {
  return [
    ...draftRoutes(services),
    ...versionRoutes(services),
    ...toolRoutes(services),
    ...backtestRoutes(services),
    ...safePublishingRoutes(services),
  ];
}

function draftRoutes(services: ApiServices): ApiRoute[] {
  const { flows, catalog } = services;
  const audited = auditing(services);
  return [
    defineRoute({
      method: 'get',
      path: '/api/flows',
      tag: TAG,
      summary: 'Flows with their draft state and latest version; archived ones with ?archived=true',
      access: READERS,
      query: flowListQuerySchema,
      success: { description: 'The flows', schema: flowListSchema },
      handle: async ({ query }) => ({ flows: await listFlows(flows, catalog, query.archived) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/flows',
      tag: TAG,
      summary: 'Create a flow as a draft (409 when the key is taken)',
      access: ADMINS,
      body: flowDocumentSchema,
      success: {
        status: 201,
        description: 'The saved draft and its problems',
        schema: savedDraftSchema,
      },
      handle: async ({ caller, body }) => {
        const saved = await flows.createDraft(body, caller.userId);
        await audited(caller, 'flow.created', saved.key, { issues: saved.issues.length });
        return savedAnswer(saved);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/flows/:flowKey/draft',
      tag: TAG,
      summary: 'The working copy of a flow, with the problems that would block publishing',
      access: READERS,
      params: flowKeyParamsSchema,
      success: { description: 'The draft', schema: draftSchema },
      handle: async ({ params, response }) => {
        const draft = await flows.draft(params.flowKey);
        const revision = draft.revision ?? 0;
        response.setHeader('ETag', draftETag(revision));
        return { ...describeDraft(draft, catalog), revision };
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/flows/:flowKey/draft',
      tag: TAG,
      summary:
        'Save the draft; it is kept even with problems, which are listed by node. With If-Match ' +
        '(the ETag of the draft it was based on), 409 draft_changed when it was saved since',
      access: ADMINS,
      params: flowKeyParamsSchema,
      body: flowDocumentSchema,
      success: { description: 'The saved draft and its problems', schema: savedDraftSchema },
      handle: async ({ caller, params, body, request, response }) => {
        requireKey(body, params.flowKey);
        await flows.draft(params.flowKey);
        const basedOn = basedOnRevision(request.get('if-match'));
        const saved = await flows.saveDraft(body, caller.userId, basedOn);
        await audited(caller, 'flow.draft-saved', saved.key, {
          issues: saved.issues.length,
          revision: saved.revision,
        });
        response.setHeader('ETag', draftETag(saved.revision));
        return savedAnswer(saved);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/flows/:flowKey/archive',
      tag: TAG,
      summary: 'Archive a flow: hidden, not publishable, never selected for new cases',
      access: ADMINS,
      params: flowKeyParamsSchema,
      success: { description: 'The flow is archived', schema: archiveStateSchema },
      handle: async ({ caller, params }) => {
        const draft = await flows.setArchived(params.flowKey, true);
        await audited(caller, 'flow.archived', params.flowKey);
        return { key: draft._id, archived: true, archivedAt: draft.archivedAt?.toISOString() };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/flows/:flowKey/unarchive',
      tag: TAG,
      summary: 'Bring an archived flow back: its latest version handles new cases again',
      access: ADMINS,
      params: flowKeyParamsSchema,
      success: { description: 'The flow is live again', schema: archiveStateSchema },
      handle: async ({ caller, params }) => {
        await flows.setArchived(params.flowKey, false);
        await audited(caller, 'flow.unarchived', params.flowKey);
        return { key: params.flowKey, archived: false };
      },
    }),
  ];
}

function versionRoutes(services: ApiServices): ApiRoute[] {
  const { flows } = services;
  const audited = auditing(services);
  return [
    defineRoute({
      method: 'post',
      path: '/api/flows/:flowKey/publish',
      tag: TAG,
      summary:
        'Publish the draft as an immutable version with a note (422 listing every problem by ' +
        'node; 409 trigger_taken when another live flow takes the same trigger and scope; 409 ' +
        'backtest_required/_unfinished/_outdated when a flow with past cases names no finished ' +
        'backtest of this draft)',
      access: ADMINS,
      params: flowKeyParamsSchema,
      body: publishRequestSchema,
      success: { description: 'The published version', schema: publishedSchema },
      handle: async ({ caller, params, body }) => {
        const told = { note: body.note, ...(body.backtestId && { backtestId: body.backtestId }) };
        const { published, changes } = await publishFlow(
          gateDeps(services),
          params.flowKey,
          caller.userId,
          {
            ...told,
            byPerson: isPerson(caller),
          },
        ).catch(async (error: unknown) => {
          if (error instanceof SecondAdminRequired) {
            await audited(caller, 'flow.publication-requested', params.flowKey, {
              publicationId: error.pending.contentHash,
              baseVersion: error.pending.baseVersion,
              weakenings: error.pending.weakenings.map(({ message, nodeId }) => ({
                nodeId,
                message,
              })),
              ...told,
            });
          }
          throw publishRefusal(error);
        });
        await audited(caller, 'flow.published', params.flowKey, {
          version: published.version,
          contentHash: published.contentHash,
          ...told,
          // Auditors read the log as text: the changes in English, worded from their codes.
          ...(changes.length > 0 && { changes: changes.map(changeInEnglish) }),
        });
        return versionSummary(published);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/flows/:flowKey/publications',
      tag: TAG,
      summary: 'Publications that weaken who approves, waiting for a second admin',
      access: READERS,
      params: flowKeyParamsSchema,
      success: { description: 'The waiting publications', schema: pendingPublicationListSchema },
      handle: async ({ params }) => ({
        publications: (await flows.pendingPublications(params.flowKey)).map(pendingSummary),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/flows/:flowKey/publications/:publicationId/confirm',
      tag: TAG,
      summary: 'A second admin (not the one who asked) publishes a version that weakens approvals',
      access: ADMINS,
      params: publicationParamsSchema,
      success: { description: 'The published version', schema: publishedSchema },
      handle: async ({ caller, params }) => {
        requirePerson(caller, 'confirm a publication that weakens who approves');
        const { published, request, changes } = await flows.confirmPublication(
          params.flowKey,
          params.publicationId,
          caller.userId,
        );
        await audited(caller, 'flow.published', params.flowKey, {
          version: published.version,
          contentHash: published.contentHash,
          requestedBy: request.requestedBy,
          confirmedBy: caller.userId,
          weakenings: request.weakenings.map(({ message, nodeId }) => ({ nodeId, message })),
          ...(request.note && { note: request.note }),
          ...(request.backtestId && { backtestId: request.backtestId }),
          ...(changes.length > 0 && { changes: changes.map(changeInEnglish) }),
        });
        return versionSummary(published);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/flows/:flowKey/versions',
      tag: TAG,
      summary: 'Published versions of a flow, oldest first',
      access: READERS,
      params: flowKeyParamsSchema,
      success: { description: 'The versions', schema: versionListSchema },
      handle: async ({ params }) => {
        await flows.draft(params.flowKey);
        return { versions: (await flows.versions(params.flowKey)).map(versionSummary) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/flows/:flowKey/versions/:version',
      tag: TAG,
      summary: 'One published version exactly as frozen, with its content hash',
      access: READERS,
      params: flowVersionParamsSchema,
      success: { description: 'The version', schema: flowVersionSchema },
      handle: async ({ params }) => {
        const record = await flows.get(params.flowKey, params.version);
        return { ...versionSummary(record), definition: record.definition };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/flows/:flowKey/diff',
      tag: TAG,
      summary: 'Nodes and edges added, removed or changed between versions, or up to the draft',
      access: READERS,
      params: flowKeyParamsSchema,
      query: diffQuerySchema,
      success: { description: 'The differences', schema: flowDiffSchema },
      handle: ({ params, query }) => compareVersions(flows, params.flowKey, query),
    }),
  ];
}

function toolRoutes(services: ApiServices): ApiRoute[] {
  const { flows, catalog } = services;
  return [
    defineRoute({
      method: 'post',
      path: '/api/flows/:flowKey/validate',
      tag: TAG,
      summary: 'Check a document (or the saved draft) and list its problems by node',
      access: ADMINS,
      params: flowKeyParamsSchema,
      body: validateRequestSchema,
      success: { description: 'The problems, if any', schema: validationSchema },
      handle: async ({ params, body }) => {
        requireKey(body.document, params.flowKey, 'document.key');
        const document = body.document ?? (await flows.draft(params.flowKey)).document;
        const { ok, issues, flow } = validateFlowDocument(document, catalog);
        return { valid: ok, issues: [...issues, ...(flow ? flowWarnings(flow) : [])] };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/flows/:flowKey/test-run',
      tag: TAG,
      summary: 'Run the draft against a sample case without side effects: the path and each rule',
      access: ADMINS,
      params: flowKeyParamsSchema,
      body: testRunRequestSchema,
      success: { description: 'The path taken and the rule results', schema: testRunSchema },
      handle: async ({ params, body }) => {
        requireKey(body.document, params.flowKey, 'document.key');
        return testRunFlow(flows, catalog, params.flowKey, body);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/activity-catalog',
      tag: TAG,
      summary: 'What action nodes may call: inputs, outputs and side effects',
      access: READERS,
      success: { description: 'The activity catalog', schema: activityCatalogSchema },
      handle: async () => ({ activities: [...catalog] }),
    }),
  ];
}

/** The publish dialog's routes: what publishing changes, its backtest, undoing, archiving. */
function safePublishingRoutes(services: ApiServices): ApiRoute[] {
  const { flows } = services;
  const audited = auditing(services);
  return [
    defineRoute({
      method: 'get',
      path: '/api/flows/:flowKey/publish-preview',
      tag: TAG,
      summary:
        'What publishing the draft changes against the live version, whether a backtest is ' +
        'required (the flow has past cases) and whether another live flow takes its trigger',
      access: ADMINS,
      params: flowKeyParamsSchema,
      success: { description: 'The preview', schema: publishPreviewSchema },
      handle: ({ params }) => publishPreview(gateDeps(services), params.flowKey),
    }),
    defineRoute({
      method: 'post',
      path: '/api/flows/:flowKey/draft/backtests',
      tag: TAG,
      summary:
        'Backtest the draft as it is now (range as for …/backtests), remembering its content so ' +
        'the backtest can clear publishing; follow it at GET …/backtests/:backtestId',
      access: ADMINS,
      params: flowKeyParamsSchema,
      body: draftBacktestRequestSchema,
      success: { status: 202, description: 'The backtest, running', schema: startedBacktest },
      handle: async ({ params, caller, body }) => {
        const record = await backtestDraft(
          gateDeps(services),
          params.flowKey,
          caller.userId,
          body.range,
        );
        return { backtestId: record._id, flowKey: record.flowKey, status: record.status };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/flows/:flowKey/versions/:version/restore',
      tag: TAG,
      summary:
        'Make a published version the draft again: a draft save (If-Match as for PUT …/draft, ' +
        '409 draft_changed when another admin saved since)',
      access: ADMINS,
      params: flowVersionParamsSchema,
      success: { description: 'The saved draft and its problems', schema: savedDraftSchema },
      handle: async ({ caller, params, request, response }) => {
        const basedOn = basedOnRevision(request.get('if-match'));
        const saved = await flows.restoreAsDraft(
          params.flowKey,
          params.version,
          caller.userId,
          basedOn,
        );
        await audited(caller, 'flow.version-restored', params.flowKey, {
          version: params.version,
          revision: saved.revision,
        });
        response.setHeader('ETag', draftETag(saved.revision));
        return savedAnswer(saved);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/flows/:flowKey/intake',
      tag: TAG,
      summary: 'How many cases the flow took in the last 30 days (asked before archiving it)',
      access: ADMINS,
      params: flowKeyParamsSchema,
      success: { description: 'Cases taken', schema: flowIntakeSchema },
      handle: async ({ params }) => {
        await flows.draft(params.flowKey);
        return flowIntake(services.database, params.flowKey);
      },
    }),
  ];
}

const startedBacktest = z.object({
  backtestId: z.string(),
  flowKey: z.string(),
  status: z.string(),
});

function gateDeps(services: ApiServices): PublishGateDeps {
  const backtests = backtestsOf(services);
  return {
    flows: services.flows,
    connection: services.database,
    backtest: (flowKey, backtestId) => backtests.get(flowKey, backtestId),
    startDraftBacktest: (flowKey, requestedBy, range) =>
      backtests.start(flowKey, range === undefined ? {} : { range }, requestedBy),
  };
}

/** The publish gate's refusals, with codes the designer branches on. */
function publishRefusal(error: unknown): unknown {
  if (error instanceof TriggerTaken) {
    return new ApiError(409, 'trigger_taken', error.message, undefined, {
      other: error.conflict,
    });
  }
  if (error instanceof BacktestRequired) return new ApiError(409, error.code, error.message);
  if (error instanceof DraftMoved) return new ApiError(409, 'conflict', error.message);
  return error;
}

/** A document sent to a flow's URL must be that flow: a mismatch is a client mistake. */
function requireKey(document: { key: string } | undefined, flowKey: string, path = 'key') {
  if (document === undefined || document.key === flowKey) return;
  throw new ApiError(400, 'invalid_request', 'The document key must match the flow in the URL', [
    { location: 'body', path, message: `Expected "${flowKey}"` },
  ]);
}

function auditing(services: ApiServices) {
  return (caller: ApiIdentity, action: string, key: string, details?: Record<string, unknown>) =>
    services.auditLog.record({
      actor: auditActor(caller),
      action,
      target: { kind: 'flow', id: key },
      ...(details && { details }),
    });
}

const savedAnswer = ({ key, savedAt, revision, issues }: SavedDraft) => ({
  key,
  savedAt: savedAt.toISOString(),
  revision,
  issues,
});

const draftETag = (revision: number) => `"${revision}"`;

/** The revision an `If-Match` names; none (or `*`) saves unconditionally. */
function basedOnRevision(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined || ifMatch.trim() === '*') return undefined;
  const revision = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(ifMatch)?.[1];
  if (revision !== undefined) return Number(revision);
  throw new ApiError(400, 'invalid_request', 'If-Match must be the ETag of the draft', [
    { location: 'header', path: ['if-match'], message: 'Expected an ETag such as "3"' },
  ]);
}

const versionSummary = (record: FlowVersionRecord) => ({
  key: record.key,
  version: record.version,
  contentHash: record.contentHash,
  publishedAt: record.publishedAt.toISOString(),
  publishedBy: record.publishedBy,
  ...(record.confirmedBy && { confirmedBy: record.confirmedBy }),
  ...(record.note && { note: record.note }),
  ...(record.backtestId && { backtestId: record.backtestId }),
});

const pendingSummary = (record: PendingPublicationRecord) => ({
  key: record.key,
  publicationId: record.contentHash,
  baseVersion: record.baseVersion,
  weakenings: record.weakenings,
  requestedBy: record.requestedBy,
  requestedAt: record.requestedAt.toISOString(),
});
