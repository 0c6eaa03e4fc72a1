import type {
  ActivityCatalogAnswer,
  DraftAnswer,
  FlowList,
  FlowVersionAnswer,
  PendingPublication,
  PublishedAnswer,
  SavedDraftAnswer,
  TestRunAnswer,
  VersionList,
} from '#api-contract/flows';
import type { ActivityCatalog, FlowIssue } from '#flow-language';
import { api } from '../api/client.ts';
import type { FlowDocument } from './flow-graph.ts';
import type { TestRunScenario } from './test-run-sample.ts';

export type { FlowSummary, PendingPublication, VersionSummary } from '#api-contract/flows';
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
  async saveDraft(key: string, document: FlowDocument): Promise<FlowIssue[]> {
    const answer = await api.put<SavedDraftAnswer>(`/api/flows/${enc(key)}/draft`, document);
    return answer.issues;
  },
  async publish(key: string): Promise<number> {
    const answer = await api.post<PublishedAnswer>(`/api/flows/${enc(key)}/publish`);
    return answer.version;
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
