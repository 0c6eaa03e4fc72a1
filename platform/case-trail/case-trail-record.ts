import { type Connection, type mongo, Schema } from 'mongoose';
import type { ChainedTrailEvent } from '#flow-language';
import { recordModel } from '../database.ts';

/** Who the saved lines belong to: the same on every line of a run. */
export interface CaseTrailRun {
  workflowId: string;
  runId: string;
  caseId: string;
  flowKey: string;
  flowVersion: number;
}

/**
 * A run's trail lines as one save keeps them, beyond Temporal's history retention: the events
 * as the chain hashed them, in one field of JSON text. FerretDB v1's cost is per document and
 * per value it converts, so a closing case's 90 lines as one document cost a fraction of 90
 * documents; nothing queries inside the lines (readers go by `_id`, saved-trail.ts).
 */
export interface CaseTrailBatchRecord extends CaseTrailRun {
  /** `${workflowId}:${first line's sequence}`, the key a single event of that sequence had. */
  _id: string;
  firstSequence: number;
  lastSequence: number;
  /** ChainedTrailEvent[] as JSON, in sequence order. */
  lines: string;
}

/** One business-trail event per document, as runs saved their trail before batches. */
export interface CaseTrailEventRecord extends CaseTrailRun {
  _id: string;
  sequence: number;
  at: Date;
  type: string;
  nodeId?: string;
  actor?: string;
  details?: Record<string, unknown>;
  /** The trail's hash chain (flow-language/trail-chain.ts); absent on events saved before it. */
  previousHash?: string;
  hash?: string;
}

export type CaseTrailRecord = CaseTrailBatchRecord | CaseTrailEventRecord;

/** Where a run's part of the trail ends: its last event's sequence and chain hash. */
export interface CaseTrailHeadRecord {
  /** The run id: each run of a continue-as-new chain saves its trail once. */
  _id: string;
  workflowId: string;
  caseId: string;
  sequence: number;
  hash: string;
}

/**
 * Workflow and the first sequence a document holds: the same save repeated is one document,
 * and a reader finds the next document at the sequence after the last it read.
 */
export const trailRecordId = (workflowId: string, sequence: number) => `${workflowId}:${sequence}`;

export const CASE_TRAIL_COLLECTION = 'case_trail_events';

export function caseTrailCollection(connection: Connection): mongo.Collection<CaseTrailRecord> {
  return connection.collection<CaseTrailRecord>(CASE_TRAIL_COLLECTION);
}

export function trailBatchRecord(
  run: CaseTrailRun,
  chained: readonly ChainedTrailEvent[],
): CaseTrailBatchRecord {
  const first = chained[0]?.sequence ?? 0;
  return {
    ...run,
    _id: trailRecordId(run.workflowId, first),
    firstSequence: first,
    lastSequence: chained.at(-1)?.sequence ?? first,
    lines: JSON.stringify(chained),
  };
}

export const CASE_TRAIL_HEADS_COLLECTION = 'case_trail_heads';

export function caseTrailHeadCollection(
  connection: Connection,
): mongo.Collection<CaseTrailHeadRecord> {
  return connection.collection<CaseTrailHeadRecord>(CASE_TRAIL_HEADS_COLLECTION);
}

const caseTrailHeadSchema = new Schema<CaseTrailHeadRecord>(
  {
    _id: { type: String, required: true },
    workflowId: { type: String, required: true },
    caseId: { type: String, required: true },
    sequence: { type: Number, required: true },
    hash: { type: String, required: true },
  },
  { collection: CASE_TRAIL_HEADS_COLLECTION, versionKey: false },
);

export function caseTrailHeadModel(connection: Connection) {
  return recordModel<CaseTrailHeadRecord>(connection, 'CaseTrailHead', caseTrailHeadSchema);
}
