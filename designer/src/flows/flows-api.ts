import type { ActivityCatalog, FlowIssue, JsonValue } from '#flow-language';
import { api } from '../api/client.ts';
import type { FlowDocument } from './flow-graph.ts';
import type { TestRunScenario } from './test-run-sample.ts';

export interface FlowSummary {
  key: string;
  name: string;
  hasDraft: boolean;
  latestVersion?: number;
  archived: boolean;
}

export interface VersionSummary {
  version: number;
  publishedAt?: string;
  publishedBy?: string;
}

export interface RuleOutcome {
  nodeId: string;
  caseId?: string;
  result: JsonValue;
  error?: string;
}

export interface TestRunResult {
  nodeIds: string[];
  edgeIds: string[];
  rules: RuleOutcome[];
  outcome?: string;
}

type Loose = Record<string, unknown>;

const enc = encodeURIComponent;

function asRecord(value: unknown): Loose {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Loose)
    : {};
}

// Answers are read by field name and tolerate a wrapping object ({flows: [...]} or [...]), so the
// screens keep working while the API contract settles; see api-contract/flows.ts.
function listIn(answer: unknown, field: string): Loose[] {
  const list = Array.isArray(answer) ? answer : asRecord(answer)[field];
  return Array.isArray(list) ? list.map(asRecord) : [];
}

function documentIn(answer: unknown): FlowDocument {
  const record = asRecord(answer);
  if (Array.isArray(record.nodes)) return record as unknown as FlowDocument;
  const inner = record.flow ?? record.draft ?? record.document ?? record.definition;
  return documentIn(inner ?? { nodes: [] });
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function toSummary(item: Loose): FlowSummary {
  const latest = item.latestVersion ?? item.publishedVersion ?? item.version;
  return {
    key: String(item.key ?? item.flowKey ?? ''),
    name: String(item.name ?? item.key ?? ''),
    hasDraft: Boolean(item.hasDraft ?? item.draft ?? item.status === 'draft'),
    ...(typeof latest === 'number' && { latestVersion: latest }),
    archived: Boolean(item.archived ?? item.status === 'archived'),
  };
}

function toRuleOutcome(item: Loose): RuleOutcome {
  return {
    nodeId: String(item.nodeId ?? ''),
    ...(typeof item.caseId === 'string' && { caseId: item.caseId }),
    result: (item.result ?? item.value ?? null) as JsonValue,
    ...(typeof item.error === 'string' && { error: item.error }),
  };
}

function toTestRunResult(answer: unknown): TestRunResult {
  const record = asRecord(answer);
  const path = asRecord(record.path);
  const steps = listIn(record.path ?? record.steps, 'steps');
  return {
    nodeIds: stringList(path.nodeIds ?? record.nodeIds).concat(
      steps.flatMap((step) => (typeof step.nodeId === 'string' ? [step.nodeId] : [])),
    ),
    edgeIds: stringList(path.edgeIds ?? record.edgeIds).concat(
      steps.flatMap((step) => (typeof step.edgeId === 'string' ? [step.edgeId] : [])),
    ),
    rules: listIn(record.rules ?? record.ruleResults, 'rules').map(toRuleOutcome),
    ...(typeof record.outcome === 'string' && { outcome: record.outcome }),
  };
}

export const flowsApi = {
  async list(): Promise<FlowSummary[]> {
    return listIn(await api.get('/api/flows'), 'flows').map(toSummary);
  },
  async create(document: FlowDocument): Promise<void> {
    await api.post('/api/flows', document);
  },
  async draft(key: string): Promise<FlowDocument> {
    return documentIn(await api.get(`/api/flows/${enc(key)}/draft`));
  },
  async saveDraft(key: string, document: FlowDocument): Promise<FlowIssue[]> {
    const answer = asRecord(await api.put(`/api/flows/${enc(key)}/draft`, document));
    return Array.isArray(answer.issues) ? (answer.issues as FlowIssue[]) : [];
  },
  async publish(key: string): Promise<number | undefined> {
    const answer = asRecord(await api.post(`/api/flows/${enc(key)}/publish`));
    return typeof answer.version === 'number' ? answer.version : undefined;
  },
  async versions(key: string): Promise<VersionSummary[]> {
    return listIn(await api.get(`/api/flows/${enc(key)}/versions`), 'versions').map((item) => ({
      version: Number(item.version),
      ...(typeof item.publishedAt === 'string' && { publishedAt: item.publishedAt }),
      ...(typeof item.publishedBy === 'string' && { publishedBy: item.publishedBy }),
    }));
  },
  async version(key: string, version: number): Promise<FlowDocument> {
    return documentIn(await api.get(`/api/flows/${enc(key)}/versions/${version}`));
  },
  async archive(key: string): Promise<void> {
    await api.post(`/api/flows/${enc(key)}/archive`);
  },
  async testRun(key: string, scenario: TestRunScenario): Promise<TestRunResult> {
    return toTestRunResult(await api.post(`/api/flows/${enc(key)}/test-run`, scenario));
  },
  async catalog(): Promise<ActivityCatalog> {
    const answer = await api.get('/api/activity-catalog');
    return listIn(answer, 'activities') as unknown as ActivityCatalog;
  },
};
