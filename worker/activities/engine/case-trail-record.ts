import { type Connection, Schema } from 'mongoose';

/** One business-trail event, kept beyond Temporal's history retention for auditors. */
export interface CaseTrailEventRecord {
  _id: string;
  workflowId: string;
  runId: string;
  caseId: string;
  flowKey: string;
  flowVersion: number;
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

/** Where a run's part of the trail ends: its last event's sequence and chain hash. */
export interface CaseTrailHeadRecord {
  /** The run id: each run of a continue-as-new chain saves its trail once. */
  _id: string;
  workflowId: string;
  caseId: string;
  sequence: number;
  hash: string;
}

/** Workflow and sequence: the same event saved twice is one document. */
export const trailEventId = (workflowId: string, sequence: number) => `${workflowId}:${sequence}`;

const caseTrailEventSchema = new Schema<CaseTrailEventRecord>(
  {
    _id: { type: String, required: true },
    workflowId: { type: String, required: true, index: true },
    runId: { type: String, required: true },
    caseId: { type: String, required: true, index: true },
    flowKey: { type: String, required: true },
    flowVersion: { type: Number, required: true },
    sequence: { type: Number, required: true },
    at: { type: Date, required: true },
    type: { type: String, required: true },
    nodeId: String,
    actor: String,
    details: Schema.Types.Mixed,
    previousHash: String,
    hash: String,
  },
  // Not minimized: an empty object dropped on save would read back other than it was hashed.
  { collection: 'case_trail_events', versionKey: false, minimize: false },
);

export function caseTrailEventModel(connection: Connection) {
  return connection.model<CaseTrailEventRecord>('CaseTrailEvent', caseTrailEventSchema, undefined, {
    overwriteModels: true,
  });
}

const caseTrailHeadSchema = new Schema<CaseTrailHeadRecord>(
  {
    _id: { type: String, required: true },
    workflowId: { type: String, required: true },
    caseId: { type: String, required: true },
    sequence: { type: Number, required: true },
    hash: { type: String, required: true },
  },
  { collection: 'case_trail_heads', versionKey: false },
);

export function caseTrailHeadModel(connection: Connection) {
  return connection.model<CaseTrailHeadRecord>('CaseTrailHead', caseTrailHeadSchema, undefined, {
    overwriteModels: true,
  });
}
