import type {
  ActivityCatalogAnswer,
  DraftAnswer,
  DraftChangedAnswer,
  FlowIntakeAnswer,
  FlowList,
  FlowVersionAnswer,
  PendingPublication,
  PublishedAnswer,
  PublishPreviewAnswer,
  PublishRequestBody,
  SavedDraftAnswer,
  TestRunAnswer,
  VersionList,
} from '#api-contract/flows';
import type { ActivityCatalog, FlowIssue } from '#flow-language';
import { ApiRequestError, api, apiRequest } from '../api/client.ts';
import type { FlowDocument } from './flow-graph.ts';
import type { TestRunScenario } from './test-run-sample.ts';

export type {
  FlowIntakeAnswer,
  FlowSummary,
  PendingPublication,
  PublishPreviewAnswer,
  VersionSummary,
} from '#api-contract/flows';
export type FlowSummaries = FlowList['flows'];
export type VersionSummaries = VersionList['versions'];

/** The path a test run took, ready to paint: nodes entered in order and edges followed. */
export interface TestRunResult {
  nodeIds: string[];
  edgeIds: string[];
  rules: TestRunAnswer['rules'];
  status: TestRunAnswer['status'];
  outcome?: string;
  error?: string;
}

const enc = encodeURIComponent;

/** The draft as loaded, with the revision a save names as its base (`If-Match`). */
export interface LoadedDraft {
  document: FlowDocument;
  revision: number;
}

export type DraftChange = DraftChangedAnswer;

/** What a save refused as stale says about the draft saved since; undefined for other errors. */
export function draftChangeOf(error: unknown): DraftChange | undefined {
  if (!(error instanceof ApiRequestError) || error.code !== 'draft_changed') return undefined;
  return error.answer.draft as DraftChange;
}

// Documents travel as loose records in the contract; the flow language parses and names problems.
function asDocument(record: Record<string, unknown>): FlowDocument {
  return record as unknown as FlowDocument;
}

function toTestRunResult(answer: TestRunAnswer): TestRunResult {
  return {
    nodeIds: [...new Set(answer.steps.map((step) => step.nodeId))],
    edgeIds: answer.edgeIds,
    rules: answer.rules,
    status: answer.status,
    ...(answer.outcome !== undefined && { outcome: answer.outcome }),
    ...(answer.error !== undefined && { error: answer.error.message }),
  };
}

export const flowsApi = {
  async list(archived: boolean): Promise<FlowSummaries> {
    const answer = await api.get<FlowList>(`/api/flows?archived=${archived}`);
    return answer.flows;
  },
  async create(document: FlowDocument): Promise<void> {
    await api.post<SavedDraftAnswer>('/api/flows', document);
  },
  async draft(key: string): Promise<FlowDocument> {
    const answer = await api.get<DraftAnswer>(`/api/flows/${enc(key)}/draft`);
    return asDocument(answer.document);
  },
  async loadDraft(key: string): Promise<LoadedDraft> {
    const answer = await api.get<DraftAnswer>(`/api/flows/${enc(key)}/draft`);
    return { document: asDocument(answer.document), revision: answer.revision ?? 0 };
  },
  /** Refused with 409 draft_changed (see draftChangeOf) when the draft moved past `basedOn`. */
  async saveDraft(
    key: string,
    document: FlowDocument,
    basedOn: number,
  ): Promise<{ issues: FlowIssue[]; revision: number }> {
    const answer = await api.put<SavedDraftAnswer>(`/api/flows/${enc(key)}/draft`, document, {
      'if-match': `"${basedOn}"`,
    });
    return { issues: answer.issues, revision: answer.revision };
  },
  /** Refused 409 trigger_taken, backtest_required, backtest_unfinished or backtest_outdated. */
  async publish(key: string, request: PublishRequestBody): Promise<number> {
    const answer = await api.post<PublishedAnswer>(`/api/flows/${enc(key)}/publish`, request);
    return answer.version;
  },
  /** What publishing the saved draft would change, and what it must show first. */
  publishPreview(key: string): Promise<PublishPreviewAnswer> {
    return api.get<PublishPreviewAnswer>(`/api/flows/${enc(key)}/publish-preview`);
  },
  /** A backtest of the saved draft that, once done, clears the publish gate for this content. */
  async backtestDraft(key: string, range?: number | 'all'): Promise<string> {
    const path = `/api/flows/${enc(key)}/draft/backtests`;
    const answer = await api.post<{ backtestId: string }>(
      path,
      range === undefined ? {} : { range },
    );
    return answer.backtestId;
  },
  /** Makes a version the draft again, as a save based on `basedOn` (409 draft_changed). */
  async restoreAsDraft(key: string, version: number, basedOn: number): Promise<number> {
    const path = `/api/flows/${enc(key)}/versions/${version}/restore`;
    const answer = await apiRequest<SavedDraftAnswer>(
      'POST',
      path,
      {},
      {
        'if-match': `"${basedOn}"`,
      },
    );
    return answer.revision;
  },
  /** Cases the flow took in the last 30 days: what archiving it turns away. */
  intake(key: string): Promise<FlowIntakeAnswer> {
    return api.get<FlowIntakeAnswer>(`/api/flows/${enc(key)}/intake`);
  },
  /** Publications that weaken who approves, waiting for a second admin. */
  async pendingPublications(key: string): Promise<PendingPublication[]> {
    const answer = await api.get<{ publications: PendingPublication[] }>(
      `/api/flows/${enc(key)}/publications`,
    );
    return answer.publications;
  },
  async confirmPublication(key: string, publicationId: string): Promise<number> {
    const path = `/api/flows/${enc(key)}/publications/${enc(publicationId)}/confirm`;
    return (await api.post<PublishedAnswer>(path)).version;
  },
  async versions(key: string): Promise<VersionSummaries> {
    const answer = await api.get<VersionList>(`/api/flows/${enc(key)}/versions`);
    return answer.versions;
  },
  async version(key: string, version: number): Promise<FlowDocument> {
    const answer = await api.get<FlowVersionAnswer>(`/api/flows/${enc(key)}/versions/${version}`);
    return asDocument(answer.definition);
  },
  async archive(key: string): Promise<void> {
    await api.post(`/api/flows/${enc(key)}/archive`);
  },
  async unarchive(key: string): Promise<void> {
    await api.post(`/api/flows/${enc(key)}/unarchive`);
  },
  /** Runs the document as it is on the canvas, saved or not; nothing with side effects runs. */
  async testRun(
    key: string,
    document: FlowDocument,
    scenario: TestRunScenario,
  ): Promise<TestRunResult> {
    const answer = await api.post<TestRunAnswer>(`/api/flows/${enc(key)}/test-run`, {
      document,
      ...scenario,
    });
    return toTestRunResult(answer);
  },
  async catalog(): Promise<ActivityCatalog> {
    const answer = await api.get<ActivityCatalogAnswer>('/api/activity-catalog');
    return answer.activities as ActivityCatalog;
  },
};
