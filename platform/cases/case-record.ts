import { type Connection, Schema } from 'mongoose';
import { isDuplicateKey, recordModel } from '#platform/database';

export type CaseStatus = 'running' | 'completed' | 'failed' | 'cancelled';

/** Money per currency, e.g. `{ USD: 42.5 }`; a case may refund in more than one currency. */
export type AmountsByCurrency = Record<string, number>;

/**
 * The runs list's projection of a case. The server writes what the submission knew; the worker
 * completes it from the saved trail when the run ends. Lists, filters and metrics read this
 * without asking Temporal.
 */
export interface CaseRecord {
  /** The case id. */
  _id: string;
  workflowId: string;
  flowKey: string;
  flowVersion: number;
  trigger?: string;
  orderId?: string;
  requestedBy: string;
  brand?: string;
  marketplace?: string;
  store?: string;
  /** The case input as JSON text: requester-supplied keys never become stored field names. */
  inputJson?: string;
  submittedAt: Date;
  status: CaseStatus;
  outcome?: string;
  closedAt?: Date;
  /** `people` when any task was decided by a reviewer, else `rules`. */
  decidedBy?: 'rules' | 'people';
  slaBreaches?: number;
  refunded?: AmountsByCurrency;
  /** The marketplace account its Amazon steps went through; absent (older cases): the default. */
  account?: string;
}

const caseSchema = new Schema<CaseRecord>(
  {
    _id: { type: String, required: true },
    workflowId: { type: String, required: true },
    flowKey: { type: String, required: true, index: true },
    flowVersion: { type: Number, required: true },
    trigger: String,
    orderId: { type: String, index: true },
    requestedBy: { type: String, required: true },
    brand: String,
    marketplace: String,
    store: String,
    inputJson: String,
    submittedAt: { type: Date, required: true, index: true },
    status: { type: String, required: true, index: true },
    outcome: String,
    closedAt: Date,
    decidedBy: String,
    slaBreaches: Number,
    refunded: Schema.Types.Mixed,
    account: String,
  },
  { collection: 'cases', versionKey: false },
);

export function caseModel(connection: Connection) {
  return recordModel<CaseRecord>(connection, 'Case', caseSchema);
}

/**
 * Two upserts of one new `_id` can race (server submission and worker completion); the loser
 * gets a duplicate-key error and, the document now existing, succeeds as a plain update.
 */
export async function upsertRetryingOnce<Written>(write: () => Promise<Written>): Promise<Written> {
  try {
    return await write();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return await write();
  }
}
