import type { DraftAnswer, FlowSummary } from '#api-contract/flows';
import { type ActivityCatalog, validateFlowDocument } from '#flow-language';
import type { FlowDraftRecord } from './flow-records.ts';
import type { FlowVersions } from './flow-versions.ts';

/** Every flow with its draft's state and latest published version; archived ones on request. */
export async function listFlows(
  flows: FlowVersions,
  catalog: ActivityCatalog,
  includeArchived: boolean,
): Promise<FlowSummary[]> {
  const [drafts, latest] = await Promise.all([flows.drafts(), flows.latestVersions()]);
  return drafts
    .filter((draft) => includeArchived || !draft.archivedAt)
    .map((draft) => {
      const version = latest.get(draft._id);
      const trigger = startTrigger(draft.document);
      return {
        key: draft._id,
        name: typeof draft.document.name === 'string' ? draft.document.name : draft._id,
        ...(trigger && { trigger }),
        draft: {
          savedAt: draft.savedAt.toISOString(),
          savedBy: draft.savedBy,
          issueCount: validateFlowDocument(draft.document, catalog).issues.length,
        },
        ...(version && {
          latestVersion: version.version,
          latestPublishedAt: version.publishedAt.toISOString(),
          latestPublishedBy: version.publishedBy,
        }),
        archived: draft.archivedAt !== undefined,
      };
    });
}

export function describeDraft(draft: FlowDraftRecord, catalog: ActivityCatalog): DraftAnswer {
  return {
    key: draft._id,
    document: { ...draft.document, key: draft._id },
    savedAt: draft.savedAt.toISOString(),
    savedBy: draft.savedBy,
    archived: draft.archivedAt !== undefined,
    issues: validateFlowDocument(draft.document, catalog).issues,
  };
}

// Read leniently: a draft is stored as the designer sent it and may not parse yet.
function startTrigger(document: FlowDraftRecord['document']): string | undefined {
  const nodes: unknown[] = Array.isArray(document.nodes) ? document.nodes : [];
  for (const node of nodes) {
    const { kind, trigger } = (node ?? {}) as { kind?: unknown; trigger?: unknown };
    if (kind === 'start' && typeof trigger === 'string') return trigger;
  }
  return undefined;
}
