import {
  CaseRecordIndex,
  type PastCase,
  type RecordedCall,
  type RecordedRule,
  type RecordedTask,
  type SubflowEnd,
} from './past-case.ts';

/**
 * What a backtest needs of one closed case, kept as one record written when the case closes:
 * its inputs and context, each activity's recorded result, each approval's decisions, each
 * subflow's end, the path and the edges it left by, and the rules it evaluated (without what
 * they read: only the replayed side's reads are shown). A few KB instead of ~80 trail lines.
 * Stored records are of either format, and stay as they were written.
 */
export type PastCaseRecord = PastCaseRecordFormat1 | PastCaseRecordFormat2;

interface RecordedCase {
  caseId: string;
  workflowId: string;
  flowVersion: number;
  status: PastCase['status'];
  outcome?: string;
  caseInput: Record<string, unknown>;
  caseContext: Record<string, unknown>;
  keepsResults: boolean;
  path: string[];
  handles: [string, string[]][];
  calls: [string, RecordedCall[]][];
  tasks: [string, RecordedTask[]][];
  subflows: [string, SubflowEnd][];
}

/** Records written before 2026-12-06: the rules as JSON values, parsed with the rest. */
interface PastCaseRecordFormat1 extends RecordedCase {
  format: 1;
  rules: [string, RecordedRule[]][];
}

/**
 * The rules as the JSON text of the same list, two thirds of a record: a backtest parses them
 * only for a case whose path diverges (CaseRecordIndex.rules).
 */
interface PastCaseRecordFormat2 extends RecordedCase {
  format: 2;
  rules: string;
}

/** The compact record of a case whose trail has been indexed (subflow ends included). */
export function pastCaseRecord(index: CaseRecordIndex): PastCaseRecordFormat2 {
  const { pastCase } = index;
  return {
    format: 2,
    caseId: pastCase.caseId,
    workflowId: pastCase.workflowId,
    flowVersion: pastCase.flowVersion,
    status: pastCase.status,
    ...(pastCase.outcome !== undefined && { outcome: pastCase.outcome }),
    caseInput: pastCase.caseInput,
    caseContext: pastCase.caseContext,
    keepsResults: index.keepsResults,
    path: index.path,
    handles: [...index.handles],
    rules: index.rulesText ?? JSON.stringify(recordedRules(index.rules)),
    calls: [...index.calls],
    tasks: [...index.tasks],
    subflows: [...index.subflows],
  };
}

/** The index a backtest walks, straight from a stored record (no trail to read). */
export function indexOfRecord(record: PastCaseRecord): CaseRecordIndex {
  const pastCase: PastCase = {
    caseId: record.caseId,
    workflowId: record.workflowId,
    flowVersion: record.flowVersion,
    status: record.status,
    ...(record.outcome !== undefined && { outcome: record.outcome }),
    caseInput: record.caseInput,
    caseContext: record.caseContext,
    trail: [],
  };
  const index = new CaseRecordIndex(pastCase, record.format === 2 ? record.rules : undefined);
  index.source = 'record';
  index.keepsResults = record.keepsResults;
  index.path.push(...record.path);
  for (const [nodeId, handles] of record.handles) index.handles.set(nodeId, handles);
  if (record.format === 1)
    for (const [nodeId, rules] of record.rules) index.rules.set(nodeId, rules);
  for (const [nodeId, calls] of record.calls) index.calls.set(nodeId, calls);
  for (const [nodeId, tasks] of record.tasks) index.tasks.set(nodeId, tasks);
  for (const [visit, end] of record.subflows) index.subflows.set(visit, end);
  return index;
}

function recordedRules(rules: Map<string, RecordedRule[]>): [string, RecordedRule[]][] {
  return [...rules].map(([nodeId, evaluated]) => [
    nodeId,
    evaluated.map(({ purpose, rule, result, error }) => ({
      purpose,
      rule,
      read: null,
      ...(result !== undefined && { result }),
      ...(error !== undefined && { error }),
    })),
  ]);
}
