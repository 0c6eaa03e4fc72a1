import type { Connection, mongo } from 'mongoose';
import {
  CaseRecordIndex,
  type PastCaseRecord,
  type PastTrailEvent,
  pastCaseRecord,
  type SubflowEnd,
  subflowCalls,
  subflowEnd,
} from '#flow-language';
import type { SavedTrailLine } from '#platform/case-trail/saved-trail';
import type { CaseRecord } from '#platform/cases/case-record';
import { insertMissing } from '#platform/database';

/**
 * One compact record per closed case, for backtests: a collection per flow key, read whole
 * without a filter (FerretDB v1 decodes every document of a collection for any filter but an
 * exact `_id`, so a shared collection would cost every other flow's cases too). The record
 * itself is JSON text: one field to decode, and requester-supplied keys never become field names.
 */
export interface PastCaseDocument {
  /** The case id. */
  _id: string;
  workflowId: string;
  flowVersion: number;
  status: string;
  submittedAt: Date;
  brand?: string;
  marketplace?: string;
  store?: string;
  /** A PastCaseRecord (flow-language/backtest/past-case-record.ts) as JSON. */
  record: string;
}

/**
 * Past-case records packed by compaction (server/backtests/past-case-compaction.ts), one
 * document per bucket in a second collection per flow key: FerretDB v1's cost is mostly per
 * document, so one document of many records reads several times faster than as many singles.
 * Never changed once inserted: its `_id` is derived from the case ids it holds.
 */
export interface PastCaseBucketDocument {
  _id: string;
  /** How many records the bucket holds. */
  count: number;
  /**
   * PastCaseBucketEntry[] as JSON, deflated (server/backtests/past-case-buckets.ts): one field
   * to decode for all of them, and a twentieth of the bytes for FerretDB to read.
   */
  deflated?: mongo.Binary;
  /** Buckets packed before `deflated`: PastCaseBucketEntry[] as JSON text. */
  records?: string;
}

/** A single record as a bucket keeps it: what the reader filters on, and the record itself. */
export interface PastCaseBucketEntry {
  submittedAt: string;
  brand?: string;
  marketplace?: string;
  store?: string;
  record: PastCaseRecord;
}

/**
 * Inserted once per flow key when a backtest found every closed case of the flow with a
 * record: from then on each case keeps its record as it closes, so backtests no longer scan
 * the case projections for cases without one.
 */
export interface PastCaseCoverageDocument {
  _id: string;
  checkedAt: Date;
}

/** How a subflow's run ended, under the child's workflow id: its parent's record reads it. */
export interface SubflowEndDocument {
  _id: string;
  end: SubflowEnd;
}

export const pastCasesCollection = (flowKey: string) => `past_cases_${flowKey}`;
export const pastCaseBucketsCollection = (flowKey: string) => `past_case_buckets_${flowKey}`;
export const SUBFLOW_ENDS = 'past_subflow_ends';
export const PAST_CASE_COVERAGE = 'past_case_coverage';

export function pastCaseCollection(connection: Connection, flowKey: string) {
  return connection.collection<PastCaseDocument>(pastCasesCollection(flowKey));
}

export function pastCaseBucketCollection(connection: Connection, flowKey: string) {
  return connection.collection<PastCaseBucketDocument>(pastCaseBucketsCollection(flowKey));
}

export function pastCaseCoverageCollection(connection: Connection) {
  return connection.collection<PastCaseCoverageDocument>(PAST_CASE_COVERAGE);
}

/** Notes that every closed case of the flow has its record (see PastCaseCoverageDocument). */
export async function noteRecordsCoverFlow(connection: Connection, flowKey: string): Promise<void> {
  await insertMissing(pastCaseCoverageCollection(connection), [
    { _id: flowKey, checkedAt: new Date() },
  ]);
}

export function subflowEndCollection(connection: Connection) {
  return connection.collection<SubflowEndDocument>(SUBFLOW_ENDS);
}

interface ClosedRun {
  workflowId: string;
  caseId: string;
  flowKey: string;
  flowVersion: number;
}

/**
 * Written when a run closes, from its whole trail. A subflow's run leaves its end for its
 * parent (a unique insert: the end of a closed run never changes); a case's own run leaves its
 * record, with its subflows' ends read by `_id`.
 */
export async function keepClosedRun(
  connection: Connection,
  run: ClosedRun,
  trail: readonly SavedTrailLine[],
  caseRecord: CaseRecord | null,
): Promise<void> {
  const lines = trail.map(pastTrailLine);
  if (run.workflowId.includes('/')) {
    const end = lines.map(subflowEnd).find((found) => found !== undefined);
    if (end) await insertMissing(subflowEndCollection(connection), [{ _id: run.workflowId, end }]);
    return;
  }
  // Runs started outside the API (tests, scripts) have no recorded input to walk again.
  if (
    !caseRecord?.inputJson ||
    (caseRecord.status !== 'completed' && caseRecord.status !== 'failed')
  )
    return;
  const index = new CaseRecordIndex({
    caseId: run.caseId,
    workflowId: run.workflowId,
    flowVersion: run.flowVersion,
    status: caseRecord.status,
    ...(caseRecord.outcome !== undefined && { outcome: caseRecord.outcome }),
    caseInput: JSON.parse(caseRecord.inputJson),
    caseContext: caseContextOf(caseRecord),
    trail: lines,
  });
  const ends = subflowEndCollection(connection);
  for (const call of subflowCalls(lines, run.workflowId)) {
    const child = await ends.findOne({ _id: `${run.workflowId}/${call}` });
    if (child) index.subflows.set(call, child.end);
  }
  await keepPastCase(connection, run.flowKey, pastCaseDocument(index, caseRecord));
}

/** The record of a closed case, from its indexed trail and its projection. */
export function pastCaseDocument(index: CaseRecordIndex, caseRecord: CaseRecord): PastCaseDocument {
  const { pastCase } = index;
  return {
    _id: pastCase.caseId,
    workflowId: pastCase.workflowId,
    flowVersion: pastCase.flowVersion,
    status: pastCase.status,
    submittedAt: caseRecord.submittedAt,
    ...(caseRecord.brand && { brand: caseRecord.brand }),
    ...(caseRecord.marketplace && { marketplace: caseRecord.marketplace }),
    ...(caseRecord.store && { store: caseRecord.store }),
    record: JSON.stringify(pastCaseRecord(index)),
  };
}

/**
 * A unique insert: a closed case's record never changes (a retried close writes the same one),
 * so compaction may copy it into a bucket and delete it without losing a later write.
 */
export async function keepPastCase(
  connection: Connection,
  flowKey: string,
  document: PastCaseDocument,
): Promise<void> {
  await insertMissing(pastCaseCollection(connection, flowKey), [document]);
}

/** The case context a run's rules read, as the submission recorded it. */
export function caseContextOf(record: CaseRecord): Record<string, unknown> {
  return {
    id: record._id,
    requestedBy: record.requestedBy,
    startedAt: record.submittedAt.toISOString(),
    ...(record.brand && { brand: record.brand }),
    ...(record.marketplace && { marketplace: record.marketplace }),
    ...(record.store && { store: record.store }),
  };
}

export function pastTrailLine(event: SavedTrailLine): PastTrailEvent {
  return {
    workflowId: event.workflowId,
    sequence: event.sequence,
    at: event.at,
    type: event.type,
    ...(event.nodeId !== undefined && { nodeId: event.nodeId }),
    ...(event.actor !== undefined && { actor: event.actor }),
    ...(event.details !== undefined && { details: event.details }),
  };
}
