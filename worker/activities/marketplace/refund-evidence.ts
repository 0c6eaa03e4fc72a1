import { type Connection, Schema } from 'mongoose';
import { recordModel } from '#platform/database';

/** Amazon's records about a refund in doubt, as last read, for the person who resolves it. */
export interface RefundEvidence {
  /** The refund id. */
  _id: string;
  checkedAt: Date;
  feeds: { feedId: string; processingStatus: string; createdTime?: string }[];
  financialEvents: { kind: string; postedDate: string; orderItemId: string; buyerRefund: number }[];
}

const refundEvidenceSchema = new Schema<RefundEvidence>(
  {
    _id: { type: String, required: true },
    checkedAt: { type: Date, required: true },
    feeds: { type: Schema.Types.Mixed, default: [] },
    financialEvents: { type: Schema.Types.Mixed, default: [] },
  },
  { collection: 'marketplace_refund_evidence', versionKey: false },
);

export function refundEvidenceModel(connection: Connection) {
  return recordModel<RefundEvidence>(connection, 'MarketplaceRefundEvidence', refundEvidenceSchema);
}

export interface RefundEvidenceStore {
  save(evidence: RefundEvidence): Promise<void>;
  find(refundId: string): Promise<RefundEvidence | null>;
}

export function refundEvidenceStore(connection: Connection): RefundEvidenceStore {
  const model = refundEvidenceModel(connection);
  return {
    // A snapshot, not a guard: the newest reading replaces the last, whoever wrote it.
    async save({ _id, ...evidence }) {
      await model.replaceOne({ _id }, evidence, { upsert: true });
    },
    find: (refundId) => model.findById(refundId).lean<RefundEvidence>().exec(),
  };
}
