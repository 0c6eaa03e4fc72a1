import { type Connection, Schema } from 'mongoose';
import { recordModel } from '#platform/database';

/** One closed run's Temporal history, kept so audits outlive Temporal's retention. */
export interface CaseHistoryRecord {
  /** The run id: one run is archived once. */
  _id: string;
  workflowId: string;
  caseId: string;
  /** `historyToJSON` output: the only form `historyFromJSON` and replay accept. */
  history: string;
  /** `historyDigest(history)` when archived. */
  sha256: string;
  closedAt: Date;
  archivedAt: Date;
}

const caseHistorySchema = new Schema<CaseHistoryRecord>(
  {
    _id: { type: String, required: true },
    workflowId: { type: String, required: true, index: true },
    caseId: { type: String, required: true },
    history: { type: String, required: true },
    sha256: { type: String, required: true },
    closedAt: { type: Date, required: true },
    archivedAt: { type: Date, required: true },
  },
  { collection: 'case_histories', versionKey: false },
);

export function caseHistoryModel(connection: Connection) {
  return recordModel<CaseHistoryRecord>(connection, 'CaseHistory', caseHistorySchema);
}
