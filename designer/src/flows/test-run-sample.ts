import {
  type ActivityCatalog,
  type FieldMap,
  type FieldSpec,
  findActivity,
  type JsonValue,
  type SAMPLE_VERDICTS,
} from '#flow-language';
import type { FlowDocument } from './flow-graph.ts';

export type ApprovalVerdict = (typeof SAMPLE_VERDICTS)[number];

/** What the test-run request answers for each node instead of calling anything (see api-contract). */
export interface TestRunScenario {
  caseInput: Record<string, JsonValue>;
  actions: Record<string, { output: JsonValue } | { error: string }>;
  approvals: Record<string, ApprovalVerdict>;
}

function sampleValue(spec: FieldSpec): JsonValue {
  if (spec.enum?.[0] !== undefined) return spec.enum[0];
  switch (spec.type) {
    case 'string':
      return '';
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return true;
    case 'date':
      return '2026-01-01T00:00:00Z';
    case 'object':
      return {};
    case 'array':
      return [];
  }
}

export function sampleObject(fields: FieldMap): Record<string, JsonValue> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, spec]) => [name, sampleValue(spec)]),
  );
}

/**
 * A starting scenario for the test-run panel: every input filled with a placeholder of its type,
 * every action answering with its declared output, every approval approving.
 */
export function sampleScenario(document: FlowDocument, catalog: ActivityCatalog): TestRunScenario {
  const actions: TestRunScenario['actions'] = {};
  const approvals: Record<string, ApprovalVerdict> = {};
  for (const node of document.nodes) {
    if (node.kind === 'action') {
      const activity = findActivity(catalog, node.activity);
      actions[node.id] = { output: activity ? sampleObject(activity.output) : {} };
    }
    if (node.kind === 'approval') approvals[node.id] = 'approve';
  }
  return { caseInput: sampleObject(document.inputs ?? {}), actions, approvals };
}
