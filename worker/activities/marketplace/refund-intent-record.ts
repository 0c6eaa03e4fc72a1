import { type Connection, Schema } from 'mongoose';
import type { AdjustmentLine } from './adjustment-feed.ts';

/**
 * prepared   → validated and capped, nothing sent to Amazon yet
 * submitting → createFeed is (or was) in flight; its answer may be lost, so never resubmit
 *              before reconciling against Amazon's feed list
 * submitted  → Amazon accepted the feed (feedId known); only ever poll it
 * done | failed → the processing report's verdict
 * needs-review → Amazon's records cannot tell whether money moved; a person decides
 */
export type RefundState =
  | 'prepared'
  | 'submitting'
  | 'submitted'
  | 'done'
  | 'failed'
  | 'needs-review';

export interface RefundStateChange {
  at: Date;
  state: RefundState;
  note: string;
}

export interface RefundIntentRecord {
  /** The refund id, e.g. RR-{caseId}; each line's MerchantAdjustmentItemID is `${_id}-{n}`. */
  _id: string;
  caseId: string;
  orderId: string;
  /** `${sellerId}:${marketplaceId}`: feeds and locks are per seller account and marketplace. */
  account: string;
  currency: string;
  reason: string;
  lines: AdjustmentLine[];
  /** Hash of the request, so a reused refund id with different amounts is refused. */
  fingerprint: string;
  state: RefundState;
  feedDocumentId?: string;
  submittingAt?: Date;
  feedId?: string;
  /** Unattributable feeds found while reconciling; kept so later reconciliations skip them. */
  candidateFeedIds?: string[];
  outcome?: string;
  workflowId?: string;
  activityId?: string;
  createdAt: Date;
  updatedAt: Date;
  history: RefundStateChange[];
}

const refundIntentSchema = new Schema<RefundIntentRecord>(
  {
    _id: { type: String, required: true },
    caseId: { type: String, required: true, index: true },
    orderId: { type: String, required: true, index: true },
    account: { type: String, required: true },
    currency: { type: String, required: true },
    reason: { type: String, required: true },
    lines: {
      type: [
        {
          _id: false,
          adjustmentItemId: String,
          orderItemId: String,
          // Cents per component type; Mixed keeps the sparse map as given.
          components: Schema.Types.Mixed,
        },
      ],
      required: true,
    },
    fingerprint: { type: String, required: true },
    state: { type: String, required: true, index: true },
    feedDocumentId: String,
    submittingAt: Date,
    feedId: { type: String, index: true },
    candidateFeedIds: { type: [String], default: undefined },
    outcome: String,
    workflowId: String,
    activityId: String,
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    history: {
      type: [{ _id: false, at: Date, state: String, note: String }],
      default: [],
    },
  },
  { collection: 'marketplace_refunds', versionKey: false },
);

export function refundIntentModel(connection: Connection) {
  return connection.model<RefundIntentRecord>('MarketplaceRefund', refundIntentSchema, undefined, {
    overwriteModels: true,
  });
}

export type RefundIntentModel = ReturnType<typeof refundIntentModel>;
