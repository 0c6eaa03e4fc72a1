import {
  type ActivityCatalog,
  type FlowIssue,
  parseFlowDefinition,
  validateFlow,
} from '#flow-language';
import type { FlowDocument } from './flow-graph.ts';

export interface ValidationReport {
  issues: FlowIssue[];
  byNode: Record<string, FlowIssue[]>;
}

/** The same checks the server runs on publish, so the designer never promises what it refuses. */
export function validateDocument(
  document: FlowDocument,
  catalog: ActivityCatalog,
): ValidationReport {
  const parsed = parseFlowDefinition(document);
  const issues = parsed.ok ? validateFlow(parsed.flow, catalog) : parsed.issues;
  return { issues, byNode: groupByNode(issues) };
}

export function groupByNode(issues: readonly FlowIssue[]): Record<string, FlowIssue[]> {
  const byNode: Record<string, FlowIssue[]> = {};
  for (const issue of issues) {
    if (issue.nodeId === undefined) continue;
    byNode[issue.nodeId] ??= [];
    byNode[issue.nodeId]?.push(issue);
  }
  return byNode;
}
