import { type Connection, Schema } from 'mongoose';
import { recordModel } from '#platform/database';
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

/**
 * What a person decided for a refund Amazon's records could not settle: it was paid (`done`),
 * it never reached Amazon (`not-sent`), or send it again (`resend`, then the sweeper sends it).
 */
export interface RefundResolution {
  action: 'done' | 'not-sent' | 'resend';
  by: string;
  note: string;
  at: Date;
}

export interface RefundIntentRecord {
  /** The refund id, e.g. RR-{caseId}; each line's MerchantAdjustmentItemID is `${_id}-{n}`. */
  _id: string;
  caseId: string;
  orderId: string;
  /** `${sellerId}:${marketplaceId}`: feeds and locks are per seller account and marketplace. */
  account: string;
  /** The configured account it was sent through; absent (older refunds): the default account. */
  accountId?: string;
  marketplaceId?: string;
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
  /** A person's answer to a refund that needed one (see RefundResolution). */
  resolution?: RefundResolution;
  workflowId?: string;
  activityId?: string;
  createdAt: Date;
  updatedAt: Date;
  /** How many transitions this document reflects; the transition log may be further ahead. */
  version?: number;
  history: RefundStateChange[];
}

const refundIntentSchema = new Schema<RefundIntentRecord>(
  {
    _id: { type: String, required: true },
    caseId: { type: String, required: true, index: true },
    orderId: { type: String, required: true, index: true },
    account: { type: String, required: true },
    accountId: String,
    marketplaceId: String,
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
    resolution: Schema.Types.Mixed,
    workflowId: String,
    activityId: String,
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    version: Number,
    history: {
      type: [{ _id: false, at: Date, state: String, note: String }],
      default: [],
    },
  },
  { collection: 'marketplace_refunds', versionKey: false },
);

export function refundIntentModel(connection: Connection) {
  return recordModel<RefundIntentRecord>(connection, 'MarketplaceRefund', refundIntentSchema);
}

export type RefundIntentModel = ReturnType<typeof refundIntentModel>;

/** Fields a transition may set besides the state; `unset` names fields it clears. */
export type RefundIntentChanges = Partial<
  Pick<
    RefundIntentRecord,
    'feedDocumentId' | 'submittingAt' | 'feedId' | 'candidateFeedIds' | 'outcome' | 'resolution'
  >
>;

/**
 * One step of a refund's state machine, stored under `${refundId}@${version}`. The unique `_id`
 * is the guard: of two writers taking the same step from the same version, one insert wins,
 * on FerretDB as on MongoDB. The intent document is a projection of these.
 */
export interface RefundTransitionRecord {
  _id: string;
  refundId: string;
  version: number;
  from: RefundState;
  to: RefundState;
  note: string;
  at: Date;
  set?: RefundIntentChanges;
  unset?: (keyof RefundIntentChanges)[];
}

const refundTransitionSchema = new Schema<RefundTransitionRecord>(
  {
    _id: { type: String, required: true },
    refundId: { type: String, required: true },
    version: { type: Number, required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
    note: { type: String, required: true },
    at: { type: Date, required: true },
    set: Schema.Types.Mixed,
    unset: { type: [String], default: undefined },
  },
  { collection: 'marketplace_refund_transitions', versionKey: false },
);

export function refundTransitionModel(connection: Connection) {
  return recordModel<RefundTransitionRecord>(
    connection,
    'MarketplaceRefundTransition',
    refundTransitionSchema,
  );
}

export type RefundTransitionModel = ReturnType<typeof refundTransitionModel>;

/** Which refund owns an Amazon feed: `_id` is the feed id, so a feed has one owner. */
export interface FeedOwnerRecord {
  _id: string;
  refundId: string;
  at: Date;
}

const feedOwnerSchema = new Schema<FeedOwnerRecord>(
  {
    _id: { type: String, required: true },
    refundId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'marketplace_feed_owners', versionKey: false },
);

export function feedOwnerModel(connection: Connection) {
  return recordModel<FeedOwnerRecord>(connection, 'MarketplaceFeedOwner', feedOwnerSchema);
}

export type FeedOwnerModel = ReturnType<typeof feedOwnerModel>;
