import type { ActivityCatalog } from './activity-catalog.ts';
import {
  checkActivities,
  checkNameConflicts,
  checkRules,
  checkSetTargets,
  checkVariableInitials,
} from './checks-data.ts';
import {
  checkDecisionCases,
  checkDuplicateHandles,
  checkEndHasNoOutgoing,
  checkJoinIncoming,
  checkParallelBranches,
  checkRequiredEdges,
  checkUnexpectedHandles,
} from './checks-edges.ts';
import { checkCycles, checkPathToEnd, checkReachability } from './checks-graph.ts';
import { checkRecordFieldsSet, checkRecordInputs } from './checks-record-inputs.ts';
import {
  checkEdgeEndpoints,
  checkStartCount,
  checkStartTrigger,
  checkUniqueIds,
} from './checks-structure.ts';
import { checkTaskData } from './checks-task-data.ts';
import type { FlowIssue } from './issues.ts';
import { parseFlowDefinition } from './parse.ts';
import { checkPiiNames, checkPiiRules } from './pii.ts';
import type { FlowDefinition } from './schema.ts';
import { buildContext, type Check } from './validation-context.ts';

/** One function per rule; each reports under its own stable code (see ISSUE). */
const CHECKS: readonly Check[] = [
  checkUniqueIds,
  checkStartCount,
  checkStartTrigger,
  checkEdgeEndpoints,
  checkRequiredEdges,
  checkUnexpectedHandles,
  checkDuplicateHandles,
  checkEndHasNoOutgoing,
  checkDecisionCases,
  checkParallelBranches,
  checkJoinIncoming,
  checkReachability,
  checkPathToEnd,
  checkCycles,
  checkActivities,
  checkRecordInputs,
  checkRecordFieldsSet,
  checkRules,
  checkSetTargets,
  checkNameConflicts,
  checkVariableInitials,
  checkPiiRules,
  checkTaskData,
];

/** Checks a parsed flow against the language rules and the activity catalog; [] means valid. */
export function validateFlow(flow: FlowDefinition, catalog: ActivityCatalog): FlowIssue[] {
  const context = buildContext(flow, catalog);
  return CHECKS.flatMap((check) => check(context));
}

/** Advice that does not block publishing (severity "warning"), e.g. buyer data not marked pii. */
export function flowWarnings(flow: FlowDefinition): FlowIssue[] {
  return checkPiiNames({ flow });
}

export type FlowDocumentResult =
  | { ok: true; flow: FlowDefinition; issues: [] }
  | { ok: false; flow?: FlowDefinition; issues: FlowIssue[] };

/** Parse then validate, for callers holding JSON (API requests, designer saves). */
export function validateFlowDocument(json: unknown, catalog: ActivityCatalog): FlowDocumentResult {
  const parsed = parseFlowDefinition(json);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  const issues = validateFlow(parsed.flow, catalog);
  if (issues.length > 0) return { ok: false, flow: parsed.flow, issues };
  return { ok: true, flow: parsed.flow, issues: [] };
}
