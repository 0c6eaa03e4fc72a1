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
  },
  { collection: 'case_trail_events', versionKey: false },
);

export function caseTrailEventModel(connection: Connection) {
  return connection.model<CaseTrailEventRecord>('CaseTrailEvent', caseTrailEventSchema, undefined, {
    overwriteModels: true,
  });
}
